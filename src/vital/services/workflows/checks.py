"""A definition's graph checked before it is stored: its size against the tenant's caps, then its shape.

Size comes first and costs one len() per list, so an 8,000-node graph is refused before
anything walks it. The database keeps its own shape CHECK (workflow_graph_is_valid) for
writes that do not come through here (/rest/v1); this adds what it cannot know: the
tenant's caps, the node types this deployment can run, and nodes no path reaches.
"""

from __future__ import annotations

from collections import deque

from vital.services.workflows.caps import Caps, DefinitionRefused, too_large
from vital.services.workflows.registry import Registry

SHAPE_HINT = 'A graph is {"nodes": [{"id", "type", ...}], "edges": [{"from", "to", "condition"?}]}.'


def check_graph(graph: object, slug: str, limit: Caps, registry: Registry) -> None:
    """Refuse (DefinitionRefused, naming the problem) a graph that is too large or malformed."""
    if not isinstance(graph, dict) or not isinstance(graph.get("nodes"), list) \
            or not isinstance(graph.get("edges"), list):
        raise _shape("The graph needs a list of nodes and a list of edges.")
    nodes, edges = graph["nodes"], graph["edges"]
    if len(nodes) > limit["definition_nodes"]:
        raise too_large(limit, "definition_nodes", len(nodes))
    if len(edges) > limit["definition_edges"]:
        raise too_large(limit, "definition_edges", len(edges))
    ids = _node_ids(nodes)
    for node in nodes:
        _check_node(node, slug, limit, registry)
    reach: dict[str, list[str]] = {}
    for edge in edges:
        if not isinstance(edge, dict) or not isinstance(edge.get("from"), str) or not isinstance(edge.get("to"), str):
            raise _shape("Each edge needs a 'from' and a 'to' (node ids, or __start__ and __end__).")
        if edge["from"] not in ids and edge["from"] != "__start__":
            raise _shape(f"The edge {edge['from']} -> {edge['to']} starts at no node: '{edge['from']}' is unknown.")
        if edge["to"] not in ids and edge["to"] != "__end__":
            raise _shape(f"The edge {edge['from']} -> {edge['to']} leads to no node: '{edge['to']}' is unknown.")
        reach.setdefault(edge["from"], []).append(edge["to"])
    if "__start__" not in reach:
        raise _shape("No edge leaves __start__: the graph has no first node.")
    unreachable = [i for i in ids if i not in _reached(reach)]
    if unreachable:
        raise _shape(f"No path from __start__ reaches {_listed(unreachable)}.",
                     hint="Connect these nodes or remove them.")


def _node_ids(nodes: list) -> list[str]:
    ids: list[str] = []
    seen: set[str] = set()
    for node in nodes:
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node["id"]:
            raise _shape("Each node needs an 'id' (a non-empty string).")
        if node["id"] in ("__start__", "__end__"):
            raise _shape(f"'{node['id']}' is reserved; give the node another id.")
        if node["id"] in seen:
            raise _shape(f"Two nodes have the id '{node['id']}'.")
        seen.add(node["id"])
        ids.append(node["id"])
    return ids


def _check_node(node: dict, slug: str, limit: Caps, registry: Registry) -> None:
    if not registry.knows(slug, node):
        raise _shape(f"The node '{node['id']}' has an unknown type: {node.get('type')!r}.",
                     hint=f"Use one of: {', '.join(registry.node_types())}.")
    tools = node.get("tools")
    if tools is None:
        return
    if not isinstance(tools, list) or not all(isinstance(t, str) for t in tools):
        raise _shape(f"The tools of the node '{node['id']}' must be a list of tool names.")
    if len(tools) > limit["tools_per_node"]:
        raise too_large(limit, "tools_per_node", len(tools), f" in the node '{node['id']}'")
    repeated = sorted({t for t in tools if tools.count(t) > 1})
    if repeated:
        raise _shape(f"The node '{node['id']}' lists {_listed(repeated)} more than once.",
                     hint="List each tool once.")


def _reached(reach: dict[str, list[str]]) -> set[str]:
    seen, queue = {"__start__"}, deque(["__start__"])
    while queue:
        for target in reach.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _listed(names: list[str]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _shape(message: str, hint: str = SHAPE_HINT) -> DefinitionRefused:
    return DefinitionRefused(message, hint=hint)
