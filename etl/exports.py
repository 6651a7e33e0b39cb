"""Files zhibiao writes: the upload template and the export of every stored figure."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy.orm import Session

from db.queries import all_observations, villages
from db.store import township_by_name
from etl.upload_rules import TEMPLATE_HEADERS
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import QUARTER_NAMES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def template_headers() -> list[str]:
    return ["村名"] + [TEMPLATE_HEADERS[i.code] for i in TRACKED]


def template_xlsx(session: Session, township: str | None = None, period: str | None = None,
                  only: frozenset[int] | set[int] | None = None) -> bytes:
    """The upload template: villages filled in (a clerk's own only), a period cell, one column per indicator."""
    import xlsxwriter

    town = township_by_name(session, township) if township else None
    names = [v[1] for v in villages(session, town.id) if only is None or v[0] in only] if town else []
    buf = io.BytesIO()
    # Village names are untrusted: never let a cell become a formula.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("季度报表")
    bold = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#f2f2f2", "border": 1, "text_wrap": True})
    headers = template_headers()
    town_name = town.name if town else ""
    title = f"{town_name}村级重点指标统计表（累计数）"
    if period:
        year, q = int(period[:4]), int(period[-1])
        title = f"{town_name}{year}年{QUARTER_NAMES[q]}村级重点指标统计表（累计数）"
    ws.merge_range(0, 0, 0, len(headers) - 1, title, bold)
    ws.write(1, 0, "期间")
    ws.write(1, 1, period or "")
    ws.write_comment(1, 1, "写成年份加季度，例如 2025 年第三季度写 2025Q3。\n"
                           "数字填年初至本季度末的累计数；没有数据的留空，不要填 0。", {"x_scale": 2, "y_scale": 1.5})
    ws.write_row(2, 0, headers, head)
    for i, name in enumerate(names):
        ws.write_string(3 + i, 0, neutralise(name))
    last = max(3 + len(names) + 50, 60)
    ws.data_validation(3, 1, last, 1, {"validate": "decimal", "criteria": ">=", "value": 0,
                                       "error_title": "数值不对", "error_message": "集体经济收入（万元）应为不小于0的数字"})
    for col in range(2, len(headers)):
        ws.data_validation(3, col, last, col, {"validate": "integer", "criteria": ">=", "value": 0,
                                               "error_title": "数值不对", "error_message": "应为不小于0的整数"})
    ws.set_column(0, 0, 14)
    ws.set_column(1, len(headers) - 1, 16)
    ws.freeze_panes(3, 1)
    wb.close()
    return buf.getvalue()


EXPORT_FIELDS = ("township", "village", "indicator", "period", "value", "source")
EXPORT_HEADERS = {"township": "乡镇", "village": "村", "indicator": "指标", "period": "期间", "value": "数值（基本单位）",
                  "source": "来源"}


def export_observations(session: Session, fmt: str) -> bytes:
    rows = all_observations(session)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([EXPORT_HEADERS[f] for f in EXPORT_FIELDS] + ["指标名称", "单位"])
        for r in rows:
            ind = INDICATOR_BY_CODE[r["indicator"]]
            w.writerow([neutralise(r[f]) for f in EXPORT_FIELDS] + [ind.name, ind.unit])
        return buf.getvalue().encode("utf-8-sig")  # BOM: Excel opens it as Chinese
    if fmt == "xlsx":
        import xlsxwriter

        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        ws = wb.add_worksheet("数据")
        ws.write_row(0, 0, [EXPORT_HEADERS[f] for f in EXPORT_FIELDS] + ["指标名称", "单位"])
        for i, r in enumerate(rows, start=1):
            ind = INDICATOR_BY_CODE[r["indicator"]]
            for j, f in enumerate(EXPORT_FIELDS):
                v = neutralise(r[f])
                if isinstance(v, (int, float)):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, "" if v is None else str(v))
            ws.write_string(i, len(EXPORT_FIELDS), ind.name)
            ws.write_string(i, len(EXPORT_FIELDS) + 1, ind.unit)
        wb.close()
        return buf.getvalue()
    raise ValueError(fmt)
