"""Per-tenant caps on workflow runs and definitions: by tier, overridable per tenant.

A tenant's settings may override its tier's numbers the way the other tier limits are
overridden ({"limits": {"concurrent_runs": 20}}; operators edit tenants.settings,
tenants cannot). docs/services.md ("Run caps") lists them with their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from vital.errors import InvalidInput, VitalError
from vital.services.limits import LimitExceeded, whole
from vital.services.tenant_profile import tenant_profile

# cap -> what it counts (the words of the errors)
CAPS = {
    "concurrent_runs": "workflow runs executing at the same time",
    "steps_per_run": "node visits (steps) in one run",
    "run_seconds": "seconds a run may execute from its start or resumption until it rests",
    "llm_calls_per_step": "model calls in one step",
    "definition_nodes": "nodes in one workflow definition",
    "definition_edges": "edges in one workflow definition",
    "tools_per_node": "tools one node may list",
}

TIERS: dict[str, dict[str, int]] = {
    "free": {"concurrent_runs": 2, "steps_per_run": 100, "run_seconds": 300, "llm_calls_per_step": 50,
             "definition_nodes": 50, "definition_edges": 200, "tools_per_node": 10},
    "pro": {"concurrent_runs": 5, "steps_per_run": 500, "run_seconds": 900, "llm_calls_per_step": 100,
            "definition_nodes": 200, "definition_edges": 800, "tools_per_node": 20},
    "enterprise": {"concurrent_runs": 20, "steps_per_run": 2_000, "run_seconds": 3_600, "llm_calls_per_step": 200,
                   "definition_nodes": 500, "definition_edges": 2_000, "tools_per_node": 50},
}


@dataclass(frozen=True)
class Caps:
    tier: str
    numbers: dict[str, int]

    def __getitem__(self, cap: str) -> int:
        return self.numbers[cap]


def caps(conn: psycopg.Connection) -> Caps:
    """The caller's tenant's caps, read in its transaction."""
    profile = tenant_profile(conn)
    numbers = dict(TIERS.get(profile.tier, TIERS["free"]))
    overrides = profile.settings.get("limits") if isinstance(profile.settings.get("limits"), dict) else {}
    for name, value in overrides.items():  # an override that is not a number leaves the tier's (as limits.py)
        if name in CAPS and (number := whole(value)) is not None:
            numbers[name] = number
    return Caps(profile.tier, numbers)


class TooManyRuns(LimitExceeded):
    """429 before anything is written: the tenant already executes as many runs as its tier allows."""

    code = "workflow_run_limit"

    def __init__(self, limit: Caps, running: int, retry_after: int):
        allowed = limit["concurrent_runs"]
        VitalError.__init__(
            self, f"Run limit reached: concurrent_runs ({CAPS['concurrent_runs']}) is {allowed} on the "
            f"{limit.tier} tier; {running} executing.",
            details=f"limit=concurrent_runs; tier={limit.tier}; allowed={allowed}; used={running}",
            hint="Retry when one of the runs has finished, or ask for a higher tier.")
        self.limit, self.resets_at, self.retry_after = "concurrent_runs", None, retry_after


class RunLimitReached(VitalError):
    """A cap reached while a run executes: the run ends failed with this message as its reason."""

    code = "workflow_run_limit"

    def __init__(self, cap: str, allowed: int, message: str):
        super().__init__(message, details=f"limit={cap}; allowed={allowed}",
                         hint="Simplify the workflow, or ask for a higher tier.")
        self.cap = cap


class DefinitionRefused(InvalidInput):
    """A definition refused before it is stored: its shape (400) or its size (422)."""

    code = "workflow_definition_invalid"

    def __init__(self, message: str, *, details: str | None = None, hint: str | None = None, status: int = 400):
        super().__init__(message, details=details, hint=hint)
        self.status = status


UNITS = {"definition_nodes": "nodes", "definition_edges": "edges", "tools_per_node": "tools"}


def too_large(limit: Caps, cap: str, given: int, where: str = "") -> DefinitionRefused:
    allowed = limit[cap]
    return DefinitionRefused(
        f"The definition is too large: {given} {UNITS[cap]}{where}, at most {allowed} on the {limit.tier} tier "
        f"({cap}: {CAPS[cap]}).",
        details=f"limit={cap}; tier={limit.tier}; allowed={allowed}; given={given}",
        hint="Split the workflow into smaller ones, or ask for a higher tier.", status=422)
