"""The quarterly 通报: the ranking bulletin a township office sends out, as Excel or Word.

Numbers come from the same lagging function as the dashboard (db.progress), so the
bulletin and the pages can never disagree.
"""
from __future__ import annotations

import io
from datetime import date
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.pacing import STATUS_NAMES, Assessment, percent, trend
from db.progress import forecast_for_township_id, with_previous
from db.queries import Mismatch, reconciliation, township_pacing
from db.store import township_by_name
from etl.exports import neutralise
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import QUARTER_NAMES, parse_period, period_label
from terms.values import display_unit, format_value, to_display

HEADERS = ["排名", "村", "年度目标", "序时应完成", "实际完成", "完成率", "状态", "较上季", "预计年末"]
STATUS_BAR_COLORS = {"green": "#2E7D32", "yellow": "#F2B600", "red": "#D32F2F", "missing": "#9E9E9E", "no_target": "#B0BEC5"}
FILLS = {"green": "#C6EFCE", "yellow": "#FFEB9C", "red": "#FFC7CE", "missing": "#E7E6E6", "no_target": "#FFFFFF"}
FONT_COLORS = {"green": "#006100", "yellow": "#9C5700", "red": "#9C0006", "missing": "#595959", "no_target": "#595959"}


@dataclass(frozen=True)
class Row:
    rank: int | None
    village: str
    target: float | None
    expected: float | None
    actual: float | None
    completion: float | None
    status: str
    change: str
    projected: float | None = None  # year-end projection (flow indicators; see db/forecast.py)


@dataclass
class Sheet:
    indicator: str
    rows: list[Row]
    missing: list[str]
    no_target: list[str]


@dataclass
class Bulletin:
    township: str
    as_of: str
    title: str
    summary: str
    sheets: list[Sheet] = field(default_factory=list)
    pacing: str = "linear"                               # the township's rule the colours follow
    mismatches: list[Mismatch] = field(default_factory=list)  # 报告数与村数合计不一致

    def missing_by_village(self) -> dict[str, list[str]]:
        """Each village that did not report, with the indicators it did not report (for 催报)."""
        out: dict[str, list[str]] = {}
        for sheet in self.sheets:
            for v in sheet.missing:
                out.setdefault(v, []).append(INDICATOR_BY_CODE[sheet.indicator].name)
        return out

    def sheet(self, indicator: str) -> Sheet:
        return next(s for s in self.sheets if s.indicator == indicator)

    @property
    def file_stem(self) -> str:
        return self.title


def _rank_key(a: Assessment) -> tuple:
    # highest completion first; a met zero target (completion None, green) after the ranked ones
    return (0, -a.completion) if a.completion is not None else (1, 0.0)


def _change(now: Assessment, before: Assessment | None) -> str:
    if before is None:
        return "—"
    t = trend(now, before)
    return t or "—"


def build_bulletin(session: Session, township: str, as_of: str) -> Bulletin:
    town = township_by_name(session, township)
    year, q = parse_period(as_of)
    pacing = township_pacing(session, town.id)
    changes = with_previous(session, town.id, as_of, pacing=pacing)
    projected = {(p.village, p.indicator): p.projected for p in forecast_for_township_id(session, town.id, as_of)}
    sheets = []
    for ind in TRACKED:
        mine = [c for c in changes if c.now.indicator == ind.code]
        ranked = sorted((c for c in mine if c.now.status in ("green", "yellow", "red")), key=lambda c: _rank_key(c.now))
        rows = [Row(i, c.now.village, c.now.target, c.now.expected, c.now.actual, c.now.completion, c.now.status,
                    _change(c.now, c.before), projected.get((c.now.village, ind.code)))
                for i, c in enumerate(ranked, start=1)]
        sheets.append(Sheet(ind.code, rows, [c.now.village for c in mine if c.now.status == "missing"],
                            [c.now.village for c in mine if c.now.status == "no_target"]))
    income = sheets[0]
    on_pace = sum(1 for r in income.rows if r.status == "green")
    behind = sum(1 for r in income.rows if r.status in ("yellow", "red"))
    red = sum(1 for r in income.rows if r.status == "red")
    summary = (f"截至{year}年{QUARTER_NAMES[q]}末，全{_unit(town.name)}{len(income.rows) + len(income.missing) + len(income.no_target)}个村中，"
               f"{on_pace}个村达到序时进度，{behind}个村落后（其中红色{red}个），{len(income.missing)}个村未报送。")
    title = f"{town.name}{year}年{QUARTER_NAMES[q]}村级集体经济发展进度通报"
    return Bulletin(town.name, as_of, title, summary, sheets, pacing, reconciliation(session, town.id, year))


