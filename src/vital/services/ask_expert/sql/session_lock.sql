-- Messages of one session are numbered one at a time.
SELECT status FROM public.ask_expert_sessions WHERE id = %(session_id)s AND deleted_at IS NULL FOR UPDATE
