-- LangGraph's checkpoints and pending writes in workflow_checkpoints (checkpointer.py).

-- name: get
-- One checkpoint of a thread: the one named, or the latest (ids are time-ordered).
SELECT checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata
  FROM public.workflow_checkpoints
 WHERE thread_id = %(thread_id)s
   AND checkpoint_ns = %(checkpoint_ns)s
   AND kind = 'checkpoint'
   AND (%(checkpoint_id)s::text IS NULL OR checkpoint_id = %(checkpoint_id)s)
 ORDER BY checkpoint_id DESC
 LIMIT 1

-- name: list
-- Checkpoints newest first, optionally of one thread/namespace, before an id,
-- whose metadata contains a filter.
SELECT thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata
  FROM public.workflow_checkpoints
 WHERE kind = 'checkpoint'
   AND (%(thread_id)s::text IS NULL OR thread_id = %(thread_id)s)
   AND (%(checkpoint_ns)s::text IS NULL OR checkpoint_ns = %(checkpoint_ns)s)
   AND (%(checkpoint_id)s::text IS NULL OR checkpoint_id = %(checkpoint_id)s)
   AND (%(before)s::text IS NULL OR checkpoint_id < %(before)s)
   AND (%(filter)s::jsonb IS NULL OR metadata @> %(filter)s::jsonb)
 ORDER BY checkpoint_id DESC
 LIMIT %(limit)s

-- name: put
INSERT INTO public.workflow_checkpoints
  (tenant_id, run_id, kind, thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
VALUES ((SELECT auth.tenant_id()), %(run_id)s, 'checkpoint', %(thread_id)s, %(checkpoint_ns)s, %(checkpoint_id)s,
        %(parent_checkpoint_id)s, %(type)s, %(checkpoint)s, %(metadata)s)
ON CONFLICT ON CONSTRAINT workflow_checkpoints_key
DO UPDATE SET type = excluded.type, checkpoint = excluded.checkpoint, metadata = excluded.metadata

-- name: put_write
-- Ordinary writes are kept as first written; special writes (negative idx:
-- error, interrupt, resume) replace the previous one, as LangGraph's savers do.
INSERT INTO public.workflow_checkpoints
  (tenant_id, run_id, kind, thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, value)
VALUES ((SELECT auth.tenant_id()), %(run_id)s, 'write', %(thread_id)s, %(checkpoint_ns)s, %(checkpoint_id)s,
        %(task_id)s, %(task_path)s, %(idx)s, %(channel)s, %(type)s, %(value)s)
ON CONFLICT ON CONSTRAINT workflow_checkpoints_key
DO UPDATE SET channel = excluded.channel, type = excluded.type, value = excluded.value,
              task_path = excluded.task_path
 WHERE excluded.idx < 0

-- name: writes
-- The pending writes of one checkpoint, in the order LangGraph applies them
-- (writes_sort_key: task_path, task_id, idx).
SELECT task_id, channel, type, value
  FROM public.workflow_checkpoints
 WHERE thread_id = %(thread_id)s
   AND checkpoint_ns = %(checkpoint_ns)s
   AND checkpoint_id = %(checkpoint_id)s
   AND kind = 'write'
 ORDER BY coalesce(task_path, ''), task_id, idx

-- name: delete_thread
DELETE FROM public.workflow_checkpoints WHERE thread_id = %(thread_id)s
