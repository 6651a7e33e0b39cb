"""Read functions the pages, CLI and exports share. The caller owns the session."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Integer, func, literal, select, union_all
from sqlalchemy import null as sa_null
from sqlalchemy.orm import Session

from db.models import Document, ImportBatch, Observation, OrgUnit, ReportFact, Target, TownshipFigure
from terms.periods import parse_period


@dataclass(frozen=True)
class TownshipInfo:
    id: int
    name: str
    villages: int


def townships(session: Session) -> list[TownshipInfo]:
    counts = (
        select(OrgUnit.parent_id, func.count().label("n"))
        .where(OrgUnit.level == "village")
        .group_by(OrgUnit.parent_id)
        .subquery()
    )
    rows = session.execute(
        select(OrgUnit.id, OrgUnit.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.parent_id == OrgUnit.id)
        .where(OrgUnit.level == "township")
        .order_by(OrgUnit.name)
    ).all()
    return [TownshipInfo(r[0], r[1], int(r[2])) for r in rows]


def villages(session: Session, township_id: int) -> list[tuple[int, str, str | None]]:
    """(id, name, since_period) of a township's villages, by name."""
    rows = session.execute(
        select(OrgUnit.id, OrgUnit.name, OrgUnit.since_period)
        .where(OrgUnit.parent_id == township_id, OrgUnit.level == "village")
        .order_by(OrgUnit.id)
    ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def periods_with_data(session: Session, township_id: int) -> list[str]:
    rows = session.scalars(
        select(Observation.period)
        .join(OrgUnit, OrgUnit.id == Observation.village_id)
        .where(OrgUnit.parent_id == township_id)
        .distinct()
    ).all()
    return sorted(rows, key=parse_period)


def latest_period(session: Session, township_id: int) -> str | None:
    periods = periods_with_data(session, township_id)
    return periods[-1] if periods else None


def observations_frame(session: Session, township_id: int, year: int | None = None) -> pd.DataFrame:
    """One row per stored figure of a township: village, indicator, period, value, source."""
    stmt = (
        select(OrgUnit.id.label("village_id"), OrgUnit.name.label("village"), Observation.indicator_code.label("indicator"),
               Observation.period, Observation.value, Observation.source_type, Observation.batch_id,
               Observation.fact_id, Observation.updated_by, Observation.updated_at)
        .join(OrgUnit, OrgUnit.id == Observation.village_id)
        .where(OrgUnit.parent_id == township_id)
    )
    if year is not None:
        stmt = stmt.where(Observation.period.like(f"{year}Q%"))
    return pd.DataFrame(session.execute(stmt.order_by(OrgUnit.id, Observation.period)).mappings().all(),
                        columns=["village_id", "village", "indicator", "period", "value", "source_type", "batch_id",
                                 "fact_id", "updated_by", "updated_at"])


def effective_targets(session: Session, township_id: int, year: int) -> dict[tuple[int, str], float]:
    """(village_id, indicator) → annual target; a village's own target wins over the township's."""
    village_ids = [v[0] for v in villages(session, township_id)]
    rows = session.execute(
        select(Target.org_id, Target.indicator_code, Target.value)
        .where(Target.year == year, Target.org_id.in_([township_id, *village_ids]))
    ).all()
    township_level = {code: value for org, code, value in rows if org == township_id}
    out: dict[tuple[int, str], float] = {}
    for vid in village_ids:
        for code, value in township_level.items():
            out[(vid, code)] = value
    for org, code, value in rows:
        if org != township_id:
            out[(org, code)] = value
    return out


def all_observations(session: Session) -> list[dict]:
    """Every stored figure (for `zhibiao export observations`)."""
    town = OrgUnit.__table__.alias("town")
    rows = session.execute(
        select(town.c.name, OrgUnit.name, Observation.indicator_code, Observation.period, Observation.value,
               Observation.source_type, ImportBatch.file_name, Observation.fact_id)
        .join(OrgUnit, OrgUnit.id == Observation.village_id)
        .join(town, town.c.id == OrgUnit.parent_id)
        .outerjoin(ImportBatch, ImportBatch.id == Observation.batch_id)
        .order_by(town.c.name, OrgUnit.id, Observation.indicator_code, Observation.period)
    ).all()
    out = []
    for t, v, code, period, value, stype, fname, fact_id in rows:
        source = {"upload": f"上传:{fname}", "report": f"报告:{fact_id}", "manual": "手工录入"}.get(stype, stype)
        out.append({"township": t, "village": v, "indicator": code, "period": period, "value": value, "source": source})
    return out


def counts(session: Session) -> dict[str, int]:
    return {
        "townships": session.scalar(select(func.count()).where(OrgUnit.level == "township")) or 0,
        "villages": session.scalar(select(func.count()).where(OrgUnit.level == "village")) or 0,
        "observations": session.scalar(select(func.count()).select_from(Observation)) or 0,
        "documents": session.scalar(select(func.count()).select_from(Document)) or 0,
        "facts": session.scalar(select(func.count()).select_from(ReportFact)) or 0,
    }


def documents(session: Session, township_id: int | None = None) -> list[dict]:
    """Stored reports (of one township, or all), newest first, with their fact counts."""
    pending = (select(ReportFact.document_id, func.count().label("n"),
                      func.sum(func.cast(ReportFact.status == "pending", Integer)).label("p"))
               .group_by(ReportFact.document_id).subquery())
    stmt = (select(Document.id, Document.file_name, Document.loaded_at, Document.loaded_by,
                   func.coalesce(pending.c.n, 0), func.coalesce(pending.c.p, 0), func.substr(Document.text, 1, 80))
            .outerjoin(pending, pending.c.document_id == Document.id)
            .order_by(Document.id.desc()))
    if township_id is not None:
        stmt = stmt.where(Document.township_id == township_id)
    rows = session.execute(stmt).all()
    return [{"id": r[0], "file_name": r[1], "loaded_at": r[2], "loaded_by": r[3], "facts": int(r[4]),
             "pending": int(r[5]), "title": _first_line(r[6])} for r in rows]


def _first_line(text: str | None) -> str:
    """A report's title: its first non-empty line, without markup markers such as ##paidbegin##."""
    import re

    for line in (text or "").splitlines():
        line = re.sub(r"##\w+##", "", line).strip().lstrip("\ufeff")
        if line:
            return line[:40]
    return ""


def document_text(session: Session, document_id: int) -> str | None:
    return session.scalar(select(Document.text).where(Document.id == document_id))


def document_facts(session: Session, document_id: int) -> list[dict]:
    village = OrgUnit.__table__.alias("v")
    rows = session.execute(
        select(ReportFact, village.c.name)
        .outerjoin(village, village.c.id == ReportFact.village_id)
        .where(ReportFact.document_id == document_id)
        .order_by(ReportFact.start)
    ).all()
    out = []
    for f, vname in rows:
        out.append({"id": f.id, "indicator": f.indicator_code, "value": f.value, "qualifier": f.qualifier,
                    "kind": f.kind, "scope": f.scope, "village_id": f.village_id, "village": vname,
                    "period": f.period, "evidence": f.evidence, "start": f.start, "end": f.end, "status": f.status,
                    "reviewed_by": f.reviewed_by, "rule": f.rule, "source": f.source})
    return out


def recent_batches(session: Session, limit: int = 50, township_id: int | None = None) -> list[dict]:
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
    return [{"id": b.id, "file_name": b.file_name, "user": b.user, "created_at": b.created_at, "period": b.period,
             "basis": b.basis, "n_rows": b.n_rows, "n_new": b.n_new, "n_changed": b.n_changed,
             "n_unchanged": b.n_unchanged, "status": b.status, "sha256": b.sha256} for b in session.scalars(stmt)]


def actuals_at(session: Session, township_id: int | None, period: str,
               indicators: list[str] | None = None) -> dict[tuple[int, str], float]:
    """(village_id, indicator) → value at one quarter, for a township (or every township when None)."""
    stmt = select(Observation.village_id, Observation.indicator_code, Observation.value).where(Observation.period == period)
    if township_id is not None:
        stmt = stmt.join(OrgUnit, OrgUnit.id == Observation.village_id).where(OrgUnit.parent_id == township_id)
    if indicators:
        stmt = stmt.where(Observation.indicator_code.in_(indicators))
    return {(v, c): val for v, c, val in session.execute(stmt)}


def org_names(session: Session, ids) -> list[str]:
    """The names of these org units, in id order."""
    return list(session.scalars(select(OrgUnit.name).where(OrgUnit.id.in_(list(ids))).order_by(OrgUnit.id)))


def township_pacing(session: Session, township_id: int) -> str:
    """The township's pacing rule: "linear" (时间过半、任务过半) or "seasonal"."""
    return session.scalar(select(OrgUnit.pacing).where(OrgUnit.id == township_id)) or "linear"


def quarterly_history(session: Session, township_id: int, years: range,
                      indicators: list[str]) -> dict[str, dict[tuple[int, int], dict[int, float]]]:
    """indicator → (village id, year) → {quarter: year-to-date value}, for a township's villages."""
    stmt = (select(Observation.village_id, Observation.indicator_code, Observation.period, Observation.value)
            .join(OrgUnit, OrgUnit.id == Observation.village_id)
            .where(OrgUnit.parent_id == township_id, Observation.indicator_code.in_(indicators),
                   Observation.period >= f"{years.start}Q1", Observation.period <= f"{years.stop - 1}Q4"))
    out: dict[str, dict[tuple[int, int], dict[int, float]]] = {code: {} for code in indicators}
    for vid, code, period, value in session.execute(stmt):
        year, q = parse_period(period)
        out[code].setdefault((vid, year), {})[q] = value
    return out


def county_villages(session: Session) -> list[tuple[int, int, str, str | None]]:
    """(township_id, village_id, name, since_period) of every village."""
    rows = session.execute(
        select(OrgUnit.parent_id, OrgUnit.id, OrgUnit.name, OrgUnit.since_period)
        .where(OrgUnit.level == "village").order_by(OrgUnit.parent_id, OrgUnit.id)
    ).all()
    return [tuple(r) for r in rows]


def all_targets(session: Session, year: int) -> list[tuple[int, str, float]]:
    return [tuple(r) for r in session.execute(select(Target.org_id, Target.indicator_code, Target.value).where(Target.year == year))]


def targets_list(session: Session, year: int | None = None) -> list[dict]:
    org = OrgUnit.__table__.alias("o")
    parent = OrgUnit.__table__.alias("p")
    stmt = (select(Target, org.c.name, org.c.level, parent.c.name)
            .join(org, org.c.id == Target.org_id).outerjoin(parent, parent.c.id == org.c.parent_id)
            .order_by(Target.year, Target.indicator_code, org.c.level.desc(), org.c.name))
    if year is not None:
        stmt = stmt.where(Target.year == year)
    out = []
    for t, name, level, parent_name in session.execute(stmt):
        township = name if level == "township" else parent_name
        out.append({"township": township, "village": name if level == "village" else None, "year": t.year,
                    "indicator": t.indicator_code, "value": t.value, "source": t.source, "updated_by": t.updated_by})
    return out


def village_sources(session: Session, village_id: int, year: int) -> list[dict]:
    """Every figure of a village in a year with where it came from (upload batch, or report and evidence)."""
    rows = session.execute(
        select(Observation.indicator_code, Observation.period, Observation.value, Observation.source_type,
               Observation.updated_by, Observation.updated_at, ImportBatch.id, ImportBatch.file_name,
               ImportBatch.sha256, Document.file_name, ReportFact.evidence)
        .outerjoin(ImportBatch, ImportBatch.id == Observation.batch_id)
        .outerjoin(ReportFact, ReportFact.id == Observation.fact_id)
        .outerjoin(Document, Document.id == ReportFact.document_id)
        .where(Observation.village_id == village_id, Observation.period.like(f"{year}Q%"))
        .order_by(Observation.period, Observation.indicator_code)
    ).all()
    out = []
    for code, period, value, stype, by, at, bid, bfile, sha, dfile, evidence in rows:
        if stype == "report" and dfile:
            source = f"报告《{dfile}》：“{evidence}”"
        elif bid is not None:
            source = f"{'手工录入' if stype == 'manual' else '上传'}批次{bid}：{bfile}（sha256 {sha[:12]}）"
        else:
            source = {"rollback": "撤销后恢复"}.get(stype, stype)
        out.append({"indicator": code, "period": period, "value": value, "source": source, "updated_by": by,
                    "updated_at": at, "evidence": evidence if stype == "report" else None, "document": dfile})
    return out


def audit_entries(session: Session, *, township: str | None = None, village: str | None = None,
                  indicator: str | None = None, period: str | None = None, user: str | None = None,
                  action: str | None = None, limit: int | None = None) -> list[dict]:
    """The audit log, oldest first, filtered; one entry per changed figure or act: the acts of
    `audit_log`, and every version of every figure (`observation` and `observation_history`),
    each with the value it replaced."""
    from db.models import AuditLog

    stmt = select(AuditLog).order_by(AuditLog.id)
    for col, val in ((AuditLog.township, township), (AuditLog.village, village), (AuditLog.indicator, indicator),
                     (AuditLog.period, period), (AuditLog.user, user), (AuditLog.action, action)):
        if val:
            stmt = stmt.where(col == val)
    if limit:
        stmt = stmt.order_by(None).order_by(AuditLog.id.desc()).limit(limit)
    entries = [{"time": _utc_iso(a.time), "user": a.user, "action": a.action,
                "township": a.township, "village": a.village, "indicator": a.indicator, "period": a.period,
                "old": _num(a.old), "new": _num(a.new), "source": a.source, "_at": _utc(a.time), "_order": (1, a.id)}
               for a in session.scalars(stmt)]
    entries += _figure_entries(session, township=township, village=village, indicator=indicator, period=period,
                               user=user, action=action, limit=limit)
    entries.sort(key=lambda e: (e["_at"], e["_order"]))
    if limit:
        entries = entries[-limit:]
    for e in entries:
        del e["_at"], e["_order"]
    return entries


def _versions(indicator: str | None, period: str | None):
    """Every version of every figure, current (`observation`) and ended (`observation_history`), as one subquery."""
    from db.models import ObservationHistory

    o, h = Observation.__table__, ObservationHistory.__table__

    def none(column):
        return sa_null().cast(column.type).label(column.name)

    current = select(o.c.village_id, o.c.indicator_code, o.c.period, o.c.value, o.c.source_type, o.c.batch_id,
                     o.c.fact_id, o.c.updated_by, o.c.updated_at, none(h.c.ended_at), none(h.c.ended_by),
                     none(h.c.ended_action), none(h.c.ended_batch_id), literal(False).label("deleted"),
                     o.c.id.label("observation_id"), literal(1).label("is_current"), o.c.id.label("seq"))
    earlier = select(h.c.village_id, h.c.indicator_code, h.c.period, h.c.value, h.c.source_type, h.c.batch_id,
                     h.c.fact_id, h.c.updated_by, h.c.updated_at, h.c.ended_at, h.c.ended_by, h.c.ended_action,
                     h.c.ended_batch_id, h.c.deleted, h.c.observation_id, literal(0).label("is_current"),
                     h.c.id.label("seq"))
    if indicator:
        current, earlier = current.where(o.c.indicator_code == indicator), earlier.where(h.c.indicator_code == indicator)
    if period:
        current, earlier = current.where(o.c.period == period), earlier.where(h.c.period == period)
    return union_all(current, earlier).subquery("versions")


def _figure_entries(session: Session, *, township, village, indicator, period, user, action,
                    limit: int | None = None) -> list[dict]:
    """Each version of each figure → an entry (its act, the value before it, its value); a version
    removed by a rollback → an entry for the removal too. With `limit`, only the figures among the
    `limit` latest versions and removals are read (with all their versions, for the values before)."""
    versions = _versions(indicator, period)
    v, t = OrgUnit.__table__.alias("v"), OrgUnit.__table__.alias("t")
    b, ended_b = ImportBatch.__table__.alias("b"), ImportBatch.__table__.alias("ended_b")
    f, d = ReportFact.__table__, Document.__table__

    def placed(stmt):
        stmt = stmt.join(v, v.c.id == versions.c.village_id).join(t, t.c.id == v.c.parent_id)
        if township:
            stmt = stmt.where(t.c.name == township)
        if village:
            stmt = stmt.where(v.c.name == village)
        return stmt

    stmt = placed(select(versions, v.c.name, t.c.name, b.c.file_name, b.c.sha256, ended_b.c.file_name, d.c.file_name,
                         f.c.start, f.c.end).select_from(versions)) \
        .outerjoin(b, b.c.id == versions.c.batch_id).outerjoin(ended_b, ended_b.c.id == versions.c.ended_batch_id) \
        .outerjoin(f, f.c.id == versions.c.fact_id).outerjoin(d, d.c.id == f.c.document_id)
    if limit:
        keys = _recent_keys(session, versions, placed, user, action, limit)
        if not keys:
            return []
        rows = []
        ids = sorted({k[0] for k in keys})
        for start in range(0, len(ids), 900):
            rows += [r for r in session.execute(stmt.where(versions.c.village_id.in_(ids[start:start + 900])))
                     if (r[0], r[1], r[2]) in keys]
    else:
        rows = list(session.execute(stmt))
    rows.sort(key=lambda r: (r.village_id, r.indicator_code, r.period, r.is_current, r.seq))  # oldest first
    out: list[dict] = []
    prev, prev_key = None, None
    for r in rows:
        (vid, code, per, value, stype, bid, fid, by, at, ended_at, ended_by, ended_action, ended_bid, deleted, oid,
         _cur, seq, vname, tname, bfile, sha, ended_file, dfile, fstart, fend) = r
        key = (vid, code, per)
        before = prev if key == prev_key else None
        base = {"township": tname, "village": vname, "indicator": code, "period": per}
        order = (0, oid or 0, seq)
        old = before["value"] if before is not None and not before["deleted"] else None
        undone = (before["ended_batch"], before["ended_file"]) if before is not None else (None, None)
        out.append({"time": _utc_iso(at), "user": by, "action": stype, **base, "old": _num(old),
                    "new": _num(value), "source": _version_source(stype, bfile, sha, dfile, fstart, fend, undone),
                    "_at": _utc(at), "_order": order})
        if deleted:
            out.append({"time": _utc_iso(ended_at), "user": ended_by, "action": ended_action, **base,
                        "old": _num(value), "new": None,
                        "source": _version_source(ended_action, None, None, None, None, None, (ended_bid, ended_file)),
                        "_at": _utc(ended_at), "_order": order})
        prev, prev_key = {"value": value, "deleted": bool(deleted), "ended_batch": ended_bid,
                          "ended_file": ended_file}, key
    return [e for e in out if (not user or e["user"] == user) and (not action or e["action"] == action)]


def _recent_keys(session: Session, versions, placed, user, action, limit: int) -> set[tuple[int, str, str]]:
    """The figures of the `limit` latest versions and the `limit` latest removals (as filtered)."""
    written = placed(select(versions.c.village_id, versions.c.indicator_code, versions.c.period).select_from(versions))
    removed = placed(select(versions.c.village_id, versions.c.indicator_code, versions.c.period)
                     .select_from(versions).where(versions.c.deleted == True))  # noqa: E712
    if user:
        written, removed = written.where(versions.c.updated_by == user), removed.where(versions.c.ended_by == user)
    if action:
        written = written.where(versions.c.source_type == action)
        removed = removed.where(versions.c.ended_action == action)
    # the same order as the listing's: time, then the figure's row, then the version
    tie = (func.coalesce(versions.c.observation_id, 0).desc(), versions.c.seq.desc())
    keys = {tuple(r) for r in session.execute(written.order_by(versions.c.updated_at.desc(), *tie).limit(limit))}
    keys |= {tuple(r) for r in session.execute(removed.order_by(versions.c.ended_at.desc(), *tie).limit(limit))}
    return keys


def _version_source(stype, bfile, sha, dfile, fstart, fend, undone) -> str | None:
    """Where a version came from, as the audit log has always said it; `undone` is (batch id, file)
    of the batch a rollback undid."""
    if stype == "report" and dfile:
        return f"报告:{dfile}#{fstart}-{fend}"
    if stype == "rollback":
        batch, file = undone
        return f"撤销批次{batch} {file or ''}".strip() if batch is not None else "撤销后恢复"
    if bfile is not None:
        return f"{bfile} sha256:{sha[:12]}"
    return None


def _utc(t):
    from datetime import timezone

    if t is None:
        return None
    if isinstance(t, str):  # a raw SQLite value from a UNION (no column type to parse it)
        from datetime import datetime

        t = datetime.fromisoformat(t)
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)


