"""Where the database is, and how to connect to it: embedded (started on demand) or external."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from vital.db.embedded import SUPERUSER, EmbeddedServer
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.settings import Settings

SQL = Queries(__name__)

# Every session sees the pgvector and pg_trgm types, kept in schema extensions.
SESSION_OPTIONS = "-c search_path=public,extensions"


class Database:
    """A handle on the database in use. As a context manager it keeps the embedded server up."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.server = (
            EmbeddedServer(settings.pgdata, port=settings.pg_port, options=settings.pg_server_options)
            if settings.embedded
            else None
        )

    def __enter__(self) -> "Database":
        if self.server is not None:
            self.server.acquire()
            try:
                self._create_database_if_missing()
            except BaseException:
                self.server.release()
                raise
        return self

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.release()

    # -- urls ----------------------------------------------------------------
    @property
    def url(self) -> str:
        """The owner's (maintenance) connection string."""
        if self.server is not None:
            return self.server.url(self.settings.database_name)
        return self.settings.database_url

    @property
    def api_url(self) -> str:
        """The API pool's login: a role that owns nothing and cannot bypass RLS."""
        if self.settings.api_database_url:
            return self.settings.api_database_url
        if self.server is not None:
            return self.server.url(self.settings.database_name, user=self.settings.api_role)
        return with_user(self.settings.database_url, self.settings.api_role)

    @property
    def admin_url(self) -> str:
        """The maintenance database of the embedded cluster (for CREATE/DROP DATABASE)."""
        assert self.server is not None
        return self.server.url(SUPERUSER)

    # -- connections ---------------------------------------------------------
    def connect(self, *, autocommit: bool = False, url: str | None = None) -> psycopg.Connection:
        with translate():
            return psycopg.connect(url or self.url, autocommit=autocommit, options=SESSION_OPTIONS)

    @contextmanager
    def session(self, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
        conn = self.connect(autocommit=autocommit)
        try:
            with translate():
                yield conn
        finally:
            conn.close()

    def recreate(self) -> None:
        """Drop and create the embedded database (vital db reset)."""
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            name = sql.Identifier(self.settings.database_name)
            admin.execute(SQL.composed("connection.drop_database", database=name))
            admin.execute(SQL.composed("connection.create_database", database=name))

    def _create_database_if_missing(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            name = self.settings.database_name
            if admin.execute(SQL("connection.database_exists"), {"name": name}).fetchone() is None:
                try:
                    admin.execute(SQL.composed("connection.create_database", database=sql.Identifier(name)))
                except psycopg.errors.DuplicateDatabase:
                    pass  # another vital process created it meanwhile


def with_user(url: str, user: str) -> str:
    """The same connection string with another user and no password."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))
