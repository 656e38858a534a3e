"""`vital up` ends with a running API, and the embedded server goes with the API on a signal."""

from __future__ import annotations

import logging
import re
import signal
import socket
import subprocess
import threading

import httpx
import jwt
import uvicorn

from tests.test_embedded import _servers_for, _wait
from vital.api.http_server import server_options


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, host: str = "localhost", token: str | None = None) -> httpx.Response | None:
    headers = {"Host": f"{host}:{port}", **({"Authorization": f"Bearer {token}"} if token else {})}
    try:
        return httpx.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=5)
    except httpx.TransportError:
        return None


def _start(args: list[str], env: dict, cwd) -> subprocess.Popen:
    return subprocess.Popen(["vital", *args], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _stop(proc: subprocess.Popen, signum: int) -> tuple[str, str]:
    proc.send_signal(signum)
    try:
        return proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()


def _ready(port: int) -> bool:
    response = _get(port, "/ready")
    return response is not None and response.status_code == 200


def test_vital_up_serves_the_demo_tenants_and_stops_everything_on_a_signal(cli_env, tmp_path):
    port, pgdata = _free_port(), tmp_path / ".vital" / "pgdata"
    proc = _start(["up", "--port", str(port)], cli_env(), tmp_path)
    try:
        assert _wait(lambda: _ready(port) or proc.poll() is not None, timeout=240) and proc.poll() is None
    finally:
        out, err = _stop(proc, signal.SIGINT)
    tokens = dict(re.findall(r"(acme|pharmaco) \(.*?\): http://\1\.localhost:\d+/rest/v1/agents\s+token: (\S+)", out))
    assert set(tokens) == {"acme", "pharmaco"}, out
    assert _wait(lambda: not _servers_for(pgdata), timeout=30), f"embedded server left running after vital up\n{err}"

    # The same database, served again by `vital serve`; SIGTERM must take the embedded server down too.
    serve = _start(["serve", "--port", str(port)], cli_env(), tmp_path)
    try:
        assert _wait(lambda: _ready(port) or serve.poll() is not None, timeout=60) and serve.poll() is None
        agents = _get(port, "/rest/v1/profiles?select=email", "acme.localhost", tokens["acme"])
        assert agents.status_code == 200 and agents.json() == [{"email": "ada@acme.example"}]
        assert _get(port, "/rest/v1/profiles", "acme.localhost", tokens["pharmaco"]).status_code == 403
        assert _servers_for(pgdata)
    finally:
        out, err = _stop(serve, signal.SIGTERM)
    assert _wait(lambda: not _servers_for(pgdata), timeout=15), "embedded server left running after SIGTERM"
    assert not (pgdata / "postmaster.pid").exists()
    logs = [line for line in err.splitlines() if '"logger": "vital.api.access"' in line]
    assert any('"tenant": "acme"' in line and '"status": 200' in line and "latency_ms" in line for line in logs), err


def test_serve_refuses_to_start_on_a_database_that_is_not_migrated(cli_env, tmp_path):
    done = subprocess.run(["vital", "serve", "--port", str(_free_port())], env=cli_env(), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "cannot log in as 'vital_api'" in done.stderr
    assert "Traceback" not in done.stderr
    assert _wait(lambda: not _servers_for(tmp_path / ".vital" / "pgdata"), timeout=15)


def test_vital_token_mints_a_token_the_api_accepts(cli_env, tmp_path, api):
    done = subprocess.run(["vital", "token", "--tenant", "acme", "--expires-in", "120"], env=cli_env(api.database),
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["email"] == "ada@acme.example" and claims["exp"] - claims["iat"] == 120
    assert api.as_("acme", token).get("/rest/v1/profiles").status_code == 200
    assert api.as_("pharmaco", token).get("/rest/v1/profiles").status_code == 403
    unknown = subprocess.run(["vital", "token", "--tenant", "acme", "--email", "paul@pharmaco.example"],
                             env=cli_env(api.database), cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "has no member" in unknown.stderr


def test_a_worker_of_several_logs_each_request_once(cli_env, api, monkeypatch, capsys):
    """`vital serve --workers N` as uvicorn runs each worker: its config (access_log=False) is applied
    first, then the factory builds the app and configures logging; a request gets one access line,
    vital's, not uvicorn's besides."""
    for name, value in cli_env(api.database).items():
        monkeypatch.setenv(name, value)
    loggers = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access")]
    saved = [(lg, lg.handlers[:], lg.propagate, lg.level) for lg in loggers]
    server = uvicorn.Server(uvicorn.Config("vital.api.app:app_from_env", factory=True, host="127.0.0.1", port=0,
                                           log_config=None, access_log=False, lifespan="on",
                                           **server_options(api.settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    try:
        thread.start()
        assert _wait(lambda: server.started or not thread.is_alive(), timeout=60) and server.started
        port = server.servers[0].sockets[0].getsockname()[1]
        assert _get(port, "/health?once").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        for lg, handlers, propagate, level in saved:
            lg.handlers[:], lg.propagate = handlers, propagate
            lg.setLevel(level)
    lines = [line for line in capsys.readouterr().err.splitlines() if "/health" in line and "access" in line]
    assert len(lines) == 1 and '"logger": "vital.api.access"' in lines[0], lines
