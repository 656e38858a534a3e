SELECT p.id, p.kind, a.slug AS archetype, p.question, p.status, p.consensus_level, p.consensus_threshold, p.current_round,
       p.max_rounds, p.created_at
  FROM public.panel_sessions p
  LEFT JOIN public.panel_archetypes a ON a.tenant_id = p.archetype_tenant_id AND a.id = p.archetype_id
 WHERE p.deleted_at IS NULL
 ORDER BY p.created_at DESC
 LIMIT %(limit)s
