"""`zhibiao`: a thin command line over the library functions the tests also call."""
from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import List, Optional

import typer
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from db.errors import UserError
from terms.indicators import INDICATOR_BY_CODE
from terms.values import format_value

try:  # typer ≥ 0.22 vendors click as typer._click
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover - older typer
    from click import exceptions as click_exc

app = typer.Typer(help="指标（zhibiao）：乡镇村级重点指标进度跟踪", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
org_app = typer.Typer(help="乡镇、村名单与别名", no_args_is_help=True)
app.add_typer(org_app, name="org")


def _engine():
    from db.engine import make_engine

    return make_engine()


def _echo_err(text: str) -> None:
    typer.echo(text, err=True)


# ------------------------------------------------------------------ init / demo / org
@app.command()
def init() -> None:
    """创建或升级数据库（只通过 Alembic 迁移）。"""
    from db.engine import database_url, transaction, upgrade
    from db.store import ensure_reference

    engine = _engine()
    upgrade(engine)
    with transaction(engine) as session:
        ensure_reference(session)
    typer.echo(f"数据库已就绪：{_safe_url(database_url())}")


def _quarter_option(value: Optional[str]) -> Optional[str]:
    """A quarter however people write it (2026Q3, 2026年第三季度, 2026年1-9月, 2026年上半年 → 2026Q2)."""
    if value is None:
        return None
    from terms.periods import Period

    try:
        return Period.parse(value).quarter_for().code
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _period_option(value: Optional[str]) -> Optional[str]:
    """A period however people write it, kept as what it is (a year stays a year)."""
    if value is None:
        return None
    from terms.periods import Period

    try:
        return Period.parse(value).code
    except ValueError as exc:
        raise UserError(str(exc)) from None


@app.command()
def demo(
    admin: bool = typer.Option(True, help="没有任何账号时创建演示管理员 admin（随机密码只显示这一次）"),
    if_empty: bool = typer.Option(False, "--if-empty", help="数据库里已有乡镇时什么也不做（make run 用）"),
    scale: str = typer.Option("township", "--scale", help="township（示范乡）或 county（规模测试：50个乡镇、1万个村、20个季度）"),
) -> None:
    """加载示范乡（村名单、目标、两年季度数据）和五篇样例报告；重复运行不会改变任何数据。"""
    from sqlalchemy import func, select

    from db.engine import transaction, upgrade
    from db.models import OrgUnit
    from db.store import ensure_reference
    from etl.demo import load_demo

    engine = _engine()
    upgrade(engine)
    with transaction(engine) as session:
        ensure_reference(session)
        has_data = session.scalar(select(func.count()).where(OrgUnit.level == "township"))
    if scale == "county":
        from etl.county import load_county

        r = load_county(engine, progress=lambda i, n: typer.echo(f"  已导入 {i}/{n} 个乡镇", err=True) if i % 10 == 0 else None)
        typer.echo(f"规模测试数据：{r.townships} 个乡镇，{r.villages} 个村，{r.cells} 个数字")
        return
    if scale != "township":
        raise UserError(f"--scale 只能是 township 或 county，收到“{scale}”")
    if if_empty and has_data:
        typer.echo("数据库里已有数据，跳过示范数据加载")
        if admin:
            _ensure_demo_admin(engine)
        return
    result = load_demo(engine)
    typer.echo(
        f"示范乡：新增村 {result.villages} 个，导入季度文件 {result.batches} 个（已导入过 {result.already} 个），"
        f"目标变更 {result.targets} 项，新报告 {result.documents} 篇"
    )
    if admin:
        _ensure_demo_admin(engine)


def _ensure_demo_admin(engine) -> None:
    from sqlalchemy import func, select

    from db.engine import transaction
    from db.models import User
    from db.users import add_user

    with transaction(engine) as session:
        if session.scalar(select(func.count()).select_from(User)):
            typer.echo("登录：使用已有账号（演示管理员为 admin；忘记密码可运行 "
                       "`.venv/bin/zhibiao users passwd admin --password-stdin` 重设）")
            return
        password = secrets.token_urlsafe(9)
        add_user(session, "admin", "admin", password)
    typer.echo("=" * 48)
    typer.echo("演示管理员账号已创建（密码只显示这一次，请记下）：")
    typer.echo("  用户名：admin")
    typer.echo(f"  密码：  {password}")
    typer.echo("=" * 48)


@org_app.command("import")
def org_import(file: Path = typer.Argument(..., help="CSV 或 XLSX，列：乡镇、村，可选：县、别名")) -> None:
    """导入乡镇、村名单和别名（CSV 可为 UTF-8、带 BOM 的 UTF-8 或 GB18030）。"""
    from db.engine import transaction, upgrade
    from etl.orgfile import import_org

    data = _read_file(file)
    engine = _engine()
    upgrade(engine)
    with transaction(engine) as session:
        r = import_org(session, data, file.name)
    typer.echo(f"已导入：新乡镇 {r.townships} 个，新村 {r.villages} 个，新别名 {r.aliases} 个")


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="报告文件或文件夹（.txt、.docx、有文字层的 .pdf）"),
    format: str = typer.Option("jsonl", "--format", help="jsonl（每行一个 JSON）或 table（表格）"),
) -> None:
    """从报告中抽取指标数字（与 python -m etl.extract 相同）。"""
    from etl.extract.cli import main as extract_main

    code = extract_main([*map(str, paths), "--format", format])
    if code:
        raise typer.Exit(code)


