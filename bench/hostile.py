"""The attacker of bench/noisy_neighbour.py: one tenant sending every hostile pattern of issue 14.

Run in a process of its own (so that building megabyte bodies and holding streams costs the
measuring client nothing), until a deadline:
  - `streams` event streams held open (workflow runs the tenant marked `running` itself through
    /rest/v1), spread over two users' tokens, each re-opened 3 s after it ends (as EventSource does);
  - `slow` slow clients: headers, or a body, trickled a byte a second (re-opened when dropped; after
    Retry-After when refused with 429);
  - `runs` workflow runs at once of a definition that loops or fans out, each restarted when it ends;
  - at a fixed `rate` per second, open loop, the request patterns of PATTERNS in turn.
Every answer is counted by pattern and status; any foreign tenant's row in an answer is counted too.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx

PLATFORM = str(uuid.UUID(int=0))
MEGABYTES = 4  # each huge body
RECONNECT_SECONDS = 3.0
# Backtracking-prone patterns (a nested quantifier and a back reference: PostgreSQL's engine falls back
# to its NFA for those) on a text column of every row.
REGEXES = [r"^(([a-z])+.)+[A-Z]([a-z])+$", r"(.*)*(.*)*(.*)*\1\2\3x$", r"^((a|b|c|d|e|.)*)*\1$"]
BIDI_NAMES = ["\x1b[2Jreport\u202etxt.exe", "bell\x07\x07.txt", "\u202eevil\u2066name\u2069.md", "nul\x00name.txt"]


@dataclass
class Attacker:
    """What the attacker needs: where, as whom, and ids of other tenants to try."""
    port: int
    subdomain: str
    tenant_id: str
    tokens: list[str]               # two users of the attacking tenant
    foreign_agents: list[str]       # agent ids of other tenants
    every: set[str]                 # ids of every tenant
    seconds: float
    rate: float = 50.0
    streams: int = 60
    slow: int = 30
    runs: int = 12
    running: list[str] = field(default_factory=list)          # runs marked running, for the streams
    definitions: list[str] = field(default_factory=list)      # a looping and a fanning-out definition
    only: tuple[str, ...] = ()      # to find what hurts: only the parts whose names contain one of these
    nice: int = 0                   # its process this many steps below the others on the CPU

    def does(self, name: str) -> bool:
        return not self.only or any(o in name for o in self.only)


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)   # (pattern, status) -> n
    failures: Counter = field(default_factory=Counter)   # (pattern, exception) -> n
    foreign_rows: int = 0
    streams_opened: int = 0
    stream_events: int = 0
    slow_dropped: list[float] = field(default_factory=list)   # seconds until the server let go
    slow_kept: int = 0                                        # still open at the deadline
    run_outcomes: Counter = field(default_factory=Counter)    # the runs' final status or error code

    def to_dict(self) -> dict:
        return {"statuses": {f"{p} {s}": n for (p, s), n in sorted(self.statuses.items(), key=str)},
                "failures": {f"{p} {e}": n for (p, e), n in sorted(self.failures.items(), key=str)},
                "foreign_rows": self.foreign_rows, "streams_opened": self.streams_opened,
                "stream_events": self.stream_events, "slow_dropped": len(self.slow_dropped),
                "slow_dropped_after_s": round(max(self.slow_dropped), 1) if self.slow_dropped else None,
                "slow_kept": self.slow_kept, "run_outcomes": {str(k): n for k, n in self.run_outcomes.items()}}


def foreign_rows(text: str, own: str) -> int:
    """Rows of the answer whose tenant_id is neither the caller's nor the platform's."""
    try:
        body = json.loads(text)
    except ValueError:
        return 0
    rows = body if isinstance(body, list) else [body]
    return sum(1 for r in rows if isinstance(r, dict) and r.get("tenant_id") not in (None, own, PLATFORM))


# -- graphs ------------------------------------------------------------------------
def tool(node_id: str, tools: list[str] | None = None) -> dict:
    return {"id": node_id, "type": "tool", "tools": tools or []}


def chain(n: int, tools: list[str] | None = None) -> dict:
    ids = [f"t{i}" for i in range(1, n + 1)]
    return {"nodes": [tool(i, tools) for i in ids],
            "edges": [{"from": a, "to": b} for a, b in zip(["__start__", *ids], [*ids, "__end__"])]}


LOOP = {"nodes": [tool("a"), tool("b")],
        "edges": [{"from": "__start__", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
FAN_OUT = {"nodes": [tool("hub"), *(tool(f"b{i}") for i in range(30))],
           "edges": [{"from": "__start__", "to": "hub"}, *({"from": "hub", "to": f"b{i}"} for i in range(30)),
                     *({"from": f"b{i}", "to": "hub"} for i in range(30))]}


def definition(graph: dict) -> dict:
    return {"slug": f"hostile-{uuid.uuid4().hex[:10]}", "name": "Hostile", "graph": graph}


# -- the request patterns ------------------------------------------------------------
def patterns(a: Attacker) -> dict:
    """name -> function(i) returning (method, path, extra httpx arguments)."""
    huge = json.dumps([{"slug": "x", "name": "x" * 1000}] * (MEGABYTES * 1000)).encode()
    nested = "or=(" + "or(" * 400 + "name.eq.x" + ")" * 400 + ")"
    wide = "select=" + ",".join(f"c{i}:name" for i in range(2000))
    big_graph = json.dumps(definition(chain(8000))).encode()
    ascii_digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    json_type = {"Content-Type": "application/json"}

    def foreign(i):
        agent = a.foreign_agents[i % len(a.foreign_agents)]
        return [("GET", f"/rest/v1/agents?id=eq.{agent}&select=*", {}),
                ("PATCH", f"/rest/v1/agents?id=eq.{agent}", {"json": {"name": "taken"}}),
                ("DELETE", f"/rest/v1/agents?id=eq.{agent}", {}),
                ("POST", "/api/v1/ask-expert/sessions", {"json": {"mode": 1, "agent_id": agent, "query": "hi"}}),
                ("GET", f"/api/v1/workflows/runs/{agent}", {})][i % 5]

    return {
        "match regex": lambda i: ("GET", "/rest/v1/rag_knowledge_chunks?select=id,tenant_id"
                                  f"&chunk_text=match.{REGEXES[i % len(REGEXES)]}", {}),
        "imatch regex": lambda i: ("GET", "/rest/v1/agents?select=id,tenant_id"
                                   f"&description=imatch.{REGEXES[i % len(REGEXES)]}", {}),
        "or= 400 deep": lambda i: ("GET", f"/rest/v1/agents?select=id,tenant_id&{nested}", {}),
        "unicode-digit limit": lambda i: ("GET", "/rest/v1/agents?select=id,tenant_id"
                                          f"&limit={str(10 + i % 90).translate(ascii_digits)}&offset={'²³¹'[i % 3]}",
                                          {}),
        "select 2,000 columns": lambda i: ("GET", f"/rest/v1/agents?{wide}", {}),
        "4 MB body /rest/v1": lambda i: ("POST", "/rest/v1/knowledge_collections",
                                         {"content": huge, "headers": json_type}),
        "4 MB body /api/v1": lambda i: ("POST", "/api/v1/workflows/definitions",
                                        {"content": huge, "headers": json_type}),
        "4 MB body, unknown host": lambda i: ("POST", "/api/v1/workflows/definitions", {
            "content": huge, "headers": {**json_type, "Host": f"nobody-{i}.localhost", "Authorization": ""}}),
        "8,000-node definition": lambda i: ("POST", "/api/v1/workflows/definitions",
                                            {"content": big_graph, "headers": json_type}),
        "node with 1,000 tools": lambda i: ("POST", "/api/v1/workflows/definitions",
                                            {"json": definition(chain(1, ["kb_search"] * 1000))}),
        "control/bidi filename": lambda i: ("POST", "/api/v1/knowledge/documents", {"files": {
            "files": (BIDI_NAMES[i % len(BIDI_NAMES)], b"A short note on dosing.\n", "text/plain")}}),
        "other tenants' ids": foreign,
    }


# -- the attacker ---------------------------------------------------------------------
async def attack(a: Attacker) -> Tally:
    tally = Tally()
    base = {"Host": f"{a.subdomain}.localhost"}
    keys = [{**base, "Authorization": f"Bearer {t}"} for t in a.tokens]
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{a.port}", headers=keys[0], limits=limits,
                                 timeout=httpx.Timeout(30, connect=10)) as http:
        stop = time.perf_counter() + a.seconds
        await asyncio.gather(
            *(hold_stream(http, keys[i % 2], run, stop, tally) for i, run in enumerate(a.running)
              if a.does("event stream")),
            *(slow_client(a.port, base, keys[0], i, stop, tally) for i in range(a.slow) if a.does("slow client")),
            *(keep_running(http, a.definitions[i % 2], stop, tally) for i in range(a.runs)
              if a.does("looping/fan-out run")),
            send_patterns(http, a, stop, tally))
    return tally


def arm(a: Attacker) -> None:
    """The attacker's own setup, before the phase: `a.streams` runs it marks `running` itself through
    /rest/v1/workflow_runs (their streams never end), and the looping and fanning-out definitions."""
    with httpx.Client(base_url=f"http://127.0.0.1:{a.port}", timeout=60, headers={
            "Host": f"{a.subdomain}.localhost", "Authorization": f"Bearer {a.tokens[0]}"}) as http:
        def made(graph: dict) -> str:
            r = http.post("/api/v1/workflows/definitions", json=definition(graph))
            if r.status_code != 201:
                raise SystemExit(f"the attacker could not define its workflow: {r.status_code} {r.text[:300]}")
            return r.json()["id"]
        quiet, a.definitions = made(chain(2)), [made(LOOP), made(FAN_OUT)]
        rows = [{"definition_tenant_id": a.tenant_id, "definition_id": quiet, "status": "running",
                 "started_at": datetime.now(timezone.utc).isoformat()} for _ in range(a.streams)]
        r = http.post("/rest/v1/workflow_runs", json=rows, headers={"Prefer": "return=representation"})
        if r.status_code != 201:
            raise SystemExit(f"the attacker could not mark its runs running: {r.status_code} {r.text[:300]}")
        a.running = [row["id"] for row in r.json()]


async def hold_stream(http: httpx.AsyncClient, headers: dict, run: str, stop: float, tally: Tally) -> None:
    """One stream held until the deadline (re-opened when it ends); a stream whose answer has not begun
    by then (the API answers after its first poll of the run) is counted
    `held-before-first-event`."""
    while time.perf_counter() < stop:
        answered = False
        try:
            async with asyncio.timeout(stop - time.perf_counter()):
                async with http.stream("GET", f"/api/v1/workflows/runs/{run}/events",
                                       headers={**headers, "Accept": "text/event-stream"},
                                       timeout=httpx.Timeout(None, connect=10)) as r:
                    answered = True
                    tally.statuses[("event stream", r.status_code)] += 1
                    if r.status_code != 200:
                        await r.aread()
                        await asyncio.sleep(float(r.headers.get("retry-after", 1)))
                        continue
                    tally.streams_opened += 1
                    async for line in r.aiter_lines():
                        tally.stream_events += line.startswith("event:")
            # The run rested and the stream ended: back after the pause a browser's EventSource takes before
            # it reconnects (a few seconds), so a stream is held, not turned into a request loop.
            await asyncio.sleep(min(RECONNECT_SECONDS, max(0.0, stop - time.perf_counter())))
        except TimeoutError:
            if not answered:
                tally.statuses[("event stream", "held-before-first-event")] += 1
            return
        except httpx.HTTPError as exc:
            tally.failures[("event stream", type(exc).__name__)] += 1


async def slow_client(port: int, base: dict, auth: dict, i: int, stop: float, tally: Tally) -> None:
    """Half trickle their headers, half a body whose Content-Length promises more; a byte a second."""
    while time.perf_counter() < stop:
        opened = time.perf_counter()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = (f"POST /rest/v1/knowledge_collections HTTP/1.1\r\nHost: {base['Host']}\r\n"
                f"Authorization: {auth['Authorization']}\r\nContent-Type: application/json\r\n"
                f"Content-Length: 100000\r\n")
        drip = (head + "X-Slow: " + "a" * 200) if i % 2 else (head + "\r\n" + "[" + " " * 200)
        if not i % 2:
            writer.write(drip[:len(head) + 2].encode())
            drip = drip[len(head) + 2:]
        dropped, answer = False, b""
        for ch in drip:
            if time.perf_counter() >= stop:
                break
            try:
                writer.write(ch.encode())
                await writer.drain()
                answer = await asyncio.wait_for(reader.read(200), timeout=1.0)
            except asyncio.TimeoutError:
                continue
            except OSError:
                answer = b""
            dropped = True  # the server answered (408, 400...) or closed: the slow client is let go
            if answer[9:12]:
                tally.statuses[("slow client", int(answer[9:12]))] += 1
            break
        writer.close()
        if dropped:
            tally.slow_dropped.append(time.perf_counter() - opened)
        else:
            tally.slow_kept += 1
        # Refused at once (429: the tenant's places are full), it comes back when told, as every other part
        # of the attacker does: a reconnect loop without pause would be a flood of its own, not a slow client.
        if answer[9:12] == b"429":
            await asyncio.sleep(min(_retry_after(answer), max(0.0, stop - time.perf_counter())))


def _retry_after(answer: bytes) -> float:
    found = re.search(rb"retry-after: *(\d+)", answer, re.I)
    return max(1.0, float(found.group(1))) if found else 1.0


async def keep_running(http: httpx.AsyncClient, definition_id: str, stop: float, tally: Tally) -> None:
    while time.perf_counter() < stop:
        try:
            r = await http.post("/api/v1/workflows/runs", json={"definition_id": definition_id, "input": {}},
                                timeout=max(1.0, stop - time.perf_counter() + 5))
        except httpx.HTTPError as exc:
            tally.failures[("looping/fan-out run", type(exc).__name__)] += 1
            continue
        tally.statuses[("looping/fan-out run", r.status_code)] += 1
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        tally.run_outcomes[body.get("status") or body.get("code") or r.status_code] += 1
        if r.status_code == 429:
            await asyncio.sleep(float(r.headers.get("retry-after", 1)))


async def send_patterns(http: httpx.AsyncClient, a: Attacker, stop: float, tally: Tally) -> None:
    """Open loop: request i goes at start + i / rate, whatever the earlier ones are doing."""
    table = patterns(a)
    names = [name for name in table if a.does(name)]
    if not names:
        return
    tasks, started, i = [], time.perf_counter(), 0
    while (at := started + i / a.rate) < stop:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        name = names[i % len(names)]
        tasks.append(asyncio.create_task(one(http, name, *table[name](i // len(names)), a, tally)))
        i += 1
    await asyncio.gather(*tasks)


async def one(http: httpx.AsyncClient, name: str, method: str, path: str, extra: dict, a: Attacker,
              tally: Tally) -> None:
    try:
        r = await http.request(method, path, **extra)
    except httpx.HTTPError as exc:
        tally.failures[(name, type(exc).__name__)] += 1
        return
    tally.statuses[(name, r.status_code)] += 1
    tally.foreign_rows += foreign_rows(r.text, a.tenant_id)


def run_attacker(a: Attacker, ready, go, out) -> None:
    """Entry of the attacker's process: `ready` once imported, attack on `go`, its tally to `out`."""
    if a.nice:  # as if its client ran on a machine of its own: the server's processes go first on these cores
        os.nice(a.nice)
    ready.set()
    go.wait()
    figures = asyncio.run(attack(a)).to_dict()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.put({**figures, "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1)})
