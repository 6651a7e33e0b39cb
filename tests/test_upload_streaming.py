"""Large uploads are checked and written chunk by chunk while they are read (issue 5:
memory proportional to the file, not a multiple of it). These tests make the chunks
tiny so that an ordinary file spans many of them, and check that the outcome does not
depend on where the chunks fall, that a problem found late still leaves nothing
written, and that the plan keeps a bounded sample for the preview while its counts,
problem counts and digest cover the whole file."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

import etl.upload as upload
from cli.main import run
from db.engine import session_factory
from db.errors import UserError
from db.models import AuditLog, ImportBatch, Observation, ObservationHistory
from db.store import township_by_name, village_index
from etl.tabular import RowStream
from etl.upload import enter_figure, import_file, preview_file

INDICATORS = ("村集体经济收入", "发展党员数", "网格数", "培训人次")


def counts(engine):
    with session_factory(engine)() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Observation, ObservationHistory, AuditLog, ImportBatch))


def stored(engine, period_prefix="2029"):
    """Every stored figure of the test's year: {(village, indicator, period): value}."""
    with session_factory(engine)() as s:
        idx = village_index(s, township_by_name(s, "示范乡"))
        names = {v.id: v.name for v in idx.villages}
        rows = s.execute(select(Observation.village_id, Observation.indicator_code, Observation.period,
                                Observation.value).where(Observation.period.like(f"{period_prefix}%"))).all()
    return {(names[v], i, p): val for v, i, p, val in rows}


def villages(engine):
    with session_factory(engine)() as s:
        return [v.name for v in village_index(s, township_by_name(s, "示范乡")).villages]