def _unit(name: str) -> str:
    return "镇" if name.endswith("镇") else "乡"


def bulletin_xlsx(b: Bulletin) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": b.title, "author": "zhibiao"})
    title_f = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    summary_f = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 11})
    head_f = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True})
    cell_f = wb.add_format({"border": 1, "align": "center"})
    text_f = wb.add_format({"border": 1})
    pct_f = wb.add_format({"border": 1, "num_format": "0%", "align": "center"})
    status_f = {s: wb.add_format({"border": 1, "align": "center", "bold": True, "bg_color": FILLS[s],
                                  "font_color": FONT_COLORS[s]}) for s in FILLS}
    for sheet in b.sheets:
        ind = INDICATOR_BY_CODE[sheet.indicator]
        money = ind.display_factor != 1
        num_f = wb.add_format({"border": 1, "num_format": '0.00"万元"' if money else f'0"{ind.display_unit}"'})
        frac_f = wb.add_format({"border": 1, "num_format": f'0.0"{ind.display_unit}"'})
        ws = wb.add_worksheet(ind.name[:31])
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 16)
        ws.set_column(2, 4, 14)
        ws.set_column(5, 7, 10)
        ws.set_row(0, 30)
        other_title = b.title.replace("村级集体经济发展进度通报", f"村级{ind.name}进度通报")
        ws.merge_range(0, 0, 0, len(HEADERS) - 1, b.title if sheet is b.sheets[0] else other_title, title_f)
        ws.set_row(1, 36)
        ws.merge_range(1, 0, 1, len(HEADERS) - 1, b.summary if sheet is b.sheets[0] else _indicator_summary(sheet), summary_f)
        ws.write_row(3, 0, [f"{h}（{ind.display_unit}）" if h in ("年度目标", "序时应完成", "实际完成", "预计年末") else h
                            for h in HEADERS], head_f)
        for i, r in enumerate(sheet.rows, start=4):
            ws.write_number(i, 0, r.rank, cell_f)
            ws.write_string(i, 1, neutralise(r.village), text_f)
            for col, value in ((2, r.target), (3, r.expected), (4, r.actual), (8, r.projected)):
                shown = to_display(sheet.indicator, value)
                fmt = num_f if money or shown is None or float(shown).is_integer() else frac_f
                ws.write_number(i, col, shown, fmt) if shown is not None else ws.write_blank(i, col, None, text_f)
            if r.completion is None:
                ws.write_string(i, 5, "—", cell_f)
            else:  # the pages' rounding: never 100 % beside 黄 (percent floors to the status boundary)
                ws.write_number(i, 5, percent(_as_assessment(sheet, r)) / 100, pct_f)
            ws.write_number(i, len(HEADERS) + 12, 1.0)  # the chart's 100 % reference, out of the printed area
            ws.write_string(i, 6, STATUS_NAMES[r.status], status_f[r.status])
            ws.write_string(i, 7, r.change, cell_f)
        last = 3 + len(sheet.rows)
        note_row = last + 2
        if sheet.missing:
            ws.write_string(note_row, 0, "未报送：" + "、".join(neutralise(v) for v in sheet.missing))
            note_row += 1
        if sheet.no_target:
            ws.write_string(note_row, 0, "未设目标：" + "、".join(neutralise(v) for v in sheet.no_target))
        if sheet.rows:
            chart = wb.add_chart({"type": "bar"})
            ref = len(HEADERS) + 12
            chart.add_series({"name": "100%（序时要求）", "categories": [ws.name, 4, 1, last, 1],
                              "values": [ws.name, 4, ref, last, ref], "fill": {"none": True},
                              "border": {"color": "#C00000", "dash_type": "dash", "width": 1.25}})
            chart.add_series({"name": "完成率", "categories": [ws.name, 4, 1, last, 1], "values": [ws.name, 4, 5, last, 5],
                              "points": [{"fill": {"color": STATUS_BAR_COLORS[r.status]}} for r in sheet.rows],
                              "data_labels": {"value": True, "num_format": "0%"}, "overlap": 100, "gap": 60})
            chart.set_title({"name": f"{ind.name}完成率（序时）"})
            chart.set_x_axis({"num_format": "0%", "name": "完成率"})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 620, "height": 26 * len(sheet.rows) + 120})
            ws.insert_chart(3, len(HEADERS) + 1, chart)
        ws.freeze_panes(4, 2)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
    ws = wb.add_worksheet("未报送")
    ws.merge_range(0, 0, 0, 2, f"{b.title}：未报送情况", title_f)
    ws.write_row(2, 0, ["村", "未报送的指标"], head_f)
    missing = b.missing_by_village()
    for i, (v, names) in enumerate(missing.items(), start=3):
        ws.write_string(i, 0, neutralise(v), text_f)
        ws.write_string(i, 1, "、".join(names), text_f)
    if not missing:
        ws.write_string(3, 0, "本季度各村均已报送")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 50)
    wb.close()
    return buf.getvalue()


