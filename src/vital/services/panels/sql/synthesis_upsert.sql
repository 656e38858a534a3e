INSERT INTO public.panel_syntheses (tenant_id, panel_id, round, consensus_level, threshold, recommendation,
                                    recommendation_strength, tally, dissent)
VALUES ((SELECT auth.tenant_id()), %(panel_id)s, %(round)s, %(level)s, %(threshold)s, %(recommendation)s,
        %(strength)s, %(tally)s, %(dissent)s)
ON CONFLICT ON CONSTRAINT panel_syntheses_round_key DO UPDATE
   SET consensus_level = excluded.consensus_level, threshold = excluded.threshold,
       recommendation = excluded.recommendation, recommendation_strength = excluded.recommendation_strength,
       tally = excluded.tally, dissent = excluded.dissent
RETURNING id
