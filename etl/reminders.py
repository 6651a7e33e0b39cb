"""催报 (reminders): a notice to the villages that have not reported this quarter, naming the missing
indicators and the deadline, as a .docx and as a short text for a message group. Pure functions."""
from __future__ import annotations

import io
from datetime import date

from terms.periods import parse_period, period_label


def _what(indicators: list[str], all_count: int = 4) -> str:
    return "四项指标" if len(indicators) >= all_count else "、".join(indicators)


def reminder_text(township: str, period: str, missing: dict[str, list[str]], deadline: date) -> str:
    """The short message: one line per village and what it still has to report."""
    due = f"{deadline.month}月{deadline.day}日"
    lines = [f"【催报】{township}{period_label(period)}数据尚未报齐，请以下村于{due}前报送（年初至本季度末累计数）："]
    lines += [f"{i}. {village}：{_what(names)}" for i, (village, names) in enumerate(missing.items(), start=1)]
    lines.append("已报送的请忽略。如有困难请联系乡镇党建办。")
    return "\n".join(lines)


def reminder_docx(township: str, period: str, missing: dict[str, list[str]], deadline: date,
                  issued: date | None = None) -> bytes:
    """The notice as a Word document: title, the villages and their missing indicators, the deadline."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    style.font.size = Pt(14)
    doc.core_properties.author = township
    doc.core_properties.title = f"{township}{period_label(period)}数据催报通知"
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(f"关于报送{period_label(period)}村级指标数据的催报通知")
    run.bold = True
    run.font.size = Pt(20)
    doc.add_paragraph("各有关村：")
    doc.add_paragraph(f"截至目前，下列村{period_label(period)}的数据尚未报送。请于{deadline.year}年{deadline.month}月"
                      f"{deadline.day}日前，按模板报送年初至本季度末的累计数（没有的数字留空，不要填0）：")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "村", "未报送的指标")):
        cell.text = text
    for i, (village, names) in enumerate(missing.items(), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(i), village, _what(names)
    issued = issued or date.today()
    sign = doc.add_paragraph(f"{township}\n{issued.year}年{issued.month}月{issued.day}日")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def default_deadline(period: str) -> date:
    """The 10th of the month after the quarter ends."""
    year, q = parse_period(period)
    return date(year + 1, 1, 10) if q == 4 else date(year, q * 3 + 1, 10)
