"""LangGraph's checkpoint saver, storing into workflow_checkpoints under RLS.

LangGraph's own Postgres saver keeps its tables outside any tenant and outside
RLS; this one writes the same information (checkpoints and pending writes, the
layout of its SQLite saver: channel values inside the checkpoint blob) into the
tenant-scoped table, each call in its own tenant transaction. A run whose
process dies therefore resumes from its last committed step.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    WRITES_IDX_MAP,
    BaseCheckpointSaver,
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
    get_checkpoint_id,
    get_serializable_checkpoint_metadata,
)

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.db.rows import many, one
from vital.tenancy import Caller

SQL = Queries(__name__)


class TenantCheckpointer(BaseCheckpointSaver[str]):
    def __init__(self, source: Source, caller: Caller, run_id: str | None = None):
        super().__init__()
        self.source, self.caller = source, caller
        self.run_id = run_id

    def _tx(self, *, read_only: bool = False):
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    # -- reads -----------------------------------------------------------------
    def get_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        conf = config["configurable"]
        thread_id, ns = conf["thread_id"], conf.get("checkpoint_ns", "")
        with self._tx(read_only=True) as conn:
            row = one(conn, SQL("checkpointer.get"), {"thread_id": thread_id, "checkpoint_ns": ns,
                                                      "checkpoint_id": get_checkpoint_id(config)})
            if row is None:
                return None
            writes = self._writes(conn, thread_id, ns, row["checkpoint_id"])
        return self._tuple({**row, "thread_id": thread_id, "checkpoint_ns": ns}, writes)

    def list(self, config: RunnableConfig | None, *, filter: dict[str, Any] | None = None,
             before: RunnableConfig | None = None, limit: int | None = None) -> Iterator[CheckpointTuple]:
        conf = (config or {}).get("configurable", {})
        params = {"thread_id": conf.get("thread_id"), "checkpoint_ns": conf.get("checkpoint_ns"),
                  "checkpoint_id": conf.get("checkpoint_id"),
                  "before": get_checkpoint_id(before) if before else None,
                  "filter": json.dumps(filter) if filter else None, "limit": limit}
        with self._tx(read_only=True) as conn:
            rows = many(conn, SQL("checkpointer.list"), params)
            found = [(row, self._writes(conn, row["thread_id"], row["checkpoint_ns"], row["checkpoint_id"]))
                     for row in rows]
        for row, writes in found:
            yield self._tuple(row, writes)

    # -- writes ----------------------------------------------------------------
    def put(self, config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata,
            new_versions: ChannelVersions) -> RunnableConfig:
        conf = config["configurable"]
        thread_id, ns = conf["thread_id"], conf.get("checkpoint_ns", "")
        type_, blob = self.serde.dumps_typed(checkpoint)
        meta = get_serializable_checkpoint_metadata(config, metadata)
        with self._tx() as conn:
            conn.execute(SQL("checkpointer.put"), {
                "run_id": self.run_id, "thread_id": thread_id, "checkpoint_ns": ns,
                "checkpoint_id": checkpoint["id"], "parent_checkpoint_id": conf.get("checkpoint_id"),
                "type": type_, "checkpoint": blob, "metadata": json.dumps(meta, default=str)})
        return {"configurable": {"thread_id": thread_id, "checkpoint_ns": ns, "checkpoint_id": checkpoint["id"]}}

    def put_writes(self, config: RunnableConfig, writes: Sequence[tuple[str, Any]], task_id: str,
                   task_path: str = "") -> None:
        conf = config["configurable"]
        rows = []
        for idx, (channel, value) in enumerate(writes):
            type_, blob = self.serde.dumps_typed(value)
            rows.append({"run_id": self.run_id, "thread_id": conf["thread_id"],
                         "checkpoint_ns": conf.get("checkpoint_ns", ""), "checkpoint_id": conf["checkpoint_id"],
                         "task_id": task_id, "task_path": task_path, "idx": WRITES_IDX_MAP.get(channel, idx),
                         "channel": channel, "type": type_, "value": blob})
        with self._tx() as conn, conn.cursor() as cur:
            cur.executemany(SQL("checkpointer.put_write"), rows)

    def delete_thread(self, thread_id: str) -> None:
        with self._tx() as conn:
            conn.execute(SQL("checkpointer.delete_thread"), {"thread_id": thread_id})

    def get_next_version(self, current: str | None, channel: None) -> str:
        # The format of LangGraph's own savers: a counter, then a random tie-breaker.
        number = 0 if current is None else int(str(current).split(".")[0])
        return f"{number + 1:032}.{random.random():016}"

    # -- helpers ---------------------------------------------------------------
    def _writes(self, conn, thread_id: str, ns: str, checkpoint_id: str) -> list[tuple[str, str, Any]]:
        rows = many(conn, SQL("checkpointer.writes"), {"thread_id": thread_id, "checkpoint_ns": ns,
                                                       "checkpoint_id": checkpoint_id})
        return [(r["task_id"], r["channel"], self.serde.loads_typed((r["type"], bytes(r["value"])))) for r in rows]

    def _tuple(self, row: dict, writes: list[tuple[str, str, Any]]) -> CheckpointTuple:
        def cfg(cid: str) -> RunnableConfig:
            return {"configurable": {"thread_id": row["thread_id"], "checkpoint_ns": row["checkpoint_ns"],
                                     "checkpoint_id": cid}}

        parent = row["parent_checkpoint_id"]
        return CheckpointTuple(config=cfg(row["checkpoint_id"]),
                               checkpoint=self.serde.loads_typed((row["type"], bytes(row["checkpoint"]))),
                               metadata=row["metadata"], parent_config=cfg(parent) if parent else None,
                               pending_writes=writes)
