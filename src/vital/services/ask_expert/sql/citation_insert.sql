INSERT INTO public.ask_expert_citations (tenant_id, message_id, chunk_tenant_id, chunk_id, rank, score, quote)
VALUES ((SELECT auth.tenant_id()), %(message_id)s, %(chunk_tenant_id)s, %(chunk_id)s, %(rank)s, %(score)s, %(quote)s)
