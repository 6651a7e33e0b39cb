"""`zhibiao org import`: townships, villages, aliases from CSV (UTF-8/BOM/GB18030) or XLSX."""
import io

import pytest
import xlsxwriter

from db.engine import transaction
from db.errors import UserError
from db.store import township_by_name, village_index
from etl.orgfile import import_org

CSV = "乡镇,村,别名\n红星镇,大刘庄村,大劉莊、大刘\n红星镇,胜利村,\n白云乡,石桥村,石橋\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(engine, encoding):
    with transaction(engine) as s:
        r = import_org(s, CSV.encode(encoding), "名单.csv")
        assert (r.townships, r.villages, r.aliases) == (2, 3, 3)
        idx = village_index(s, township_by_name(s, "红星镇"))
        assert idx.resolve("大刘庄").name == "大刘庄村"   # name without 村
        assert idx.resolve("大劉莊").name == "大刘庄村"   # alias, traditional
        assert idx.resolve("大刘").name == "大刘庄村"     # explicit alias
        assert idx.resolve("胜利").name == "胜利村"
        assert idx.resolve("勝利村").name == "胜利村"     # traditional characters of the name
        assert idx.resolve("石桥村") is None              # another township's village


def test_xlsx_and_idempotent(engine):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["村庄名单"])
    ws.write_row(1, 0, ["乡镇", "村"])
    ws.write_row(2, 0, ["红星镇", "东坡村"])
    wb.close()
    with transaction(engine) as s:
        assert import_org(s, buf.getvalue(), "名单.xlsx").villages == 1
    with transaction(engine) as s:
        again = import_org(s, buf.getvalue(), "名单.xlsx")
        assert (again.townships, again.villages, again.aliases) == (0, 0, 0)


def test_errors_are_chinese_with_rows_and_nothing_written(engine):
    bad = "乡镇,村\n红星镇,东坡村\n,西河村\n红星镇,\n".encode()
    with pytest.raises(UserError) as exc:
        with transaction(engine) as s:
            import_org(s, bad, "名单.csv")
    text = str(exc.value)
    assert "第3行「乡镇」" in text and "第4行「村」" in text
    with transaction(engine) as s, pytest.raises(UserError, match="找不到乡镇"):
        township_by_name(s, "红星镇")


def test_missing_header(engine):
    with pytest.raises(UserError, match="乡镇.*村"):
        with transaction(engine) as s:
            import_org(s, "名称,备注\n东坡村,x\n".encode(), "x.csv")


def test_list_without_county_adds_to_the_known_township(engine):
    with transaction(engine) as s:
        import_org(s, "县,乡镇,村\n示范县,红星镇,东坡村\n".encode(), "a.csv")
    with transaction(engine) as s:
        r = import_org(s, "乡镇,村\n红星镇,西河村\n".encode(), "b.csv")
        assert (r.townships, r.villages) == (0, 1)
        assert [v.name for v in village_index(s, township_by_name(s, "红星镇")).villages] == ["东坡村", "西河村"]
