"""`make audit` (tools/audit_deps.py): the verdict rules, with the index replaced by a dict."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import audit_deps  # noqa: E402
from audit_deps import INDEX, audit, read_pins  # noqa: E402

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1"], "fixed_in": ["2.0"]}


def fetcher(documents: dict[str, dict]):
    def fetch(url: str):
        return documents.get(url)
    return fetch


def statuses(pins, documents):
    return {v.name: v.status for v in audit(pins, fetcher(documents))}


def test_read_pins_skips_comments_extras_and_markers():
    text = "# pinned\nstreamlit==1.67.0\npsycopg[binary]==3.3.9 ; python_version >= '3.11'\n\nfoo>=1\n"
    assert read_pins(text) == [("streamlit", "1.67.0"), ("psycopg", "3.3.9")]


def test_per_release_data_decides_when_the_index_has_it():
    docs = {f"{INDEX}/a/1.0/json": {"vulnerabilities": [VULN]},
            f"{INDEX}/b/1.0/json": {"vulnerabilities": []},
            # the project document would say otherwise; the release's own data wins
            f"{INDEX}/b/json": {"info": {"version": "3.0"}, "vulnerabilities": [VULN]}}
    assert statuses([("a", "1.0"), ("b", "1.0")], docs) == {"a": "vulnerable", "b": "ok"}


def test_newest_release_checked_from_the_project_document():
    docs = {f"{INDEX}/a/json": {"info": {"version": "2.0"}, "vulnerabilities": []},
            f"{INDEX}/b/json": {"info": {"version": "5.1"}, "vulnerabilities": [VULN]}}
    assert statuses([("a", "2.0"), ("b", "5.1")], docs) == {"a": "ok", "b": "vulnerable"}


def test_an_older_pin_without_per_release_data_is_not_a_pass():
    docs = {f"{INDEX}/a/json": {"info": {"version": "2.0"}, "vulnerabilities": []},
            f"{INDEX}/c/json": {"info": {"version": "1.0"}}}  # no vulnerability data at all
    assert statuses([("a", "1.9"), ("c", "1.0"), ("missing", "0.1")], docs) == {
        "a": "unverified", "c": "unverified", "missing": "unverified"}


def test_exit_code_is_non_zero_unless_every_pin_is_clean(tmp_path, monkeypatch, capsys):
    pins = tmp_path / "constraints.txt"
    pins.write_text("a==2.0\nb==1.0\n", encoding="utf-8")
    docs = {f"{INDEX}/a/json": {"info": {"version": "2.0"}, "vulnerabilities": []},
            f"{INDEX}/b/1.0/json": {"vulnerabilities": []}}
    monkeypatch.setattr(audit_deps, "http_fetch", fetcher(docs))
    assert audit_deps.main(["x", str(pins)]) == 0
    docs[f"{INDEX}/b/1.0/json"] = {"vulnerabilities": [VULN]}
    assert audit_deps.main(["x", str(pins)]) == 1
    out = capsys.readouterr().out
    assert "vulnerable b==1.0" in out.replace("  ", " ") and "CVE-2099-1" in out
