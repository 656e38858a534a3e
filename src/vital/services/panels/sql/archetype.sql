-- An archetype by slug: the caller's own before the platform's.
SELECT tenant_id, id, slug, consensus_threshold, speaking_order, default_rounds, min_members, max_members,
       allows_human_contributions, settings
  FROM public.panel_archetypes
 WHERE slug = %(slug)s
 ORDER BY (tenant_id = (SELECT auth.tenant_id())) DESC
 LIMIT 1
