"""terms/numbers.py: one parser for figures as people write them, used by uploads, review
corrections and the report extractor — so "5.2万" reads the same everywhere."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import session_factory
from db.models import Document, ReportFact
from etl.cells import parse_value
from etl.extract import extract_text
from terms.numbers import Amount, chinese_to_number, parse_amount

WAN = 10_000


@pytest.mark.parametrize("text, money, factor, expected", [
    ("5.2万", True, 1, Amount(52_000, "万")),
    ("5.2万元", True, 1, Amount(52_000, "万元")),
    ("52,000元", True, WAN, Amount(52_000, "元")),      # the unit in the cell beats the column's 万元
    ("5.2", True, WAN, Amount(52_000, "")),            # a bare figure in a 万元 column
    ("五点二万", True, 1, Amount(52_000, "万")),
    ("十万", True, WAN, Amount(100_000, "万")),
    ("１．５亿", True, 1, Amount(150_000_000, "亿")),
    (" 3 200 ", False, 1, Amount(3_200, "")),
    ("一千二百人次", False, 1, Amount(1_200, "人次")),
    ("３８０人", False, 1, Amount(380, "人")),
    ("12个", False, 1, Amount(12, "个")),
])
def test_figures_as_written(text, money, factor, expected):
    assert parse_amount(text, money=money, base_factor=factor) == expected


@pytest.mark.parametrize("text", ["", "约五万", "五万多", "5.2.3", "万", "十万左右", "XX万元", "abc", "5万人"])
def test_what_is_not_a_figure(text):
    assert parse_amount(text, money=True) is None


def test_count_units_are_not_money():
    assert parse_amount("12人", money=True) is None
    assert parse_amount("52000元", money=False) is None


@pytest.mark.parametrize("numeral, value", [("一百二十", 120), ("三千五百", 3500), ("一万五", 15000), ("二〇二三", 2023),
                                            ("十二点五", 12.5), ("两百五", 250), ("一千零五", 1005)])
def test_chinese_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


def test_an_upload_cell_and_a_report_read_alike():
    assert parse_value("五点二万", base_factor=WAN, money=True) == (52_000, None)
    assert parse_value("5.2万", base_factor=WAN, money=True) == (52_000, None)
    [fact] = extract_text("2026年工作总结\n大刘庄村集体经济收入达到五点二万元。", "r.txt")
    assert fact.value == 52_000


def test_a_review_correction_accepts_5_2_wan(demo_backend, monkeypatch, tmp_path):
    from etl.reports import load_reports
    from tests.apphelpers import app_as, make_user, texts

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    p = tmp_path / "masked-correction.txt"
    p.write_text("示范乡2026年上半年工作总结\n2026年上半年，大刘庄村集体经济收入达到XX万元。\n", encoding="utf-8")
    load_reports(demo_backend.engine, [p], township="示范乡")
    with session_factory(demo_backend.engine)() as s:
        doc_id = s.scalar(select(Document.id).where(Document.file_name == p.name))
        fid = s.scalar(select(ReportFact.id).where(ReportFact.document_id == doc_id))
    admin, _ = make_user(demo_backend.engine, "admin")
    at = app_as(admin)
    at.session_state["report_doc"] = doc_id
    at.run()
    at.switch_page("pages/reports.py").run()
    [b for b in at.selectbox if b.label == "选择一个待审核的数字"][0].set_value(fid).run()
    [t for t in at.text_input if t.label.startswith("核实后的数值")][0].input("3.6万")
    [b for b in at.button if b.label == "接受"][0].click().run()
    assert not at.exception, at.exception
    assert "已写入大刘庄村" in texts(at)
    with session_factory(demo_backend.engine)() as s:
        assert s.get(ReportFact, fid).value == 36_000
