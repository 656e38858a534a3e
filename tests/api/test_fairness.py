"""Fairness per tenant (docs/fairness.md), over a real uvicorn on loopback where concurrency matters:
one tenant's event streams, slow statements and bursts leave the other tenant served; rates are
shared by two apps on one database."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from urllib.parse import quote

import httpx
import pytest

from tests import pg
from tests.harness import Tenant, api_settings, running, served_over_loopback, tenants_of
from vital.api.auth import hash_key
from vital.api.fairness import statement_timeout_ms
from vital.auth.tokens import mint_token
from vital.db.budget import BUDGET, Budget
from vital.db.tenant import tenant_transaction
from vital.knowledge import embeddings
from vital.tenancy import Caller

# A backtracking regular expression (back-references) that PostgreSQL gives up on only at the timeout.
SLOW_PATTERN = r"^((a+)\2)+b$"
SLOW_TEXT = "a" * 1009 + "b"
STREAM_KEY = "acmestrm.s3cret-for-tests"


def set_limits(database: str, subdomain: str, **numbers: int) -> None:
    """A tenant's own numbers (tenants.settings.limits), as an operator sets them."""
    with pg.connect(database, autocommit=True) as owner:
        owner.execute("UPDATE tenants SET settings = settings || jsonb_build_object('limits', %s::jsonb) "
                      "WHERE subdomain = %s", (json.dumps(numbers), subdomain))


@pytest.fixture(scope="module")
def served():
    database = pg.clone()
    set_limits(database, "acme", concurrent_streams=45, streams_per_key=30, concurrent_requests=8,
               db_connections=10, concurrent_heavy_work=2)
    with pg.connect(database, autocommit=True) as owner:
        owner.execute("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) SELECT id, 'ci', "
                      "'acmestrm', %s, '{read}' FROM tenants WHERE subdomain = 'acme'", (hash_key(STREAM_KEY),))
        run_id = owner.execute(
            "INSERT INTO workflow_runs (tenant_id, definition_tenant_id, definition_id, status, started_at) "
            "SELECT t.id, d.tenant_id, d.id, 'running', now() FROM tenants t, workflow_definitions d "
            "WHERE t.subdomain = 'acme' AND d.slug = 'autonomous-expert' RETURNING id").fetchone()[0]
        owner.execute("INSERT INTO workflow_events (tenant_id, run_id, sequence, event_type) "
                      "SELECT tenant_id, id, 1, 'run_started' FROM workflow_runs WHERE id = %s", (run_id,))
        owner.execute("UPDATE agents SET description = %s WHERE id = (SELECT a.id FROM agents a JOIN tenants t "
                      "ON t.id = a.tenant_id WHERE t.subdomain = 'acme' ORDER BY a.id LIMIT 1)", (SLOW_TEXT,))
        # A tenant of its own for the rate test: one request a minute (the module's others are not counted).
        metered = owner.execute("INSERT INTO tenants (name, subdomain, settings) VALUES ('Metered', 'metered', "
                                "'{\"limits\": {\"requests_per_minute\": 1}}') RETURNING id").fetchone()[0]
        meter_user = owner.execute("INSERT INTO auth.users (email) VALUES ('meter@metered.example') "
                                   "RETURNING id").fetchone()[0]
        owner.execute("INSERT INTO profiles (tenant_id, user_id, display_name, email) VALUES (%s, %s, 'Meter', "
                      "'meter@metered.example')", (metered, meter_user))
        owner.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, 'member')",
                      (metered, meter_user))
    # A small pool (acme may hold 4 of 6 connections) and a short read timeout, to keep the module quick.
    settings = api_settings(database, api_pool_max_size=6, api_pool_timeout=2.0,
                            api_read_statement_timeout_ms=1500)
    try:
        with served_over_loopback(settings) as port:
            tenants = tenants_of(database, settings)
            tenants["metered"] = Tenant("metered", metered, meter_user,
                                        mint_token(settings, tenant_id=metered, user_id=meter_user))
            yield port, tenants, database, run_id
    finally:
        pg.drop(database)


def headers(tenants, subdomain: str, **extra) -> dict:
    return {"Host": f"{subdomain}.localhost", "Authorization": f"Bearer {tenants[subdomain].token}", **extra}


