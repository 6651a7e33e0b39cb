"""`python -m etl.extract PATH... [--format jsonl|table]` (the same code as `zhibiao extract`)."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from etl.extract import extract_document
from etl.extract.model import Fact
from etl.textio import SUPPORTED_LABEL, iter_document_paths, open_document
from terms.indicators import INDICATOR_BY_CODE
from terms.labels import KIND_NAMES, QUALIFIER_NAMES


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def format_table(facts: list[Fact]) -> str:
    headers = ["文件", "指标", "数值", "限定", "类型", "范围", "期间", "原文"]
    rows = []
    for f in facts:
        value = "已遮挡" if f.value is None else (f"{f.value:,}" if isinstance(f.value, int) else f"{f.value:,.2f}")
        scope = {"township": "全乡（镇）", "per_village": "每村"}.get(f.scope, f.scope.replace("village:", "村：", 1))
        rows.append([f.doc, INDICATOR_BY_CODE[f.indicator].label if f.indicator in INDICATOR_BY_CODE else f.indicator, value,
                     QUALIFIER_NAMES.get(f.qualifier, f.qualifier), KIND_NAMES.get(f.kind, f.kind),
                     scope, f.period or "—", f.evidence.replace("\n", " ")])
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, widths[i]) for i, h in enumerate(headers)).rstrip(),
             "  ".join("-" * widths[i] for i in range(len(headers)))]
    for r in rows:
        lines.append("  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip())
    lines.append(f"共 {len(facts)} 条")
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    _MESSAGES = (("the following arguments are required", "缺少参数"), ("invalid choice", "无效的选项"),
                 ("unrecognized arguments", "无法识别的参数"), ("expected one argument", "缺少参数值"),
                 ("argument ", "参数 "), ("choose from", "可选"))

    def error(self, message):  # Chinese, no traceback
        for english, chinese in self._MESSAGES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> _Parser:
    parser = _Parser(prog="python -m etl.extract",
                     description="从乡镇工作报告中提取指标数字（村集体经济收入、发展党员、网格、培训人次、集体经济收入增幅）")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=f"报告文件（{SUPPORTED_LABEL}）或目录（递归查找）")
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl",
                        help="输出格式：jsonl（默认，每行一条 JSON）或 table（对齐的表格）")
    return parser


def _progress(name: str):
    """Per-page progress on stderr for long PDFs (scans take seconds a page)."""
    def report(page: int, pages: int, source: str) -> None:
        if pages >= 5:
            what = "（扫描页，文字识别）" if source == "ocr" else ""
            print(f"{name}：第 {page}/{pages} 页{what}", file=sys.stderr, flush=True)
    return report


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        files = iter_document_paths(args.paths)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    facts: list[Fact] = []
    errors = 0
    for path in files:
        try:
            document = open_document(path, progress=_progress(path.name))
        except ValueError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            errors += 1
            continue
        facts.extend(extract_document(document))
    out = sys.stdout
    if args.format == "jsonl":
        for f in facts:
            out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(format_table(facts) + "\n")
    out.flush()
    if errors:
        print(f"有 {errors} 个文件无法读取（见上方错误信息）", file=sys.stderr)
        return 1
    return 0
