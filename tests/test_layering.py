"""Data flows one way: pages/app/cli → etl → db. db imports neither etl nor pages;
nothing under etl/ or db/ imports streamlit except the one cache wrapper db/cached.py."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_WRAPPER = ROOT / "db" / "cached.py"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def test_db_does_not_import_etl_pages_or_cli():
    bad = {str(p.relative_to(ROOT)): imports_of(p) & {"etl", "pages", "cli", "app"} for p in files("db")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_etl_does_not_import_pages_or_cli():
    bad = {str(p.relative_to(ROOT)): imports_of(p) & {"pages", "cli", "app"} for p in files("etl")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_terms_import_no_layer():
    # terms/ is the shared vocabulary every layer imports, so it imports none of them
    bad = {str(p.relative_to(ROOT)): imports_of(p) & {"db", "etl", "pages", "cli", "app", "streamlit", "sqlalchemy"}
           for p in files("terms")}
    assert bad and {k: v for k, v in bad.items() if v} == {}


def test_only_the_cache_wrapper_imports_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in files("db") + files("etl")
                 if "streamlit" in imports_of(p) and p != CACHE_WRAPPER]
    assert offenders == []
    assert "streamlit" in imports_of(CACHE_WRAPPER)


def test_layering_check_sees_a_violation(tmp_path):
    # The checker itself must be able to fail.
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nfrom etl.upload import import_file\n", encoding="utf-8")
    assert {"streamlit", "etl"} <= imports_of(bad)