@app.command()
def load(
    paths: List[Path] = typer.Argument(..., help="报告文件或文件夹"),
    township: Optional[str] = typer.Option(None, "--township", help="报告所属乡镇（用于匹配村名）"),
    user: Optional[str] = typer.Option(None, "--user", help="以该用户的身份加载"),
) -> None:
    """把报告存入数据库（同一文件只存一次），抽取的数字等待人工审核。"""
    from db.engine import upgrade
    from etl.reports import load_reports

    for p in paths:
        if not p.exists():
            raise UserError(f"找不到文件或文件夹“{p}”")
    engine = _engine()
    upgrade(engine)
    r = load_reports(engine, list(paths), township=township, principal=_principal(engine, user))
    typer.echo(f"新报告 {r.new_documents} 篇（已存在 {r.known_documents} 篇），抽取数字 {r.facts} 个，等待审核")
    if r.unmatched_villages:
        typer.echo(f"注意：以下村名没有匹配到本乡镇的村，已保留并标记：{'、'.join(sorted(set(r.unmatched_villages)))}")


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="季度报表：.xlsx/.xls 或 .csv（UTF-8、UTF-8 BOM、GB18030）"),
    period: Optional[str] = typer.Option(None, "--period", callback=_quarter_option, help="期间，如 2025Q3 或 2025年第三季度（文件里写了时可省略；不一致会报错）"),
    basis: str = typer.Option("cumulative", "--basis", help="cumulative（累计，默认）或 quarter（当季）"),
    user: Optional[str] = typer.Option(None, "--user", help="以该用户的权限导入（不写则为本机操作员）"),
    township: Optional[str] = typer.Option(None, "--township", help="乡镇（文件标题里没写时）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只校验并预览，不写入"),
    yes: bool = typer.Option(False, "--yes", help="确认所有提醒（如累计数比上季度少）后导入"),
) -> None:
    """校验并导入一份季度报表：有任何错误则整份不导入。"""
    from db.engine import upgrade
    from etl.upload import import_file

    data = _read_file(file)
    engine = _engine()
    upgrade(engine)
    principal = _principal(engine, user)
    big = len(data) > 2_000_000
    shown = set()

    def progress(fraction: float, text: str) -> None:
        step = int(fraction * 10)  # a line per tenth of the file
        if big and step not in shown:
            shown.add(step)
            typer.echo(f"[{fraction:>4.0%}] {text}", err=True)

    result = import_file(engine, data, file.name, period=period, basis=basis, principal=principal, township=township,
                         dry_run=dry_run, confirm_warnings=yes, progress=progress)
    plan = result.plan
    for w in plan.warnings:
        typer.echo(f"提醒：{w}", err=True)
    if dry_run:
        listed = 0
        for c in plan.cells:
            if c.status != "unchanged":
                listed += 1
                old = "（无）" if c.old is None else format_value(c.indicator, c.old)
                typer.echo(f"  第{c.row}行 {c.village} {c.period} {c.indicator}: {old} → {format_value(c.indicator, c.value)}")
        more = plan.n_new + plan.n_changed - listed
        if more > 0:
            typer.echo(f"  ……另有 {more} 项新增或修改未逐条列出")
    typer.echo(result.message)


