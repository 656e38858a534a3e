-- A stream's poll of a run: its status and its events after a sequence number, in one statement (one round
-- trip on the event loop: vital.db.tenant.tenant_read). At most 500 events a poll; the caller asks again.
SELECT json_build_object(
         'status', r.status,
         'events', coalesce((
           SELECT json_agg(json_build_object('sequence', e.sequence, 'event', e.event_type, 'payload', e.payload,
                                             'step_id', e.step_id, 'at', e.created_at) ORDER BY e.sequence)
             FROM (SELECT sequence, event_type, payload, step_id, created_at
                     FROM public.workflow_events
                    WHERE run_id = r.id AND sequence > %(after)s
                    ORDER BY sequence
                    LIMIT 500) e), '[]'::json)) AS poll
  FROM public.workflow_runs r
 WHERE r.id = %(run_id)s
