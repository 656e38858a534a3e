INSERT INTO public.analytics_events (tenant_id, event_type, subject_type, subject_id, properties)
VALUES ((SELECT auth.tenant_id()), %(event_type)s, %(subject_type)s, %(subject_id)s, %(properties)s)
