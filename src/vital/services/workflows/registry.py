"""What gives a workflow's nodes their behaviour: handlers and completions, registered at startup.

The engine knows no service. Each service package that brings a graph registers it
(`ask_expert.graphs.register`, `panels.flow.register`), and the generic node types
register from `handlers.register`; `vital.services.graphs.register()` calls them all,
once per process, from the API's app factory and the test harness.

A node's handler is looked up by, in order: the node's `handler` name, `<definition
slug>.<node id>` (a registered graph), the node's `type`, then `llm`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vital.errors import ConfigError
from vital.services.workflows.context import RunContext, RunState

HINT = "Call vital.services.graphs.register() when the process starts (the API's app factory does)."

Handler = Callable[[RunContext, dict, RunState], dict]
Completion = Callable[[RunContext, Any, RunState, str], dict]


class NotRegistered(ConfigError):
    """A workflow's behaviour is missing from this process: its graph was never registered."""


class Registry:
    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}
        self._completions: dict[str, Completion] = {}
        self._graphs: set[str] = set()

    def node_type(self, key: str, handler: Handler) -> None:
        """Behaviour for every node of a type (or naming this handler), in any definition."""
        _put(self._handlers, key, handler)

    def graph(self, slug: str, nodes: dict[str, Handler], completion: Completion | None = None) -> None:
        """The nodes of the definitions of one slug (node id -> handler), and what the run's final
        transaction does (its output). The graph keeps its state under `state["data"][slug]`."""
        for node_id, handler in nodes.items():
            _put(self._handlers, f"{slug}.{node_id}", handler)
        if completion is not None:
            _put(self._completions, slug, completion)
        self._graphs.add(slug)

    def require(self, slug: str) -> None:
        """Refuse unless the graph of `slug` is registered: a service's own graph has no generic stand-in."""
        if slug not in self._graphs:
            raise NotRegistered(f"The workflow graph '{slug}' is not registered in this process.", hint=HINT)

    def handlers(self, slug: str, graph: dict) -> dict[str, Handler]:
        """The behaviour of every node of a definition's graph, by node id; refused before anything runs."""
        return {node["id"]: self.handler(slug, node) for node in graph["nodes"]}

    def knows(self, slug: str, node: dict) -> bool:
        """Whether the node has behaviour here: its handler, its graph's, or its type's (no type: `llm`);
        an unknown type would only get the `llm` stand-in."""
        if node.get("type") is None and node.get("handler") is None:
            return True
        return any(key and key in self._handlers for key in (node.get("handler"), f"{slug}.{node['id']}",
                                                            node.get("type")))

    def node_types(self) -> list[str]:
        """The generic node types (no dot: not a registered graph's own node)."""
        return sorted(k for k in self._handlers if "." not in k)

    def handler(self, slug: str, node: dict) -> Handler:
        for key in (node.get("handler"), f"{slug}.{node['id']}", node.get("type"), "llm"):
            if key and key in self._handlers:
                return self._handlers[key]
        raise NotRegistered(f"No behaviour for the node '{node['id']}' of the workflow '{slug}': "
                            "no graph is registered in this process.", hint=HINT)

    def completion(self, slug: str) -> Completion | None:
        return self._completions.get(slug)


def _put(table: dict, key: str, value: Callable) -> None:
    # Registering twice is harmless (startup may run more than once in a process); two behaviours are not.
    if table.get(key, value) is not value:
        raise ValueError(f"'{key}' is registered twice with different behaviour")
    table[key] = value


REGISTRY = Registry()
"""The process's registry, filled at startup."""
