"""What an operation on one tenant did: rows per table, and how long it took."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TenantReport:
    tenant: Any                 # the tenant as the operation knows it (a lookup record, a manifest entry)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
