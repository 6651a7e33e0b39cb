"""The row stream under every upload: sheet coordinates kept, text decoded as it is read."""
from __future__ import annotations

import io

import pytest
import xlsxwriter

from db.errors import UserError
from etl.tabular import FormulaWithoutValue, open_rows, read_grid
from etl.textio import text_encoding


def test_xlsx_rows_keep_the_sheets_row_and_column_numbers():
    """Calamine's row iterator starts at the first used column; the stream puts the left
    columns back, so row i, column j is still spreadsheet row i+1, column j+1."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.write(2, 1, "村名")        # B3
    ws.write(5, 2, 7)             # C6
    ws.write_formula(8, 3, "=C6*2", None, "")  # D9, saved without a value, below the used rows
    wb.close()
    rows = read_grid(buf.getvalue(), "coords.xlsx").rows
    assert len(rows) == 9
    assert rows[2][1] == "村名" and rows[5][2] == 7
    assert isinstance(rows[8][3], FormulaWithoutValue) and str(rows[8][3]) == "=C6*2"
    assert all(c is None for r in (rows[0], rows[1], rows[3]) for c in r)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_gbk_csv_is_read_row_by_row_with_any_line_ending(newline):
    text = newline.join(["示范乡2025年第三季度", "村名,集体经济收入（万元）", "胜利村,\"5.2万\"", "石桥村,"]) + newline
    stream = open_rows(text.encode("gbk"), "旧表.csv")
    first = next(stream)
    assert first == ["示范乡2025年第三季度"]
    assert list(stream) == [["村名", "集体经济收入（万元）"], ["胜利村", "5.2万"], ["石桥村", None]]


def test_utf8_text_longer_than_a_decoding_piece_stays_utf8():
    """The encoding is checked piece by piece (1 MB): a character split across two pieces
    is still UTF-8, not a reason to fall back to GB18030."""
    line = "胜利村,村集体经济收入,2025Q3,52000\n"
    data = ("村名,指标,期间,数值\n" + line * 40_000).encode()
    assert len(data) > 1 << 20 and (1 << 20) % 3 != 0  # pieces cut through 3-byte characters
    assert text_encoding(data) == "utf-8"
    assert text_encoding(b"\xef\xbb\xbf" + data) == "utf-8-sig"
    assert text_encoding(data.decode().encode("gb18030")) == "gb18030"


def test_bytes_valid_in_neither_encoding_late_in_a_large_file_are_refused():
    data = ("村名,数值\n" + "胜利村,1\n" * 200_000).encode() + b"\xff\xff\xff\n"
    with pytest.raises(ValueError, match="无法识别文件编码"):
        text_encoding(data)
    with pytest.raises(UserError, match="无法读取"):
        open_rows(data, "坏.csv")
