"""Which tenant a set of JWT claims names: the rule of SQL's `auth.tenant_id()`, once in Python.

The top-level `tenant_id` claim first, then `app_metadata.tenant_id` (where
Supabase puts custom claims). Like the SQL's `coalesce(...)`, only an absent (or
null) claim falls through to app_metadata; a present one must be a uuid.
"""

from __future__ import annotations

from typing import Any, Mapping
from uuid import UUID


def tenant_of_claims(claims: Mapping[str, Any]) -> UUID | None:
    """The tenant the claims name, or None when they name none.

    Raises ValueError when the claim is there but is not a uuid (the SQL cast fails alike)."""
    raw = claims.get("tenant_id")
    if raw is None:
        meta = claims.get("app_metadata")
        raw = meta.get("tenant_id") if isinstance(meta, Mapping) else None
    if raw is None:
        return None
    try:
        return UUID(str(raw))
    except ValueError:
        raise ValueError(f"the claims' tenant_id {raw!r} is not a uuid") from None
