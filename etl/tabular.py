"""Read the spreadsheets people really send into a grid of cells.

Rows keep the numbering the spreadsheet shows (the file's first line is 第1行),
so every message can point at the row a clerk sees.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from db.errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024          # also maxUploadSize in .streamlit/config.toml (MB)
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024     # xlsx zip-bomb guard
MAX_ROWS = 200_000
MAX_COLS = 200


@dataclass(frozen=True)
class FormulaWithoutValue:
    """An xlsx formula cell saved without a computed value (e.g. written by a script)."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


@dataclass
class Grid:
    """Cells as read: str for text, float/int for numbers, None for empty."""

    file_name: str
    rows: list[list[object]]  # rows[i] is spreadsheet row i + 1

    def row_count(self) -> int:
        return len(self.rows)


def read_grid(data: bytes, file_name: str) -> Grid:
    """Read CSV (UTF-8, UTF-8 BOM, GB18030) or XLSX/XLS bytes whole. Raises UserError in Chinese."""
    return Grid(Path(file_name).name, list(open_rows(data, file_name)))


class RowStream:
    """A sheet's rows, read one at a time: the n-th row yielded is spreadsheet row n (1-based).

    Large uploads are validated and written while they are read, so no grid of the whole
    file is ever held. `size_hint` is the number of rows expected (for progress bars).
    Reading errors (too many rows) are raised as UserError while iterating.
    """

    def __init__(self, rows: Iterator[list[object]], size_hint: int):
        self._rows = rows
        self.size_hint = size_hint

    def __iter__(self) -> Iterator[list[object]]:
        return self._rows

    def __next__(self) -> list[object]:
        return next(self._rows)


def open_rows(data: bytes, file_name: str) -> RowStream:
    """Check the file (size, format, encoding) now and return its rows as a stream."""
    name = Path(file_name).name
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"文件“{name}”有 {len(data) / 1048576:.1f} MB，超过上限 {MAX_FILE_BYTES // 1048576} MB，请拆分后再上传")
    if not data.strip():
        raise UserError(f"文件“{name}”是空的")
    suffix = Path(name).suffix.lower()
    if _looks_like_html(data) and suffix in (".xls", ".xlsx", ".csv"):
        raise UserError(f"文件“{name}”其实是网页（HTML）格式，不是真正的 Excel 表格。请在 Excel 中打开后“另存为” .xlsx 再上传")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _read_calamine(data, name)
    if suffix in (".xlsx", ".xls", ".xlsm"):
        raise UserError(f"文件“{name}”不是有效的 Excel 文件（可能已损坏或扩展名不对），请另存为 .xlsx 后再上传")
    return _read_csv(data, name)


_HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<?xml", b"<style", b"<!--")


def _looks_like_html(data: bytes) -> bool:
    """Web systems 'export to Excel' as HTML, with or without a BOM, sometimes in UTF-16."""
    head = data[:1024]
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(enc, errors="ignore").encode("utf-8")
            break
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    head = head.lstrip().lower()
    return head.startswith(_HTML_STARTS)


def _read_csv(data: bytes, name: str) -> RowStream:
    from etl.textio import text_encoding

    try:
        encoding = text_encoding(data)
    except ValueError as exc:
        raise UserError(f"文件“{name}”无法读取：{exc}") from None
    sample = data[:8192].decode(encoding, errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return RowStream(_csv_rows(data, encoding, delimiter, name), data.count(b"\n") + 1)


def _csv_rows(data: bytes, encoding: str, delimiter: str, name: str) -> Iterator[list[object]]:
    # Decoded as read (BytesIO shares the bytes): the file's text is never held whole.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    n = 0
    for row in csv.reader(text, delimiter=delimiter):
        n += 1
        if n > MAX_ROWS:
            raise UserError(f"文件“{name}”超过 {MAX_ROWS} 行，请拆分后再上传")
        yield [c if c.strip() else None for c in row]


def _read_xlsx(data: bytes, name: str) -> RowStream:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(i.file_size for i in zf.infolist())
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise UserError(f"文件“{name}”不是有效的 Excel 文件（压缩包已损坏），请重新另存为 .xlsx") from None
    if total > MAX_UNZIPPED_BYTES:
        raise UserError(f"文件“{name}”解压后超过 {MAX_UNZIPPED_BYTES // 1048576} MB，疑似异常文件，已拒绝")
    if "xl/workbook.xml" not in names:
        raise UserError(f"文件“{name}”不是 Excel 表格（可能是 Word 或其他压缩文件），请上传 .xlsx 或 .csv")
    return _read_calamine(data, name, _formulas_without_value(data))


_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _first_sheet_path(zf: zipfile.ZipFile) -> str:
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    sheet = wb.find("m:sheets/m:sheet", ns)
    rid = sheet.get(f"{{{ns['r']}}}id") if sheet is not None else None
    try:
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return "xl/worksheets/sheet1.xml"
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return "xl/worksheets/sheet1.xml"


def _formulas_without_value(data: bytes) -> dict[tuple[int, int], str]:
    """Formula cells of the first sheet that carry no cached value: (row, col) → formula."""
    import xml.etree.ElementTree as ET

    out: dict[tuple[int, int], str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        path = _first_sheet_path(zf)
        try:
            raw = zf.read(path)
        except KeyError:
            return out
    if b"<f" not in raw and b":f" not in raw:
        return out
    for _event, el in ET.iterparse(io.BytesIO(raw)):
        if not el.tag.endswith("}c") and el.tag != "c":
            continue
        f = v = None
        for child in el:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "f":
                f = child
            elif tag == "v":
                v = child
        if f is not None and (v is None or not (v.text or "").strip()):
            m = _REF.match(el.get("r", ""))
            if m:
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ord(ch) - 64
                out[(int(m.group(2)) - 1, col - 1)] = (f.text or "").strip()
        el.clear()
    return out


def _read_calamine(data: bytes, name: str, formulas: dict[tuple[int, int], str] | None = None) -> RowStream:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises several error types for broken files
        raise UserError(f"文件“{name}”无法作为 Excel 读取：{exc}") from None
    if sheet.height > MAX_ROWS or sheet.width > MAX_COLS:
        raise UserError(f"文件“{name}”的工作表有 {sheet.height} 行 {sheet.width} 列，超过上限（{MAX_ROWS} 行、{MAX_COLS} 列）")
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), formula in (formulas or {}).items():
        by_row.setdefault(r, []).append((c, formula))
    return RowStream(_sheet_rows(sheet, by_row), sheet.end[0] + 1 if sheet.height else 0)


def _sheet_rows(sheet, formulas: dict[int, list[tuple[int, str]]]) -> Iterator[list[object]]:
    """Rows in sheet coordinates: calamine's iterator starts at row 1 but at the first used
    column, so the left padding is put back (messages name columns as the sheet shows them);
    formulas saved without a value replace their cells, past the used area too."""
    pad = [None] * (sheet.start[1] if sheet.height else 0)
    r = -1
    for r, raw in enumerate(sheet.iter_rows() if sheet.height else ()):
        row = pad + [None if (c == "" or c is None) else c for c in raw]
        if r in formulas:
            _overlay(row, formulas[r])
        yield row
    for r in range(r + 1, max(formulas, default=-1) + 1):
        row = []
        _overlay(row, formulas.get(r, ()))
        yield row


def _overlay(row: list[object], cells) -> None:
    for c, formula in cells:
        while len(row) <= c:
            row.append(None)
        row[c] = FormulaWithoutValue(formula)