async def served_promptly(client: httpx.AsyncClient, tenants, times: int = 8) -> list[int]:
    """The other tenant's reads, one after another: their statuses."""
    statuses = []
    for _ in range(times):
        response = await client.get("/rest/v1/agents?select=id,name&limit=5", headers=headers(tenants, "pharmaco"),
                                    timeout=10)
        statuses.append(response.status_code)
    return statuses


def test_streams_of_one_tenant_hold_no_thread_and_the_other_is_served(served):
    port, tenants, database, run_id = served
    path = f"/api/v1/workflows/runs/{run_id}/events"
    stream = headers(tenants, "acme", Accept="text/event-stream")
    by_key = {**stream, "Authorization": f"Bearer {STREAM_KEY}"}

    async def scenario():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60,
                                     limits=httpx.Limits(max_connections=100)) as client:
            def opened(how: dict, n: int):  # each answers its headers with the run's first event, then waits
                return asyncio.gather(*(client.send(client.build_request("GET", path, headers=how), stream=True)
                                        for _ in range(n)))
            streams = await opened(stream, 30)  # the user's 30, then the key's 15: the tenant's 45
            refused = await client.get(path, headers=stream)
            assert refused.status_code == 429 and "streams_per_key is 30" in refused.json()["message"]
            streams += await opened(by_key, 15)
            assert [r.status_code for r in streams] == [200] * 45
            refused = await client.get(path, headers=by_key)  # the 46th
            assert refused.status_code == 429
            assert int(refused.headers["Retry-After"]) >= 1
            assert refused.json()["code"] == "PGRST429" and "concurrent_streams is 45" in refused.json()["message"]
            # well beyond the 40 worker threads: the other tenant is served, and so is acme's own JSON read
            assert await served_promptly(client, tenants) == [200] * 8
            assert (await client.get(path, headers=headers(tenants, "acme"))).status_code == 200
            with pg.connect(database, autocommit=True) as owner:
                owner.execute("UPDATE workflow_runs SET status = 'succeeded', finished_at = now() WHERE id = %s",
                              (run_id,))
            bodies = await asyncio.wait_for(asyncio.gather(*(r.aread() for r in streams)), timeout=30)
            assert all(b"event: run_started" in b and b"event: end" in b for b in bodies)

    asyncio.run(scenario())


def test_a_quiet_runs_stream_begins_at_once_and_says_it_is_alive(served):
    """A run with no events yet (one a tenant marked running itself): the stream's headers and a comment that
    clients skip come after the first poll, not when (if ever) the first event does; the run's end ends it."""
    port, tenants, database, _run = served
    with pg.connect(database, autocommit=True) as owner:
        quiet = owner.execute(
            "INSERT INTO workflow_runs (tenant_id, definition_tenant_id, definition_id, status, started_at) "
            "SELECT t.id, d.tenant_id, d.id, 'running', now() FROM tenants t, workflow_definitions d "
            "WHERE t.subdomain = 'acme' AND d.slug = 'autonomous-expert' RETURNING id").fetchone()[0]

    async def scenario():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            request = client.build_request("GET", f"/api/v1/workflows/runs/{quiet}/events",
                                           headers=headers(tenants, "acme", Accept="text/event-stream"))
            response = await asyncio.wait_for(client.send(request, stream=True), timeout=5)
            assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
            lines = response.aiter_lines()
            assert await asyncio.wait_for(anext(lines), timeout=5) == ": waiting for the run"
            with pg.connect(database, autocommit=True) as owner:
                owner.execute("UPDATE workflow_runs SET status = 'succeeded', finished_at = now() WHERE id = %s",
                              (quiet,))
            async def until_the_end() -> list[str]:
                return [line async for line in lines]
            assert "event: end" in await asyncio.wait_for(until_the_end(), timeout=30)
            await response.aclose()

    asyncio.run(scenario())


