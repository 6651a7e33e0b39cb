"""Who may write what: a clerk only their village, only admins set targets."""

import pytest

from db.engine import transaction
from db.errors import PermissionDenied, UserError
from db.locks import lock
from db.targets import set_target_for
from db.users import LOCAL_OPERATOR
from etl.upload import enter_figure
from tests.apphelpers import make_user
from tests.test_upload_flow import counts

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


def test_clerk_cannot_touch_another_village_or_targets(demo_backend):
    engine = demo_backend.engine
    clerk, _ = make_user(engine, "clerk", villages=["大刘庄村"])
    before = counts(engine)
    with pytest.raises(UserError, match="只能上传本村数据"):
        enter_figure(engine, township="示范乡", village="胜利村", indicator="collective_income", period="2027Q1",
                     value="3", principal=clerk)
    with pytest.raises(PermissionDenied):
        with transaction(engine) as s:
            set_target_for(s, township="示范乡", year=2027, indicator="collective_income", value=1, principal=clerk)
    with pytest.raises(PermissionDenied):
        with transaction(engine) as s:
            lock(s, "示范乡", "2027Q1", clerk)
    assert counts(engine) == before


@pytest.mark.parametrize("role,action,allowed", [
    ("admin", "lock", True), ("clerk", "lock", False), ("viewer", "lock", False),
    ("admin", "set_target", True), ("clerk", "set_target", False),
    ("admin", "review_fact", True), ("clerk", "review_fact", False),
    ("clerk", "upload", True), ("viewer", "upload", False), ("clerk", "save_report", True), ("viewer", "save_report", False),
])
def test_who_may_do_what(role, action, allowed):
    from db.permissions import require
    from db.users import Principal

    who = Principal("某人", role)
    if allowed:
        require(who, action)
    else:
        with pytest.raises(PermissionDenied, match="某人"):
            require(who, action)


def test_a_clerk_rolls_back_only_their_own_batches():
    from db.permissions import require
    from db.users import Principal

    clerk = Principal("张三", "clerk", village_ids=frozenset({7}))
    require(clerk, "rollback", owner="张三", batch_id=3)
    with pytest.raises(PermissionDenied, match="不能撤销别人的批次 3"):
        require(clerk, "rollback", owner="李四", batch_id=3)
    require(Principal("管理员", "admin"), "rollback", owner="李四", batch_id=3)


def test_an_unknown_action_is_a_programming_error():
    from db.permissions import require

    with pytest.raises(ValueError):
        require(LOCAL_OPERATOR, "delete_everything")


def test_ensure_unlocked_names_the_quarter_and_who_locked_it(demo_backend):
    from db.locks import lock
    from db.permissions import ensure_unlocked
    from db.store import township_by_name

    with transaction(demo_backend.engine) as s:
        lock(s, "示范乡", "2026Q3", LOCAL_OPERATOR)
    with transaction(demo_backend.engine) as s:
        town = township_by_name(s, "示范乡")
        ensure_unlocked(s, {(town.id, "2026Q2")}, "不能写入")
        with pytest.raises(UserError, match="2026年第三季度已审核锁定（锁定人：本机操作员），不能写入"):
            ensure_unlocked(s, {(town.id, "2026Q2"), (town.id, "2026Q3")}, "不能写入")


def test_permission_and_lock_decisions_live_in_one_module():
    """No write path raises PermissionDenied or queries the locks itself."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in [*root.glob("db/*.py"), *root.glob("etl/*.py"), *root.glob("pages/*.py"), root / "app.py",
                 *root.glob("cli/*.py")]:
        if path.name in ("permissions.py", "errors.py", "locks.py", "models.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and "PermissionDenied" in ast.unparse(node):
                offenders.append(f"{path.name}: raises PermissionDenied")
            if isinstance(node, ast.Name) and node.id == "PeriodLock":
                offenders.append(f"{path.name}: reads PeriodLock")
    assert offenders == []
