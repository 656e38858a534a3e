-- The last turns of a session, oldest first (context for a follow-up question).
SELECT role, content FROM (
  SELECT seq, role, content FROM public.ask_expert_messages
   WHERE session_id = %(session_id)s ORDER BY seq DESC LIMIT %(turns)s) last
 ORDER BY seq