@app.command()
def rollback(batch: int = typer.Argument(..., help="批次编号（zhibiao batches 查看）"),
             user: Optional[str] = typer.Option(None, "--user")) -> None:
    """撤销一个导入批次：恢复它覆盖前的数值，作为新的留痕修改。"""
    from etl.upload import rollback_batch

    engine = _engine()
    n = rollback_batch(engine, batch, principal=_principal(engine, user))
    typer.echo(f"已撤销批次 {batch}，恢复 {n} 项")


@app.command()
def batches(limit: int = typer.Option(20, "--limit")) -> None:
    """列出最近的导入批次。"""
    from db.engine import session_factory
    from db.queries import recent_batches

    with session_factory(_engine())() as s:
        for b in recent_batches(s, limit):
            typer.echo(f"{b['id']:>5}  {b['created_at']:%Y-%m-%d %H:%M}  {b['status']:<11} {b['user']:<10} "
                       f"新增{b['n_new']} 修改{b['n_changed']} 不变{b['n_unchanged']}  {b['file_name']}")


@app.command()
def template(
    out: Path = typer.Option(..., "--out", help="输出的 .xlsx 文件"),
    township: Optional[str] = typer.Option(None, "--township", help="填好该乡镇的村名"),
    period: Optional[str] = typer.Option(None, "--period", callback=_quarter_option, help="期间，如 2025Q3 或 2025年第三季度"),
) -> None:
    """生成季度报表模板（xlsx）。"""
    from db.engine import session_factory, upgrade
    from etl.exports import template_xlsx
    from terms.periods import parse_period

    if period:
        try:
            parse_period(period)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    engine = _engine()
    upgrade(engine)
    with session_factory(engine)() as s:
        data = template_xlsx(s, township, period)
    out.write_bytes(data)
    typer.echo(f"模板已写入 {out}")