def long_csv(rows, title="示范乡村级指标") -> bytes:
    lines = [title, "村名,指标,期间,数值"] + [",".join(str(x) for x in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def outcome(plan):
    return (plan.counts(), [str(p) for p in plan.problems], [(c.row, c.indicator, c.period, c.value, c.old)
                                                            for c in plan.cells])


def test_quarter_figures_build_on_the_files_own_earlier_quarter(demo_backend, monkeypatch):
    """A 当季 file with Q1 and Q2 rows: Q2 is stored as the file's Q1 plus Q2, whether Q1
    was in the same chunk or in one already written, and the plan is the same for every
    chunk size."""
    engine = demo_backend.engine
    a, b = villages(engine)[:2]
    rows = [(a, "村集体经济收入", "2029Q1", 20000), (b, "培训人次", "2029Q1", 10),
            (a, "村集体经济收入", "2029Q2", 30000), (b, "培训人次", "2029Q2", 5)]
    data = long_csv(rows)
    seen = set()
    for size in (1, 2, 3, 5000):
        monkeypatch.setattr(upload, "CHUNK_CELLS", size)
        plan = import_file(engine, data, "q.csv", basis="quarter", dry_run=True).plan
        seen.add(repr(outcome(plan)))
        assert not plan.errors, plan.problems
    assert len(seen) == 1, "the chunk size changed the plan"

    monkeypatch.setattr(upload, "CHUNK_CELLS", 1)
    result = import_file(engine, data, "q.csv", basis="quarter")
    assert result.committed
    assert stored(engine) == {(a, "collective_income", "2029Q1"): 20000, (b, "training_attendance", "2029Q1"): 10,
                              (a, "collective_income", "2029Q2"): 50000, (b, "training_attendance", "2029Q2"): 15}


def test_a_cumulative_figure_below_the_files_own_last_quarter_is_warned(demo_backend, monkeypatch):
    engine = demo_backend.engine
    a = villages(engine)[0]
    data = long_csv([(a, "培训人次", "2029Q1", 40), (a, "培训人次", "2029Q2", 25)])
    for size in (1, 5000):
        monkeypatch.setattr(upload, "CHUNK_CELLS", size)
        plan = preview_file(engine, data, "c.csv")
        assert [str(w) for w in plan.warnings] == [
            f"第4行「数值」：“{a}”培训人次累计数25人次小于上季度的40人次，累计数一般不会减少，请确认"]


def spy_writes(monkeypatch):
    calls = []
    real = upload.write_observations

    def spy(session, cells, **kwargs):
        calls.append(len(cells))
        return real(session, cells, **kwargs)

    monkeypatch.setattr(upload, "write_observations", spy)
    return calls


def test_an_error_in_the_last_row_undoes_the_chunks_already_written(demo_backend, monkeypatch):
    engine = demo_backend.engine
    monkeypatch.setattr(upload, "CHUNK_CELLS", 2)
    writes = spy_writes(monkeypatch)
    names = villages(engine)
    rows = [(v, k, "2029Q1", 3) for v in names for k in INDICATORS[1:]] + [("并不存在村", "网格数", "2029Q1", 3)]
    before = counts(engine)
    with pytest.raises(UserError) as exc:
        import_file(engine, long_csv(rows), "late.csv")
    assert len(writes) >= 2, "chunks before the bad row were written inside the transaction"
    assert any("并不存在村" in p for p in exc.value.problems)
    assert counts(engine) == before


def test_a_late_warning_without_confirmation_undoes_everything(demo_backend, monkeypatch):
    engine = demo_backend.engine
    monkeypatch.setattr(upload, "CHUNK_CELLS", 2)
    writes = spy_writes(monkeypatch)
    names = villages(engine)
    rows = [(v, "网格数", "2029Q1", 4) for v in names] + [(names[0], "培训人次", "2029Q1", 50),
                                                           (names[0], "培训人次", "2029Q2", 20)]
    before = counts(engine)
    with pytest.raises(UserError) as exc:
        import_file(engine, long_csv(rows), "warn.csv")
    assert "需要确认的提醒" in str(exc.value) and writes
    assert counts(engine) == before
    result = import_file(engine, long_csv(rows), "warn.csv", confirm_warnings=True)
    assert result.committed and stored(engine)[(names[0], "training_attendance", "2029Q2")] == 20


def test_rows_are_written_before_the_file_is_read_to_its_end(demo_backend, monkeypatch):
    """No grid of the whole file: when the first chunk reaches the database, most of the
    file's rows have not been read yet."""
    engine = demo_backend.engine
    monkeypatch.setattr(upload, "CHUNK_CELLS", 8)
    names = villages(engine)
    rows = [(v, k, f"2029Q{q}", q) for q in (1, 2, 3, 4) for v in names for k in INDICATORS[1:]]
    read = {"rows": 0, "at_first_write": None}
    real_open = upload.open_rows

    def counting_open(data, name):
        stream = real_open(data, name)

        def rows_counted():
            for row in stream:
                read["rows"] += 1
                yield row
        return RowStream(rows_counted(), stream.size_hint)

    real_write = upload.write_observations

    def noting_write(session, cells, **kwargs):
        if read["at_first_write"] is None:
            read["at_first_write"] = read["rows"]
        return real_write(session, cells, **kwargs)

    monkeypatch.setattr(upload, "open_rows", counting_open)
    monkeypatch.setattr(upload, "write_observations", noting_write)
    result = import_file(engine, long_csv(rows), "stream.csv")
    assert result.committed and result.plan.counts()["new"] == len(rows)
    assert read["rows"] == len(rows) + 2
    assert read["at_first_write"] is not None and read["at_first_write"] < (len(rows) + 2) / 2


def test_the_preview_keeps_a_sample_and_counts_everything(demo_backend, monkeypatch, db_env, capsys, tmp_path):
    engine = demo_backend.engine
    names = villages(engine)
    first = [(v, "网格数", "2029Q1", 4) for v in names]
    assert import_file(engine, long_csv(first), "first.csv").committed
    monkeypatch.setattr(upload, "PREVIEW_CELLS", 3)
    second = [(v, "网格数", "2029Q1", 4) for v in names[:-2]] + [(v, "网格数", "2029Q1", 5) for v in names[-2:]] \
        + [(v, "发展党员数", "2029Q1", 1) for v in names]
    plan = preview_file(engine, long_csv(second), "second.csv")
    n = len(names)
    assert plan.counts() == {"new": n, "changed": 2, "unchanged": n - 2}
    assert plan.cell_count == 2 * n and len(plan.cells) == 3
    assert all(c.status != "unchanged" for c in plan.cells), "new and changed cells come first"
    assert [c.row for c in plan.cells] == sorted(c.row for c in plan.cells)

    path = tmp_path / "second.csv"
    path.write_bytes(long_csv(second))
    assert run(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.count("第") >= 3 and f"另有 {n + 2 - 3} 项新增或修改未逐条列出" in out


def test_problems_past_the_listed_ones_are_counted(demo_backend, monkeypatch):
    engine = demo_backend.engine
    monkeypatch.setattr(upload, "MAX_LISTED_PROBLEMS", 3)
    rows = [(f"无此村{i}", "网格数", "2029Q1", 1) for i in range(8)]
    plan = preview_file(engine, long_csv(rows), "bad.csv")
    assert plan.error_count == 8 and len(plan.errors) == 4
    assert str(plan.errors[-1]) == "以上只列出前 3 处，另有 5 处错误未列出（共 8 处）"
    with pytest.raises(UserError) as exc:
        import_file(engine, long_csv(rows), "bad.csv")
    assert "有 8 处错误" in str(exc.value)


def test_a_change_since_the_preview_outside_the_sample_is_caught(demo_backend, monkeypatch):
    """The page keeps the listed cells' old values and the digest of all of them: a figure
    changed by someone else after the preview refuses the import, even if it was not listed."""
    engine = demo_backend.engine
    names = villages(engine)
    assert import_file(engine, long_csv([(v, "网格数", "2029Q1", 4) for v in names]), "first.csv").committed
    monkeypatch.setattr(upload, "PREVIEW_CELLS", 2)
    data = long_csv([(v, "网格数", "2029Q1", 6) for v in names])
    plan = preview_file(engine, data, "second.csv")
    listed = {(c.village_id, c.indicator, c.period): c.old for c in plan.cells}
    listed_names = {c.village for c in plan.cells}
    other = next(v for v in names if v not in listed_names)
    assert enter_figure(engine, township="示范乡", village=other, indicator="grid_count", period="2029Q1",
                        value="5").committed
    before = counts(engine)
    with pytest.raises(UserError) as exc:
        import_file(engine, data, "second.csv", expect_old=listed, expect_digest=plan.old_digest)
    assert "数据已被他人修改" in str(exc.value)
    assert counts(engine) == before and stored(engine)[(other, "grid_count", "2029Q1")] == 5

    fresh = preview_file(engine, data, "second.csv")
    assert fresh.old_digest != plan.old_digest
    result = import_file(engine, data, "second.csv", expect_old={(c.village_id, c.indicator, c.period): c.old
                                                                 for c in fresh.cells},
                         expect_digest=fresh.old_digest)
    assert result.committed and stored(engine)[(other, "grid_count", "2029Q1")] == 6


def test_a_figure_added_since_the_preview_outside_the_sample_is_caught(demo_backend, monkeypatch):
    """The digest covers cells that had no stored figure at the preview too: one entered by
    someone else afterwards (not in the listed sample) refuses the import."""
    engine = demo_backend.engine
    names = villages(engine)
    monkeypatch.setattr(upload, "PREVIEW_CELLS", 2)
    data = long_csv([(v, "网格数", "2029Q3", 6) for v in names])
    plan = preview_file(engine, data, "new.csv")
    assert plan.counts()["new"] == len(names)
    listed = {(c.village_id, c.indicator, c.period): c.old for c in plan.cells}
    other = next(v for v in names if v not in {c.village for c in plan.cells})
    assert enter_figure(engine, township="示范乡", village=other, indicator="grid_count", period="2029Q3",
                        value="5").committed
    before = counts(engine)
    with pytest.raises(UserError, match="数据已被他人修改"):
        import_file(engine, data, "new.csv", expect_old=listed, expect_digest=plan.old_digest)
    assert counts(engine) == before


def test_garbage_collection_is_paused_only_while_importing(demo_backend, monkeypatch):
    """The import turns the cyclic collector off while it runs and back on afterwards, also when
    the file is refused; a process that had it off keeps it off."""
    import gc

    engine = demo_backend.engine
    seen = []
    real = upload._check_file

    def noting(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(upload, "_check_file", noting)
    names = villages(engine)
    assert gc.isenabled()
    assert import_file(engine, long_csv([(names[0], "网格数", "2029Q4", 3)]), "a.csv").committed
    with pytest.raises(UserError):
        import_file(engine, long_csv([("并不存在村", "网格数", "2029Q4", 3)]), "b.csv")
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        assert import_file(engine, long_csv([(names[1], "网格数", "2029Q4", 3)]), "c.csv").committed
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("whole", [True, False])
def test_quarters_compared_with_read_whole_or_cell_by_cell_agree(demo_backend, monkeypatch, whole):
    """A file covering much of a township reads the quarter before and last year's quarter once for
    the whole township; a small one looks them up chunk by chunk. Both find the same figures."""
    engine = demo_backend.engine
    names = villages(engine)
    assert import_file(engine, long_csv([(v, "培训人次", "2029Q1", 40) for v in names]
                                        + [(v, "发展党员数", "2028Q2", 1) for v in names]), "earlier.csv").committed
    monkeypatch.setattr(upload, "CHUNK_CELLS", 3)
    monkeypatch.setattr(upload._FileKeys, "reads_whole", lambda self, town_id: whole)
    rows = [(v, "培训人次", "2029Q2", 25) for v in names[:4]] + [(names[4], "发展党员数", "2029Q2", 30)]
    plan = preview_file(engine, long_csv(rows), "later.csv")
    assert [p.message for p in plan.warnings][:4] == [
        f"“{v}”培训人次累计数25人次小于上季度的40人次，累计数一般不会减少，请确认" for v in names[:4]]
    assert any(f"“{names[4]}”发展党员数30人与去年同期1人相差30倍" in p.message for p in plan.problems)
    assert plan.counts() == {"new": 5, "changed": 0, "unchanged": 0}