def test_slow_statements_and_a_burst_of_one_tenant_leave_the_other_served(served):
    port, tenants, _database, _run = served
    slow = f"/rest/v1/agents?select=id&description=match.{quote(SLOW_PATTERN)}"

    async def scenario():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60,
                                     limits=httpx.Limits(max_connections=100)) as client:
            burst = [asyncio.create_task(client.get(slow, headers=headers(tenants, "acme"))) for _ in range(12)]
            await asyncio.sleep(0.3)
            other = await served_promptly(client, tenants)
            answers = await asyncio.gather(*burst)
            return other, answers

    other, answers = asyncio.run(scenario())
    assert other == [200] * 8  # never a 503 for the other tenant
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {429, 422} and statuses.count(429) >= 4, statuses  # 8 in flight at most; never a 5xx
    # A regex read is heavy work: it keeps a backend on the CPU, so acme runs 2 at once (its
    # concurrent_heavy_work), not as many as its 10 connection slots would let it.
    assert statuses.count(422) <= 2, statuses
    assert any("concurrent_heavy_work is 2" in r.json()["message"] for r in answers if r.status_code == 429)
    for response in answers:
        body = response.json()
        if response.status_code == 429:
            assert int(response.headers["Retry-After"]) >= 1 and body["code"] == "PGRST429"
        else:  # stopped by the read timeout: the client's to change, and what to do instead
            assert body["code"] == "57014" and body["details"] == "limit=statement_timeout; allowed=1500 ms"
            assert "narrow the filter" in body["hint"] and "match" in body["hint"]
            assert "SELECT" not in json.dumps(body)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:  # everything was given back
        assert client.get("/rest/v1/agents?select=id&limit=1", headers=headers(tenants, "acme")).status_code == 200
        # Its patterns ran out their time: acme's heavy work pauses (api_heavy_cooldown_seconds, 30 s), so the
        # next one cannot take a core for as long again; the other tenant's patterns still run.
        paused = client.get(slow, headers=headers(tenants, "acme"))
        assert paused.status_code == 429 and "heavy_work_cooldown" in paused.json()["details"], paused.text
        assert 1 <= int(paused.headers["Retry-After"]) <= 30 and "anchored pattern" in paused.json()["hint"]
        other = client.get(f"/rest/v1/agents?select=id&name=match.{quote('^[A-Z]')}&limit=3",
                           headers=headers(tenants, "pharmaco"))
        assert other.status_code == 200 and other.json(), other.text


