"""CPU priority of background and heavy work: below the API's requests, so that one tenant's parsing and
embedding take the cores the other tenants' requests leave instead of delaying them (docs/operations.md,
"CPU priority"). Linux keeps a nice value per thread and a new thread inherits its creator's, so lowering
one thread lowers the work it starts (a job's, onnxruntime's) and nothing else.

Where the kernel groups processes by session (Linux's autogroup, on unless a CPU cgroup holds the process),
the cores are shared between sessions first and by nice value only inside one: a process that leads its own
session, as each PostgreSQL server process does (it calls setsid), then counts as much as the whole API
whatever its nice value. Such a process has its session's nice value lowered too (`lower_session`)."""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import psutil

log = logging.getLogger("vital.priority")

# Threads of the API's low-priority pool: each tenant holds at most its tier's `concurrent_heavy_work` of them
# (docs/fairness.md), so several tenants' uploads run at once.
HEAVY_THREADS = 8


def _lowered(nice: int, steps: int) -> int:
    return min(19, nice + steps)  # 19: the lowest there is


def lower_this_thread(steps: int) -> None:
    """Lower the calling thread's CPU priority by `steps` (Unix nice, at most 19). It cannot be raised back
    without privileges, so only threads that do nothing else are lowered."""
    if steps <= 0 or not hasattr(os, "setpriority"):
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, _lowered(os.getpriority(os.PRIO_PROCESS, thread), steps))
    except OSError as exc:  # a platform without per-thread priorities, or one that refuses: run as is
        log.info("thread priority unchanged", extra={"error": str(exc)})


@functools.lru_cache(maxsize=4)
def heavy_executor(steps: int) -> ThreadPoolExecutor:
    """The API's threads for a request's CPU-heavy work (a synchronous upload), `steps` below the others."""
    return ThreadPoolExecutor(HEAVY_THREADS, thread_name_prefix="vital-heavy", initializer=lower_this_thread,
                              initargs=(steps,))


def lower_session(pid: int, steps: int) -> None:
    """Lower the nice value of the autogroup of `pid`'s session, if `pid` leads that session (so nothing else
    of the session is lowered with it) and the kernel groups by session. Done on a thread of its own: without
    CAP_SYS_ADMIN the kernel takes one such change per 100 ms and refuses the others (EAGAIN) meanwhile,
    which a pool opening connections, or the event loop, must not wait for."""
    if steps > 0:
        _session_lowering().submit(_lower_session, pid, steps)


@functools.lru_cache(maxsize=1)
def _session_lowering() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="vital-lower-session")


def _lower_session(pid: int, steps: int) -> None:
    group = Path(f"/proc/{pid}/autogroup")  # "/autogroup-93305 nice 0"
    for _ in range(50):
        try:
            if os.getsid(pid) != pid or not group.exists():
                return
            fields = group.read_text().split()
            if not fields:  # the kernel gave its session no group: its nice value already counts
                return
            group.write_text(str(_lowered(int(fields[-1]), steps)))
            return
        except BlockingIOError:  # another change within the last 100 ms
            time.sleep(0.11)
        except (OSError, ValueError) as exc:  # not ours to lower (or gone): it runs as is
            log.info("session priority unchanged", extra={"error": str(exc)})
            return


def lower_backends(steps: int) -> Callable[[Any], None]:
    """A connection pool's `configure`: each new connection's server process `steps` lower too, so that the
    database's share of background work (a workflow run's writes, a batch of chunks) also waits for the API's.
    Only for a server on this machine, reached by its Unix socket, whose lock file names the postmaster that
    the process must be a child of: a remote server's process id names nothing here."""
    def configure(conn) -> None:
        info = conn.info
        if steps <= 0 or not info.host.startswith("/") or not hasattr(os, "setpriority"):
            return
        pid = info.backend_pid
        try:
            postmaster = int((Path(info.host) / f".s.PGSQL.{info.port}.lock").read_text().split()[0])
            if psutil.Process(pid).ppid() != postmaster:
                return
            os.setpriority(os.PRIO_PROCESS, pid, _lowered(os.getpriority(os.PRIO_PROCESS, pid), steps))
            lower_session(pid, steps)
        except (OSError, ValueError, IndexError, psutil.Error) as exc:  # not ours to lower: it runs as is
            log.info("database process priority unchanged", extra={"error": str(exc)})
    return configure
