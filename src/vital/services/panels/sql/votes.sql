SELECT v.member_id, v.round, v.position, v.abstain, v.weight, v.confidence, v.rationale
  FROM public.panel_votes v
 WHERE v.panel_id = %(panel_id)s AND (%(round)s::int IS NULL OR v.round = %(round)s)
 ORDER BY v.round, v.member_id
