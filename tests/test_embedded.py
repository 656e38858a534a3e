"""The embedded server: started on demand, shared, and stopped by the last process that leaves."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from vital.db.embedded import EmbeddedServer


def _servers_for(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmd = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in " ".join(cmd):
            found.append(proc)
    return found


def _wait(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _holder(cli_env, tmp_path, **extra) -> subprocess.Popen:
    """A vital process that keeps the embedded server in use: psql sleeping in a query."""
    # Ctrl-C reaches it as it would a command typed in a terminal, even when the suite itself runs in the
    # background (a shell without job control starts that with SIGINT ignored, and children inherit it).
    return subprocess.Popen(["vital", "db", "psql", "-c", "select pg_sleep(60)"], env=cli_env(**extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _sleeping_query_started(pgdata: Path) -> bool:
    server = EmbeddedServer(pgdata)
    if not server.is_running():
        return False
    try:
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            sql = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'select pg_sleep%'"
            return conn.execute(sql).fetchone()[0] > 0
    except psycopg.OperationalError:  # still starting
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_server_is_gone_after_the_cli_exits_on_a_signal(cli_env, tmp_path, signum):
    pgdata = tmp_path / ".vital" / "pgdata"
    holder = _holder(cli_env, tmp_path)
    try:
        assert _wait(lambda: _sleeping_query_started(pgdata)), holder.stderr.read1().decode()
        assert _servers_for(pgdata)
        holder.send_signal(signum)
        holder.wait(timeout=30)
        assert _wait(lambda: not _servers_for(pgdata), timeout=15), "embedded server left running"
        assert not (tmp_path / ".vital" / "pgdata" / "postmaster.pid").exists()
    finally:
        if holder.poll() is None:
            holder.kill()
        EmbeddedServer(pgdata).stop()


def test_concurrent_processes_share_one_server_and_the_last_one_stops_it(cli_env, tmp_path):
    pgdata = tmp_path / ".vital" / "pgdata"
    holder = _holder(cli_env, tmp_path)
    try:
        assert _wait(lambda: _sleeping_query_started(pgdata))
        pid = _servers_for(pgdata)[0].pid
        done = subprocess.run(["vital", "db", "status"], env=cli_env(), cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert [p.pid for p in _servers_for(pgdata)][:1] == [pid], "the other process's exit stopped a shared server"
        holder.terminate()
        holder.wait(timeout=30)
        assert _wait(lambda: not _servers_for(pgdata), timeout=15)
    finally:
        if holder.poll() is None:
            holder.kill()
        EmbeddedServer(pgdata).stop()


def test_a_holder_that_died_without_leaving_does_not_keep_the_server_alive(tmp_path):
    server = EmbeddedServer(tmp_path / "pgdata")
    server.acquire()
    try:
        (tmp_path / "pgdata.holders" / "999999-1").touch()  # a pid that no longer exists
        server.release()
        assert not server.is_running()
    finally:
        server.stop()


def test_the_server_can_also_listen_on_a_loopback_port(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = EmbeddedServer(tmp_path / "pgdata", port=port)
    server.acquire()
    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres") as conn:
            assert conn.execute("SELECT current_setting('server_version_num')::int").fetchone()[0] >= 180000
    finally:
        server.release()
    assert not server.is_running()


def test_vital_up_leaves_a_migrated_seeded_database_and_no_server(cli_env, tmp_path):
    done = subprocess.run(["vital", "up", "--no-serve"], env=cli_env(), cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    pgdata = tmp_path / ".vital" / "pgdata"
    assert not _servers_for(pgdata)
    server = EmbeddedServer(pgdata)
    server.acquire()
    try:
        with psycopg.connect(server.url("vital")) as conn:
            subdomains = {r[0] for r in conn.execute("SELECT subdomain FROM tenants")}
            pending = conn.execute("SELECT count(*) FROM supabase_migrations.schema_migrations").fetchone()[0]
        assert {"platform", "acme", "pharmaco"} <= subdomains
        assert pending > 0
    finally:
        server.release()