def _head_only(port: int, path: str, host: str, token: str | None, length: int) -> tuple[int, dict]:
    """A POST whose headers announce `length` bytes of body and which never sends one: the status and body of
    the answer. A server that waited for the body would answer nothing before its body timeout (30 s)."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Content-Type: multipart/form-data; "
                     f"boundary=x\r\nContent-Length: {length}\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            assert chunk, data  # closed without an answer
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), {"head": head.decode(), **json.loads(body[body.index(b"{"):])}


def test_a_refused_callers_body_is_never_read(served):
    """Admission before the body (vital.api.admission): over its rate, or at an unknown host, a 4 MB upload is
    answered at once without its body; the body would otherwise be read (and parsed) before the refusal."""
    port, tenants, _database, _run = served
    upload = "/api/v1/knowledge/documents"  # its own 100 MB limit: 4 MB is not refused for size
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        # The tenant's one request of the minute; a key not seen yet is refused once the process has flushed it.
        statuses = [client.get("/rest/v1/tags?select=slug&limit=1", headers=headers(tenants, "metered")).status_code]
        while statuses[-1] != 429 and len(statuses) < 50:
            time.sleep(0.1)
            statuses.append(client.get("/rest/v1/tags?limit=1", headers=headers(tenants, "metered")).status_code)
        assert statuses[0] == 200 and statuses[-1] == 429, statuses
    status, body = _head_only(port, upload, "metered.localhost", tenants["metered"].token, 4 * 1024 * 1024)
    assert status == 429 and "requests_per_minute is 1" in body["message"], body
    assert "retry-after" in body["head"].lower()
    status, body = _head_only(port, upload, "nobody.localhost", None, 4 * 1024 * 1024)
    assert status == 404 and body["code"] == "PGRST404", body
    status, body = _head_only(port, "/api/v1/workflows/definitions", "acme.localhost", "not.a.token", 600_000)
    assert status == 401 and body["code"] == "PGRST301", body
    # Admitted, the same upload's body is read: the answer waits for it (here: sent, a malformed form).
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        r = client.post(upload, content=b"x" * 4 * 1024 * 1024, headers={
            **headers(tenants, "pharmaco"), "Content-Type": "multipart/form-data; boundary=x"})
        assert 400 <= r.status_code < 500 and r.status_code != 429 and "SELECT" not in r.text, r.text


def test_which_requests_are_heavy_work():
    from vital.api.fairness import heavy_work
    assert heavy_work("POST", "/api/v1/knowledge/documents/", b"")
    assert heavy_work("GET", "/rest/v1/agents", b"select=id&description=match.%5Ea")
    assert heavy_work("GET", "/rest/v1/agents", b"or=(name.IMATCH.x,slug.eq.y)")
    assert not heavy_work("GET", "/rest/v1/agents", b"select=id&name=ilike.*match*")
    assert not heavy_work("GET", "/api/v1/workflows/runs", b"status=match.x")  # not a table read
    assert heavy_work("POST", "/api/v1/workflows/definitions", b"", 600_000)  # parsed in the thread pool
    assert not heavy_work("POST", "/api/v1/workflows/definitions", b"", 2_000)


def test_a_statement_timeout_is_the_clients_4xx_and_an_operators_cancel_the_servers_503(db):
    from vital.api.errors import body_of, status_of
    from vital.db.errors import translate
    from vital.errors import VitalError

    def refusal(statement: str) -> VitalError:
        with pytest.raises(VitalError) as caught, translate():
            db.execute(statement)
        db.rollback()
        return caught.value

    token = BUDGET.set(Budget(statement_timeout_ms=50))
    try:
        stopped = refusal("SET LOCAL statement_timeout = 50; SELECT pg_sleep(1)")
    finally:
        BUDGET.reset(token)
    assert status_of(stopped) == 422 and body_of(stopped)["code"] == "57014"
    assert stopped.details == "limit=statement_timeout; allowed=50 ms" and "add a limit" in stopped.hint
    cancelled = refusal("SELECT pg_cancel_backend(pg_backend_pid()), pg_sleep(1)")
    assert status_of(cancelled) == 503


def test_request_rates_per_key_and_tenant_are_shared_by_two_apps(fresh_db):
    """Counted in memory per process, flushed off the request path: after a flush each app refuses
    on the other's hits too."""
    set_limits(fresh_db, "acme", key_requests_per_minute=4, requests_per_minute=8)
    key = "acmerate.s3cret-for-tests"
    with pg.connect(fresh_db, autocommit=True) as owner:
        owner.execute("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) SELECT id, 'ci', "
                      "'acmerate', %s, '{read}' FROM tenants WHERE subdomain = 'acme'", (hash_key(key),))
    read = "/rest/v1/tags?select=slug&limit=1"
    with running(fresh_db, api_rate_flush_seconds=0.1) as one, running(fresh_db, api_rate_flush_seconds=0.1) as two:
        apps = (one, two)

        def flushed():
            assert all(app.client.app.state.api.fairness.flusher.flushed() for app in apps)

        assert [one.as_("acme").get(read).status_code for _ in range(3)] == [200] * 3
        flushed()
        assert two.as_("acme").get(read).status_code == 200  # the user's 4th, in the other app
        flushed()
        for app in apps:  # 3 and 1 of their own: each refuses on the shared count
            refused = app.as_("acme").get(read)
            assert refused.status_code == 429 and "key_requests_per_minute is 4" in refused.json()["message"]
            assert 1 <= int(refused.headers["Retry-After"]) <= 60 and refused.json()["code"] == "PGRST429"
        # another key of the tenant has its own count, until the tenant's is spent (4 + 2 refused + 2)
        assert one.as_("acme", key).get(read).status_code == 200
        flushed()
        assert two.as_("acme", key).get(read).status_code == 200
        flushed()
        spent = one.as_("acme", key).get(read)
        assert spent.status_code == 429 and "requests_per_minute is 8" in spent.json()["message"]
        # another tenant is not affected
        assert [app.as_("pharmaco").get(read).status_code for app in apps] == [200, 200]
    with pg.connect(fresh_db) as owner:  # the processes' last hits were flushed as they stopped
        assert owner.execute("SELECT max(hits) FROM vital.rate_counters WHERE bucket = 'tenant_requests'"
                             ).fetchone()[0] == 8


def test_defaults_are_documented_and_set_per_tier():
    """Every per-tier number is in docs/fairness.md as TIERS has it; every process-wide limit is named there."""
    from pathlib import Path

    from vital.services import limits
    from vital.services.workflows import caps
    from vital.settings import Settings
    doc = (Path(__file__).resolve().parents[2] / "docs" / "fairness.md").read_text()
    for tiers, names in ((limits.TIERS, [*limits.LIMITS, *limits.FAIRNESS]), (caps.TIERS, list(caps.CAPS))):
        for name in names:
            numbers = " | ".join(f"{tiers[tier][name]:,}" for tier in ("free", "pro", "enterprise"))
            assert f"| `{name}` | {numbers} |" in doc, name
            assert tiers["free"][name] <= tiers["pro"][name] <= tiers["enterprise"][name]
    process_wide = [n for n in Settings.model_fields if n.startswith(("api_max_", "knowledge_max_"))
                    or n.endswith("statement_timeout_ms") or n in ("max_body_bytes", "api_header_timeout",
                                                                   "api_body_timeout", "api_rate_flush_seconds")]
    for name in process_wide:
        assert f"`VITAL_{name.upper()}`" in doc, name


