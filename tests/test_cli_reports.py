"""`zhibiao extract` is the same code as `python -m etl.extract`; `zhibiao load` is idempotent."""
import json
import subprocess
import sys

from cli.main import run
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "004_21a9a8910d8ea9fd.txt"


def test_zhibiao_extract_equals_module(capsys):
    assert run(["extract", str(SEED), "--format", "jsonl"]) == 0
    via_cli = capsys.readouterr().out
    via_module = subprocess.run([sys.executable, "-m", "etl.extract", str(SEED), "--format", "jsonl"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert via_module.returncode == 0
    assert via_cli == via_module.stdout
    rows = [json.loads(line) for line in via_cli.splitlines()]
    assert rows and all(r["doc"] == SEED.name for r in rows)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["evidence"] for r in rows)


def test_zhibiao_load_twice(db_env, capsys, tmp_path):
    assert run(["demo", "--no-admin"]) == 0
    capsys.readouterr()
    report = tmp_path / "r.txt"
    report.write_text("2026年，东坡村集体经济收入达到8.1万元，李寨村集体经济收入7万元。", encoding="utf-8")
    assert run(["load", str(report), "--township", "示范乡"]) == 0
    assert "新报告 1 篇" in capsys.readouterr().out
    assert run(["load", str(report), "--township", "示范乡"]) == 0
    assert "新报告 0 篇（已存在 1 篇）" in capsys.readouterr().out
    assert run(["load", str(tmp_path / "missing.txt")]) == 1
    assert "找不到文件" in capsys.readouterr().err
