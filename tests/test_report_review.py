"""Reviewing a report figure: corrections are validated, typed periods made canonical."""
import math

import pytest
from sqlalchemy import select

from db.engine import session_factory, transaction
from db.errors import UserError
from db.models import ReportFact
from etl.reports import accept_fact, load_reports
from tests.test_upload_flow import counts, value_of


@pytest.fixture
def report_fact(demo_backend, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("2026年上半年，大刘庄村集体经济收入达到4.2万元。", encoding="utf-8")
    load_reports(demo_backend.engine, [p], township="示范乡")
    with session_factory(demo_backend.engine)() as s:
        return s.scalar(select(ReportFact.id).where(ReportFact.value == 42000))


@pytest.mark.parametrize("changes,message", [({"value": -5}, "不小于0"), ({"value": math.inf}, "不小于0"),
                                             ({"period": "2026Q9"}, "格式不对"), ({"period": "上半年"}, "格式不对")])
def test_corrections_are_validated(demo_backend, report_fact, changes, message):
    before = counts(demo_backend.engine)
    with pytest.raises(UserError, match=message):
        with transaction(demo_backend.engine) as s:
            accept_fact(s, report_fact, **changes)
    assert counts(demo_backend.engine) == before


def test_a_typed_period_is_made_canonical(demo_backend, report_fact):
    with transaction(demo_backend.engine) as s:
        accept_fact(s, report_fact, period=" 2026 q3 ")
    assert value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3") == 42000
