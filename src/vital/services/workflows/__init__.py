"""Workflows: definitions (graphs as JSONB), runs, steps, approvals and events, on LangGraph.

A framework that knows no service: the engine (`engine.py`) compiles a definition's
graph and runs it with the behaviour registered for its nodes (`registry.py`,
filled at startup by `vital.services.graphs.register`); `context.py` is what a
node handler gets, `handlers.py` the generic node types, `records.py` what a run
writes, `runs.py` and `definitions.py` what can be read, `control.py` what people do
to a run (start, decide, pause, resume, cancel).
"""
