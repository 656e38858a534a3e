-- One checkpoint of a thread: the one named, or the latest (ids are time-ordered).
SELECT checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata
  FROM public.workflow_checkpoints
 WHERE thread_id = %(thread_id)s
   AND checkpoint_ns = %(checkpoint_ns)s
   AND kind = 'checkpoint'
   AND (%(checkpoint_id)s::text IS NULL OR checkpoint_id = %(checkpoint_id)s)
 ORDER BY checkpoint_id DESC
 LIMIT 1
