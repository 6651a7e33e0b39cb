"""Unit mistakes are errors (issue 17): a figure 100× or more off its village's last year or the
township median is refused, suggesting the unit, unless an admin confirms; blanks are 将记为未报送."""
from __future__ import annotations

import pytest

from db.errors import PermissionDenied, UserError
from db.users import LOCAL_OPERATOR, Principal
from etl.upload import import_file, preview_file
from tests.test_upload_flow import value_of

# 大刘庄村's income a year earlier (2025Q3) is a few 万元: 68000 in a 万元 column is 6.8亿元
WRONG = "示范乡2026年第三季度\n村名,集体经济收入（万元）,培训人次（人次）\n大刘庄村,68000,\n".encode()


def test_68000_in_a_wan_column_is_refused_with_the_unit_suggested(demo_backend):
    plan = preview_file(demo_backend.engine, WRONG, "wrong.csv")
    assert plan.errors, plan.problems
    message = str(plan.errors[0])
    assert "第3行" in message and "大刘庄村" in message and "是不是填成了元" in message
    before = value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3")
    with pytest.raises(UserError, match="是不是填成了元"):
        import_file(demo_backend.engine, WRONG, "wrong.csv", confirm_warnings=True)
    assert value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3") == before


def test_an_admin_may_confirm_it(demo_backend):
    plan = preview_file(demo_backend.engine, WRONG, "wrong.csv", unit_override=True)
    assert not plan.errors and any("相差" in str(w) for w in plan.warnings)
    result = import_file(demo_backend.engine, WRONG, "wrong.csv", confirm_warnings=True, unit_override=True)
    assert result.committed
    assert value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3") == 680_000_000
    with pytest.raises(PermissionDenied):
        preview_file(demo_backend.engine, WRONG, "wrong.csv", unit_override=True,
                     principal=Principal("文书", "clerk"))


def test_a_blank_indicator_is_listed_as_not_reported(demo_backend):
    plan = preview_file(demo_backend.engine, WRONG, "wrong.csv", principal=LOCAL_OPERATOR)
    assert plan.blanks == [(3, "大刘庄村", "training_attendance")] and plan.n_blanks == 1


def test_eight_times_off_is_still_only_a_warning(demo_backend):
    data = "示范乡2026年第三季度\n村名,集体经济收入（万元）\n大刘庄村,60\n".encode()  # ~10× its last year
    plan = preview_file(demo_backend.engine, data, "x.csv")
    assert not plan.errors and any("请确认单位" in str(w) for w in plan.warnings)
