"""Point-in-time recovery for the embedded server: WAL archiving into a folder, base
backups, and recovery to any moment since the oldest base backup.

Archive layout: `<archive>/wal/` (segments, written by the server's
archive_command) and `<archive>/base/<UTC time>/` (pg_basebackup tar files and
base.json, the moment the base backup was complete). Recovery replaces the data
folder with the newest base backup finished before the target, replays archived
WAL up to the target and promotes; the data folder it replaced is kept beside it.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tarfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import psycopg
from psycopg import sql

from vital.db.connection import Database
from vital.db.embedded import SERVER_USER
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import ConfigError, Conflict, DatabaseUnavailable, InvalidInput
from vital.ops import pgtools

SQL = Queries(__name__)

# Without traffic a segment would wait until it is full: archive at least once a minute.
ARCHIVE_TIMEOUT = "60s"
# Only for the recovery; hot_standby off keeps the server closed until it has promoted.
RECOVERY_SETTINGS = ("restore_command", "recovery_target_time", "recovery_target_action", "hot_standby")


@dataclass(frozen=True)
class BaseBackup:
    path: Path
    finished_at: datetime


def archive_dir(db: Database) -> Path:
    return (db.settings.wal_archive_dir or db.settings.data_dir / "wal-archive").resolve()


def _embedded(db: Database, what: str):
    if db.server is None:
        raise ConfigError(f"{what} is for the embedded server.",
                          hint="On an external database use its own point-in-time recovery (Supabase: the PITR "
                               "add-on; any Postgres: archive_command and pg_basebackup). See docs/operations.md.")
    return db.server


def _server_owned(path: Path) -> None:
    """Folders the server writes or reads as its own user (root runs it as embedded_postgres)."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_USER)
        for p in [path, *path.rglob("*")]:
            os.chown(p, entry.pw_uid, entry.pw_gid)


def enable(db: Database) -> BaseBackup:
    """Turn WAL archiving on (restarting the server once if needed) and take the first base backup."""
    server = _embedded(db, "WAL archiving")
    wal = archive_dir(db) / "wal"
    _server_owned(wal)
    command = f"test ! -f {wal}/%f && cp %p {wal}/%f"
    with translate(), psycopg.connect(db.admin_url, autocommit=True) as conn:
        running = one(conn, SQL("pitr.archive_settings"))
        conn.execute(SQL("pitr.archive_mode_on"))
        conn.execute(SQL.composed("pitr.archive_command", command=sql.Literal(command)))
        conn.execute(SQL.composed("pitr.archive_timeout", timeout=sql.Literal(ARCHIVE_TIMEOUT)))
        conn.execute(SQL("pitr.reload"))
    if running["archive_mode"] != "on":  # archive_mode is read at start only
        _refuse_other_sessions(db)
        server.stop()
        server.acquire()
    return base_backup(db)


def base_backup(db: Database) -> BaseBackup:
    """A new base backup into the archive (take one daily: recovery replays WAL from the last one)."""
    _embedded(db, "A base backup")
    if not (archive_dir(db) / "wal").is_dir():
        raise ConfigError("WAL archiving is not on.", hint="Run `vital db pitr enable` first.")
    stamp = datetime.now(timezone.utc)
    target = archive_dir(db) / "base" / f"{stamp:%Y%m%dT%H%M%SZ}"
    pgtools.run("pg_basebackup", ["--pgdata", str(target), "--format=tar", "--gzip", "--wal-method=fetch",
                                  "--checkpoint=fast", "--label", f"vital {stamp.isoformat()}"], url=db.admin_url)
    finished = datetime.now(timezone.utc)
    (target / "base.json").write_text(json.dumps({"finished_at": finished.isoformat()}))
    return BaseBackup(target, finished)


def base_backups(db: Database) -> list[BaseBackup]:
    found = []
    for meta in sorted((archive_dir(db) / "base").glob("*/base.json")):
        found.append(BaseBackup(meta.parent, datetime.fromisoformat(json.loads(meta.read_text())["finished_at"])))
    return found


def status(db: Database) -> dict:
    _embedded(db, "Point-in-time recovery")
    with translate(), psycopg.connect(db.admin_url) as conn:
        archiver = one(conn, SQL("pitr.archiver"))
    backups = base_backups(db)
    return {"archive": str(archive_dir(db)), "archive_mode": archiver["archive_mode"],
            "segments_archived": archiver["archived_count"], "last_archived_at": archiver["last_archived_time"],
            "archive_failures": archiver["failed_count"],
            "base_backups": [str(b.path) for b in backups],
            "recoverable_from": backups[0].finished_at if backups else None}


