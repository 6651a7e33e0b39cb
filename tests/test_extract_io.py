"""Reading documents (etl.textio) and the `python -m etl.extract` command line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.extract import extract_paths, extract_text
from etl.textio import decode_bytes, iter_document_paths, read_document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/fixtures/reports"
SAMPLE = "2023年工作总结\n全镇村集体经济收入达到86万元，发展党员7名。"
# The JSONL contract: issue 4's fields, then the id of the rule that produced the fact (issue 13).
FIELDS = ["doc", "indicator", "value", "qualifier", "kind", "scope", "period", "evidence", "start", "end", "rule"]


def has_chinese(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


# ---------------------------------------------------------------------------
# decode_bytes
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
    SAMPLE.encode("gb18030"),
    SAMPLE.encode("gbk"),
], ids=["utf-8", "utf-8-bom", "gb18030", "gbk"])
def test_decode_supported_encodings(data):
    assert decode_bytes(data) == SAMPLE


def test_decode_traditional_gb18030():
    text = "村集體經濟收入達到１２萬元"
    assert decode_bytes(text.encode("gb18030")) == text


@pytest.mark.parametrize("data", [
    b"abc\x00def",
    SAMPLE.encode("utf-16"),
    SAMPLE.encode("utf-16-le"),
], ids=["nul", "utf-16-bom", "utf-16-le"])
def test_decode_refuses_nul_bytes(data):
    with pytest.raises(ValueError) as err:
        decode_bytes(data)
    assert has_chinese(str(err.value))


@pytest.mark.parametrize("data", [
    b"\xff\xfe\xfd\xfc\x80\x81",
    bytes(range(0x80, 0x100)),
    b"\xef\xbb\xbf\xff\xfe broken after a BOM",
], ids=["garbage", "high-bytes", "bad-utf8-after-bom"])
def test_decode_refuses_undecodable_bytes(data):
    with pytest.raises(ValueError) as err:
        decode_bytes(data)
    assert has_chinese(str(err.value))


# ---------------------------------------------------------------------------
# read_document: txt, docx, pdf
# ---------------------------------------------------------------------------
def test_read_txt_in_gb18030(tmp_path):
    p = tmp_path / "报告.txt"
    p.write_bytes(SAMPLE.encode("gb18030"))
    assert read_document(p) == SAMPLE


def test_read_docx_paragraphs_joined_with_newlines(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2023年工作总结")
    document.add_paragraph("全镇共划分网格58个，配备网格员58名。")
    document.add_paragraph("全年发展党员9名。")
    p = tmp_path / "总结.docx"
    document.save(p)
    text = read_document(p)
    assert text == "2023年工作总结\n全镇共划分网格58个，配备网格员58名。\n全年发展党员9名。"
    facts = extract_paths([p])
    assert {(f.doc, f.indicator, f.value) for f in facts} == {("总结.docx", "grid_count", 58),
                                                              ("总结.docx", "new_members", 9)}
    for f in facts:
        assert text[f.start:f.end] == f.evidence


def _pdf(text: str | None) -> bytes:
    """A minimal one-page PDF; with text, one Helvetica line (ASCII only)."""
    content = b"" if text is None else b"BT /F1 18 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_read_pdf_text_layer(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(_pdf("Trained 438 members in 2023"))
    assert "Trained 438 members in 2023" in read_document(p)


def test_a_blank_scan_is_refused(tmp_path):
    # a page without a text layer goes through OCR (tests/test_formats.py); a blank one reads nothing
    p = tmp_path / "scan.pdf"
    p.write_bytes(_pdf(None))
    with pytest.raises(ValueError) as err:
        read_document(p)
    assert "无法读取文件 scan.pdf：没有文字层，文字识别也没有认出文字" in str(err.value)


@pytest.mark.parametrize("name,data", [
    ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf"),
    ("broken.docx", b"PK\x03\x04 not a real zip"),
    ("binary.txt", b"\x00\x01\x02\x03"),
])
def test_unreadable_files_give_chinese_errors(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ValueError) as err:
        read_document(p)
    assert str(err.value).startswith(f"无法读取文件 {name}")


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x")
    with pytest.raises(ValueError, match="不支持的文件类型"):
        read_document(tmp_path / "a.xlsx")
    with pytest.raises(ValueError, match="文件不存在"):
        read_document(tmp_path / "nope.txt")


def test_iter_document_paths_recurses_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    for rel in ["z.txt", "a.docx", "b/c.pdf", "b/deep/d.TXT", "b/skip.md", "b/skip.csv"]:
        (tmp_path / rel).write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.txt").write_bytes(b"x")
    found = iter_document_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.docx", "b/c.pdf", "b/deep/d.TXT", "z.txt"]
    assert found == sorted(found)
    assert iter_document_paths([tmp_path / "z.txt", tmp_path]) == found  # no duplicates
    with pytest.raises(ValueError, match="路径不存在"):
        iter_document_paths([tmp_path / "missing"])


# ---------------------------------------------------------------------------
# Fixture reports: BOM, GB18030 traditional news, a table in a subfolder
# ---------------------------------------------------------------------------
EXPECTED_FIXTURE_FACTS = {
    ("table_report.txt", "collective_income", 152_000, "exact", "actual", "village:东坡村", "2023"),
    ("table_report.txt", "new_members", 2, "exact", "actual", "village:东坡村", "2023"),
    ("table_report.txt", "grid_count", 6, "exact", "actual", "village:东坡村", "2023"),
    ("table_report.txt", "collective_income", None, "redacted", "actual", "village:西岭村", "2023"),
    ("table_report.txt", "new_members", 1, "exact", "actual", "village:西岭村", "2023"),
    ("table_report.txt", "grid_count", 4, "exact", "actual", "village:西岭村", "2023"),
    ("table_report.txt", "collective_income", None, "redacted", "actual", "township", "2023"),
    ("table_report.txt", "new_members", 3, "exact", "actual", "township", "2023"),
    ("table_report.txt", "grid_count", 10, "exact", "actual", "township", "2023"),
    ("township_news_gb18030.txt", "grid_count", 96, "exact", "actual", "township", "2023"),
    ("township_news_gb18030.txt", "collective_income", 12_000_000, "at_least", "actual", "township", "2023"),
    ("township_news_gb18030.txt", "collective_income_growth_pct", 15, "exact", "actual", "township", "2023"),
    ("township_news_gb18030.txt", "new_members", 11, "exact", "actual", "township", "2023H1"),
    ("township_news_gb18030.txt", "training_attendance", 1500, "at_least", "actual", "township", "2023H1"),
    ("village_profile.txt", "collective_income", 236_000, "exact", "actual", "village:青石村", "2023"),
    ("village_profile.txt", "new_members", 1, "exact", "actual", "village:青石村", "2023"),
    ("village_profile.txt", "grid_count", 5, "exact", "actual", "village:青石村", "2023"),
}


def test_fixture_reports():
    facts = extract_paths([FIXTURES])
    got = {(f.doc, f.indicator, f.value, f.qualifier, f.kind, f.scope, f.period) for f in facts}
    assert got == EXPECTED_FIXTURE_FACTS
    for f in facts:
        path = next(FIXTURES.rglob(f.doc))
        assert read_document(path)[f.start:f.end] == f.evidence


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def cli(*args):
    return subprocess.run([sys.executable, "-m", "etl.extract", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_jsonl_recurses_directories(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "reports")
    proc = cli(tmp_path / "reports")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(list(r) == FIELDS for r in rows)
    assert {r["doc"] for r in rows} == {"table_report.txt", "township_news_gb18030.txt", "village_profile.txt"}
    assert "集体经济" in proc.stdout  # ensure_ascii=False
    got = {(r["doc"], r["indicator"], r["value"], r["qualifier"], r["kind"], r["scope"], r["period"]) for r in rows}
    assert got == EXPECTED_FIXTURE_FACTS
    assert all(isinstance(r["value"], int) or r["value"] is None for r in rows)


def test_cli_table_format(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    proc = cli(p, "--format", "table")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["文件", "指标", "数值", "限定", "类型", "范围", "期间", "原文"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + 2 + 1  # header, rule, two facts, count
    assert "860,000" in proc.stdout and "发展党员" in proc.stdout
    assert lines[-1] == "共 2 条"
    # columns line up: the period column starts at the same display position on every line
    from etl.extract.cli import _width
    starts = {_width(line[:line.index(word)]) for line, word in zip(lines[:4], ["期间", "-", "2023", "2023"])
              if word != "-"}
    assert len(starts) == 1


def test_cli_unreadable_file_fails_in_chinese(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    proc = cli(tmp_path)
    assert proc.returncode != 0
    assert "无法读取文件 bad.txt" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert '"doc": "good.txt"' in proc.stdout  # readable files are still reported


def test_cli_missing_path_and_bad_format(tmp_path):
    proc = cli(tmp_path / "missing")
    assert proc.returncode != 0 and "路径不存在" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli(tmp_path, "--format", "xml")
    assert proc.returncode != 0 and "参数错误" in proc.stderr


def test_main_in_process(tmp_path, capsys):
    from etl.extract.cli import main

    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    assert main([str(p)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["indicator"] for line in out] == ["collective_income", "new_members"]


def test_extract_text_doc_name_default():
    facts = extract_text(SAMPLE)
    assert {f.doc for f in facts} == {""}
