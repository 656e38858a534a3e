"""The /rest/v1 reads run on the event loop (the API's async read pool) through vital.db.tenant's
`tenant_read` (BEGIN, context, statements and COMMIT in one message, values bound on the client),
the twin of `tenant_transaction`. It runs as the caller's role and tenant under RLS,
read-only, with the statement timeout of their kind, within the tenant's connection slots; a read
waiting for a slot does not stop the event loop from serving the others."""

from __future__ import annotations

import asyncio
import gc
import threading
import time

import pytest
from psycopg_pool import AsyncConnectionPool

from tests import pg
from tests.api.test_fairness import set_limits
from tests.harness import running
from tests.helpers import autogroup_nice_of, nice_of
from vital.api.app import connection_options
from vital.db.budget import BUDGET, Budget, Slots, Throttled
from vital.db.connection import Database
from vital.db.tenant import tenant_read
from vital.errors import InvalidInput, PermissionDenied
from vital.tenancy import Caller


def test_each_tenant_reads_only_its_own_rows(api):
    seen = {}
    for subdomain in ("acme", "pharmaco"):
        response = api.as_(subdomain).get("/rest/v1/profiles?select=tenant_id,email")
        assert response.status_code == 200, response.text
        seen[subdomain] = response.json()
        assert seen[subdomain], f"{subdomain} has profiles in the seed"
        assert {row["tenant_id"] for row in seen[subdomain]} == {str(api.tenants[subdomain].id)}
    assert not {r["email"] for r in seen["acme"]} & {r["email"] for r in seen["pharmaco"]}


def test_values_bound_on_the_client_stay_values(fresh_api):
    acme = fresh_api.as_("acme")
    hostile = "x'); UPDATE profiles SET display_name = 'owned'; SELECT ('"
    answer = acme.get("/rest/v1/profiles", params={"select": "display_name", "display_name": f"eq.{hostile}"})
    assert answer.status_code == 200 and answer.json() == []
    patched = acme.patch("/rest/v1/profiles?email=eq.ada@acme.example", json={"display_name": "50% O'Brien \\ %s"},
                         headers={"Prefer": "return=representation"})
    assert patched.status_code == 200 and len(patched.json()) == 1, patched.text
    for value in ("eq.50% O'Brien \\ %s", "like.50%*", "ilike.*o'brien*"):
        found = acme.get("/rest/v1/profiles", params={"select": "display_name", "display_name": value})
        assert found.status_code == 200 and found.json() == [{"display_name": "50% O'Brien \\ %s"}], (value, found.text)
    everyone = acme.get("/rest/v1/profiles?select=display_name").json()
    assert "owned" not in {p["display_name"] for p in everyone}


def _read_pool(api) -> AsyncConnectionPool:
    settings = api.settings
    return AsyncConnectionPool(Database(settings).api_url, min_size=1, max_size=2, open=False,
                               kwargs={"options": connection_options(settings), "autocommit": True})


def test_a_read_in_one_round_trip_runs_as_the_tenant_read_only_within_its_timeout(api):
    acme = api.tenants["acme"]
    caller = Caller.member(acme.id, acme.user_id)
    context = ("SELECT current_user, current_setting('request.jwt.claims')::jsonb ->> 'tenant_id', "
               "current_setting('transaction_read_only'), current_setting('statement_timeout'), "
               "(SELECT array_agg(DISTINCT tenant_id) FROM profiles WHERE email <> %(skip)s)")

    async def scenario():
        pool = _read_pool(api)
        await pool.open(wait=True)
        token = BUDGET.set(Budget(statement_timeout_ms=300))
        try:
            found = await tenant_read(pool, caller, [(context, {"skip": "none"}), ("SELECT %(n)s + 1", {"n": 41})])
            with pytest.raises(PermissionDenied, match="read-only"):
                await tenant_read(pool, caller, [("UPDATE profiles SET display_name = display_name", {})])
            with pytest.raises(InvalidInput) as stopped:
                await tenant_read(pool, caller, [("SELECT pg_sleep(2)", {})])
            timed_out = BUDGET.get().timed_out
        finally:
            BUDGET.reset(token)
        async with pool.connection() as conn:  # rolled back after the failures, nothing left behind
            after = await (await conn.execute(
                "SELECT current_user, coalesce(current_setting('request.jwt.claims', true), ''), "
                "current_setting('transaction_read_only'), pg_current_xact_id_if_assigned()")).fetchone()
            status = conn.info.transaction_status.name
        await pool.close()
        return found, stopped.value, timed_out, after, status

    found, stopped, timed_out, after, status = asyncio.run(scenario())
    assert found == [("authenticated", str(acme.id), "on", "300ms", [acme.id]), (42,)]
    assert stopped.details == "limit=statement_timeout; allowed=300 ms" and timed_out
    assert after == ("vital_api", "", "off", None) and status == "IDLE"


