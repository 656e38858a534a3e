-- The one audit entry an import or an erase leaves for its tenant: on the
-- tenants row, with counts only (never a copy of the rows).
INSERT INTO public.audit_log (tenant_id, table_name, row_id, action, new_data)
VALUES (%(tenant)s, 'tenants', %(tenant)s, %(action)s, %(data)s)
