-- A re-run step writes the same (member, round, turn) again: the first one stays.
INSERT INTO public.panel_contributions (tenant_id, panel_id, member_id, round, turn, content, stance, confidence,
                                       citations)
VALUES ((SELECT auth.tenant_id()), %(panel_id)s, %(member_id)s, %(round)s,
        coalesce(%(turn)s, (SELECT coalesce(max(turn), 0) + 1 FROM public.panel_contributions
                             WHERE panel_id = %(panel_id)s AND member_id = %(member_id)s AND round = %(round)s)),
        %(content)s, %(stance)s, %(confidence)s, %(citations)s)
ON CONFLICT ON CONSTRAINT panel_contributions_turn_key DO NOTHING
RETURNING id, turn
