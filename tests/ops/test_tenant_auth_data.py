"""The tenant's people's sign-in data through export, import and erase: password hashes and
locks travel, sessions do not; an erase ends the tenant's sessions and removes the sign-in
data of the users it removes."""

from __future__ import annotations

import hashlib
import json
import tarfile

from tests import pg
from tests.helpers import tenant_id, user_id
from tests.ops.test_tenant_portability import archive, elsewhere  # noqa: F401  (fixtures)
from vital.auth.passwords import hash_password


def _session(conn, tenant, user, n: int) -> None:
    conn.execute("SELECT vital.start_session(%s, %s, %s, now() + interval '1 day', 'test', NULL)",
                 (tenant, user, hashlib.sha256(f"token {n}".encode()).hexdigest()))


def _give_ada_a_password_a_session_and_a_locked_colleague(database: str) -> str:
    with pg.connect(database) as conn:
        acme, ada = tenant_id(conn, "acme"), user_id(conn, "ada@acme.example")
        stored = hash_password("ada's own password")
        conn.execute("SELECT vital.set_password(%s, %s)", (ada, stored))
        _session(conn, acme, ada, 1)
        locked = conn.execute("INSERT INTO auth.users (email) VALUES ('locked@acme.example') RETURNING id"
                              ).fetchone()[0]
        conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'Locked')",
                     (acme, locked))
        conn.execute("SELECT vital.lock_user(%s, 'left')", (locked,))
        conn.commit()
    return stored


def test_passwords_and_locks_travel_and_sessions_do_not(fresh_db, vital, tmp_path, elsewhere):  # noqa: F811
    stored = _give_ada_a_password_a_session_and_a_locked_colleague(fresh_db)
    path = tmp_path / "acme.tar.gz"
    vital(fresh_db, "tenant", "export", "acme", "--out", str(path))
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    rows = {e["table"]: e["rows"] for e in manifest["tables"]}
    assert rows["vital.user_passwords"] == 1 and rows["vital.user_locks"] == 1
    assert not {"vital.auth_sessions", "vital.refresh_tokens"} & rows.keys()
    vital(elsewhere, "tenant", "import", str(path))
    with pg.connect(elsewhere) as conn:
        ada = user_id(conn, "ada@acme.example")
        assert conn.execute("SELECT password_hash FROM vital.user_passwords WHERE user_id = %s",
                            (ada,)).fetchone()[0] == stored
        assert conn.execute("SELECT l.reason FROM vital.user_locks l JOIN auth.users u ON u.id = l.user_id "
                            "WHERE u.email = 'locked@acme.example'").fetchone()[0] == "left"
        assert conn.execute("SELECT count(*) FROM vital.auth_sessions WHERE user_id = %s", (ada,)).fetchone()[0] == 0


def test_an_import_keeps_the_password_an_account_has_here(fresh_db, vital, tmp_path):
    _give_ada_a_password_a_session_and_a_locked_colleague(fresh_db)
    path = tmp_path / "pharmaco.tar.gz"
    with pg.connect(fresh_db) as conn:  # ada works for pharmaco too
        conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'Ada')",
                     (tenant_id(conn, "pharmaco"), user_id(conn, "ada@acme.example")))
        conn.commit()
    vital(fresh_db, "tenant", "export", "pharmaco", "--out", str(path))
    target = pg.clone()
    try:
        with pg.connect(target) as conn:  # pharmaco gone from there, ada there with another password
            pharmaco = tenant_id(conn, "pharmaco")
            from vital.ops.tenant_erase import erase_tenant
            erase_tenant(conn, "pharmaco", keep_users=True)
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute("DELETE FROM audit_log WHERE tenant_id = %s", (pharmaco,))
            conn.execute("DELETE FROM tenants WHERE id = %s", (pharmaco,))
            conn.execute("SELECT vital.set_password(%s, %s)", (user_id(conn, "ada@acme.example"),
                                                               hash_password("another password")))
            conn.commit()
            theirs = conn.execute("SELECT password_hash FROM vital.user_passwords WHERE user_id = %s",
                                  (user_id(conn, "ada@acme.example"),)).fetchone()[0]
        vital(target, "tenant", "import", str(path))
        with pg.connect(target) as conn:
            assert conn.execute("SELECT password_hash FROM vital.user_passwords WHERE user_id = %s",
                                (user_id(conn, "ada@acme.example"),)).fetchone()[0] == theirs
    finally:
        pg.drop(target)


def test_erase_ends_the_tenants_sessions_and_removes_its_own_users_sign_in_data(fresh_db, vital):
    _give_ada_a_password_a_session_and_a_locked_colleague(fresh_db)
    with pg.connect(fresh_db) as conn:
        pharmaco, ada = tenant_id(conn, "pharmaco"), user_id(conn, "ada@acme.example")
        conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'Ada')",
                     (pharmaco, ada))
        conn.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, 'member')",
                     (pharmaco, ada))
        _session(conn, pharmaco, ada, 2)
        locked = user_id(conn, "locked@acme.example")
        conn.execute("SELECT vital.set_password(%s, %s)", (locked, hash_password("locked's password")))
        for tenant in (tenant_id(conn, "acme"), pharmaco):  # a queued job each, as vital.enqueue_job records them
            conn.execute("INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, args) "
                         "VALUES ('tenants', 'vital.reembed', jsonb_build_object('tenant_id', %s::text))", (tenant,))
        conn.commit()
    done = vital(fresh_db, "tenant", "erase", "acme", "--confirm")
    assert done.returncode == 0
    with pg.connect(fresh_db) as conn:
        sessions = conn.execute("SELECT t.subdomain FROM vital.auth_sessions s JOIN tenants t ON t.id = s.tenant_id "
                                "WHERE s.user_id = %s", (ada,)).fetchall()
        assert sessions == [("pharmaco",)]  # the acme session ended, the pharmaco one stays
        assert conn.execute("SELECT count(*) FROM vital.user_passwords WHERE user_id = %s", (ada,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM vital.user_passwords WHERE user_id = %s",
                            (locked,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM vital.user_locks WHERE user_id = %s", (locked,)).fetchone()[0] == 0
        assert conn.execute("SELECT new_data->'sessions_deleted' FROM audit_log WHERE tenant_id = %s",
                            (tenant_id(conn, "acme"),)).fetchone()[0] == 1
        jobs = conn.execute("SELECT args->>'tenant_id' FROM procrastinate.procrastinate_jobs").fetchall()
        assert jobs == [(str(pharmaco),)]  # acme's queued job went with it, pharmaco's stays