def _indicator_summary(sheet: Sheet) -> str:
    on = sum(1 for r in sheet.rows if r.status == "green")
    behind = sum(1 for r in sheet.rows if r.status in ("yellow", "red"))
    return f"{INDICATOR_BY_CODE[sheet.indicator].name}：{on}个村达到序时进度，{behind}个村落后，{len(sheet.missing)}个村未报送。"


# ------------------------------------------------------------------ Word
def table_cells(sheet: Sheet) -> list[list[str]]:
    """The ranking table as text, as printed in the Word bulletin."""
    def cell(value):  # a number under a header that carries the unit
        return format_value(sheet.indicator, value, unit=False, grouping=False, fixed=True, missing="—")

    out = []
    for r in sheet.rows:
        pct = "—" if r.completion is None else f"{percent(_as_assessment(sheet, r))}%"
        out.append([str(r.rank), r.village, cell(r.target), cell(r.expected), cell(r.actual), pct,
                    STATUS_NAMES[r.status], r.change, cell(r.projected)])
    return out


def _as_assessment(sheet: Sheet, r: Row) -> Assessment:
    return Assessment(r.village, sheet.indicator, "", r.target, r.expected, r.actual, r.completion, r.status)


def _chinese_font(element, east_asia: str, latin: str) -> None:
    """Set a style's or run's fonts: the Chinese face for East Asian text, a Latin face for the rest."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key, face in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(key), face)


def bulletin_docx(b: Bulletin) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    style = doc.styles["Normal"]
    _chinese_font(style.element, "仿宋", "FangSong")  # 公文 body; Word falls back to 宋体 where 仿宋 is missing
    style.font.size = Pt(12)
    doc.core_properties.author = b.township
    doc.core_properties.title = b.title
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    # 公文 margins (GB/T 9704): top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(b.title)
    run.bold = True
    run.font.size = Pt(18)
    _chinese_font(run._element, "宋体", "SimSun")
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    doc.add_paragraph(b.summary)

    def section_head(text: str, new_page: bool = True) -> None:
        para = doc.add_paragraph()
        para.paragraph_format.page_break_before = new_page  # each section starts a page when printed
        run = para.add_run(text)
        run.bold = True
        _chinese_font(run._element, "黑体", "SimHei")

    sheet = b.sheets[0]
    unit = display_unit(sheet.indicator)
    section_head(f"一、{INDICATOR_BY_CODE[sheet.indicator].name}完成情况排名（单位：{unit}）", new_page=False)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in table_cells(sheet):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
        status = sheet.rows[int(row[0]) - 1].status
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), FILLS[status].lstrip("#"))
        cells[6]._tc.get_or_add_tcPr().append(shade)
    widths = [Cm(1.1), Cm(2.6), Cm(1.9), Cm(1.9), Cm(1.9), Cm(1.6), Cm(1.3), Cm(1.4), Cm(1.9)]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    missing = b.missing_by_village()
    if missing:
        section_head("二、未报送的村（请抓紧报送）")
        doc.add_paragraph("；".join(
            f"{v}（{'四项指标' if len(names) == len(b.sheets) else '、'.join(names)}）" for v, names in missing.items()) + "。")
    others = [_indicator_summary(s) for s in b.sheets[1:]]
    if others:
        section_head("三、其他指标")
        doc.add_paragraph("".join(others))
    if b.mismatches:
        section_head("四、报告数与村数合计不一致")
        doc.add_paragraph("；".join(
            f"{INDICATOR_BY_CODE[m.indicator].name}{period_label(m.period)}报告写{format_value(m.indicator, m.reported)}，"
            f"{m.villages}个村合计{format_value(m.indicator, m.villages_sum)}（《{m.document}》：“{m.evidence}”）"
            for m in b.mismatches) + "。请核对。")
    rule = "按往年季节规律" if b.pacing == "seasonal" else "时间过半、任务过半"
    doc.add_paragraph(f"（本通报由“指标”系统根据各村报送数据生成，完成率 = 实际累计 ÷ 序时应完成（{rule}）；"
                      "绿：≥100%，黄：80%–100%，红：<80%；预计年末按本乡往年的季度规律推算，没有完整往年数据时按时间均匀推算。）"
                      ).runs[0].font.size = Pt(9)
    issued = date.today()
    sign = doc.add_paragraph(f"{b.township}\n{issued.year}年{issued.month}月{issued.day}日")  # 发文单位 and date
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
