"""Extract indicator facts (figures) from township report text.

    python -m etl.extract PATH... [--format jsonl|table]

A staged pipeline (see pipeline.py): the text's normalised shadow (shadow.py), the document's
context (context.py), every figure with its unit (quantities.py), candidates from named rules
(rules_*.py, respectively.py, tables.py; all listed in registry.py), one selection by priority,
then kind, period and scope (kind.py, period.py, scope.py) and the verbatim evidence
(evidence.py). Every fact names the rule that produced it.
"""
from __future__ import annotations

from etl.extract.model import Fact
from etl.extract.pipeline import extract_text
from etl.extract.shadow import normalise
from etl.textio import iter_document_paths, read_document

__all__ = ["Fact", "extract_paths", "extract_text", "normalise"]


def extract_paths(paths) -> list[Fact]:
    """Facts of every readable document under paths (files or directories).

    Raises ValueError (Chinese message) on the first unreadable file.
    """
    facts: list[Fact] = []
    for path in iter_document_paths(paths):
        facts.extend(extract_text(read_document(path), doc=path.name))
    return facts
