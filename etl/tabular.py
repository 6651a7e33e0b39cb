"""Read the spreadsheets people really send into a grid of cells.

Rows keep the numbering the spreadsheet shows (the file's first line is 第1行),
so every message can point at the row a clerk sees.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from db.errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024          # also maxUploadSize in .streamlit/config.toml (MB)
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024     # xlsx zip-bomb guard
MAX_ROWS = 200_000
MAX_COLS = 200


@dataclass
class Grid:
    """Cells as read: str for text, float/int for numbers, None for empty."""

    file_name: str
    rows: list[list[object]]  # rows[i] is spreadsheet row i + 1

    def row_count(self) -> int:
        return len(self.rows)


def read_grid(data: bytes, file_name: str) -> Grid:
    """Read CSV (UTF-8, UTF-8 BOM, GB18030) or XLSX/XLS bytes. Raises UserError in Chinese."""
    name = Path(file_name).name
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"文件“{name}”有 {len(data) / 1048576:.1f} MB，超过上限 {MAX_FILE_BYTES // 1048576} MB，请拆分后再上传")
    if not data.strip():
        raise UserError(f"文件“{name}”是空的")
    suffix = Path(name).suffix.lower()
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and suffix in (".xls", ".xlsx", ".csv"):
        raise UserError(f"文件“{name}”其实是网页（HTML）格式，不是真正的 Excel 表格。请在 Excel 中打开后“另存为” .xlsx 再上传")
    if data[:4] == b"PK\x03\x04":
        return Grid(name, _read_xlsx(data, name))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return Grid(name, _read_calamine(data, name))
    if suffix in (".xlsx", ".xls", ".xlsm"):
        raise UserError(f"文件“{name}”不是有效的 Excel 文件（可能已损坏或扩展名不对），请另存为 .xlsx 后再上传")
    return Grid(name, _read_csv(data, name))


def _read_csv(data: bytes, name: str) -> list[list[object]]:
    from etl.textio import decode_bytes

    try:
        text = decode_bytes(data)
    except ValueError as exc:
        raise UserError(f"文件“{name}”无法读取：{exc}") from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows: list[list[object]] = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append([c if c.strip() else None for c in row])
        if len(rows) > MAX_ROWS:
            raise UserError(f"文件“{name}”超过 {MAX_ROWS} 行，请拆分后再上传")
    return rows


def _read_xlsx(data: bytes, name: str) -> list[list[object]]:
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
    return _read_calamine(data, name)


def _read_calamine(data: bytes, name: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises several error types for broken files
        raise UserError(f"文件“{name}”无法作为 Excel 读取：{exc}") from None
    if sheet.height > MAX_ROWS or sheet.width > MAX_COLS:
        raise UserError(f"文件“{name}”的工作表有 {sheet.height} 行 {sheet.width} 列，超过上限（{MAX_ROWS} 行、{MAX_COLS} 列）")
    rows: list[list[object]] = []
    # Keep the sheet's own row numbering: calamine starts at the first used row.
    start = getattr(sheet, "start", None)
    offset = start[0] if start else 0
    rows.extend([] for _ in range(offset))
    for row in sheet.to_python(skip_empty_area=False):
        rows.append([None if (c == "" or c is None) else c for c in row])
    return rows