def _num(text: str | float | None):
    """A stored number (audit_log keeps text, figures floats) as an int when whole."""
    if text is None:
        return None
    try:
        f = float(text)
    except ValueError:
        return text
    return int(f) if f.is_integer() else f


def _utc_iso(t):
    """Times are stored in UTC; SQLite drops the zone, so put it back for a stable format."""
    t = _utc(t)
    return None if t is None else t.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Mismatch:
    """An accepted report total that the villages' stored figures do not add up to."""
    fact_id: int
    indicator: str
    period: str          # the quarter compared (the report's period as the quarter it states)
    reported: float
    villages_sum: float
    villages: int        # how many villages' figures the sum holds
    evidence: str
    document: str

    @property
    def difference(self) -> float:
        return self.villages_sum - self.reported


RECONCILE_TOLERANCE = 0.01  # more than 1 % apart: 报告数与村数合计不一致


def reconciliation(session: Session, township_id: int, year: int | None = None) -> list[Mismatch]:
    """The township's own totals (accepted from reports, kept in township_figure) compared with the sum
    of the villages' stored figures for that quarter and indicator; those more than 1 % apart."""
    stmt = (select(TownshipFigure, ReportFact.evidence, Document.file_name)
            .outerjoin(ReportFact, ReportFact.id == TownshipFigure.fact_id)
            .outerjoin(Document, Document.id == ReportFact.document_id)
            .where(TownshipFigure.township_id == township_id, TownshipFigure.kind == "actual"))
    if year is not None:
        stmt = stmt.where(TownshipFigure.period.like(f"{year}Q%"))
    out = []
    for figure, evidence, file_name in session.execute(stmt):
        values = actuals_at(session, township_id, figure.period, [figure.indicator_code])
        total = sum(values.values())
        if abs(total - figure.value) > RECONCILE_TOLERANCE * abs(figure.value):
            out.append(Mismatch(figure.fact_id or 0, figure.indicator_code, figure.period, figure.value, total,
                                len(values), evidence or "", file_name or ""))
    return sorted(out, key=lambda m: (m.period, m.indicator, m.fact_id))


def township_figures(session: Session, township_id: int, year: int) -> list[dict]:
    """The township's own totals and total targets of a year, with the report sentence they came from."""
    stmt = (select(TownshipFigure, ReportFact.evidence, Document.file_name)
            .outerjoin(ReportFact, ReportFact.id == TownshipFigure.fact_id)
            .outerjoin(Document, Document.id == ReportFact.document_id)
            .where(TownshipFigure.township_id == township_id, TownshipFigure.period.like(f"{year}%"))
            .order_by(TownshipFigure.kind, TownshipFigure.period, TownshipFigure.indicator_code))
    return [{"indicator": f.indicator_code, "kind": f.kind, "period": f.period, "value": f.value,
             "evidence": evidence, "document": file_name} for f, evidence, file_name in session.execute(stmt)]
