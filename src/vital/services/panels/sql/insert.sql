INSERT INTO public.panel_sessions (tenant_id, kind, archetype_tenant_id, archetype_id, question, context, status,
                                   consensus_threshold, max_rounds, settings)
VALUES ((SELECT auth.tenant_id()), %(kind)s, %(archetype_tenant_id)s, %(archetype_id)s, %(question)s, %(context)s,
        'pending', %(threshold)s, %(max_rounds)s, %(settings)s)
RETURNING id