def test_a_coroutine_waits_for_its_tenants_slot_while_the_loop_runs_on():
    slots = Slots(wait_seconds=1.0)
    released = threading.Event()

    def hold(seconds: float) -> threading.Thread:
        taken = threading.Event()

        def run():
            with slots.slot("a", 1):
                taken.set()
                time.sleep(seconds)
            released.set()
        thread = threading.Thread(target=run)
        thread.start()
        taken.wait()
        return thread

    async def ticking(stop: asyncio.Event) -> int:
        ticks = 0
        while not stop.is_set():
            await asyncio.sleep(0.01)
            ticks += 1
        return ticks

    async def waits_for(tenant: str) -> float:
        started = time.monotonic()
        async with slots.aslot(tenant, 1):
            return time.monotonic() - started

    async def scenario():
        stop = asyncio.Event()
        ticker = asyncio.create_task(ticking(stop))
        other = await waits_for("b")  # another tenant's slot: at once
        waited = await waits_for("a")  # free once the thread gives it back
        stop.set()
        return other, waited, await ticker

    holder = hold(0.4)
    other, waited, ticks = asyncio.run(scenario())
    holder.join()
    assert other < 0.05 and 0.3 < waited < 0.9 and released.is_set()
    assert ticks >= 15  # the event loop ran on while the read waited
    assert slots.holding() == {}

    holder = hold(1.5)  # longer than the wait: refused with the tenant's limit named
    with pytest.raises(Throttled) as refused:
        asyncio.run(waits_for("a"))
    holder.join()
    assert refused.value.retry_after == 1 and refused.value.details == "limit=db_connections; allowed=1"
    assert slots.holding() == {}


def test_a_read_over_its_tenants_connections_is_a_429_while_the_other_tenant_is_served():
    database = pg.clone()
    set_limits(database, "acme", db_connections=1)
    try:
        with running(database, api_pool_timeout=1.0, tenant_cache_seconds=60) as app:
            acme, pharmaco = app.tenants["acme"], app.as_("pharmaco")
            assert app.as_("acme").get("/rest/v1/profiles?select=id").status_code == 200  # quota and tenant cached
            slots = app.client.app.state.api.fairness.slots
            taken, done = threading.Event(), threading.Event()

            def hold():
                with slots.slot(acme.id, 1):  # as a write of acme's in a worker thread would
                    taken.set()
                    done.wait(10)
            holder = threading.Thread(target=hold)
            holder.start()
            taken.wait()
            answers = {}
            waiting = threading.Thread(target=lambda: answers.update(acme=app.as_("acme").get("/rest/v1/profiles")))
            try:
                waiting.start()
                time.sleep(0.2)
                started = time.monotonic()
                assert pharmaco.get("/rest/v1/profiles?select=id").status_code == 200
                assert time.monotonic() - started < 0.5  # not behind acme's wait
                waiting.join()
            finally:
                done.set()
                holder.join()
            refused = answers["acme"]
            assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
            assert refused.json()["details"] == "limit=db_connections; allowed=1"
            assert app.as_("acme").get("/rest/v1/profiles?select=id").status_code == 200
            assert slots.holding() == {}
    finally:
        pg.drop(database)


