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


BENCHES = [bench_demo_load, bench_extract]


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
