SELECT c.message_id, c.rank, c.chunk_tenant_id, c.chunk_id, c.score, c.quote, ch.document_id
  FROM public.ask_expert_citations c
  JOIN public.ask_expert_messages m ON m.tenant_id = c.tenant_id AND m.id = c.message_id
  LEFT JOIN public.rag_knowledge_chunks ch ON ch.tenant_id = c.chunk_tenant_id AND ch.id = c.chunk_id
 WHERE m.session_id = %(session_id)s
 ORDER BY m.seq, c.rank
