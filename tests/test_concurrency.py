"""Concurrent writers end consistent."""
import json

from sqlalchemy import select

from db.engine import session_factory
from db.models import Observation, ObservationHistory
from db.queries import audit_entries
from tests.test_upload_flow import value_of

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"

WRITER = """
import json, os, sys, time
from pathlib import Path
from db.engine import make_engine
from etl.upload import import_file
url, value, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
engine = make_engine(url)
data = ("示范乡2027年第一季度\\n村名,集体经济收入（万元）,培训人次（人次）\\n"
        f"大刘庄村,{value},{value}\\n胜利村,{value},{value}\\n").encode()
while not go.exists():
    time.sleep(0.005)
try:
    r = import_file(engine, data, f"w{value}.csv", confirm_warnings=True)
    print(json.dumps(["ok", value, r.batch_id]))
except Exception as exc:
    print(json.dumps(["error", value, str(exc)]))
"""


def test_two_concurrent_writers_end_consistent(demo_backend, tmp_path):
    """Two separate processes import the same cells at the same moment."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, demo_backend.url, str(v), str(go)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for v in (4, 5)]
    import time

    time.sleep(1.5)  # both interpreters started and waiting
    go.touch()
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    assert all(o[0] == "ok" for o in outcomes), outcomes  # serialised: both commit, one after the other
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        trail = [(e["village"], e["indicator"], e["old"], e["new"]) for e in audit_entries(s, period="2027Q1")]
        # the later writer replaced the earlier one's version (it did not write beside it, nor over it
        # unseen): each figure is at version 2, and its version 1, ended by the later writer, is kept
        versions = s.execute(select(Observation.version).where(Observation.period == "2027Q1")).scalars().all()
        ended = s.execute(select(ObservationHistory.version, ObservationHistory.batch_id, Observation.batch_id)
                          .join(Observation, Observation.id == ObservationHistory.observation_id)
                          .where(ObservationHistory.period == "2027Q1")).all()
    assert versions == [2, 2, 2, 2] and len(ended) == 4
    assert all(v == 1 and earlier != later for v, earlier, later in ended)
    for village in ("大刘庄村", "胜利村"):
        for ind in ("collective_income", "training_attendance"):
            chain = [(o, n) for v, i, o, n in trail if v == village and i == ind]
            assert len(chain) == 2 and chain[0][0] is None
            assert chain[1][0] == chain[0][1], f"the later writer saw the earlier one's value: {chain}"
            final = value_of(engine, village, ind, "2027Q1")
            assert final == chain[1][1]