def test_a_transaction_takes_the_statement_timeout_of_its_kind_of_request(api):
    settings = api.settings
    kinds = {("GET", "/rest/v1/agents"): settings.api_read_statement_timeout_ms,
             ("POST", "/rest/v1/agents"): settings.api_statement_timeout_ms,
             ("GET", "/api/v1/workflows/runs"): settings.api_statement_timeout_ms,
             ("POST", "/api/v1/knowledge/documents"): settings.api_long_statement_timeout_ms}
    assert {kind: statement_timeout_ms(*kind, settings) for kind in kinds} == kinds
    pool, acme = api.client.app.state.api.pool, api.tenants["acme"]
    caller = Caller.member(acme.id, acme.user_id)
    token = BUDGET.set(Budget(statement_timeout_ms=1234))
    try:
        with tenant_transaction(pool, caller) as conn:
            assert conn.execute("SELECT current_setting('statement_timeout')").fetchone()[0] == "1234ms"
    finally:
        BUDGET.reset(token)
    with tenant_transaction(pool, caller) as conn:  # SET LOCAL: nothing left behind on the pooled connection
        assert conn.execute("SELECT current_setting('statement_timeout')").fetchone()[0] == "15s"


def test_uploads_of_one_tenant_at_once_are_capped_and_the_other_uploads(monkeypatch):
    """Parsing and embedding take the CPU: a tenant gets concurrent_heavy_work of them at once (2 on its tier
    here), a third is refused with Retry-After while another tenant's upload goes through."""
    monkeypatch.setenv("VITAL_TEST_INGEST_DELAY", "2")  # each file waits before its write: the uploads overlap
    database = pg.clone()
    set_limits(database, "acme", concurrent_heavy_work=2)
    settings = api_settings(database, embedding_provider="hash")
    with pg.connect(database, autocommit=True) as owner:  # as `vital kb models` does; the API role cannot
        embeddings.register(owner, embeddings.current(settings))
    try:
        with served_over_loopback(settings) as port:
            tenants = tenants_of(database, settings)

            async def upload(client, subdomain, n):
                files = {"files": (f"note-{n}.txt", f"Upload {n} of {subdomain}: stability data.".encode())}
                return await client.post("/api/v1/knowledge/documents", files=files,
                                         headers=headers(tenants, subdomain))

            async def scenario():
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                    acme = [asyncio.create_task(upload(client, "acme", n)) for n in range(3)]
                    await asyncio.sleep(0.5)
                    other = await upload(client, "pharmaco", 0)
                    return await asyncio.gather(*acme), other

            acme, other = asyncio.run(scenario())
    finally:
        pg.drop(database)
    assert other.status_code == 201, other.text
    statuses = sorted(r.status_code for r in acme)
    assert statuses == [201, 201, 429], [r.text for r in acme]
    refused = next(r for r in acme if r.status_code == 429)
    assert "concurrent_heavy_work is 2" in refused.json()["message"] and int(refused.headers["Retry-After"]) >= 1


def test_a_tenants_overrides_apply_and_one_that_is_not_a_number_leaves_the_tiers(db):
    from vital.services import limits
    from vital.services.workflows import caps

    acme = db.execute("SELECT id, tier FROM tenants WHERE subdomain = 'acme'").fetchone()
    db.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE id = %s", (json.dumps({"limits": {
        "concurrent_runs": "lots", "steps_per_run": 7, "requests_per_minute": "many", "db_connections": 2}}),
        acme[0]))
    with tenant_transaction(db, Caller.member(acme[0])) as conn:
        run_caps, (_tier, numbers) = caps.caps(conn), limits.allowed(conn)
    assert run_caps["concurrent_runs"] == caps.TIERS[acme[1]]["concurrent_runs"] and run_caps["steps_per_run"] == 7
    assert numbers["requests_per_minute"] == limits.TIERS[acme[1]]["requests_per_minute"]
    assert numbers["db_connections"] == 2
