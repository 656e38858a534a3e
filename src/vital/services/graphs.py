"""The workflow graphs this deployment runs, registered at startup.

The engine knows no service: a graph's behaviour exists for it only once registered
here. `register()` is called by the API's app factory (`vital.api.app.create_app`)
and by the test harness; calling it again changes nothing.
"""

from __future__ import annotations

from vital.services.ask_expert import graphs as ask_expert
from vital.services.panels import flow as panels
from vital.services.workflows import handlers
from vital.services.workflows.registry import REGISTRY, Registry


def register(registry: Registry = REGISTRY) -> Registry:
    """The generic node types, Ask Expert's autonomous graph and the panels' deliberation."""
    handlers.register(registry)
    ask_expert.register(registry)
    panels.register(registry)
    return registry
