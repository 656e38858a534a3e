"""What each role may do to a table of each class (docs/roles.md), as the tests expect it.

Derived from the class only: the matrix never names a table."""

from __future__ import annotations

WRITERS = {
    "data": {"owner", "admin", "member", "write_key"},
    "personal": {"owner", "admin", "member", "write_key"},
    "bookkeeping": set(),  # written only through the SECURITY DEFINER functions (test_bookkeeping.py)
    "admin": {"owner", "admin"},
    "owner": {"owner"},
}


def allowed(kind: str, who: str, operation: str, *, own: bool = False) -> bool:
    """May `who` (a role of tests.roles.people.ROLES) do `operation` to a row of a `kind` table?
    own: the row is the caller's (user_id, else created_by); only users own rows."""
    if operation == "select":
        return True
    if own and who == "viewer" and kind == "personal":
        return True
    return who in WRITERS[kind]
