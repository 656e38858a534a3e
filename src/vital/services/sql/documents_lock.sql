-- One tenant's document-adding transactions, one at a time (until commit).
SELECT pg_advisory_xact_lock(hashtextextended('vital.documents:' || (SELECT auth.tenant_id())::text, 0))
