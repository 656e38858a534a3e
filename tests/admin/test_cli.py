"""`vital user`: add, list, set-role, disable, lock, as an operator runs them. The first command is the
installed `vital` script as a process; the others go through the same CLI in-process (CliRunner), to
spare an interpreter start each."""

from __future__ import annotations

import re
import subprocess

from click.testing import CliRunner

from tests import pg
from tests.auth.conftest import Auth, FAST_LIMITS
from tests.harness import running
from vital.cli.main import cli


def _process(env, *args):
    return subprocess.run(["vital", *args], env=env, capture_output=True, text=True, timeout=300)


def _vital(env, *args):
    return CliRunner().invoke(cli, list(args), env=env)


def test_user_commands(fresh_db, cli_env):
    env = cli_env(fresh_db)
    added = _process(env, "user", "add", "--tenant", "acme", "--email", "new.person@acme.example", "--role", "admin",
                   "--password")
    assert added.returncode == 0, added.stderr
    password = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
    listed = _vital(env, "user", "list", "--tenant", "acme")
    assert re.search(r"new.person@acme.example\s+admin\s+active", listed.stdout), listed.stdout
    again = _vital(env, "user", "add", "--tenant", "acme", "--email", "new.person@acme.example")
    assert again.exit_code != 0
    other = _vital(env, "user", "add", "--tenant", "pharmaco", "--email", "new.person@acme.example", "--role",
                   "viewer")
    assert other.exit_code == 0 and "existing account" in other.stdout and "password" not in other.stdout.lower()
    assert _vital(env, "user", "set-role", "--tenant", "acme", "--email", "new.person@acme.example",
                  "member").exit_code == 0
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT m.role FROM tenant_members m JOIN auth.users u ON u.id = m.user_id "
                            "JOIN tenants t ON t.id = m.tenant_id WHERE u.email = %s AND t.subdomain = 'acme'",
                            ("new.person@acme.example",)).fetchone()[0] == "member"
        owner = conn.execute("SELECT u.email FROM tenant_members m JOIN auth.users u ON u.id = m.user_id "
                             "JOIN tenants t ON t.id = m.tenant_id WHERE t.subdomain = 'acme' AND m.role = 'owner'"
                             ).fetchone()[0]
    last = _vital(env, "user", "set-role", "--tenant", "acme", "--email", owner, "admin")
    assert last.exit_code != 0 and "last active owner" in (last.stdout + last.stderr)

    with running(fresh_db, **FAST_LIMITS) as api:
        auth = Auth(api)
        signed = auth.sign_in("new.person@acme.example", password)
        assert signed.status_code == 200, signed.text
        refresh = signed.json()["refresh_token"]
        assert Auth(api, "pharmaco").sign_in("new.person@acme.example", password).status_code == 200
        assert _vital(env, "user", "disable", "--tenant", "acme", "--email",
                      "new.person@acme.example").exit_code == 0
        assert auth.sign_in("new.person@acme.example", password).status_code == 400
        assert Auth(api, "pharmaco").sign_in("new.person@acme.example", password).status_code == 200
        locked = _vital(env, "user", "lock", "--email", "new.person@acme.example", "--reason", "left the company")
        assert locked.exit_code == 0 and "locked" in locked.stdout, locked.stderr
        assert Auth(api, "pharmaco").sign_in("new.person@acme.example", password).status_code == 400
        assert auth.refresh(refresh).status_code == 400
        assert _vital(env, "user", "unlock", "--email", "new.person@acme.example").exit_code == 0
        assert Auth(api, "pharmaco").sign_in("new.person@acme.example", password).status_code == 200
