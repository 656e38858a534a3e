-- Agents the caller may use, with the question's words each one matches, by field:
-- name/domain/subdomain (search_vector weight A), capability phrases (B) and the
-- taxonomy capabilities and skills, knowledge domains, tagline/description (C).
-- Only agents matching at least one word come back; `agents` is how many were
-- considered (for word rarity). A tenant's fork hides the platform agent it copies.
WITH words AS (
  SELECT DISTINCT w AS word, quote_literal(w)::tsquery AS tsq
    FROM unnest(tsvector_to_array(to_tsvector('english', %(query)s))) AS w
),
candidates AS (
  SELECT a.tenant_id, a.id, a.slug, a.name, a.domain, a.tier, a.search_vector, count(*) OVER () AS agents
    FROM public.agents a
   WHERE a.status = 'active'
     AND a.deleted_at IS NULL
     AND NOT EXISTS (SELECT FROM public.agents f
                      WHERE f.forked_from_tenant_id = a.tenant_id AND f.forked_from_id = a.id
                        AND f.tenant_id <> a.tenant_id AND f.status = 'active' AND f.deleted_at IS NULL)
),
taxonomy AS (
  SELECT x.tenant_id, x.agent_id, to_tsvector('english', string_agg(x.txt, ' ')) AS tsv
    FROM (SELECT ac.tenant_id, ac.agent_id, c.name || ' ' || coalesce(c.description, '') AS txt
            FROM public.agent_capabilities ac
            JOIN public.capabilities c ON c.tenant_id = ac.capability_tenant_id AND c.id = ac.capability_id
          UNION ALL
          SELECT s.tenant_id, s.agent_id, k.name || ' ' || coalesce(k.description, '')
            FROM public.agent_skills s
            JOIN public.skills k ON k.tenant_id = s.skill_tenant_id AND k.id = s.skill_id) x
   GROUP BY x.tenant_id, x.agent_id
),
domains AS (
  SELECT d.tenant_id, d.agent_id,
         to_tsvector('english', string_agg(kd.name || ' ' || coalesce(kd.description, ''), ' ')) AS tsv
    FROM public.agent_knowledge_domains d
    JOIN public.knowledge_domains kd ON kd.tenant_id = d.domain_tenant_id AND kd.id = d.domain_id
   GROUP BY d.tenant_id, d.agent_id
),
matched AS (
  SELECT c.tenant_id, c.id, c.slug, c.name, c.domain, c.tier, c.agents,
         array(SELECT word FROM words WHERE ts_filter(c.search_vector, '{a}') @@ tsq) AS name_words,
         array(SELECT word FROM words WHERE ts_filter(c.search_vector, '{b}') @@ tsq
                                         OR coalesce(t.tsv @@ tsq, false)) AS capability_words,
         array(SELECT word FROM words WHERE coalesce(d.tsv @@ tsq, false)) AS domain_words,
         array(SELECT word FROM words WHERE ts_filter(c.search_vector, '{c}') @@ tsq) AS text_words
    FROM candidates c
    LEFT JOIN taxonomy t ON t.tenant_id = c.tenant_id AND t.agent_id = c.id
    LEFT JOIN domains d ON d.tenant_id = c.tenant_id AND d.agent_id = c.id
)
SELECT tenant_id, id, slug, name, domain, tier, agents, name_words, capability_words, domain_words, text_words,
       (SELECT array_agg(word) FROM words) AS query_words
  FROM matched
 WHERE cardinality(name_words) + cardinality(capability_words) + cardinality(domain_words)
       + cardinality(text_words) > 0
