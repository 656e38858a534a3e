"""LangGraph's state in workflow_checkpoints, under RLS: a graph interrupted in one process resumes in
another from the rows alone, and another tenant sees none of them."""

from __future__ import annotations

import operator
import uuid
from typing import Annotated, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.types import Command, interrupt

from tests import pg
from vital.services.checkpointer import TenantCheckpointer


class State(TypedDict, total=False):
    log: Annotated[list, operator.add]


def graph(saver):
    def ask(state):
        return {"log": [f"decided:{interrupt({'question': 'go on?'})}"]}

    builder = StateGraph(State)
    builder.add_node("first", lambda s: {"log": ["first"]})
    builder.add_node("ask", ask)
    builder.add_node("last", lambda s: {"log": ["last"]})
    builder.add_edge(START, "first")
    builder.add_edge("first", "ask")
    builder.add_edge("ask", "last")
    builder.add_edge("last", END)
    return builder.compile(checkpointer=saver)


def test_interrupt_and_resume_from_the_table_alone(api_pool, callers, services_db):
    config = {"configurable": {"thread_id": f"test-{uuid.uuid4()}"}}
    first = graph(TenantCheckpointer(api_pool, callers["acme"]))
    out = first.invoke({"log": []}, config, durability="sync")
    assert out["log"] == ["first"] and out["__interrupt__"][0].value == {"question": "go on?"}

    again = graph(TenantCheckpointer(api_pool, callers["acme"]))  # a new saver: nothing in memory
    assert again.get_state(config).next == ("ask",)
    assert again.invoke(Command(resume="yes"), config, durability="sync")["log"] == ["first", "decided:yes", "last"]
    history = list(again.get_state_history(config))
    assert len(history) >= 4 and history[0].next == ()
    assert list(TenantCheckpointer(api_pool, callers["acme"]).list(config, limit=2)).__len__() == 2
    with pg.connect(services_db[0]) as conn:
        rows = conn.execute("SELECT DISTINCT t.subdomain, c.kind FROM workflow_checkpoints c "
                            "JOIN tenants t ON t.id = c.tenant_id WHERE c.thread_id = %s",
                            (config["configurable"]["thread_id"],)).fetchall()
    assert sorted(rows) == [("acme", "checkpoint"), ("acme", "write")]


def test_another_tenant_cannot_read_or_resume_the_thread(api_pool, callers):
    config = {"configurable": {"thread_id": f"test-{uuid.uuid4()}"}}
    graph(TenantCheckpointer(api_pool, callers["acme"])).invoke({"log": []}, config, durability="sync")
    stranger = TenantCheckpointer(api_pool, callers["pharmaco"])
    assert stranger.get_tuple(config) is None
    assert list(stranger.list(config)) == []
    stranger.delete_thread(config["configurable"]["thread_id"])  # deletes nothing of acme's
    assert TenantCheckpointer(api_pool, callers["acme"]).get_tuple(config) is not None
