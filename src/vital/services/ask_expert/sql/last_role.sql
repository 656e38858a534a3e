-- Who spoke last in a session (a failed run's session gets an answer saying so, once).
SELECT role FROM public.ask_expert_messages WHERE session_id = %(session_id)s ORDER BY seq DESC LIMIT 1