export_app = typer.Typer(help="导出数据", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("observations")
def export_observations_cmd(
    format: str = typer.Option("json", "--format", help="json、csv（UTF-8 BOM）或 xlsx"),
    out: Optional[Path] = typer.Option(None, "--out", help="输出文件（不写则打印到屏幕；xlsx 必须写）"),
) -> None:
    """导出所有数字：乡镇、村、指标、期间、数值（基本单位，流量指标为年初至今累计）、来源。"""
    from db.engine import session_factory
    from etl.exports import export_observations

    if format not in ("json", "csv", "xlsx"):
        raise UserError(f"格式“{format}”不支持，可用 json、csv、xlsx")
    if format == "xlsx" and out is None:
        raise UserError("xlsx 格式请用 --out 指定输出文件")
    with session_factory(_engine())() as s:
        data = export_observations(s, format)
    if out is not None:
        out.write_bytes(data)
        typer.echo(f"已导出到 {out}", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()


targets_app = typer.Typer(help="年度目标", no_args_is_help=True)
app.add_typer(targets_app, name="targets")


@targets_app.command("set")
def targets_set(
    township: str = typer.Option(..., "--township", help="乡镇"),
    year: int = typer.Option(..., "--year", help="年份，如 2025"),
    indicator: str = typer.Option(..., "--indicator", help="collective_income、new_members、grid_count、training_attendance"),
    value: float = typer.Option(..., "--value", help="目标值（基本单位：收入为元，如 100000）"),
    village: Optional[str] = typer.Option(None, "--village", help="只给这个村设（优先于全乡目标）"),
    user: Optional[str] = typer.Option(None, "--user"),
) -> None:
    """设置年度目标：不写 --village 时为全乡每个村的目标，写了则为该村自己的目标。"""
    from db.engine import transaction
    from db.targets import set_target_for

    engine = _engine()
    with transaction(engine) as s:
        changed, where = set_target_for(s, township=township, village=village, year=year, indicator=indicator,
                                        value=value, principal=_principal(engine, user))
    typer.echo(f"{where}{year}年目标已设为 {format_value(indicator, value)}" if changed else f"{where}{year}年目标未变")


@targets_app.command("list")
def targets_list_cmd(
    year: Optional[int] = typer.Option(None, "--year"),
    format: str = typer.Option("table", "--format", help="table 或 json"),
) -> None:
    """列出年度目标。"""
    from db.engine import session_factory
    from db.queries import targets_list

    with session_factory(_engine())() as s:
        rows = targets_list(s, year)
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        typer.echo(f"{r['year']}  {r['township']:<8} {r['village'] or '（全乡每村）':<10} {r['indicator']:<20} "
                   f"{format_value(r['indicator'], r['value'])}")


@app.command()
def lagging(
    township: str = typer.Option(..., "--township"),
    as_of: str = typer.Option(..., "--as-of", callback=_quarter_option, help="季度，如 2025Q3 或 2025年第三季度"),
    indicator: Optional[str] = typer.Option(None, "--indicator"),
    format: str = typer.Option("table", "--format", help="json、csv 或 table"),
    pacing: str = typer.Option("linear", "--pacing",
                               help="linear（时间过半、任务过半，默认）或 seasonal（按往年季节规律）"),
) -> None:
    """各村序时进度：绿≥100%，黄80–100%，红<80%，未报送，未设目标。"""
    from db.engine import session_factory
    from db.pacing import STATUS_NAMES, sentence
    from db.progress import lagging as lagging_fn

    _check_format(format)
    with session_factory(_engine())() as s:
        rows = lagging_fn(s, township, as_of, indicator, pacing)
    _emit([a.to_dict() for a in rows], format, lambda: [f"[{STATUS_NAMES[a.status]}] {sentence(a)}" for a in rows])


@app.command()
def forecast(
    township: str = typer.Option(..., "--township"),
    as_of: str = typer.Option(..., "--as-of", callback=_quarter_option, help="季度，如 2026Q3 或 2026年第三季度"),
    indicator: Optional[str] = typer.Option(None, "--indicator"),
    format: str = typer.Option("table", "--format", help="json、csv 或 table"),
) -> None:
    """各村年末推算：按本乡往年的季度规律（没有完整往年数据时按时间均匀），以及完成目标每季还需增加多少。"""
    from db.engine import session_factory
    from db.progress import forecast as forecast_fn

    _check_format(format)
    with session_factory(_engine())() as s:
        rows = forecast_fn(s, township, as_of, indicator)

    def table() -> list[str]:
        out = []
        for p in rows:
            if p.projected is None:
                out.append(f"{p.village} {INDICATOR_BY_CODE[p.indicator].name}：{p.note}")
                continue
            need = "" if p.needed_per_quarter is None else f"，完成目标每季还需增加{format_value(p.indicator, p.needed_per_quarter)}"
            out.append(f"{p.village} {INDICATOR_BY_CODE[p.indicator].name}：实际{format_value(p.indicator, p.actual)}，"
                       f"推算年末{format_value(p.indicator, p.projected)}（{format_value(p.indicator, p.low)}–"
                       f"{format_value(p.indicator, p.high)}，{'按往年季节规律' if p.method == 'seasonal' else '按时间均匀'}），"
                       f"目标{format_value(p.indicator, p.target, missing='未设')}{need}")
        return out

    _emit([p.to_dict() for p in rows], format, table)


def _check_format(format: str) -> None:
    if format not in ("json", "csv", "table"):
        raise UserError(f"格式“{format}”不支持，可用 json、csv、table")


def _emit(dicts: list[dict], format: str, table) -> None:
    """Rows as JSON (an array), CSV (a header row) or the table's lines."""
    import csv as _csv
    import io as _io

    if format == "json":
        typer.echo(json.dumps(dicts, ensure_ascii=False, indent=1))
    elif format == "csv":
        buf = _io.StringIO()
        w = _csv.DictWriter(buf, fieldnames=list(dicts[0]) if dicts else ["village"], lineterminator="\n")
        w.writeheader()
        w.writerows(dicts)
        typer.echo(buf.getvalue(), nl=False)
    else:
        for line in table():
            typer.echo(line)


@app.command("lock")
def lock_cmd(township: str = typer.Option(..., "--township"), period: str = typer.Option(..., "--period", callback=_quarter_option),
             user: Optional[str] = typer.Option(None, "--user")) -> None:
    """审核锁定一个乡镇的一个季度：之后对该季度的任何写入都会被拒绝，直到解锁。"""
    from db.engine import transaction
    from db.locks import lock

    engine = _engine()
    with transaction(engine) as s:
        done = lock(s, township, period, _principal(engine, user))
    typer.echo(f"{township}{period}已锁定" if done else f"{township}{period}本来就已锁定")


@app.command("unlock")
def unlock_cmd(township: str = typer.Option(..., "--township"), period: str = typer.Option(..., "--period", callback=_quarter_option),
               user: Optional[str] = typer.Option(None, "--user")) -> None:
    """解除审核锁定（留痕）。"""
    from db.engine import transaction
    from db.locks import unlock

    engine = _engine()
    with transaction(engine) as s:
        done = unlock(s, township, period, _principal(engine, user))
    typer.echo(f"{township}{period}已解锁" if done else f"{township}{period}没有锁定")


@app.command("audit")
def audit_cmd(
    format: str = typer.Option("table", "--format", help="table 或 json"),
    township: Optional[str] = typer.Option(None, "--township"),
    village: Optional[str] = typer.Option(None, "--village"),
    indicator: Optional[str] = typer.Option(None, "--indicator"),
    period: Optional[str] = typer.Option(None, "--period", callback=_period_option),
    user: Optional[str] = typer.Option(None, "--user"),
) -> None:
    """审计日志：每次修改的原值、新值、操作人、时间和来源（只增不删）。"""
    from db.engine import session_factory
    from db.queries import audit_entries

    with session_factory(_engine())() as s:
        rows = audit_entries(s, township=township, village=village, indicator=indicator, period=period, user=user)
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        typer.echo(f"{r['time'][:19]}  {r['user']:<8} {r['action']:<12} {r['township'] or '':<6} {r['village'] or '':<8} "
                   f"{r['indicator'] or '':<20} {r['period'] or '':<7} {r['old']} → {r['new']}  {r['source'] or ''}")


users_app = typer.Typer(help="账号", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise UserError("没有从标准输入读到密码（用法：echo 密码 | zhibiao users add … --password-stdin）")
    return password


@users_app.command("add")
def users_add(
    name: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="admin（管理员）、clerk（村文书）或 viewer（查看）"),
    township: Optional[str] = typer.Option(None, "--township"),
    village: Optional[List[str]] = typer.Option(None, "--village", help="村文书负责的村，可写多次"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读密码（必须）"),
) -> None:
    """添加账号；密码只从标准输入读取，只存 argon2 哈希。"""
    from db.engine import transaction
    from db.store import township_by_name, village_index
    from db.users import add_user

    if not password_stdin:
        raise UserError("请用 --password-stdin 从标准输入提供密码（不要把密码写在命令行里）")
    password = _read_password()
    engine = _engine()
    with transaction(engine) as s:
        town = township_by_name(s, township) if township else None
        villages = []
        for v in village or []:
            towns = [town] if town else []
            if not towns:
                from sqlalchemy import select

                from db.models import OrgUnit

                towns = list(s.scalars(select(OrgUnit).where(OrgUnit.level == "township")))
            hits = [h for t in towns if (h := village_index(s, t).resolve(v)) is not None]
            if len(hits) != 1:
                raise UserError(f"村“{v}”" + ("不存在" if not hits else "在多个乡镇都有，请加 --township"))
            villages.append(hits[0])
        add_user(s, name, role, password, township=town, villages=villages)
    typer.echo(f"已添加账号 {name}（{role}）")


@users_app.command("passwd")
def users_passwd(name: str = typer.Argument(...),
                 password_stdin: bool = typer.Option(False, "--password-stdin")) -> None:
    """修改密码（从标准输入读取）。"""
    from db.engine import transaction
    from db.users import set_password

    if not password_stdin:
        raise UserError("请用 --password-stdin 从标准输入提供新密码")
    password = _read_password()
    with transaction(_engine()) as s:
        set_password(s, name, password)
    typer.echo(f"已修改 {name} 的密码")


@users_app.command("disable")
def users_disable(name: str = typer.Argument(...)) -> None:
    """停用账号（不删除，审计记录保留；已登录的会话随即失效）。"""
    from db.engine import transaction
    from db.users import set_active

    with transaction(_engine()) as s:
        changed = set_active(s, name, False)
    typer.echo(f"已停用 {name}" if changed else f"{name} 本来就已停用")


@users_app.command("enable")
def users_enable(name: str = typer.Argument(...)) -> None:
    """重新启用账号。"""
    from db.engine import transaction
    from db.users import set_active

    with transaction(_engine()) as s:
        changed = set_active(s, name, True)
    typer.echo(f"已启用 {name}" if changed else f"{name} 本来就是启用的")


@users_app.command("list")
def users_list() -> None:
    """列出账号（不显示密码或哈希）。"""
    from db.engine import session_factory
    from db.users import list_users

    with session_factory(_engine())() as s:
        for u in list_users(s):
            scope = "、".join(u["villages"]) or u["township"] or "全部"
            typer.echo(f"{u['name']:<12} {u['role']:<7} {scope}{'' if u['active'] else '（已停用）'}")


@app.command("backup")
def backup_cmd(out: Path = typer.Argument(..., help="备份文件，如 backups/zhibiao-2025Q3.db")) -> None:
    """备份 SQLite 数据库（在线备份，运行中也一致）；PostgreSQL 请用 pg_dump。"""
    from db.backup import backup

    size = backup(_engine(), out)
    typer.echo(f"已备份到 {out}（{size / 1024:.0f} KB）")


@app.command("restore")
def restore_cmd(backup_file: Path = typer.Argument(..., help="zhibiao backup 生成的文件"),
                force: bool = typer.Option(False, "--force", help="目标数据库不是空的也覆盖")) -> None:
    """把备份恢复到 ZHIBIAO_DATABASE_URL 指向的数据库（必须为空，除非 --force）。"""
    from db.backup import restore

    counts = restore(backup_file, _engine(), force=force)
    typer.echo("已恢复：" + "，".join(f"{k} {v} 行" for k, v in counts.items() if v))


@export_app.command("bulletin")
def export_bulletin_cmd(
    township: str = typer.Option(..., "--township"),
    as_of: str = typer.Option(..., "--as-of", callback=_quarter_option, help="季度，如 2025Q3 或 2025年第三季度"),
    out: Path = typer.Option(..., "--out", help="输出文件：.xlsx（每个指标一张表）或 .docx（可直接打印）"),
) -> None:
    """生成季度通报（排名表、红黄绿、未报送名单、小结），数字与看板一致。"""
    from db.engine import session_factory
    from etl.bulletin import build_bulletin, bulletin_docx, bulletin_xlsx
    from terms.periods import parse_period

    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise UserError(f"通报只能导出为 .xlsx 或 .docx，收到“{out.name}”")
    try:
        parse_period(as_of)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    with session_factory(_engine())() as s:
        b = build_bulletin(s, township, as_of)
    out.write_bytes(bulletin_xlsx(b) if suffix == ".xlsx" else bulletin_docx(b))
    typer.echo(f"{b.title}：已写入 {out}")
    typer.echo(b.summary)


def _principal(engine, user: Optional[str]):
    """The CLI acts as the local operator unless --user names an account."""
    from sqlalchemy import select

    from db.engine import session_factory
    from db.models import User
    from db.users import LOCAL_OPERATOR, principal_of

    if not user:
        return LOCAL_OPERATOR
    with session_factory(engine)() as s:
        u = s.scalar(select(User).where(User.name == user))
        if u is None or not u.active:
            raise UserError(f"用户“{user}”不存在或已停用")
        return principal_of(u)


def _read_file(path: Path) -> bytes:
    if not path.exists():
        raise UserError(f"找不到文件“{path}”")
    if path.is_dir():
        raise UserError(f"“{path}”是文件夹，请给出文件")
    return path.read_bytes()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# ------------------------------------------------------------------ entry point
def run(argv: Optional[List[str]] = None) -> int:
    """Console entry: Chinese message and non-zero exit for a user's mistake, never a traceback."""
    try:
        app(args=argv, standalone_mode=False)
    except UserError as exc:
        _echo_err(f"错误：{exc}")
        return _exit(1)
    except click_exc.NoSuchOption as exc:
        _echo_err(f"错误：没有选项 {exc.option_name}。用 --help 查看用法")
        return _exit(2)
    except click_exc.MissingParameter as exc:
        _echo_err(f"错误：缺少参数 {exc.param.opts[0] if exc.param and exc.param.opts else ''}。用 --help 查看用法")
        return _exit(2)
    except click_exc.UsageError as exc:
        _echo_err(f"错误：命令用法不对（{exc.format_message()}）。用 --help 查看用法")
        return _exit(2)
    except typer.Abort:
        _echo_err("已取消")
        return _exit(1)
    except typer.Exit as exc:
        return _exit(exc.exit_code)
    except OperationalError as exc:
        _echo_err(f"错误：无法连接或操作数据库（{_short(exc)}）。请检查 ZHIBIAO_DATABASE_URL")
        return _exit(1)
    except SQLAlchemyError as exc:
        _echo_err(f"错误：数据库操作失败，已回滚，未写入任何数据（{_short(exc)}）")
        return _exit(1)
    except OSError as exc:
        _echo_err(f"错误：文件读写失败（{exc.strerror or exc}）：{exc.filename or ''}")
        return _exit(1)
    return _exit(0)


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _exit(code: int | None) -> int:
    return int(code or 0)


def main() -> None:  # pragma: no cover - console script
    sys.exit(run())


if __name__ == "__main__":
    main()
