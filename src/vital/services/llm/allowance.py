"""A tenant's model settings as its people see them: what is in effect, and which of them the
operator lets the tenant's admins change, within what bounds.

The operator's allowance is `tenants.settings.llm_allowed` (`vital tenant llm-allow`):

    {"model": ["gpt-4o-mini", "gpt-4o"], "max_tokens": {"interactive": 2048}, "seconds": {"panel": 90}}

The database enforces it (`vital.set_tenant_llm()`, migration 20261124000041); this module only
describes it. Nothing here names a key or the value of a key variable.
"""

from __future__ import annotations

from vital.services.llm import llm_config
from vital.services.llm.bounds import PURPOSES, bounds_for
from vital.settings import Settings

CHANGEABLE = ("model", "max_tokens", "seconds")


def _own(tenant_settings: dict, key: str) -> dict:
    value = tenant_settings.get(key)
    return value if isinstance(value, dict) else {}


def effective(settings: Settings, tenant_settings: dict) -> dict:
    """What the tenant's calls use now: provider, model, endpoint, and per purpose the token cap and
    time limit (an agent's own max_tokens may still lower a cap)."""
    # The key is none of this page's business: its variable is left out, so a missing one is no error here.
    own = {k: v for k, v in _own(tenant_settings, "llm").items() if k != "api_key_env"}
    config = llm_config(settings, {"llm": own})
    limits = {purpose: bounds_for(tenant_settings, purpose) for purpose in PURPOSES}
    return {"provider": config.provider, "model": config.model, "base_url": config.base_url,
            "max_tokens": {p: b.max_tokens for p, b in limits.items()},
            "seconds": {p: b.seconds for p, b in limits.items()}}


def allowed(tenant_settings: dict) -> dict:
    """What the tenant's admins may change: the models to choose from, and per purpose the largest
    token cap and time limit (an empty allowance: nothing)."""
    given = _own(tenant_settings, "llm_allowed")
    models = given.get("model")
    return {"model": [str(m) for m in models] if isinstance(models, list) else [],
            "max_tokens": {p: v for p, v in _own(given, "max_tokens").items() if p in PURPOSES},
            "seconds": {p: v for p, v in _own(given, "seconds").items() if p in PURPOSES}}


def view(settings: Settings, tenant_settings: dict) -> dict:
    """GET /api/v1/admin/llm: in effect, open to change, and the tenant's own values of what is open."""
    own = _own(tenant_settings, "llm")
    may = allowed(tenant_settings)
    chosen = {"model": own.get("model") if may["model"] else None,
              "max_tokens": {p: v for p, v in _own(own, "max_tokens").items() if p in may["max_tokens"]},
              "seconds": {p: v for p, v in _own(own, "seconds").items() if p in may["seconds"]}}
    return {"effective": effective(settings, tenant_settings), "allowed": may, "chosen": chosen,
            "purposes": list(PURPOSES)}
