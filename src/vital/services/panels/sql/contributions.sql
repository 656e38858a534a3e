SELECT c.id, c.member_id, c.round, c.turn, c.content, c.stance, c.confidence, c.citations, c.created_at
  FROM public.panel_contributions c
 WHERE c.panel_id = %(panel_id)s
 ORDER BY c.round, c.created_at, c.turn
