"""The audit trail: every change of a figure, its rollback, and where a figure came from."""

import json

from sqlalchemy import select

from cli.main import run
from db.engine import session_factory
from db.models import Observation
from db.queries import village_sources
from db.store import township_by_name, village_index
from etl.upload import import_file, rollback_batch
from tests.test_upload_flow import value_of

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


def test_history_of_a_figure_changed_three_times_and_rolled_back_once(demo_backend, monkeypatch, capsys):
    engine = demo_backend.engine
    batches = [import_file(engine, (Q + f"大刘庄村,{v}\n").encode(), f"v{v}.csv").batch_id for v in (1, 2, 3)]
    rollback_batch(engine, batches[-1])
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    assert run(["audit", "--format", "json", "--village", "大刘庄村", "--period", "2027Q1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["action"], r["old"], r["new"]) for r in rows] == [
        ("upload", None, 10000), ("upload", 10000, 20000), ("upload", 20000, 30000), ("rollback", 30000, 20000)]
    assert all(set(r) == {"time", "user", "action", "township", "village", "indicator", "period", "old", "new",
                          "source"} for r in rows)
    assert "v3.csv" in rows[2]["source"] and rows[0]["time"].endswith("+00:00")
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 20000


def test_restored_value_does_not_claim_the_undone_batch(demo_backend):
    engine = demo_backend.engine
    q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,{}\n"
    import_file(engine, q.format(1).encode(), "a.csv")
    second = import_file(engine, q.format(2).encode(), "b.csv")
    rollback_batch(engine, second.batch_id)
    with session_factory(engine)() as s:
        vid = village_index(s, township_by_name(s, "示范乡")).resolve("大刘庄村").id
        src = [r for r in village_sources(s, vid, 2027) if r["indicator"] == "collective_income"][0]
        obs = s.scalar(select(Observation).where(Observation.village_id == vid, Observation.period == "2027Q1",
                                                 Observation.indicator_code == "collective_income"))
    assert obs.batch_id is None and "b.csv" not in src["source"] and src["value"] == 10000


def test_a_new_figure_is_one_row_and_a_change_keeps_the_version_it_replaces(demo_backend):
    """System versioning: a new figure adds its observation row only; a change copies the version
    it ends (value, batch, author, time) to observation_history, marked with who ended it and how."""
    from sqlalchemy import func

    from db.models import ImportBatch, ObservationHistory
    from etl.upload import enter_figure

    engine = demo_backend.engine
    first = import_file(engine, (Q + "大刘庄村,1\n").encode(), "a.csv")
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(ObservationHistory)) == 0
        written = s.scalars(select(Observation).where(Observation.batch_id == first.batch_id)).one()
        first_at = written.updated_at
    enter_figure(engine, township="示范乡", village="大刘庄村", indicator="collective_income", period="2027Q1",
                 value="1.2", confirm_warnings=True)
    with session_factory(engine)() as s:
        old = s.scalars(select(ObservationHistory)).one()
        now = s.scalars(select(Observation).where(Observation.id == written.id)).one()
        manual_batch = s.get(ImportBatch, now.batch_id)
    assert (old.value, old.batch_id, old.source_type, old.version) == (10000, first.batch_id, "upload", 1)
    assert old.updated_at == first_at and old.ended_action == "manual" and not old.deleted
    assert old.ended_by == now.updated_by and old.ended_at == now.updated_at
    assert (now.value, now.version, now.source_type, manual_batch.file_name.startswith("手工录入")) == (12000, 2, "manual", True)


def test_removing_a_figure_by_rollback_keeps_it_in_the_history(demo_backend):
    from db.models import ObservationHistory

    engine = demo_backend.engine
    batch = import_file(engine, (Q + "胜利村,3\n").encode(), "c.csv").batch_id
    rollback_batch(engine, batch)
    assert value_of(engine, "胜利村", "collective_income", "2027Q1") is None
    with session_factory(engine)() as s:
        gone = s.scalars(select(ObservationHistory)).one()
    assert (gone.value, gone.batch_id, gone.deleted, gone.ended_action) == (30000, batch, True, "rollback")


def test_each_rollback_names_the_batch_it_undid_even_after_another_rollback(demo_backend):
    """B1 writes 3, B2 writes 5; undoing B2 restores 3, undoing B1 then removes it. Both entries say
    which batch they undid (the second one undoes a value an earlier rollback had restored)."""
    from db.queries import audit_entries

    engine = demo_backend.engine
    b1 = import_file(engine, (Q + "大刘庄村,3\n").encode(), "b1.csv").batch_id
    b2 = import_file(engine, (Q + "大刘庄村,5\n").encode(), "b2.csv").batch_id
    rollback_batch(engine, b2)
    rollback_batch(engine, b1)
    with session_factory(engine)() as s:
        rows = [(e["action"], e["old"], e["new"], e["source"]) for e in audit_entries(s, village="大刘庄村", period="2027Q1")]
    assert rows[2:] == [("rollback", 50000, 30000, f"撤销批次{b2} b2.csv"), ("rollback", 30000, None, f"撤销批次{b1} b1.csv")]
    assert rows[0][3].startswith("b1.csv sha256:") and rows[1][3].startswith("b2.csv sha256:")


def test_a_limited_listing_is_the_tail_of_the_whole_one(demo_backend):
    """The page asks for the latest entries only; they are the same as the end of the whole log,
    filtered or not, and entries of one act keep the order of the figures' rows."""
    from db.queries import audit_entries
    from db.locks import lock
    from db.engine import transaction
    from db.users import LOCAL_OPERATOR

    engine = demo_backend.engine
    three = Q + "大刘庄村,1\n胜利村,2\n红旗村,3\n"
    import_file(engine, three.encode(), "first.csv")
    import_file(engine, (Q + "胜利村,4\n").encode(), "second.csv")
    third = import_file(engine, "示范乡2027年第二季度\n村名,网格数（个）\n大刘庄村,6\n".encode(), "third.csv").batch_id
    rollback_batch(engine, third)
    with transaction(engine) as s:
        lock(s, "示范乡", "2026Q1", LOCAL_OPERATOR)
    with session_factory(engine)() as s:
        whole = audit_entries(s)
        for limit in (1, 2, 5, 40):
            assert audit_entries(s, limit=limit) == whole[-limit:]
        for filters in ({"action": "rollback"}, {"action": "upload", "village": "胜利村"}, {"period": "2027Q1"},
                        {"user": "本机操作员", "indicator": "collective_income"}):
            assert audit_entries(s, limit=3, **filters) == audit_entries(s, **filters)[-3:]
        firsts = [e["village"] for e in audit_entries(s, period="2027Q1") if e["source"].startswith("first.csv")]
    assert firsts == ["大刘庄村", "胜利村", "红旗村"]
