"""Deliberate exceptions to the checks, each with its reason (suppressions.toml); apart from the
runner so that the CLI's options name the default file without importing psycopg."""

from __future__ import annotations

import tomllib
from pathlib import Path

from vital.errors import ConfigError

DEFAULT_SUPPRESSIONS = Path(__file__).parent / "suppressions.toml"


def load_suppressions(path: Path = DEFAULT_SUPPRESSIONS) -> dict[tuple[str, str], str]:
    entries = tomllib.loads(path.read_text()).get("suppress", []) if path.exists() else []
    out = {}
    for entry in entries:
        if not entry.get("reason", "").strip():
            raise ConfigError(f"Suppression of {entry.get('check')} on {entry.get('object')} in {path} has no reason.",
                              hint="Every deliberate exception states why it is right.")
        out[(entry["check"], entry["object"])] = entry["reason"].strip()
    return out
