INSERT INTO public.panel_votes (tenant_id, panel_id, member_id, round, position, abstain, weight, confidence, rationale)
VALUES ((SELECT auth.tenant_id()), %(panel_id)s, %(member_id)s, %(round)s, %(position)s::text, %(position)s::text IS NULL,
        %(weight)s, %(confidence)s, %(rationale)s)
ON CONFLICT ON CONSTRAINT panel_votes_member_round_key DO NOTHING
