-- Golden sets (vital.evaluation.golden): the platform's, written by the seeding owner,
-- and a tenant's, written in its own transaction under RLS (tenant = the caller's).

-- name: platform
SELECT vital.platform_tenant_id() AS id;

-- name: set_upsert
-- The platform's rows get ids from their natural keys (vital.seed_uuid), like the library's
-- documents, so that a tenant's results pointing at them import into another deployment.
INSERT INTO public.eval_sets (id, tenant_id, slug, name, description)
VALUES (coalesce(%(id)s, gen_random_uuid()), %(tenant)s, %(slug)s, %(name)s, %(description)s)
ON CONFLICT ON CONSTRAINT eval_sets_slug_key
DO UPDATE SET name = EXCLUDED.name, description = coalesce(EXCLUDED.description, public.eval_sets.description)
RETURNING id;

-- name: questions
SELECT id, question, expected_document, fact_pattern, should_decline, tag
  FROM public.eval_questions WHERE tenant_id = %(tenant)s AND set_id = %(set)s;

-- name: question_insert
INSERT INTO public.eval_questions (id, tenant_id, set_id, question, expected_document, fact_pattern, should_decline,
                                   tag)
VALUES (coalesce(%(id)s, gen_random_uuid()), %(tenant)s, %(set)s, %(question)s, %(expected_document)s,
        %(fact_pattern)s, %(should_decline)s, %(tag)s);

-- name: platform_ids
SELECT vital.seed_uuid('eval_sets', 'platform', %(slug)s) AS set_id,
       ARRAY(SELECT vital.seed_uuid('eval_questions', 'platform', %(slug)s, q)
               FROM unnest(%(questions)s::text[]) WITH ORDINALITY AS t (q, n) ORDER BY n) AS question_ids;

-- name: question_update
UPDATE public.eval_questions
   SET expected_document = %(expected_document)s, fact_pattern = %(fact_pattern)s,
       should_decline = %(should_decline)s, tag = %(tag)s
 WHERE tenant_id = %(tenant)s AND id = %(id)s;

-- name: questions_delete
DELETE FROM public.eval_questions WHERE tenant_id = %(tenant)s AND id = ANY (%(ids)s::uuid[]);
