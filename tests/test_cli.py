"""The CLI is a thin layer: exit codes, Chinese errors on stderr, no traceback, --help."""
import os
import subprocess
import sys
from pathlib import Path

from cli.main import run

ROOT = Path(__file__).resolve().parents[1]
ZHIBIAO = [sys.executable, "-c", "from cli.main import main; main()"]


def test_help_lists_commands(capsys):
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("init", "demo", "org"):
        assert command in out


def test_init_demo_and_org_import(db_env, capsys, tmp_path):
    assert run(["init"]) == 0
    assert "数据库已就绪" in capsys.readouterr().out
    assert run(["demo"]) == 0
    out = capsys.readouterr().out
    assert "新增村 14 个" in out and "用户名：admin" in out
    # the random password is printed once, and a second run does not print a password
    assert run(["demo", "--if-empty"]) == 0
    out2 = capsys.readouterr().out
    assert "跳过" in out2 and "密码：" not in out2
    f = tmp_path / "org.csv"
    f.write_bytes("乡镇,村,别名\n示范乡,新村二组,\n".encode("gb18030"))
    assert run(["org", "import", str(f)]) == 0
    assert "新村 1 个" in capsys.readouterr().out


def test_user_mistakes_give_chinese_errors(db_env, capsys, tmp_path):
    assert run(["org", "import", str(tmp_path / "nope.csv")]) == 1
    err = capsys.readouterr().err
    assert "找不到文件" in err and "Traceback" not in err
    bad = tmp_path / "bad.csv"
    bad.write_bytes("乡镇,村\n,东坡村\n".encode())
    assert run(["org", "import", str(bad)]) == 1
    assert "第2行「乡镇」" in capsys.readouterr().err
    assert run(["org", "import", "--bogus"]) == 2
    assert "错误" in capsys.readouterr().err


def test_console_script_exit_code_and_no_traceback(tmp_path):
    env = {**os.environ, "ZHIBIAO_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    ok = subprocess.run([*ZHIBIAO, "init"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*ZHIBIAO, "org", "import", "missing.csv"], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=120)
    assert bad.returncode == 1
    assert "找不到文件" in bad.stderr and "Traceback" not in bad.stderr


def test_unreachable_database_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert run(["init"]) == 1
    assert "无法连接或操作数据库" in capsys.readouterr().err


def test_periods_are_typed_as_people_write_them(db_env, capsys):
    assert run(["demo"]) == 0
    capsys.readouterr()
    assert run(["lagging", "--township", "示范乡", "--as-of", "2026年第三季度", "--indicator", "collective_income",
                "--format", "json"]) == 0
    import json as _json

    rows = _json.loads(capsys.readouterr().out)
    assert {r["period"] for r in rows} == {"2026Q3"}
    assert run(["lagging", "--township", "示范乡", "--as-of", "2026年第九季度"]) != 0
    assert "格式不对" in capsys.readouterr().err
