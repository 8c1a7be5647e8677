"""The commands around the web application: createuser, audit verify, serve's guard, the
production configuration's deployment check — run as a user runs them (subprocesses)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .live import PASSWORD, LiveApp

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(tmp_path, pg_server):
    live = LiveApp(tmp_path / "live", pg_server)
    yield live
    live.stop_all()


def test_createuser_reads_the_password_from_stdin_and_says_what_is_wrong(app):
    ok = app.run("createuser", "diane", "--role", "signatory", "--title", "Directrice générale",
                 "--full-name", "Diane Lefèvre", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr
    assert "created diane: signatory" in ok.stdout
    again = app.run("createuser", "diane", "--role", "inspector", stdin=PASSWORD + "\n")
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "--update" in again.stderr
    empty = app.run("createuser", "eve", "--role", "inspector", stdin="")
    assert empty.returncode == 2 and "no password" in empty.stderr
    rows = app.query("SELECT u.username, g.name FROM auth_user u JOIN auth_user_groups ug ON ug.user_id = u.id "
                     "JOIN auth_group g ON g.id = ug.group_id")
    assert rows == [("diane", "signatory")]
    updated = app.run("createuser", "diane", "--role", "signatory", "--role", "legal_reviewer", "--update",
                      stdin=PASSWORD + "\n")
    assert updated.returncode == 0, updated.stderr


def test_createuser_refusals(users, capsys):
    from vigipub.cli.main import main
    from vigipub.evidence.casework import Role
    from vigipub.evidence.errors import InputError
    from vigipub.web.commands import create_user

    assert main(["createuser", "eve", "--role", "boss"]) == 2
    assert "boss" in capsys.readouterr().err
    with pytest.raises(InputError, match="password refused"):
        create_user("eve", {Role.INSPECTOR}, "short")
    with pytest.raises(InputError, match="--title"):
        create_user("sam", {Role.SIGNATORY}, PASSWORD)
    with pytest.raises(InputError, match="--update"):
        create_user("ines", {Role.INSPECTOR}, PASSWORD)


def test_audit_verify_names_the_first_entry_changed_behind_the_application_s_back(app, database_kind):
    app.python(
        "from vigipub.web.commands import create_user\n"
        "from vigipub.evidence.casework import Role\n"
        f"for name in ('ines', 'louis'): create_user(name, {{Role.INSPECTOR}}, {PASSWORD!r})\n"
    )
    ok = app.run("audit", "verify")
    assert ok.returncode == 0 and "intact" in ok.stdout
    count = int(ok.stdout.split(":")[1].split()[0])
    assert count >= 4
    # the database refuses updates and deletes of the log...
    with pytest.raises(Exception, match="append-only"):
        app.query("UPDATE vigipub_auditentry SET actor = 'mallory' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        app.query("DELETE FROM vigipub_auditentry WHERE seq = 3")
    # ...so an attacker with the database's keys drops the trigger first: the chain still tells
    if database_kind == "sqlite":
        app.query("DROP TRIGGER vigipub_auditentry_no_update")
    else:
        app.query("DROP TRIGGER vigipub_auditentry_append_only ON vigipub_auditentry")
    app.query("UPDATE vigipub_auditentry SET actor = 'mallory' WHERE seq = 3")
    broken = app.run("audit", "verify")
    assert broken.returncode == 1
    assert "#3" in broken.stderr and "mallory" in broken.stderr and "content changed" in broken.stderr
    shown = app.run("audit", "show", "--limit", "2", "--json")
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) == 2


def test_serve_listens_on_loopback_only_in_the_embedded_default(app):
    refused = app.run("serve", "--host", "0.0.0.0", "--port", "8999")
    assert refused.returncode == 2 and "127.0.0.1" in refused.stderr and refused.stderr.count("\n") == 1


def test_the_production_configuration_passes_django_s_deployment_check(tmp_path):
    key = tmp_path / "secret"
    key.write_text("k" * 64 + "-not-a-real-key-but-long-and-random-enough-@#%", encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "VIGIPUB_PRODUCTION": "1",
        "VIGIPUB_SECRET_KEY_FILE": str(key),
        "VIGIPUB_ALLOWED_HOSTS": "vigipub.ansm.example",
        "VIGIPUB_DATA": str(tmp_path / "data"),
    }
    result = subprocess.run([sys.executable, "-m", "vigipub.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # and production refuses to start without a secret key
    del env["VIGIPUB_SECRET_KEY_FILE"]
    result = subprocess.run([sys.executable, "-m", "vigipub.web.manage", "check"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode != 0 and "secret key" in result.stderr
