"""Which tenant a request is for: the first label of its host name.

Pure functions, no I/O: `acme.vitalexpert.ai` -> `acme`. Looking the subdomain
up in the database is `vital.tenancy.lookup.find_tenant`.
"""

from __future__ import annotations

import re
from typing import Mapping

# The same rule as the tenants_subdomain_dns_label constraint.
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


def subdomain_from_host(host: str | None, domains: tuple[str, ...]) -> str | None:
    """The tenant label of `host` under one of `domains`, or None.

    Only a single label directly under a domain counts: `acme.vitalexpert.ai`
    gives `acme`; `vitalexpert.ai`, `a.b.vitalexpert.ai` and other domains give None.
    """
    if not host:
        return None
    name = _strip_port(host.strip()).lower().rstrip(".")
    for domain in domains:
        suffix = "." + domain.lower().strip(".")
        if name.endswith(suffix):
            label = name[: -len(suffix)]
            return label if _LABEL.match(label) else None
    return None


def request_host(headers: Mapping[str, str], *, trust_forwarded: bool) -> str | None:
    """The host the client asked for. X-Forwarded-Host counts only behind a trusted proxy;
    of a list, the last entry is the one the nearest proxy wrote."""
    if trust_forwarded:
        forwarded = headers.get("x-forwarded-host")
        if forwarded and forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return headers.get("host")


def _strip_port(host: str) -> str:
    if host.startswith("["):  # an IPv6 literal is never a tenant; keep it whole
        return host
    return host.rsplit(":", 1)[0] if ":" in host else host
