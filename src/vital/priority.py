"""CPU priority of background and heavy work: below the API's requests, so that one tenant's parsing and
embedding take the cores the other tenants' requests leave instead of delaying them (docs/operations.md,
"CPU priority"). Linux keeps a nice value per thread and a new thread inherits its creator's, so lowering
one thread lowers the work it starts (a job's, onnxruntime's) and nothing else."""

from __future__ import annotations

import functools
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("vital.priority")

# Threads of the API's low-priority pool: each tenant holds at most its tier's `concurrent_heavy_work` of them
# (docs/fairness.md), so several tenants' uploads run at once.
HEAVY_THREADS = 8


def lower_this_thread(steps: int) -> None:
    """Lower the calling thread's CPU priority by `steps` (Unix nice, at most 19). It cannot be raised back
    without privileges, so only threads that do nothing else are lowered."""
    if steps <= 0 or not hasattr(os, "setpriority"):
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + steps))
    except OSError as exc:  # a platform without per-thread priorities, or one that refuses: run as is
        log.info("thread priority unchanged", extra={"error": str(exc)})


@functools.lru_cache(maxsize=4)
def heavy_executor(steps: int) -> ThreadPoolExecutor:
    """The API's threads for a request's CPU-heavy work (a synchronous upload), `steps` below the others."""
    return ThreadPoolExecutor(HEAVY_THREADS, thread_name_prefix="vital-heavy", initializer=lower_this_thread,
                              initargs=(steps,))
