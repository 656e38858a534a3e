UPDATE public.panel_sessions
   SET status = coalesce(%(status)s, status),
       current_round = coalesce(%(current_round)s, current_round),
       consensus_level = coalesce(%(consensus_level)s, consensus_level),
       workflow_run_id = coalesce(%(run_id)s, workflow_run_id),
       completed_at = CASE WHEN %(status)s IN ('completed', 'failed', 'cancelled') THEN now() ELSE completed_at END
 WHERE id = %(panel_id)s
