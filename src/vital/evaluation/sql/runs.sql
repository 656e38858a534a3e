-- Evaluation runs and their results (vital.evaluation.runs), always in the caller's
-- transaction under RLS: own rows, and the platform's golden set, which every tenant reads.

-- name: set_by_slug
-- The caller's own set of that name first, else the platform's.
SELECT tenant_id, id, slug FROM public.eval_sets
 WHERE slug = %(slug)s
 ORDER BY tenant_id = (SELECT auth.tenant_id()) DESC LIMIT 1;

-- name: questions
SELECT q.tenant_id, q.id, q.question, q.expected_document, q.fact_pattern, q.should_decline
  FROM public.eval_questions q
  JOIN public.eval_sets s ON s.tenant_id = q.tenant_id AND s.id = q.set_id
 WHERE (%(tag)s = 'all' OR q.tag = %(tag)s)
   AND (%(set_id)s::uuid IS NULL OR (q.tenant_id = %(set_tenant)s::uuid AND q.set_id = %(set_id)s::uuid))
 ORDER BY s.tenant_id = (SELECT auth.tenant_id()) DESC, s.slug, q.question;

-- name: run_insert
INSERT INTO public.eval_runs (tenant_id, tag, set_tenant_id, set_id, mode, k, settings, questions_total)
VALUES ((SELECT auth.tenant_id()), %(tag)s, %(set_tenant)s, %(set_id)s, %(mode)s, %(k)s, %(settings)s,
        %(total)s)
RETURNING id;

-- name: result_insert
INSERT INTO public.eval_results (tenant_id, run_id, question_tenant_id, question_id, position, question,
                                 expected_document, fact_pattern, should_decline)
VALUES ((SELECT auth.tenant_id()), %(run)s, %(question_tenant)s, %(question_id)s, %(position)s, %(question)s,
        %(expected_document)s, %(fact_pattern)s, %(should_decline)s);

-- name: run_start
-- A queued run starts; a running one (a retried job) goes on. Anything else: nothing to do.
UPDATE public.eval_runs SET status = 'running', started_at = coalesce(started_at, now())
 WHERE id = %(run)s AND status IN ('queued', 'running')
RETURNING id, mode, k, settings;

-- name: pending
SELECT id, position, question, expected_document, fact_pattern, should_decline
  FROM public.eval_results
 WHERE run_id = %(run)s AND answer IS NULL AND error IS NULL
 ORDER BY position;

-- name: result_update
UPDATE public.eval_results
   SET retrieved = %(retrieved)s, hit_rank = %(hit_rank)s, answer = %(answer)s, confidence = %(confidence)s,
       fact_found = %(fact_found)s, declined = %(declined)s, correct = %(correct)s,
       citations_total = %(citations_total)s, citations_valid = %(citations_valid)s,
       latency_ms = %(latency_ms)s, session_id = %(session_id)s, error = %(error)s
 WHERE id = %(id)s;

-- name: run_advance
UPDATE public.eval_runs SET questions_done = questions_done + 1 WHERE id = %(run)s;

-- name: run_finish
UPDATE public.eval_runs
   SET status = %(status)s, metrics = %(metrics)s, error = %(error)s,
       started_at = coalesce(started_at, now()), finished_at = now()
 WHERE id = %(run)s;

-- name: documents
-- What retrieval and citations name, to match a question's expected document.
SELECT id::text AS document_id, title, source_ref, metadata ->> 'slug' AS slug
  FROM public.rag_documents WHERE id = ANY (%(ids)s::uuid[]);

-- name: chunks
SELECT id::text AS chunk_id, chunk_text FROM public.rag_knowledge_chunks WHERE id = ANY (%(ids)s::uuid[]);

-- name: run_get
SELECT r.id, r.status, r.tag, s.slug AS eval_set, r.mode, r.k, r.settings, r.questions_total, r.questions_done,
       r.progress, r.metrics, r.error, r.started_at, r.finished_at, r.created_at, r.created_by
  FROM public.eval_runs r
  LEFT JOIN public.eval_sets s ON s.tenant_id = r.set_tenant_id AND s.id = r.set_id
 WHERE r.id = %(run)s;

-- name: runs_recent
SELECT r.id, r.status, r.tag, s.slug AS eval_set, r.mode, r.k, r.settings, r.questions_total, r.questions_done,
       r.progress, r.metrics, r.error, r.started_at, r.finished_at, r.created_at, r.created_by
  FROM public.eval_runs r
  LEFT JOIN public.eval_sets s ON s.tenant_id = r.set_tenant_id AND s.id = r.set_id
 ORDER BY r.created_at DESC, r.id
 LIMIT %(limit)s;

-- name: results
SELECT id, position, question_id, question, expected_document, fact_pattern, should_decline, retrieved, hit_rank,
       answer, confidence, fact_found, declined, correct, citations_total, citations_valid, latency_ms,
       session_id, error
  FROM public.eval_results WHERE run_id = %(run)s ORDER BY position;
