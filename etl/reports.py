"""`zhibiao load` and the review of report facts.

A report is stored once (by sha256) with every figure the extractor found, its
offsets and evidence. Nothing from a report becomes an observation or a target
until a person accepts the fact; accepting writes through db.store with the
document and offsets as the source, and is audited.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.engine import transaction
from db.errors import UserError
from db.models import Document, OrgUnit, ReportFact, utcnow
from db.permissions import ensure_unlocked, require
from db.store import (
    Cell,
    add_document,
    audit,
    serialize_writers,
    set_target,
    set_township_figure,
    township_by_name,
    village_index,
    write_observations,
)
from db.users import LOCAL_OPERATOR, Principal
from etl.textio import Document as TextDocument
from terms.indicators import INDICATOR_BY_CODE
from terms.periods import Period, period_label, quarter_for


@dataclass
class LoadResult:
    new_documents: int = 0
    known_documents: int = 0
    facts: int = 0
    unmatched_villages: list[str] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)


def store_document(session: Session, *, file_name: str, data: bytes, document: TextDocument, township: OrgUnit | None,
                   user: str, result: LoadResult) -> Document:
    """Store one document and its extracted facts (once per sha256)."""
    from etl.extract import extract_document

    sha = hashlib.sha256(data).hexdigest()
    doc, created = add_document(session, file_name=file_name, sha256=sha, text=document.text, township=township,
                                user=user)
    result.document_ids.append(doc.id)
    if not created:
        result.known_documents += 1
        return doc
    result.new_documents += 1
    index = village_index(session, township) if township is not None else None
    for fact in extract_document(document):
        village_id = None
        if fact.scope.startswith("village:"):
            name = fact.scope.split(":", 1)[1]
            village = index.resolve(name) if index else None
            if village is None:
                result.unmatched_villages.append(name)
            else:
                village_id = village.id
        session.add(ReportFact(
            document_id=doc.id, indicator_code=fact.indicator, value=fact.value, qualifier=fact.qualifier,
            kind=fact.kind, scope=fact.scope, village_id=village_id, period=fact.period, evidence=fact.evidence,
            start=fact.start, end=fact.end, status="pending", rule=fact.rule, source=fact.source or "text",
        ))
        result.facts += 1
    session.flush()
    return doc


def _may_load(principal: Principal) -> None:
    require(principal, "save_report")


def load_reports(engine: Engine, paths: list[Path], *, township: str | None = None,
                 principal: Principal = LOCAL_OPERATOR) -> LoadResult:
    """Load report files (every supported format, folders recursed) in one transaction."""
    from etl.textio import SUPPORTED_LABEL, iter_document_paths, open_document

    _may_load(principal)
    user = principal.name
    result = LoadResult()
    files = iter_document_paths(paths)
    if not files:
        raise UserError(f"没有找到可读取的报告（支持 {SUPPORTED_LABEL}）")
    with transaction(engine) as session:
        town = township_by_name(session, township) if township else None
        for path in files:
            try:
                document = open_document(path)
            except ValueError as exc:
                raise UserError(f"无法读取“{path.name}”：{exc}") from None
            store_document(session, file_name=path.name, data=path.read_bytes(), document=document, township=town,
                           user=user, result=result)
    return result


# ------------------------------------------------------------------ review
def canonical_report_period(text: str) -> str | None:
    """A period typed by a reviewer, however it is written (2024, 2024H1, 2024年上半年, 2024Q3,
    2024年第三季度); blank → None; else a UserError."""
    if not str(text).strip():
        return None
    try:
        return Period.parse(text).code
    except ValueError as exc:
        raise UserError(str(exc)) from None


@dataclass
class ReviewOutcome:
    fact_id: int
    effect: str  # observation | target | township | verified | rejected
    message: str


def _require_admin(principal: Principal) -> None:
    require(principal, "review_fact")


def _pending_fact(session: Session, fact_id: int, principal: Principal) -> tuple[ReportFact, Document]:
    _require_admin(principal)
    fact = session.get(ReportFact, fact_id)
    if fact is None:
        raise UserError(f"找不到编号为 {fact_id} 的报告数字")
    if fact.status != "pending":
        raise UserError(f"编号 {fact_id} 的数字已审核过（{'已接受' if fact.status == 'accepted' else '已驳回'}）")
    return fact, session.get(Document, fact.document_id)


def accept_fact(session: Session, fact_id: int, principal: Principal = LOCAL_OPERATOR, *,
                value: float | None = None, period: str | None = None, village_id: int | None = None) -> ReviewOutcome:
    """Accept one fact, optionally corrected. Actual figures of a village become observations;
    targets become targets (per village or for every village of the township); other facts
    (township totals, growth rates) are marked verified and stay linked to their evidence."""
    serialize_writers(session)
    fact, doc = _pending_fact(session, fact_id, principal)
    ind_def = INDICATOR_BY_CODE.get(fact.indicator_code)
    if value is not None:
        if not math.isfinite(value) or value < 0:
            raise UserError(f"数值必须是不小于0的数，收到“{value}”")
        if ind_def is not None and ind_def.display_factor == 1 and ind_def.accumulation != "rate" \
                and not float(value).is_integer():
            raise UserError(f"{ind_def.name}应为整数，收到“{value:g}”")
    if period is not None:
        period = canonical_report_period(period)
    if value is not None:
        fact.value = float(value)
        if fact.qualifier == "redacted":
            fact.qualifier = "exact"
    if period is not None:
        fact.period = period
    if village_id is not None:
        fact.village_id = village_id
    if fact.value is None:
        raise UserError("这个数字在报告中已遮挡，不能直接接受；请填写核实后的数值，或驳回")
    if fact.scope.startswith("village:") and not fact.village_id:
        raise UserError(f"报告中的“{fact.scope.split(':', 1)[1]}”没有对应到本乡镇的村，请先选择对应的村，或驳回"
                        "（不会把一个村的数字当成全乡的）")
    source = f"报告:{doc.file_name}#{fact.start}-{fact.end}"
    township = session.get(OrgUnit, doc.township_id) if doc.township_id else None
    ind = INDICATOR_BY_CODE.get(fact.indicator_code)
    effect, message = "verified", "已确认（乡镇层面或增幅数字，不写入村级数据）"
    if fact.kind == "target" and ind is not None and ind.tracked:
        year = int(fact.period[:4]) if fact.period else None
        if year is None:
            raise UserError("目标没有年份，请先填写期间（如 2024）再接受")
        org = session.get(OrgUnit, fact.village_id) if fact.village_id else township
        if org is None:
            raise UserError("这篇报告没有指定乡镇，无法设为目标；请用 --township 重新加载，或驳回")
        if fact.scope == "township" and org.level == "township":
            # A township-wide total target is not a per-village target: kept as the township's own
            set_township_figure(session, township=org, indicator=fact.indicator_code, kind="target", period=str(year),
                                value=fact.value, user=principal.name, fact_id=fact.id, source=source)
            effect, message = "township", f"已记为{org.name}{year}年{ind.name}全乡合计目标（不改动每村目标）"
        else:
            set_target(session, org=org, indicator=fact.indicator_code, year=year, value=fact.value,
                       user=principal.name, source=source)
            effect, message = "target", f"已设为{org.name}{year}年{ind.name}目标"
    elif fact.kind == "actual" and fact.scope == "township" and township is not None and ind is not None and ind.tracked:
        quarter = quarter_for(fact.period)
        if quarter is None:
            raise UserError("这个全乡数字没有期间，请先填写期间（如 2024Q2 或 2024）再接受")
        ensure_unlocked(session, {(township.id, quarter)}, "不能写入")
        set_township_figure(session, township=township, indicator=fact.indicator_code, kind="actual", period=quarter,
                            value=fact.value, user=principal.name, fact_id=fact.id, source=source)
        effect, message = "township", f"已记为{township.name}{period_label(quarter)}{ind.name}全乡合计（不计入各村数字）"
    elif fact.kind == "actual" and fact.village_id and ind is not None and ind.tracked:
        quarter = quarter_for(fact.period)
        if quarter is None:
            raise UserError("这个数字没有期间，请先填写期间（如 2024Q2 或 2024）再接受")
        village = session.get(OrgUnit, fact.village_id)
        ensure_unlocked(session, {(village.parent_id, quarter)}, "不能写入")
        write_observations(session, [Cell(village.id, fact.indicator_code, quarter, fact.value)], user=principal.name,
                           source_type="report", fact_id=fact.id)
        effect, message = "observation", f"已写入{village.name}{period_label(quarter)}{ind.name}"
    fact.status, fact.reviewed_by, fact.reviewed_at = "accepted", principal.name, utcnow()
    audit(session, user=principal.name, action="fact_accept", township=township.name if township else None,
          indicator=fact.indicator_code, period=fact.period, new=fact.value, source=source,
          detail={"fact_id": fact.id, "effect": effect, "evidence": fact.evidence})
    session.flush()
    return ReviewOutcome(fact.id, effect, message)


def reject_fact(session: Session, fact_id: int, principal: Principal = LOCAL_OPERATOR) -> ReviewOutcome:
    fact, doc = _pending_fact(session, fact_id, principal)
    fact.status, fact.reviewed_by, fact.reviewed_at = "rejected", principal.name, utcnow()
    audit(session, user=principal.name, action="fact_reject", indicator=fact.indicator_code, period=fact.period,
          old=fact.value, source=f"报告:{doc.file_name}#{fact.start}-{fact.end}", detail={"fact_id": fact.id})
    return ReviewOutcome(fact.id, "rejected", "已驳回")


def load_report_bytes(engine: Engine, data: bytes, file_name: str, *, township: str | None = None,
                      principal: Principal = LOCAL_OPERATOR, progress=None) -> LoadResult:
    """The page's upload: the same path as `zhibiao load` for one file's bytes. Nothing is stored
    for a file that cannot be read."""
    import tempfile

    from etl.textio import MAX_BYTES, SUPPORTED_LABEL, SUPPORTED_SUFFIXES, open_document

    _may_load(principal)
    name = Path(file_name).name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError(f"“{name}”不是支持的报告格式，请上传 {SUPPORTED_LABEL}")
    if len(data) > MAX_BYTES:
        raise UserError(f"“{name}”有 {len(data) / 1048576:.1f} MB，超过 20 MB 的上限；请压缩图片或拆分后上传")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"report{suffix}"
        path.write_bytes(data)
        try:
            document = open_document(path, progress=progress)
        except ValueError as exc:
            raise UserError(f"无法读取“{name}”：{str(exc).replace(path.name, name)}") from None
    document.name = name
    result = LoadResult()
    with transaction(engine) as session:
        town = township_by_name(session, township) if township else None
        store_document(session, file_name=name, data=data, document=document, township=town, user=principal.name,
                       result=result)
    return result


def review(engine: Engine, fact_id: int, action: str, principal: Principal, **changes) -> ReviewOutcome:
    """Accept (with optional corrections) or reject one fact in its own transaction."""
    with transaction(engine) as session:
        if action == "accept":
            return accept_fact(session, fact_id, principal, **changes)
        if action == "reject":
            return reject_fact(session, fact_id, principal)
    raise UserError(f"未知操作“{action}”")
