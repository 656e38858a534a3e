-- Agents the caller may use (the same ones as agent_candidates.sql), each with the
-- text its meaning is read from: name, domain and subdomain, tagline, description,
-- capability phrases and knowledge domains. `updated_at` keys the vector cache.
SELECT a.tenant_id, a.id, a.slug, a.name, a.domain, a.tier, a.updated_at,
       concat_ws('. ', a.name, a.domain, a.subdomain, a.tagline, a.description,
                 array_to_string(a.capabilities, ', '),
                 (SELECT string_agg(kd.name, ', ' ORDER BY kd.name)
                    FROM public.agent_knowledge_domains d
                    JOIN public.knowledge_domains kd ON kd.tenant_id = d.domain_tenant_id AND kd.id = d.domain_id
                   WHERE d.tenant_id = a.tenant_id AND d.agent_id = a.id)) AS profile
  FROM public.agents a
 WHERE a.status = 'active'
   AND a.deleted_at IS NULL
   AND NOT EXISTS (SELECT FROM public.agents f
                    WHERE f.forked_from_tenant_id = a.tenant_id AND f.forked_from_id = a.id
                      AND f.tenant_id <> a.tenant_id AND f.status = 'active' AND f.deleted_at IS NULL)
