"""Readers for the report formats a township office has: Word (.docx, and .doc/.wps through
LibreOffice), PDF (text layer and tables through pdfplumber; pages without a text layer through
OCR), and photos of pages (.jpg/.png through OCR).

Every reader returns `Part`s: stretches of text in document order, each marked with where it
came from ("text" or "ocr"). Tables are written one row a line with their cells separated by a
tab, so the extractor reads them as tables and the evidence offsets point into the same text the
page highlights. Errors are `ValueError`s with a Chinese message; tools run with a time limit.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

MAX_PAGES = 200
CONVERT_SECONDS = 120   # LibreOffice, per file
OCR_SECONDS = 90        # tesseract, per page
OCR_LANGUAGE = "chi_sim+eng"
OCR_DPI = 300

Progress = Callable[[int, int, str], None]   # (page done, pages, what) → None


@dataclass
class Part:
    text: str
    source: str = "text"   # "text" (the file's own text layer) or "ocr"


# ------------------------------------------------------------------ Word
def _cell_text(text: str) -> str:
    """A table cell on one line, inner spaces dropped ("集体经济收入 （万元）" → "集体经济收入（万元）")."""
    return re.sub(r"\s+", "", text)


def table_lines(rows: list[list[str | None]]) -> str:
    """Rows as lines of tab-separated cells; empty rows dropped, merged cells written once."""
    lines = []
    for row in rows:
        cells: list[str] = []
        for cell in row:
            text = _cell_text(cell or "")
            if cells and text and text == cells[-1]:
                continue  # a horizontally merged cell repeats its text
            cells.append(text)
        if any(cells):
            lines.append("\t".join(cells))
    return "\n".join(lines)


def read_docx(path: Path) -> list[Part]:
    """Paragraphs and tables of a .docx, in document order."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise ValueError("不是有效的 Word（.docx）文件，可能已损坏或扩展名不对") from None
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on broken XML
        raise ValueError("Word（.docx）文件内容已损坏，无法解析") from None
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            blocks.append(table_lines([[c.text for c in row.cells] for row in table.rows]))
    return [Part("\n".join(blocks))]


# What a .doc or .wps file starts with: the binary Word/WPS format (OLE2), or a .docx or RTF
# saved under that name.
_WORD_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"{\\rtf")


def convert_to_docx(path: Path, workdir: Path) -> Path:
    """A .doc or .wps converted to .docx by LibreOffice (soffice --headless), with a time limit."""
    with open(path, "rb") as f:
        head = f.read(8)
    if not head.startswith(_WORD_MAGIC):
        raise ValueError("不是有效的 Word/WPS 文件（.doc/.wps），可能已损坏或扩展名不对")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ValueError("读取 .doc/.wps 需要 LibreOffice，本机没有安装（Debian：apt-get install libreoffice-writer-nogui），"
                         "也可以在 WPS 或 Word 里另存为 .docx 后上传")
    source = workdir / f"source{path.suffix.lower()}"
    shutil.copyfile(path, source)
    profile = workdir / "lo-profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(workdir), str(source)]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False,
                       env={**os.environ, "HOME": str(workdir)})
    except subprocess.TimeoutExpired:
        raise ValueError(f"用 LibreOffice 转换超过 {CONVERT_SECONDS} 秒仍未完成，文件可能过大或已损坏") from None
    out = workdir / "source.docx"
    if not out.is_file() or out.stat().st_size == 0:
        raise ValueError("LibreOffice 无法转换这个文件：可能已损坏、设置了打开密码，或不是 Word/WPS 文档")
    return out


# ------------------------------------------------------------------ PDF
def _pdf_page_parts(page) -> str:
    """A page's text outside its tables, then its tables one row a line."""
    tables = page.find_tables()
    outside = page
    for table in tables:
        try:
            outside = outside.outside_bbox(table.bbox)
        except ValueError:
            continue
    text = clean_spacing(outside.extract_text(x_tolerance=1.5) or "")
    rendered = [table_lines(t.extract()) for t in tables]
    return "\n".join([text, *[r for r in rendered if r]])


def _pdf_error(exc: Exception) -> ValueError:
    """A Chinese message for what pdfplumber/pdfminer raised (a password, or a broken file)."""
    said = f"{type(exc).__name__} {exc!r}".lower()
    if "password" in said or "encrypt" in said:
        return ValueError("PDF 文件设置了打开密码，无法读取；请提供未加密的文件")
    return ValueError("不是有效的 PDF 文件，可能已损坏")


def read_pdf(path: Path, progress: Progress | None = None) -> list[Part]:
    """Text and tables of every page; a page with no text layer goes through OCR."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
        pdf.pages  # noqa: B018 - parses the page tree, where an encryption error surfaces
    except Exception as exc:  # noqa: BLE001 - broken files raise many kinds
        raise _pdf_error(exc) from None
    with pdf:
        pages = len(pdf.pages)
        if pages > MAX_PAGES:
            raise ValueError(f"PDF 有 {pages} 页，超过 {MAX_PAGES} 页的上限；请拆分后分别上传")
        parts: list[Part] = []
        for i, page in enumerate(pdf.pages):
            try:
                text = _pdf_page_parts(page)
            except Exception as exc:  # noqa: BLE001
                error = _pdf_error(exc)
                raise (error if "密码" in str(error) else ValueError(f"PDF 第{i + 1}页已损坏，无法解析")) from None
            if len(re.sub(r"\s", "", text)) >= 5:
                parts.append(Part(text))
            else:
                parts.append(Part(ocr_pdf_page(path, i), "ocr"))
            if progress:
                progress(i + 1, pages, "ocr" if parts[-1].source == "ocr" else "text")
    return parts


# ------------------------------------------------------------------ OCR
def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise ValueError("这一页没有文字层（扫描件或照片），识别文字需要 tesseract，本机没有安装"
                         "（Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim）")
    return exe


_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\d])"
                      r"|(?<=\d)[ \t]+(?=[\u4e00-\u9fff])")


def clean_spacing(text: str) -> str:
    """Tesseract writes spaces between Chinese characters ("村 集 体"), and PDF text layers between
    Chinese and digits ("2026 年"); neither is in the page."""
    return _CJK_GAP.sub("", text).strip()


def ocr_image(path: Path) -> str:
    """The text tesseract reads on one image, with a time limit."""
    try:
        proc = subprocess.run([_tesseract(), str(path), "stdout", "-l", OCR_LANGUAGE], capture_output=True,
                              timeout=OCR_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ValueError(f"文字识别超过 {OCR_SECONDS} 秒仍未完成（这一页可能过大或不清晰）") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace")
        if "chi_sim" in message or "Failed loading language" in message:
            raise ValueError("缺少中文识别数据（Debian：apt-get install tesseract-ocr-chi-sim）")
        raise ValueError("无法识别这张图片上的文字：图片可能已损坏")
    return clean_spacing(proc.stdout.decode("utf-8", "replace"))


def ocr_pdf_page(path: Path, index: int) -> str:
    """Render one PDF page at OCR_DPI and read it with tesseract."""
    import pypdfium2

    _tesseract()
    with tempfile.TemporaryDirectory() as d:
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            image = pdf[index].render(scale=OCR_DPI / 72).to_pil()
        finally:
            pdf.close()
        png = Path(d) / "page.png"
        image.save(png)
        return ocr_image(png)


def read_image(path: Path) -> list[Part]:
    """A photo or scan of a page (.jpg/.png)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError):
        raise ValueError("不是有效的图片文件，可能已损坏") from None
    return [Part(ocr_image(path), "ocr")]
