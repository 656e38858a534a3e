"""The sign-in limiter: a growing delay per e-mail (never a lock-out), 429 per client address,
counted in PostgreSQL so that every API process shares the counts."""

from __future__ import annotations

import time
from datetime import timedelta

from psycopg_pool import ConnectionPool

from tests import pg
from tests.auth.conftest import PASSWORD, Auth
from vital.auth.limiter import Backoff, Limiter
from tests.harness import api_settings
from vital.db.connection import SESSION_OPTIONS, Database

ADA = "ada@acme.example"


def _pool(database: str) -> ConnectionPool:
    """A pool logging in as the API role, as one API process does."""
    return ConnectionPool(Database(api_settings(database)).api_url, min_size=1, max_size=2, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})


def test_counts_are_shared_between_processes_pools_and_windows_end(fresh_db):
    with _pool(fresh_db) as one, _pool(fresh_db) as two:
        a = Limiter(one, "test.shared", limit=3, window=timedelta(seconds=1))
        b = Limiter(two, "test.shared", limit=3, window=timedelta(seconds=1))
        assert [a.hit("k").hits, b.hit("k").hits, a.hit("k").hits] == [1, 2, 3]
        assert b.over("k") is not None and b.over("other") is None
        assert Limiter(one, "test.other", limit=3, window=timedelta(seconds=1)).peek("k") is None
        time.sleep(1.1)
        assert a.over("k") is None and a.hit("k").hits == 1
        a.clear("k")
        assert b.peek("k") is None
        stored = pg.connect(fresh_db).execute("SELECT key_hash FROM vital.rate_counters").fetchall()
        assert all(len(row[0]) == 64 and row[0] != "k" for row in stored)  # keys are hashed


def test_the_backoff_doubles_up_to_its_cap_and_a_reset_clears_it(fresh_db):
    with _pool(fresh_db) as pool:
        backoff = Backoff(Limiter(pool, "test.backoff", limit=1, window=timedelta(minutes=5)), base=0.5, cap=3)
        assert [backoff.attempt("e") for _ in range(6)] == [0, 0.5, 1, 2, 3, 3]
        backoff.reset("e")
        assert backoff.attempt("e") == 0


def test_failed_sign_ins_on_an_email_are_slowed_more_and_more_but_never_locked(auth_api):
    def email_hits():
        with pg.connect(auth_api.database) as conn:
            return conn.execute("SELECT hits FROM vital.rate_counters WHERE bucket = 'sign_in.email'").fetchone()[0]

    timings = []
    for i in range(5):  # each from another address: only the e-mail's delay applies
        started = time.perf_counter()
        assert Auth(auth_api, address=f"203.0.113.{i}").sign_in(ADA, "wrong").status_code == 400
        timings.append(time.perf_counter() - started)
    # Waits of 0, 0.05, 0.1, 0.2, 0.4 s before each verification (lower bounds hold on a loaded machine).
    assert timings[2] >= 0.1 and timings[3] >= 0.2 and timings[4] >= 0.4 and email_hits() == 5
    started = time.perf_counter()
    assert Auth(auth_api, address="203.0.113.99").sign_in(ADA).status_code == 200  # never a lock-out
    assert time.perf_counter() - started >= 0.4  # capped at auth_email_delay_max_seconds
    assert Auth(auth_api, address="203.0.113.99").sign_in(ADA, "wrong").status_code == 400
    assert email_hits() == 1  # the success cleared the e-mail's count


def test_an_address_is_refused_with_429_after_the_threshold(auth_api):
    attacker, bystander = Auth(auth_api, address="192.0.2.66"), Auth(auth_api, address="192.0.2.1")
    for i in range(5):
        assert attacker.sign_in(f"guess{i}@acme.example", "wrong").status_code == 400
    refused = attacker.sign_in(ADA)  # even with the right password
    assert refused.status_code == 429
    assert refused.json() == {"code": 429, "error_code": "over_request_rate_limit",
                              "msg": "Request rate limit reached"}
    assert 1 <= int(refused.headers["Retry-After"]) <= 120
    assert bystander.sign_in(ADA).status_code == 200
    assert bystander.sign_in(ADA, PASSWORD).status_code == 200
