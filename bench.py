"""`make bench`: one JSON document of timings, each next to a baseline measured in the
same run, so results read as ratios on a shared, noisy machine."""
from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def entry(name: str, seconds: float, baseline_name: str, baseline: float, **extra) -> dict:
    return {"name": name, "seconds": round(seconds, 4), "baseline": baseline_name,
            "baseline_seconds": round(baseline, 4), "ratio": round(seconds / baseline, 2) if baseline else None, **extra}


def bench_demo_load() -> dict:
    """Loading the demo township through the user import path vs raw sqlite3 executemany of its cells."""
    from db.engine import make_engine, transaction, upgrade
    from db.store import ensure_reference
    from etl.demo import load_demo

    def run_load():
        with tempfile.TemporaryDirectory() as d:
            engine = make_engine(f"sqlite:///{d}/b.db")
            upgrade(engine)
            with transaction(engine) as s:
                ensure_reference(s)
            load_demo(engine)
            engine.dispose()

    def raw():
        with tempfile.TemporaryDirectory() as d:
            con = sqlite3.connect(f"{d}/raw.db")
            con.execute("create table o (v int, i text, p text, value real, unique(v, i, p))")
            rows = [(v, i, f"202{y}Q{q}", 1.0) for v in range(14) for i in "abcd" for y in (5, 6) for q in range(1, 5)]
            con.executemany("insert into o values (?,?,?,?)", rows)
            con.commit()
            con.close()

    return entry("demo_load_sqlite", best_of(run_load, 2), "sqlite3_executemany_demo_cells", best_of(raw, 3))


def bench_extract() -> dict:
    """Report extraction throughput on the seed reports repeated to ~2 MB, vs a plain regex number scan."""
    import re

    from etl.extract import extract_text

    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    text = seeds * max(1, (2 * 1024 * 1024) // len(seeds.encode("utf-8")))
    mb = len(text.encode("utf-8")) / 1048576
    number = re.compile(r"\d+(?:\.\d+)?")
    seconds = best_of(lambda: extract_text(text, "bench.txt"), 3)
    baseline = best_of(lambda: sum(1 for _ in number.finditer(text)), 3)
    return entry("extract_text", seconds, "regex_number_scan", baseline, megabytes=round(mb, 2),
                 mb_per_second=round(mb / seconds, 2), target_mb_per_second=2.0)


def _bench_db(villages: int):
    """A fresh SQLite database with one township of `villages` villages (through org import)."""
    from db.engine import make_engine, transaction, upgrade
    from db.store import ensure_reference
    from etl.orgfile import import_org

    d = tempfile.mkdtemp()
    engine = make_engine(f"sqlite:///{d}/bench.db")
    upgrade(engine)
    with transaction(engine) as s:
        ensure_reference(s)
    org = "乡镇,村\n" + "".join(f"基准乡,第{i}村\n" for i in range(villages))
    with transaction(engine) as s:
        import_org(s, org.encode(), "org.csv")
    return engine, d


def _raw_executemany(d: str, rows: list[tuple]) -> float:
    def go():
        path = f"{d}/raw-{time.perf_counter_ns()}.db"
        con = sqlite3.connect(path)
        con.execute("create table o (v int, i text, p text, value real, unique(v, i, p))")
        con.executemany("insert into o values (?,?,?,?)", rows)
        con.commit()
        con.close()
    return best_of(go, 3)


def bench_upload_xlsx_10k() -> dict:
    """A 10,000-row wide xlsx (40,000 cells) validated and committed; target under 3 s."""
    import io

    import xlsxwriter

    from etl.upload import import_file

    engine, d = _bench_db(10_000)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["基准乡2027年第一季度村级重点指标统计表"])
    ws.write_row(1, 0, ["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"])
    for i in range(10_000):
        ws.write_row(2 + i, 0, [f"第{i}村", 1 + i % 7, i % 3, 5, 10 + i % 50])
    wb.close()
    data = buf.getvalue()
    t0 = time.perf_counter()
    result = import_file(engine, data, "bench.xlsx", confirm_warnings=True)
    seconds = time.perf_counter() - t0
    assert result.committed and result.plan.counts()["new"] == 40_000
    raw = _raw_executemany(d, [(i, k, "2027Q1", 1.0) for i in range(10_000) for k in "abcd"])
    return entry("upload_xlsx_10k_rows", seconds, "sqlite3_executemany_same_cells", raw, target_seconds=3.0,
                 file_megabytes=round(len(data) / 1048576, 2))


def bench_upload_csv_100k() -> dict:
    """A 100,000-row long-layout CSV committed, vs raw sqlite3 executemany of the same rows
    (target ratio 3); peak Python memory of the import relative to the file size."""
    import tracemalloc

    from etl.upload import import_file

    engine, d = _bench_db(25_000)
    names = ["村集体经济收入", "发展党员数", "网格数", "培训人次"]
    lines = ["基准乡统计表", "村名,指标,期间,数值"]
    lines += [f"第{i}村,{k},2027Q2,{(i % 9 + 1) * (10000 if k == '村集体经济收入' else 1)}"
              for i in range(25_000) for k in names]
    data = ("\n".join(lines) + "\n").encode()
    t0 = time.perf_counter()
    result = import_file(engine, data, "bench.csv", confirm_warnings=True)
    seconds = time.perf_counter() - t0
    assert result.committed and result.plan.counts()["new"] == 100_000
    # Memory on a second, identical database (tracemalloc slows the run, so it is not timed).
    engine2, _ = _bench_db(25_000)
    tracemalloc.start()
    import_file(engine2, data, "bench.csv", confirm_warnings=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    raw = _raw_executemany(d, [(i, k, "2027Q2", 1.0) for i in range(25_000) for k in names])
    return entry("upload_csv_100k_rows", seconds, "sqlite3_executemany_same_rows", raw, target_ratio=3.0,
                 file_megabytes=round(len(data) / 1048576, 2), peak_python_megabytes=round(peak / 1048576, 1),
                 peak_memory_per_file_byte=round(peak / len(data), 1))


BENCHES = [bench_demo_load, bench_extract, bench_upload_xlsx_10k, bench_upload_csv_100k]


def main() -> int:
    selected = sys.argv[1:]
    results = [b() for b in BENCHES if not selected or b.__name__ in selected]
    doc = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
           "results": results}
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    print(text)
    (ROOT / "bench-results.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
