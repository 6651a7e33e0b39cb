"""Reports as a township office has them (issue 14): .doc and .wps through LibreOffice, tables in
Word and PDF, scanned PDFs and photos through OCR, and the limits that refuse a file cleanly."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import session_factory
from db.models import Document, ReportFact
from db.errors import UserError
from etl import formats
from etl.extract import extract_paths
from etl.reports import load_report_bytes
from etl.textio import open_document
from tests import docfixtures as F

ROOT = Path(__file__).resolve().parents[1]


def cells(facts) -> set[tuple]:
    return {(f.indicator, f.scope, f.value) for f in facts if f.kind == "actual"}


def test_a_docx_table_gives_one_fact_per_cell(tmp_path):
    facts = extract_paths([F.table_docx(tmp_path / "t.docx")])
    assert cells(facts) == F.TABLE_FACTS
    assert all(f.period == "2026H1" and f.qualifier == "exact" for f in facts if f.kind == "actual")
    # the paragraph after the table is read too, and nothing twice
    assert [(f.indicator, f.scope, f.value, f.kind) for f in facts if f.kind == "target"] == [
        ("collective_income", "per_village", 100_000, "target")]
    assert len(facts) == len(F.TABLE_FACTS) + 1


def test_a_table_without_borders_reads_the_same(tmp_path):
    assert cells(extract_paths([F.table_docx(tmp_path / "t.docx", grid=False)])) == F.TABLE_FACTS


def test_table_evidence_points_into_the_text_the_page_highlights(tmp_path):
    path = F.table_docx(tmp_path / "t.docx")
    text = open_document(path).text
    for f in extract_paths([path]):
        assert text[f.start:f.end] == f.evidence
        assert f.scope.split(":")[-1] in f.evidence or f.kind == "target"


@pytest.mark.parametrize("build", [F.table_doc, F.table_wps, F.table_pdf], ids=["doc", "wps", "pdf"])
def test_doc_wps_and_pdf_tables(tmp_path, build):
    path = build(tmp_path)
    facts = extract_paths([path])
    assert cells(facts) == F.TABLE_FACTS
    assert not any(f.source for f in facts), "a text layer is no OCR"


@pytest.mark.parametrize("build", [F.scan_pdf, F.scan_png], ids=["image-only-pdf", "photo"])
def test_scans_go_through_ocr_and_are_marked(tmp_path, build):
    F.tesseract()
    path = build(tmp_path / f"scan{'.pdf' if build is F.scan_pdf else '.png'}")
    facts = extract_paths([path])
    assert cells(facts) == F.SCAN_FACTS
    assert {f.source for f in facts} == {"ocr"}
    document = open_document(path)
    assert document.ocr_spans == [(0, len(document.text))]


def test_the_cli_marks_ocr_facts_and_only_them(tmp_path):
    F.tesseract()
    scan = F.scan_pdf(tmp_path / "scan.pdf")
    table = F.table_docx(tmp_path / "t.docx")
    proc = subprocess.run([sys.executable, "-m", "etl.extract", str(scan), str(table)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {r["doc"]: r.get("source") for r in rows} == {"scan.pdf": "ocr", "t.docx": None}


def test_progress_is_reported_per_page(tmp_path):
    seen = []
    open_document(F.table_pdf(tmp_path), progress=lambda page, pages, source: seen.append((page, pages, source)))
    assert seen == [(1, 1, "text")]


def test_ocr_spacing_is_removed():
    assert formats.clean_spacing("村 集 体 经 济 收 入 达 到 15.8 万 元") == "村集体经济收入达到15.8万元"
    assert formats.clean_spacing("示范乡 2026 年") == "示范乡2026年"
    assert formats.clean_spacing("in 2026 we") == "in 2026 we"


# ------------------------------------------------------------------ limits and failures
def test_too_large_a_file_is_refused(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1))
    with pytest.raises(ValueError, match="超过 20 MB 的上限"):
        open_document(path)


def test_too_many_pages_are_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(201):
        writer.add_blank_page(width=200, height=200)
    path = tmp_path / "long.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(ValueError, match="201 页，超过 200 页的上限"):
        open_document(path)


def test_a_password_protected_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(F.table_pdf(tmp_path)))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(ValueError, match="设置了打开密码"):
        open_document(path)


@pytest.mark.parametrize("name,data,message", [
    ("broken.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really a word file", "Word/WPS 文件已损坏"),
    ("renamed.wps", b"just some text saved as .wps", "不是有效的 Word/WPS 文件"),
    ("broken.png", b"\x89PNG not an image", "不是有效的图片文件"),
])
def test_broken_files_get_a_chinese_message(tmp_path, name, data, message):
    if name.endswith(".doc"):
        F.soffice()
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValueError, match=message):
        open_document(path)


def test_missing_tools_are_named(tmp_path, monkeypatch):
    doc = tmp_path / "x.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    scan = F.scan_png(tmp_path / "x.png")
    monkeypatch.setattr(formats.shutil, "which", lambda name: None)
    with pytest.raises(ValueError, match="需要 LibreOffice"):
        open_document(doc)
    with pytest.raises(ValueError, match="需要 tesseract"):
        open_document(scan)


def test_nothing_is_stored_for_a_file_that_fails(demo_backend):
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        before = (s.scalar(select(func.count()).select_from(Document)), s.scalar(select(func.count()).select_from(ReportFact)))
    with pytest.raises(UserError, match="无法读取“坏文件.pdf”"):
        load_report_bytes(engine, b"%PDF-1.4\nbroken", "坏文件.pdf", township="示范乡")
    with session_factory(engine)() as s:
        after = (s.scalar(select(func.count()).select_from(Document)), s.scalar(select(func.count()).select_from(ReportFact)))
    assert after == before


def test_an_ocr_fact_is_stored_as_ocr_and_waits_for_review(demo_backend, tmp_path):
    F.tesseract()
    data = F.scan_png(tmp_path / "scan.png").read_bytes()
    r = load_report_bytes(demo_backend.engine, data, "东坡村扫描件.png", township="示范乡")
    assert r.facts == 3
    with session_factory(demo_backend.engine)() as s:
        facts = s.scalars(select(ReportFact).where(ReportFact.document_id == r.document_ids[0])).all()
    assert {(f.source, f.status) for f in facts} == {("ocr", "pending")}
    assert all(f.rule for f in facts)
