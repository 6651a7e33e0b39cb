"""Score the extractor on every annotated corpus, with the shared scorer.

    python -m etl.eval                 recompute eval/results.json (every corpus, every real batch)
    python -m etl.eval --check         exit 1 when eval/results.json is not what the extractor gives now
    python -m etl.eval --by-rule       precision of each rule on the real corpus, and the rules that never fire
    python -m etl.eval --blind b09 --annotator "…"
                                       score one real batch whose gold is committed and record it in
                                       tests/fixtures/real/MANIFEST.json as its blind score

Corpora: the five seed reports (gold in ../shared/eval/seeds-gold.jsonl), the synthetic corpora
written for this project (tests/fixtures/heldout*/, regression checks only) and the real documents
(tests/fixtures/real/b*/, public pages as found, annotated before the extractor ran on them).
The scorer is ../shared/eval/score.py; `match` below repeats its one-to-one matching so that each
prediction can be credited to its rule, and `test_eval.py` checks that both agree.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from etl.extract import extract_paths
from etl.extract.registry import RULES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
FIXTURES = ROOT / "tests" / "fixtures"
REAL = FIXTURES / "real"
MANIFEST = REAL / "MANIFEST.json"
RESULTS = ROOT / "eval" / "results.json"
SCORES = ("f1", "precision", "recall", "qualifier_acc", "scope_acc")


def scorer():
    """The shared scorer module (../shared/eval/score.py)."""
    path = SHARED / "score.py"
    if not path.is_file():
        raise SystemExit(f"找不到共享评分程序：{path}（shared/ 应在仓库旁边）")
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else {"batches": []}


def real_batches() -> list[Path]:
    """The real batches whose blind score is recorded. A batch being collected or annotated is left
    alone: the extractor first runs on it through --blind, after its gold is committed."""
    return [REAL / b["batch"] for b in manifest()["batches"]]


def corpora() -> dict[str, tuple[list[Path], list[dict]]]:
    """name → (documents, gold) for every corpus; "real" is all real batches together."""
    out: dict[str, tuple[list[Path], list[dict]]] = {
        "seeds": (sorted((ROOT / "seeds").glob("*.txt")), load_jsonl(SHARED / "seeds-gold.jsonl"))}
    for folder in sorted((FIXTURES / "synthetic").glob("s[0-9]*")):
        out[f"synthetic/{folder.name}"] = (sorted(folder.glob("*.txt")), load_jsonl(folder / "gold.jsonl"))
    docs, gold = [], []
    for folder in real_batches():
        d, g = sorted(folder.glob("*.txt")), load_jsonl(folder / "gold.jsonl")
        out[f"real/{folder.name}"] = (d, g)
        docs += d
        gold += g
    if docs:
        out["real"] = (docs, gold)
    return out


def score(docs: list[Path], gold: list[dict], facts=None) -> dict:
    facts = extract_paths(docs) if facts is None else facts
    result = scorer().score(gold, [f.to_dict() for f in facts])
    return {"documents": len(docs), "gold": result["gold"], "pred": result["pred"], "matched": result["matched"],
            **{k: result[k] for k in SCORES}}


def results() -> dict:
    return {"scorer": "../shared/eval/score.py", "corpora": {name: score(*c) for name, c in corpora().items()}}


def match(gold: list[dict], pred: list[dict]) -> list[bool]:
    """For each prediction of a scored indicator (in order), whether it matched a gold fact —
    the same one-to-one matching as the shared scorer."""
    same_value = scorer().same_value
    indicators = {g["indicator"] for g in gold}
    pred = [p for p in pred if p.get("indicator") in indicators]
    by_key = defaultdict(list)
    for i, p in enumerate(pred):
        by_key[(p.get("doc"), p.get("indicator"), p.get("kind", "actual"))].append(i)
    used: set[int] = set()
    for g in gold:
        for i in by_key[(g["doc"], g["indicator"], g.get("kind", "actual"))]:
            if i not in used and same_value(g, pred[i]):
                used.add(i)
                break
    return [i in used for i in range(len(pred))]


def by_rule(docs: list[Path], gold: list[dict]) -> dict[str, dict]:
    """rule id → {"pred", "matched", "precision"} on one corpus (scored indicators only)."""
    indicators = {g["indicator"] for g in gold}
    pred = [f.to_dict() for f in extract_paths(docs) if f.indicator in indicators]
    out: dict[str, dict] = defaultdict(lambda: {"pred": 0, "matched": 0})
    for p, ok in zip(pred, match(gold, pred)):
        out[p["rule"]]["pred"] += 1
        out[p["rule"]]["matched"] += int(ok)
    for row in out.values():
        row["precision"] = round(row["matched"] / row["pred"], 3)
    return dict(out)


def fired_rules() -> set[str]:
    """The rules that produce at least one fact on any corpus."""
    return {f.rule for docs, _ in corpora().values() for f in extract_paths(docs)}


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def record_blind(batch: str, annotator: str) -> dict:
    """Score a real batch with the extractor as it is now and record it as the batch's blind score.
    Refused unless the batch's documents and gold are committed and unchanged."""
    folder = REAL / batch
    if not (folder / "gold.jsonl").is_file():
        raise SystemExit(f"没有 {folder}/gold.jsonl")
    rel = str(folder.relative_to(ROOT))
    if _git("status", "--porcelain", "--", rel):
        raise SystemExit(f"{rel} 有未提交的修改：先提交文档和标注，再运行抽取")
    recorded = manifest()
    if any(b["batch"] == batch for b in recorded["batches"]):
        raise SystemExit(f"{batch} 已经记录过盲测分数")
    docs, gold = sorted(folder.glob("*.txt")), load_jsonl(folder / "gold.jsonl")
    entry = {"batch": batch, "added_in": _git("log", "-1", "--format=%H", "--", rel), "annotator": annotator,
             "documents": len(docs), "facts": len(gold), "extractor": _git("rev-parse", "HEAD"),
             "blind": {k: v for k, v in score(docs, gold).items() if k in SCORES}}
    recorded["batches"].append(entry)
    MANIFEST.write_text(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return entry


def _print_by_rule() -> None:
    docs, gold = corpora().get("real", ([], []))
    rows = sorted(by_rule(docs, gold).items(), key=lambda kv: (kv[1]["precision"], kv[0]))
    print(f"{'rule':40} {'pred':>5} {'matched':>7} {'precision':>9}")
    for rule, row in rows:
        print(f"{rule:40} {row['pred']:>5} {row['matched']:>7} {row['precision']:>9.3f}")
    never = sorted({r.id for r in RULES} - fired_rules())
    print("never fire on any corpus:", ", ".join(never) if never else "none")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.eval", description="在全部标注语料上为抽取程序计分")
    parser.add_argument("--check", action="store_true", help="eval/results.json 与当前抽取结果不一致时退出码为 1")
    parser.add_argument("--by-rule", action="store_true", help="真实语料上每条规则的准确率，以及从不触发的规则")
    parser.add_argument("--blind", metavar="BATCH", help="为一批已提交的真实文档记录盲测分数")
    parser.add_argument("--annotator", default="", help="与 --blind 一起：标注人")
    args = parser.parse_args(argv)
    if args.by_rule:
        _print_by_rule()
        return 0
    if args.blind:
        print(json.dumps(record_blind(args.blind, args.annotator), ensure_ascii=False, indent=1))
        return 0
    now = results()
    text = json.dumps(now, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        current = RESULTS.is_file() and RESULTS.read_text(encoding="utf-8") == text
        print("eval/results.json 是最新的" if current else "eval/results.json 已过期：运行 python -m etl.eval")
        return 0 if current else 1
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    for name, r in now["corpora"].items():
        print(f"{name:24} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  "
              f"qualifier {r['qualifier_acc']:.3f}  scope {r['scope_acc']:.3f}  ({r['gold']} facts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
