"""Report files in the formats township offices circulate, built at test time: a .docx with a
table (python-docx), .doc and .wps converted from it by LibreOffice, a PDF of the same table, and an
image-only PDF of a paragraph rendered with a CJK font (a scan)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import unavailable

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TITLE = "示范乡2026年上半年村级集体经济发展情况报告"
VILLAGES = [("大刘庄村", "12.5", "2"), ("石桥村", "8.3", "1"), ("红旗村", "15.6", "3"), ("胜利村", "9.1", "0"),
            ("东坡村", "6.4", "2")]
# The facts the table holds: (indicator, scope, value in base units), one per cell.
TABLE_FACTS = {("collective_income", f"village:{v}", round(float(i) * 10_000)) for v, i, _ in VILLAGES} | \
              {("new_members", f"village:{v}", int(n)) for v, _, n in VILLAGES}
SCAN_LINES = ["东坡村2025年工作总结", "2025年，东坡村集体经济收入达到15.8万元，", "全年发展党员3名，培训党员群众260人次。"]
SCAN_FACTS = {("collective_income", "village:东坡村", 158_000), ("new_members", "village:东坡村", 3),
              ("training_attendance", "village:东坡村", 260)}


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        unavailable("LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui")
    return exe


def tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        unavailable("tesseract is not installed; apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout
    if "chi_sim" not in langs:
        unavailable("tesseract has no chi_sim data; apt-get install tesseract-ocr-chi-sim")
    return exe


def table_docx(path: Path, *, grid: bool = True) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph("上半年，全乡各村集体经济稳步增长，各村情况如下：")
    t = d.add_table(rows=1, cols=3)
    if grid:
        t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("村名", "集体经济收入（万元）", "发展党员（名）")):
        cell.text = text
    for row in VILLAGES:
        for cell, text in zip(t.add_row().cells, row):
            cell.text = text
    d.add_paragraph("下半年，全乡力争每村集体经济收入达到10万元以上。")
    d.save(str(path))
    return path


def convert(source: Path, fmt: str, out: Path) -> Path:
    """LibreOffice headless conversion of source to fmt ("doc", "pdf") as out."""
    work = out.parent / f"lo-{out.stem}"
    work.mkdir(exist_ok=True)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to", fmt,
                    "--outdir", str(work), str(source)], capture_output=True, timeout=180, check=True)
    shutil.move(str(work / f"{source.stem}.{fmt}"), out)
    return out


def table_doc(folder: Path) -> Path:
    return convert(table_docx(folder / "表格.docx"), "doc", folder / "示范乡上半年情况.doc")


def table_wps(folder: Path) -> Path:
    # WPS Office writes .wps in the binary Word format; LibreOffice reads it by its content
    return shutil.copyfile(table_doc(folder), folder / "示范乡上半年情况.wps")


def table_pdf(folder: Path) -> Path:
    return convert(table_docx(folder / "表格pdf.docx"), "pdf", folder / "示范乡上半年情况.pdf")


def scan_image(path: Path):
    from PIL import Image, ImageDraw, ImageFont

    if not CJK_FONT.is_file():
        unavailable(f"no CJK font at {CJK_FONT}; apt-get install fonts-noto-cjk")
    font = ImageFont.truetype(str(CJK_FONT), 40)
    image = Image.new("RGB", (1240, 600), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(SCAN_LINES):
        draw.text((80, 80 + i * 90), line, font=font, fill="black")
    return image


def scan_pdf(path: Path) -> Path:
    scan_image(path).save(path, resolution=150)
    return path


def scan_png(path: Path) -> Path:
    scan_image(path).save(path)
    return path
