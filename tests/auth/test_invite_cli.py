"""`vital invite` as a subprocess: the message reaches a real SMTP server in-process and its
link makes the invitee a member; without SMTP settings in `test` the link goes to the log."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlsplit

from tests import pg
from tests.auth.conftest import Auth
from tests.auth.mailbox import smtp_server
from tests.harness import running


def _vital(env, *args):
    return subprocess.run(["vital", *args], env=env, capture_output=True, text=True, timeout=300)


def test_invite_command_sends_a_link_that_makes_a_member(fresh_db, cli_env):
    with smtp_server() as (inbox, smtp):
        env = cli_env(fresh_db, VITAL_SMTP_HOST=smtp["smtp_host"], VITAL_SMTP_PORT=str(smtp["smtp_port"]),
                      VITAL_SMTP_STARTTLS="false")
        done = _vital(env, "invite", "--tenant", "acme", "--email", "cli.invitee@acme.example", "--role", "viewer")
        assert done.returncode == 0, done.stderr
        assert "mail: sent" in done.stdout
        link = inbox.link("cli.invitee@acme.example")
    assert link.startswith("http://acme.localhost:")
    token = parse_qs(urlsplit(link).query)["token"][0]
    with running(fresh_db) as api:
        session = Auth(api).call("POST", "/verify", json={"type": "invite", "token_hash": token})
        assert session.status_code == 200, session.text
        assert session.json()["user"]["app_metadata"]["tenant_role"] == "viewer"


def test_invite_command_logs_the_link_without_smtp(fresh_db, cli_env):
    done = _vital(cli_env(fresh_db), "invite", "--tenant", "acme", "--email", "logged@acme.example")
    assert done.returncode == 0, done.stderr
    assert "mail: logged" in done.stdout and "/auth/v1/verify?token=" in done.stderr
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT kind, status FROM vital.sent_mail WHERE recipient = 'logged@acme.example'"
                            ).fetchall() == [("invite", "logged")]
