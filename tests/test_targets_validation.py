"""Targets that are no numbers are refused."""
import math

import pytest

from db.engine import transaction
from db.errors import UserError
from db.store import set_target, township_by_name


@pytest.mark.parametrize("indicator,value", [("collective_income", math.inf), ("collective_income", math.nan),
                                             ("collective_income_growth_pct", 10), ("new_members", 2.5)])
def test_invalid_targets_are_refused(demo_backend, indicator, value):
    with pytest.raises(UserError):
        with transaction(demo_backend.engine) as s:
            set_target(s, org=township_by_name(s, "示范乡"), indicator=indicator, year=2027, value=value, user="t")
