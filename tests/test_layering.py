"""Data flows one way: pages/app/cli → etl → db. db imports neither etl nor pages; pages and app.py
neither sqlalchemy nor the models (they call db/ and etl/ functions);
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


def _model_or_sqlalchemy(path: Path) -> set[str]:
    """sqlalchemy, or db.models, imported anywhere in the file (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy" or a.name == "db.models")
        elif isinstance(node, ast.ImportFrom) and node.module and (
                node.module.split(".")[0] == "sqlalchemy" or node.module == "db.models"
                or (node.module == "db" and any(a.name == "models" for a in node.names))):
            found.add(node.module)
    return found


def test_pages_and_app_read_and_write_through_db_functions():
    # pages and app.py parse input and render results; queries and writes live in db/ and etl/
    checked = files("pages") + [ROOT / "app.py"]
    bad = {str(p.relative_to(ROOT)): _model_or_sqlalchemy(p) for p in checked}
    assert len(checked) > 5 and {k: v for k, v in bad.items() if v} == {}


def test_the_model_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from sqlalchemy import select\n    from db.models import User\n", encoding="utf-8")
    assert _model_or_sqlalchemy(bad) == {"sqlalchemy", "db.models"}


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


def test_no_upload_function_is_over_80_lines():
    """The upload is a sequence of stages, none of them a wall of code."""
    long = {}
    for path in sorted((ROOT / "etl").glob("upload*.py")) + [ROOT / "etl" / "cells.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 80:
                long[f"{path.name}:{node.name}"] = node.end_lineno - node.lineno + 1
    assert long == {}


def test_other_modules_use_no_private_upload_helper():
    """Shared table helpers are public, in etl/cells.py; nobody imports upload's private names."""
    bad = []
    for path in [*files("etl"), *files("pages"), *files("cli"), *files("db")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "etl.upload":
                bad += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert bad == []
