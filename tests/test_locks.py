"""Period locks (审核锁定): a locked township quarter refuses every write until unlocked."""

import pytest

from db.engine import session_factory, transaction
from db.errors import UserError
from db.locks import lock, unlock
from db.queries import audit_entries
from db.users import LOCAL_OPERATOR
from etl.upload import enter_figure, import_file
from tests.test_upload_flow import counts

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


def test_lock_binds_everyone_until_unlocked(demo_backend):
    engine = demo_backend.engine
    with transaction(engine) as s:
        assert lock(s, "示范乡", "2027Q1", LOCAL_OPERATOR)
    before = counts(engine)
    for attempt in (lambda: import_file(engine, (Q + "大刘庄村,1\n").encode(), "a.csv"),
                    lambda: enter_figure(engine, township="示范乡", village="大刘庄村", indicator="grid_count",
                                         period="2027Q1", value="6")):
        with pytest.raises(UserError, match="已审核锁定"):
            attempt()
    assert counts(engine) == before
    with transaction(engine) as s:
        assert unlock(s, "示范乡", "2027Q1", LOCAL_OPERATOR)
    assert import_file(engine, (Q + "大刘庄村,1\n").encode(), "a.csv").committed
    with session_factory(engine)() as s:
        acts = [e["action"] for e in audit_entries(s, period="2027Q1")]
    assert acts == ["lock", "unlock", "upload"]
