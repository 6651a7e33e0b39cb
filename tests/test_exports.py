"""The upload template carries no formula."""
import io

import openpyxl

from db.engine import session_factory
from etl.exports import template_xlsx


def test_template_never_carries_a_formula(two_towns):
    with session_factory(two_towns)() as s:
        data = template_xlsx(s, "新河镇", "2027Q1")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    names = [ws.cell(r, 1).value for r in range(4, 6)]
    assert "'=HYPERLINK(\"http://x\",\"点此\")" in names
    assert all(ws.cell(r, 1).data_type != "f" for r in range(1, ws.max_row + 1))
