"""The demo township: deterministic files, loaded through the user import path, idempotent."""
from sqlalchemy import func, select

from db.engine import ROOT, session_factory
from db.models import AuditLog, Document, ImportBatch, Observation, OrgUnit, Target
from db.queries import effective_targets, observations_frame, townships
from etl import demo


def test_committed_demo_files_match_the_generator():
    rendered = demo.render_all()
    committed = {p.name: p.read_bytes() for p in (ROOT / "seeds" / "demo").iterdir()}
    assert set(rendered) == set(committed)
    for name, data in rendered.items():
        assert committed[name] == data, f"seeds/demo/{name} differs from etl.demo output; run python -m etl.demo write seeds/demo"


def test_demo_covers_the_files_people_send():
    files = demo.render_all()
    gbk = files["示范乡_2025Q4.csv"]
    assert not gbk.startswith(b"\xef\xbb\xbf")
    gbk.decode("gb18030")
    try:
        gbk.decode("utf-8")
        raise AssertionError("2025Q4 should be a GBK export")
    except UnicodeDecodeError:
        pass
    assert files["示范乡_2025Q1.csv"].startswith(b"\xef\xbb\xbf")
    assert files["示范乡_2026Q3.xlsx"][:2] == b"PK"


def test_load_demo(demo_backend):
    with session_factory(demo_backend.engine)() as s:
        towns = townships(s)
        assert [(t.name, t.villages) for t in towns] == [("示范乡", 14)]
        town_id = towns[0].id
        # 14 villages × 4 indicators × 7 quarters, minus the quarter 石桥村 did not report (4 cells)
        # and one blank training cell in each yellow village in 2026Q3 (2 cells).
        assert s.scalar(select(func.count()).select_from(Observation)) == 14 * 4 * 7 - 4 - 2
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 7
        assert s.scalar(select(func.count()).select_from(Document)) == 5
        frame = observations_frame(s, town_id, 2026)
        q3 = frame[frame["period"] == "2026Q3"]
        assert "石桥村" not in set(q3["village"]), "a village that did not report has no figures, never zeros"
        targets = effective_targets(s, town_id, 2026)
        ids = {name: vid for vid, name in s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.level == "village"))}
        assert targets[(ids["大刘庄村"], "collective_income")] == 100000
        assert targets[(ids["胜利村"], "collective_income")] == 150000  # own target wins
        income = q3[q3["indicator"] == "collective_income"].set_index("village")["value"]
        # the lagging village is below 80 % of the pacing line (7.5万 at Q3) ...
        assert income["大刘庄村"] < 0.8 * 75000
        # ... and 红旗村 has reached its whole-year target by the second quarter
        q2 = frame[(frame["period"] == "2026Q2") & (frame["indicator"] == "collective_income")].set_index("village")["value"]
        assert q2["红旗村"] >= 100000
        training = q3[(q3["indicator"] == "training_attendance")]
        assert "柳树湾村" not in set(training["village"])


def test_demo_twice_changes_nothing(demo_backend):
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        before = (s.scalar(select(func.count()).select_from(AuditLog)),
                  s.scalar(select(func.count()).select_from(Observation)),
                  s.scalar(select(func.count()).select_from(Target)),
                  s.scalar(select(func.count()).select_from(ImportBatch)))
    result = demo.load_demo(engine)
    assert result.batches == 0 and result.already == 7 and result.targets == 0 and result.documents == 0
    with session_factory(engine)() as s:
        after = (s.scalar(select(func.count()).select_from(AuditLog)),
                 s.scalar(select(func.count()).select_from(Observation)),
                 s.scalar(select(func.count()).select_from(Target)),
                 s.scalar(select(func.count()).select_from(ImportBatch)))
    assert after == before
