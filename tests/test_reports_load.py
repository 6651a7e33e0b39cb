"""`zhibiao load` and the review of report facts: stored once, nothing counts until accepted."""
import pytest
from sqlalchemy import func, select

from db.engine import session_factory, transaction
from db.errors import PermissionDenied, UserError
from db.queries import audit_entries
from db.models import AuditLog, Document, Observation, ReportFact, Target
from db.queries import effective_targets
from db.store import township_by_name
from db.users import Principal
from etl.reports import accept_fact, load_reports, reject_fact
from terms.periods import quarter_for

REPORT = (
    "示范乡2026年上半年党建工作总结\n"
    "一、基本情况。大劉莊村集体经济收入达到4.2万元，胜利村村集体经济收入6.5万元。\n"
    "二、下步打算。力争到2027年底每村集体经济收入达到12万元以上。\n"
    "三、其他。幸福屯村集体经济收入3万元；全乡进账XX万元。\n"
)


def counts(engine):
    with session_factory(engine)() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Document, ReportFact, Observation, Target, AuditLog))


@pytest.fixture
def loaded(demo_backend, tmp_path):
    path = tmp_path / "总结.txt"
    path.write_text(REPORT, encoding="utf-8")
    before = counts(demo_backend.engine)
    result = load_reports(demo_backend.engine, [path], township="示范乡")
    return demo_backend.engine, path, before, result


def facts_by_evidence(engine):
    with session_factory(engine)() as s:
        return {f.evidence: (f.id, f.scope, f.village_id, f.value, f.qualifier, f.kind, f.period)
                for f in s.scalars(select(ReportFact).join(Document).where(Document.file_name == "总结.txt"))}


def find(facts, needle):
    hits = [v for k, v in facts.items() if needle in k]
    assert len(hits) == 1, (needle, list(facts))
    return hits[0]


def test_load_stores_facts_but_writes_no_figures(loaded):
    engine, path, before, result = loaded
    after = counts(engine)
    assert result.new_documents == 1 and result.facts >= 4
    assert after[0] == before[0] + 1
    assert after[2:4] == before[2:4], "no observation or target before a person accepts"
    assert "幸福屯村" in result.unmatched_villages
    facts = facts_by_evidence(engine)
    dlz = find(facts, "大劉莊村")
    assert dlz[1] == "village:大劉莊村" and dlz[2] is not None  # matched through traditional → simplified
    assert find(facts, "幸福屯村")[2] is None  # kept, flagged as unmatched
    masked = find(facts, "XX万元")
    assert masked[3] is None and masked[4] == "redacted"


def test_load_twice_changes_nothing(loaded):
    engine, path, _, _ = loaded
    before = counts(engine)
    again = load_reports(engine, [path], township="示范乡")
    assert (again.new_documents, again.known_documents, again.facts) == (0, 1, 0)
    assert counts(engine) == before


def test_accept_village_actual_becomes_an_observation(loaded):
    engine, *_ = loaded
    fid = find(facts_by_evidence(engine), "大劉莊村")[0]
    with transaction(engine) as s:
        out = accept_fact(s, fid)
    assert out.effect == "observation"
    with session_factory(engine)() as s:
        obs = s.scalar(select(Observation).where(Observation.fact_id == fid))
        assert (obs.period, obs.value, obs.source_type) == ("2026Q2", 42000.0, "report")
        log = audit_entries(s, action="report", period="2026Q2")
        assert any(a["village"] == "大刘庄村" and a["new"] == 42000 and "总结.txt#" in a["source"] for a in log)


def test_accept_per_village_target_sets_township_target(loaded):
    engine, *_ = loaded
    fid, scope, _v, value, qualifier, kind, period = find(facts_by_evidence(engine), "每村")
    assert (scope, kind, period, value, qualifier) == ("per_village", "target", "2027", 120000, "at_least")
    with transaction(engine) as s:
        assert accept_fact(s, fid).effect == "target"
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        targets = effective_targets(s, town.id, 2027)
        assert {v for (vid, code), v in targets.items() if code == "collective_income"} == {120000}


def test_masked_figure_needs_a_value(loaded):
    engine, *_ = loaded
    fid = find(facts_by_evidence(engine), "XX万元")[0]
    with pytest.raises(UserError, match="已遮挡"):
        with transaction(engine) as s:
            accept_fact(s, fid)
    with transaction(engine) as s:
        # a township total: kept as the township's own figure (issue 17), never added to a village
        assert accept_fact(s, fid, value=350000).effect == "township"
    with session_factory(engine)() as s:
        f = s.get(ReportFact, fid)
        assert (f.status, f.value, f.qualifier) == ("accepted", 350000, "exact")
        from db.models import TownshipFigure

        kept = s.query(TownshipFigure).filter_by(fact_id=fid).one()
        assert (kept.kind, kept.value) == ("actual", 350000)


def test_clerk_cannot_review_and_reject_writes_nothing(loaded):
    engine, *_ = loaded
    fid = find(facts_by_evidence(engine), "胜利村")[0]
    clerk = Principal("文书", "clerk", None, frozenset())
    with pytest.raises(PermissionDenied):
        with transaction(engine) as s:
            accept_fact(s, fid, clerk)
    before = counts(engine)
    with transaction(engine) as s:
        reject_fact(s, fid)
    after = counts(engine)
    assert after[2:4] == before[2:4] and after[4] == before[4] + 1
    with pytest.raises(UserError, match="已审核"):
        with transaction(engine) as s:
            accept_fact(s, fid)


@pytest.mark.parametrize("period,quarter", [("2023", "2023Q4"), ("2023H1", "2023Q2"), ("2023Q3", "2023Q3"), (None, None)])
def test_report_period_to_quarter(period, quarter):
    assert quarter_for(period) == quarter


def test_unmatched_village_fact_is_not_applied_to_the_township(loaded):
    engine, *_ = loaded
    fid = find(facts_by_evidence(engine), "幸福屯村")[0]
    before = counts(engine)
    with pytest.raises(UserError, match="没有对应到本乡镇的村"):
        with transaction(engine) as s:
            accept_fact(s, fid)
    assert counts(engine) == before


def test_viewer_cannot_store_reports(demo_backend, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    before = counts(demo_backend.engine)
    with pytest.raises(PermissionDenied):
        load_reports(demo_backend.engine, [path], township="示范乡", principal=Principal("看", "viewer"))
    assert counts(demo_backend.engine) == before
