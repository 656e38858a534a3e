"""A mode-3 run interrupted by a server restart resumes where it stopped.

`vital serve` runs as a subprocess on the test database; the model is a local
OpenAI-compatible server that stalls on the plan's second step. The API server
is killed (SIGKILL, nothing runs on the way out) while that step is under way,
a new one is started, and the run is resumed: the first step is not done again,
the interrupted one is retried, the answer is stored."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from tests import pg
from tests.services.conftest import agent_id, prepared
from tests.services.fake_openai import FakeOpenAI

SECOND_STEP = "Check the deadlines in the sources"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


class Server:
    def __init__(self, database: str, llm_url: str, tmp_path):
        self.port = free_port()
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
               "VITAL_ENVIRONMENT": "test", "VITAL_DATABASE_URL": pg.url(database), "VITAL_DATA_DIR": str(tmp_path),
               "VITAL_JWT_SECRET": os.environ["VITAL_JWT_SECRET"],  # the run's (tests/conftest.py)
               "VITAL_TENANT_CACHE_SECONDS": "0", "VITAL_LLM_PROVIDER": "openai", "VITAL_LLM_BASE_URL": llm_url,
               "VITAL_SERVICES_RETRIEVAL": "fulltext", "VITAL_EMBEDDING_PROVIDER": "hash",
               "VITAL_WORKFLOW_LEASE_SECONDS": "1"}  # the killed server's lease on the run expires at once
        self.proc = subprocess.Popen([sys.executable, "-m", "vital", "serve", "--port", str(self.port)], env=env,
                                     cwd=tmp_path,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait(lambda: self.ready() or self.proc.poll() is not None) and self.proc.poll() is None

    def ready(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/ready", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def post(self, path: str, token: str, json: dict | None = None, timeout: float = 60) -> httpx.Response:
        return httpx.post(f"http://127.0.0.1:{self.port}{path}", json=json, timeout=timeout,
                          headers={"Host": f"acme.localhost:{self.port}", "Authorization": f"Bearer {token}"})

    def stop(self, signum=signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def database():
    name, _ = prepared()
    yield name
    pg.drop(name)


def steps(database: str, run_id: str) -> list[tuple]:
    with pg.connect(database) as conn:
        return conn.execute("SELECT node_key, status, attempt, input->>'type' FROM workflow_run_steps "
                            "WHERE run_id = %s ORDER BY sequence", (run_id,)).fetchall()


def test_a_run_interrupted_by_a_restart_resumes(database, tmp_path):
    from vital.auth.tokens import mint_token
    from vital.settings import Settings

    with pg.connect(database) as conn:
        tenant_id, user_id = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                          "AND u.email = 'ada@acme.example'").fetchone()
    token = mint_token(Settings(environment="test"), tenant_id=tenant_id, user_id=user_id)
    agent = agent_id(database, "acme", "hipaa-compliance-officer")
    with FakeOpenAI() as llm:
        first = Server(database, llm.base_url, tmp_path)
        try:
            r = first.post("/api/v1/ask-expert/sessions", token, {
                "mode": 3, "agent_id": agent, "query": "When must we notify HHS about a HIPAA breach?"})
            assert r.status_code == 201, r.text
            session = r.json()
            run_id = session["run"]["id"]
            assert session["run"]["approvals"][0]["request"]["plan"][1] == SECOND_STEP
            llm.slow_when = SECOND_STEP
            approving = threading.Thread(target=lambda: _quietly(first.post, f"/api/v1/ask-expert/sessions/"
                                                                 f"{session['id']}/approve", token, {}), daemon=True)
            approving.start()
            assert wait(lambda: [s[:2] for s in steps(database, run_id)][-2:] ==
                        [("execute", "succeeded"), ("execute", "running")])
            first.stop(signal.SIGKILL)  # a crash: no cleanup of any kind
        finally:
            first.stop()
        calls_before = len(llm.requests)
        llm.slow_when = None
        assert [s[:2] for s in steps(database, run_id)][-1] == ("execute", "running")

        second = Server(database, llm.base_url, tmp_path)
        try:
            r = second.post(f"/api/v1/ask-expert/sessions/{session['id']}/resume", token)
            assert r.status_code == 200, r.text
            done = r.json()
        finally:
            second.stop()
    assert done["status"] == "completed" and done["run"]["status"] == "succeeded"
    history = [s[:3] for s in steps(database, run_id)]
    assert history == [("plan", "succeeded", 1), ("approve", "succeeded", 1), ("execute", "succeeded", 1),
                       ("execute", "failed", 1), ("execute", "succeeded", 2), ("synthesise", "succeeded", 1),
                       ("verify", "succeeded", 1)]
    after = [str(r["body"]["messages"]) for r in llm.requests[calls_before:]]
    assert not any("Find the rule that applies" in text and "Question: Find" in text for text in after)
    assert done["messages"][-1]["role"] == "assistant" and done["messages"][-1]["citations"]
    with pg.connect(database) as conn:
        kinds = [r[0] for r in conn.execute("SELECT event_type FROM workflow_events WHERE run_id = %s ORDER BY sequence",
                                            (run_id,))]
    assert "run_resumed" in kinds and kinds[-1] == "run_succeeded"


def _quietly(fn, *args):
    try:
        fn(*args, timeout=120)
    except httpx.HTTPError:
        pass  # the server it talks to is killed under it
