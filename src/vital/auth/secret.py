"""The deployment's JWT secret: configured (VITAL_JWT_SECRET), or generated once per data dir.

The source holds no usable secret. In `local`/`test`, the first `vital up` or
`vital serve` on a data dir writes a random one to `<data dir>/jwt-secret`
(mode 0600, created atomically so that two processes starting at once agree)
and every later process reads it back. Elsewhere a configured secret is
required (Settings refuses to load without one). A generated secret is only
good for loopback: `require_servable` refuses to listen elsewhere with it.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Callable

from pydantic import SecretStr

from vital.errors import ConfigError
from vital.settings import Settings

_BYTES = 48  # 64 url-safe characters, well above HS256's 256 bits


def with_secret(settings: Settings) -> Settings:
    """The settings with their JWT secret: the configured one, else the data dir's (created if missing)."""
    if settings.jwt_secret is not None:
        return settings
    if not settings.local:  # Settings already refuses this; kept for settings built by model_copy
        raise ConfigError("VITAL_JWT_SECRET is not set.", hint="Set VITAL_JWT_SECRET to a random secret.")
    return settings.model_copy(update={"jwt_secret": SecretStr(read_or_create(settings.jwt_secret_file))})


def require_secret(settings: Settings) -> str:
    """The secret's value; a clear error when settings were never resolved by `with_secret`."""
    if settings.jwt_secret is None:
        raise ConfigError("No JWT secret is configured.",
                          hint="Set VITAL_JWT_SECRET, or run `vital up` once to generate one in the data dir.")
    return settings.jwt_secret.get_secret_value()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve anywhere


def require_servable(settings: Settings) -> None:
    """Refuse to serve beyond loopback on a secret nobody configured (issue 13: anyone who can
    read the data dir, or a copy of it, could sign tokens for any tenant)."""
    if settings.jwt_secret is None and not is_loopback(settings.api_host):
        raise ConfigError(
            f"Refusing to listen on {settings.api_host}: VITAL_JWT_SECRET is not set.",
            hint="A secret generated in the data dir is for loopback only. Set VITAL_JWT_SECRET to a random "
                 "secret of 32+ characters (e.g. the content of "
                 f"{settings.jwt_secret_file}), or listen on 127.0.0.1.")


def read_or_create(path: Path, make: Callable[[], str] = lambda: secrets.token_urlsafe(_BYTES)) -> str:
    """The secret in `path`, made by `make` and written there (0600, atomically) when missing."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as f:
            f.write(make() + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temporary, path)  # atomic, and fails when another process got there first
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> str:
    value = path.read_text().strip()
    if len(value) < 32:
        raise ConfigError(f"The secret in {path} is shorter than 32 characters.",
                          hint="Delete the file to have a new one generated (every issued token becomes invalid).")
    if path.stat().st_mode & 0o077:
        raise ConfigError(f"{path} is readable by other users.", hint=f"chmod 600 {path}")
    return value
