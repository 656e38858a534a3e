INSERT INTO public.workflow_checkpoints
  (tenant_id, run_id, kind, thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
VALUES ((SELECT auth.tenant_id()), %(run_id)s, 'checkpoint', %(thread_id)s, %(checkpoint_ns)s, %(checkpoint_id)s,
        %(parent_checkpoint_id)s, %(type)s, %(checkpoint)s, %(metadata)s)
ON CONFLICT ON CONSTRAINT workflow_checkpoints_key
DO UPDATE SET type = excluded.type, checkpoint = excluded.checkpoint, metadata = excluded.metadata
