SELECT p.id, p.kind, a.slug AS archetype, p.question, p.context, p.status, p.consensus_threshold, p.consensus_level,
       p.max_rounds, p.current_round, p.settings, p.workflow_run_id, p.created_at, p.completed_at
  FROM public.panel_sessions p
  LEFT JOIN public.panel_archetypes a ON a.tenant_id = p.archetype_tenant_id AND a.id = p.archetype_id
 WHERE p.id = %(panel_id)s AND p.deleted_at IS NULL
