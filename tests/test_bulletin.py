"""The quarterly 通报: xlsx and docx read back and checked cell by cell against the lagging output."""
import io

import docx
import openpyxl
import pytest

from cli.main import run
from db.engine import session_factory
from db.pacing import STATUS_NAMES, percent
from db.progress import forecast, lagging
from etl.bulletin import build_bulletin, bulletin_docx, bulletin_xlsx
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from tests.apphelpers import app_as, make_user

TITLE = "示范乡2026年第三季度村级集体经济发展进度通报"


def expected_ranking(session, code):
    """Independently from the bulletin: the lagging rows of one indicator, ranked by completion."""
    rows = [a for a in lagging(session, "示范乡", "2026Q3", code) if a.status in ("green", "yellow", "red")]
    return sorted(rows, key=lambda a: -(a.completion if a.completion is not None else -1))


@pytest.fixture
def demo_session(demo_backend):
    with session_factory(demo_backend.engine)() as s:
        yield s


def test_xlsx_matches_lagging_cell_by_cell(demo_session):
    data = bulletin_xlsx(build_bulletin(demo_session, "示范乡", "2026Q3"))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [i.name for i in TRACKED] + ["未报送"]
    for ind in TRACKED:
        ws = wb[ind.name]
        expected_title = TITLE if ind.code == "collective_income" else f"示范乡2026年第三季度村级{ind.name}进度通报"
        assert ws["A1"].value == expected_title
        assert [c.value for c in ws[4]][:8] == ["排名", "村", f"年度目标（{ind.display_unit}）",
                                                 f"序时应完成（{ind.display_unit}）", f"实际完成（{ind.display_unit}）",
                                                 "完成率", "状态", "较上季"]
        ranking = expected_ranking(demo_session, ind.code)
        for i, a in enumerate(ranking):
            row = [c.value for c in ws[5 + i]][:8]
            f = ind.display_factor
            assert row[0] == i + 1 and row[1] == a.village
            assert row[2] == pytest.approx(a.target / f) and row[3] == pytest.approx(a.expected / f)
            assert row[4] == pytest.approx(a.actual / f)
            assert row[5] == pytest.approx(percent(a) / 100) if a.completion is not None else row[5] == "—"
            assert row[6] == STATUS_NAMES[a.status]
        missing = [a.village for a in lagging(demo_session, "示范乡", "2026Q3", ind.code) if a.status == "missing"]
        notes = [str(c.value) for c in ws["A"] if str(c.value or "").startswith("未报送：")]
        assert notes == (["未报送：" + "、".join(missing)] if missing else [])
    income = wb["村集体经济收入"]
    assert income["E5"].number_format == '0.00"万元"'
    fill = {a.village: a.status for a in expected_ranking(demo_session, "collective_income")}
    for r in range(5, 5 + len(fill)):
        status = fill[income.cell(r, 2).value]
        colour = income.cell(r, 7).fill.fgColor.rgb
        assert colour.endswith({"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}[status])
    missing_sheet = wb["未报送"]
    assert [missing_sheet.cell(r, 1).value for r in range(4, missing_sheet.max_row + 1) if missing_sheet.cell(r, 1).value] \
        == ["石桥村", "柳树湾村", "西河村"]
    assert "四项" not in str(missing_sheet["B4"].value) and "村集体经济收入" in missing_sheet["B4"].value
    assert income._charts, "a completion chart on the income sheet"


def test_summary_paragraph_counts(demo_session):
    rows = lagging(demo_session, "示范乡", "2026Q3", "collective_income")
    green = sum(a.status == "green" for a in rows)
    behind = sum(a.status in ("yellow", "red") for a in rows)
    red = sum(a.status == "red" for a in rows)
    missing = sum(a.status == "missing" for a in rows)
    b = build_bulletin(demo_session, "示范乡", "2026Q3")
    assert b.title == TITLE
    assert f"{green}个村达到序时进度，{behind}个村落后（其中红色{red}个），{missing}个村未报送" in b.summary
    assert (green, behind, red, missing) == (7, 6, 2, 1)


def test_docx_matches_lagging(demo_session):
    document = docx.Document(io.BytesIO(bulletin_docx(build_bulletin(demo_session, "示范乡", "2026Q3"))))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == TITLE and "7个村达到序时进度" in texts[1]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["排名", "村", "年度目标", "序时应完成", "实际完成", "完成率", "状态", "较上季",
                                                     "预计年末"]
    ranking = expected_ranking(demo_session, "collective_income")
    assert len(table.rows) == 1 + len(ranking)
    projected = {p.village: p.projected for p in forecast(demo_session, "示范乡", "2026Q3", "collective_income")}
    for row, a in zip(table.rows[1:], ranking):
        cells = [c.text for c in row.cells]
        assert cells[1] == a.village and cells[2] == f"{a.target / 10000:.2f}" and cells[4] == f"{a.actual / 10000:.2f}"
        assert cells[6] == STATUS_NAMES[a.status] and cells[8] == f"{projected[a.village] / 10000:.2f}"
    assert any("石桥村" in t for t in texts)


def test_cli_export_bulletin(db_env, capsys, tmp_path):
    assert run(["demo", "--no-admin"]) == 0
    capsys.readouterr()
    out = tmp_path / f"{TITLE}.xlsx"
    assert run(["export", "bulletin", "--township", "示范乡", "--as-of", "2026Q3", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out)["村集体经济收入"]["A1"].value == TITLE
    assert run(["export", "bulletin", "--township", "示范乡", "--as-of", "2026Q3", "--out", str(tmp_path / "x.pdf")]) == 1
    assert ".xlsx 或 .docx" in capsys.readouterr().err


def test_bulletin_page_offers_both_files(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(viewer).run()
    at.switch_page("pages/bulletin.py").run()
    assert not at.exception
    names = [b.proto.label for b in at.get("download_button")]
    assert names == ["下载 Excel 通报（.xlsx）", "下载 Word 通报（.docx）"]
    assert INDICATOR_BY_CODE["collective_income"].name in "".join(m.value for m in at.markdown)



def test_a_completion_just_under_100_reads_99_beside_yellow():
    from etl.bulletin import Bulletin, Row, Sheet

    sheet = Sheet("collective_income", [Row(1, "东岗村", 100_000, 75_000, 74_902.5, 0.9987, "yellow", "—", 99_870)], [], [])
    wb = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(Bulletin("示范乡", "2026Q3", "标题", "小结", [sheet]))))
    ws = wb["村集体经济收入"]
    assert (ws["F5"].value, ws["F5"].number_format, ws["G5"].value) == (0.99, "0%", "黄")


def test_the_word_bulletin_is_a4_with_chinese_fonts(demo_session):
    document = docx.Document(io.BytesIO(bulletin_docx(build_bulletin(demo_session, "示范乡", "2026Q3"))))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.top_margin.cm, 2), round(section.left_margin.cm, 2)) == (3.7, 2.8)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"
    assert document.core_properties.author == "示范乡"
    paragraphs = [p for p in document.paragraphs if p.text.startswith(("二、", "三、"))]
    assert paragraphs and all(p.paragraph_format.page_break_before for p in paragraphs)
    assert document.paragraphs[-1].text.startswith("示范乡\n")  # 发文单位 and date line
