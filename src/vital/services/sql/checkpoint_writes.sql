-- The pending writes of one checkpoint, in the order LangGraph applies them
-- (writes_sort_key: task_path, task_id, idx).
SELECT task_id, channel, type, value
  FROM public.workflow_checkpoints
 WHERE thread_id = %(thread_id)s
   AND checkpoint_ns = %(checkpoint_ns)s
   AND checkpoint_id = %(checkpoint_id)s
   AND kind = 'write'
 ORDER BY coalesce(task_path, ''), task_id, idx