def test_a_get_rpc_runs_as_the_tenant_and_read_only(fresh_db):
    with pg.connect(fresh_db, autocommit=True) as owner:
        owner.execute("CREATE SEQUENCE public.hp_counter")
        owner.execute("GRANT USAGE ON SEQUENCE public.hp_counter TO authenticated")
        owner.execute("CREATE FUNCTION public.hp_bump() RETURNS bigint LANGUAGE sql STABLE "
                      "AS $$ SELECT nextval('public.hp_counter') $$")  # wrongly STABLE: it writes
        owner.execute("CREATE FUNCTION public.hp_context() RETURNS TABLE (role text, tenant text, read_only text) "
                      "LANGUAGE sql STABLE AS $$ SELECT current_user::text, current_setting('request.jwt.claims')"
                      "::jsonb ->> 'tenant_id', current_setting('transaction_read_only') $$")
        for fn in ("hp_bump", "hp_context"):
            owner.execute(f"GRANT EXECUTE ON FUNCTION public.{fn}() TO authenticated")
    with running(fresh_db) as app:
        acme = app.as_("acme")
        context = acme.get("/rest/v1/rpc/hp_context")
        assert context.status_code == 200, context.text
        assert context.json() == [{"role": "authenticated", "tenant": str(app.tenants["acme"].id), "read_only": "on"}]
        refused = acme.get("/rest/v1/rpc/hp_bump")
        assert refused.status_code == 405, refused.text  # PostgREST's status for 25006
        assert refused.json()["code"] == "25006" and refused.json()["message"] == "A read-only request cannot change data."
        with pg.connect(fresh_db) as owner:  # nothing taken from the sequence
            assert owner.execute("SELECT last_value, is_called FROM public.hp_counter").fetchone() == (1, False)


def test_a_regex_read_runs_on_a_lowered_server_process_and_the_others_keep_their_priority(api):
    """A backtracking pattern keeps its server process on the CPU until the read timeout: that process runs
    VITAL_WORKER_NICE steps lower (the server is on this machine), so the other tenants' reads go first."""
    acme = api.as_("acme")
    assert acme.get("/rest/v1/agents?select=id&limit=1").status_code == 200
    found = acme.get("/rest/v1/agents?select=name&name=imatch.^[a-z]&limit=3")
    assert found.status_code == 200 and found.json(), found.text
    with pg.connect(api.database, autocommit=True) as owner:
        def backends(pool: str) -> list[int]:
            return [row[0] for row in owner.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s "
                                                    "AND datname = current_database()", (pool,))]
        base = nice_of(owner.info.backend_pid)
        lowered, regular = backends("vital-api-heavy-read"), backends("vital-api-read")
    assert lowered and {nice_of(pid) for pid in lowered} == {min(19, base + api.settings.worker_nice)}
    assert regular and {nice_of(pid) for pid in regular} == {base}
    if autogroup_nice_of(regular[0]) is not None:  # the kernel shares the cores between sessions first
        deadline = time.monotonic() + 10  # lowered off the event loop, one a 100 ms without privileges
        while {autogroup_nice_of(pid) for pid in lowered} != {api.settings.worker_nice}:
            assert time.monotonic() < deadline, "the regex reads' server processes' sessions lowered"
            time.sleep(0.1)
        assert {autogroup_nice_of(pid) for pid in regular} == {0}


def test_what_startup_built_is_kept_out_of_the_collectors_reach(api_db):
    """A full collection over the catalog and the libraries stops every request for ~145 ms; the app's startup
    moves what it built out of the collector's reach (gc.freeze), so such a pause never falls due."""
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with running(api_db) as started:
        assert started.as_("acme").get("/rest/v1/agents?select=id&limit=1").status_code == 200
        assert gc.get_freeze_count() > 50_000
