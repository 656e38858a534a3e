"""`vital up` generates the demo users' passwords once and prints them; `vital password` resets one."""

from __future__ import annotations

import re
import subprocess

from tests import pg
from vital.auth.passwords import verify_password


def _vital(env, *args):
    return subprocess.run(["vital", *args], env=env, capture_output=True, text=True, timeout=300)


def _hash(database: str, email: str) -> str:
    with pg.connect(database) as conn:
        return conn.execute("SELECT p.password_hash FROM vital.user_passwords p JOIN auth.users u ON u.id = p.user_id "
                            "WHERE u.email = %s", (email,)).fetchone()[0]


def test_up_prints_each_demo_password_once_and_password_resets_it(fresh_db, cli_env):
    env = cli_env(fresh_db)
    first = _vital(env, "up", "--no-serve")
    assert first.returncode == 0, first.stderr
    printed = dict(re.findall(r"\((\S+@\S+)\).*?\n.*?\n  password: (\S+)", first.stdout))
    assert set(printed) == {"ada@acme.example", "paul@pharmaco.example"}, first.stdout
    for email, password in printed.items():
        assert verify_password(_hash(fresh_db, email), password)
    again = _vital(env, "up", "--no-serve")
    assert again.returncode == 0 and "password:" not in again.stdout
    reset = _vital(env, "password", "--tenant", "acme")
    assert reset.returncode == 0, reset.stderr
    email, _, new = reset.stdout.strip().partition(": ")
    assert email == "ada@acme.example" and verify_password(_hash(fresh_db, email), new)
    assert not verify_password(_hash(fresh_db, email), printed[email])
