-- The answer must be visible to the caller (RLS), else nothing is inserted.
INSERT INTO public.feedback (tenant_id, message_id, synthesis_id, rating, reasons, comment)
SELECT (SELECT auth.tenant_id()), %(message_id)s, %(synthesis_id)s, %(rating)s, %(reasons)s, %(comment)s
 WHERE EXISTS (SELECT FROM public.ask_expert_messages WHERE id = %(message_id)s AND role = 'assistant')
    OR EXISTS (SELECT FROM public.panel_syntheses WHERE id = %(synthesis_id)s)
RETURNING id, created_at
