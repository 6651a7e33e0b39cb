"""Extract indicator facts (figures) from township report text.

    python -m etl.extract PATH... [--format jsonl|table]

A staged pipeline (see pipeline.py): the text's normalised shadow (shadow.py), the document's
context (context.py), every figure with its unit (quantities.py), candidates from named rules
(rules_*.py, respectively.py, tables.py; all listed in registry.py), one selection by priority,
then kind, period and scope (kind.py, period.py, scope.py) and the verbatim evidence
(evidence.py). Every fact names the rule that produced it.
"""
from __future__ import annotations

import dataclasses

from etl.extract.model import Fact
from etl.extract.pipeline import extract_text
from etl.extract.shadow import normalise
from etl.textio import Document, iter_document_paths, open_document

__all__ = ["Fact", "extract_document", "extract_paths", "extract_text", "normalise"]


def extract_document(document: Document) -> list[Fact]:
    """Facts of a read document; those in text read by OCR are marked source "ocr"."""
    facts = extract_text(document.text, doc=document.name)
    if not document.ocr_spans:
        return facts
    return [dataclasses.replace(f, source="ocr") if document.source_at(f.start) == "ocr" else f for f in facts]


def extract_paths(paths) -> list[Fact]:
    """Facts of every readable document under paths (files or directories).

    Raises ValueError (Chinese message) on the first unreadable file.
    """
    facts: list[Fact] = []
    for path in iter_document_paths(paths):
        facts.extend(extract_document(open_document(path)))
    return facts
