SELECT id, round, consensus_level, threshold, reached, recommendation, recommendation_strength AS strength, tally, dissent,
       created_at
  FROM public.panel_syntheses
 WHERE panel_id = %(panel_id)s
 ORDER BY round
