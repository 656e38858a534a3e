"""Services: Ask Expert (four modes), Ask Panel and Ask Committee, workflows, analytics, tier limits.

Everything here runs as a tenant's caller: SQL goes through
`vital.db.tenant.tenant_transaction` (see `scope.Scope`) and RLS does the isolation.
"""