def recover(db: Database, target: datetime) -> Path:
    """Bring the database back to how it was at `target`; returns the folder of the replaced data."""
    server = _embedded(db, "Point-in-time recovery")
    if target.tzinfo is None:
        raise InvalidInput("Give the moment with its time zone, e.g. 2026-11-24T17:05:00+00:00.")
    if target > datetime.now(timezone.utc):
        raise InvalidInput(f"{target.isoformat()} is in the future.")
    usable = [b for b in base_backups(db) if b.finished_at <= target]
    if not usable:
        raise InvalidInput(f"No base backup finished before {target.isoformat()}.",
                           hint="`vital db pitr status` shows the earliest moment that can be recovered.")
    base = usable[-1]
    _refuse_other_sessions(db)
    _archive_current_wal(db)
    server.stop()
    pgdata = server.pgdata
    kept = pgdata.with_name(f"{pgdata.name}.before-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}")
    pgdata.rename(kept)
    try:
        _unpack(base.path, pgdata)
        with open(pgdata / "postgresql.auto.conf", "a") as conf:
            conf.write(f"restore_command = 'cp {archive_dir(db) / 'wal'}/%f %p'\n"
                       f"recovery_target_time = '{target.isoformat()}'\n"
                       "recovery_target_action = 'promote'\nhot_standby = off\n")
        (pgdata / "recovery.signal").touch()
        _server_owned(pgdata)
        server.acquire()  # replays, promotes, and opens when done
        _wait_promoted(db)
    except BaseException:
        server.stop()
        shutil.rmtree(pgdata, ignore_errors=True)
        kept.rename(pgdata)
        server.acquire()
        raise
    with translate(), psycopg.connect(db.admin_url, autocommit=True) as conn:
        for name in RECOVERY_SETTINGS:
            conn.execute(SQL.composed("pitr.reset", setting=sql.Identifier(name)))
        conn.execute(SQL("pitr.reload"))
    return kept


def _unpack(base: Path, pgdata: Path) -> None:
    pgdata.mkdir()
    with tarfile.open(base / "base.tar.gz") as tar:
        tar.extractall(pgdata, filter="data")
    wal = base / "pg_wal.tar.gz"  # only when the base backup streamed its WAL (fetched WAL is in base.tar)
    if wal.exists():
        with tarfile.open(wal) as tar:
            tar.extractall(pgdata / "pg_wal", filter="data")
    # The embedded server keeps its socket in the data folder, so pg_basebackup copied the socket's lock file,
    # which names the postmaster that ran then. A server starting on this copy refuses to while a process of
    # that number exists (an unreaped one does, in a container whose init does not reap): it is not ours.
    for stale in pgdata.glob(".s.PGSQL.*.lock"):
        stale.unlink()


def _archive_current_wal(db: Database) -> None:
    """Close the current WAL segment and wait until the archiver has it: the moments up to now become recoverable."""
    with translate(), psycopg.connect(db.admin_url, autocommit=True) as conn:
        # Recovery stops at the first commit after the target and fails if it finds none:
        # a transaction with an xid commits now, after any target in the past.
        conn.execute(SQL("pitr.take_xid"))
        segment = one(conn, SQL("pitr.switch_wal"))["segment"]
        for _ in range(300):
            last = one(conn, SQL("pitr.last_archived"))["last_archived_wal"]
            if last is not None and last >= segment:
                return
            time.sleep(0.1)
    raise DatabaseUnavailable(f"WAL segment {segment} was not archived within 30 s; nothing was changed.",
                              hint="`vital db pitr status` shows archive failures; the server log says why.")


def _wait_promoted(db: Database, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(db.admin_url, connect_timeout=5) as conn:
                if not one(conn, SQL("pitr.in_recovery"))["in_recovery"]:
                    return
        except (psycopg.Error, DatabaseUnavailable):
            pass
        time.sleep(0.2)
    raise DatabaseUnavailable("Recovery did not finish in time.")


def _refuse_other_sessions(db: Database) -> None:
    with translate(), psycopg.connect(db.admin_url) as conn:
        others = one(conn, SQL("pitr.other_sessions"))["others"]
    if others:
        raise Conflict(f"{others} other session(s) are connected; the server must restart.",
                       hint="Stop the API and other vital processes first.")
