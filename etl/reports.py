"""`zhibiao load`: store report documents once each (by sha256)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from db.engine import transaction
from db.store import add_document, township_by_name


@dataclass
class LoadResult:
    new_documents: int = 0
    known_documents: int = 0
    document_ids: list[int] = field(default_factory=list)


def load_reports(engine: Engine, paths: list[Path], *, township: str | None = None, user: str = "本机操作员") -> LoadResult:
    from etl.textio import iter_document_paths, read_document

    result = LoadResult()
    files = iter_document_paths(paths)
    with transaction(engine) as session:
        town = township_by_name(session, township) if township else None
        for path in files:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            text = read_document(path)
            doc, created = add_document(session, file_name=path.name, sha256=sha, text=text, township=town, user=user)
            result.document_ids.append(doc.id)
            if created:
                result.new_documents += 1
            else:
                result.known_documents += 1
    return result
