"""`vital db generate`: synthetic tenants, agents and chunks that obey the same rules."""

from __future__ import annotations

import subprocess

from tests import pg
from tests.helpers import tenant_id
from vital.db.tenant import apply_context
from vital.tenancy import Caller


def test_generate_writes_the_volume_asked_for_and_refuses_a_second_run(fresh_db, cli_env):
    env = cli_env(fresh_db)
    args = ["vital", "db", "generate", "--tenants", "3", "--agents-per-tenant", "5", "--chunks", "100",
            "--embedding-dims", "384"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with pg.connect(fresh_db) as conn:
        counts = conn.execute("""
            SELECT count(DISTINCT t.id), (SELECT count(*) FROM agents a JOIN tenants g ON g.id = a.tenant_id
                                          WHERE g.subdomain LIKE 'gen-%%'),
                   (SELECT count(*) FROM rag_knowledge_chunks c JOIN tenants g ON g.id = c.tenant_id
                    WHERE g.subdomain LIKE 'gen-%%' AND c.embedding IS NOT NULL)
            FROM tenants t WHERE t.subdomain LIKE 'gen-%%'""").fetchone()
        assert counts == (3, 15, 100)
        # a generated tenant sees its own rows and the platform's, nothing of the others
        apply_context(conn, Caller.member(tenant_id(conn, "gen-00001")))
        own = conn.execute("SELECT count(*) FROM agents WHERE tenant_id <> vital.platform_tenant_id()").fetchone()
        assert own[0] == 5
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "exist already" in again.stderr
