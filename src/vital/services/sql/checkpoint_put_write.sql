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
