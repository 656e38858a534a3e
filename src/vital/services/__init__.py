"""Services: Ask Expert (four modes), Ask Panel and Ask Committee, workflows, analytics, tier limits.

Everything here runs as a tenant's caller: each service gets the connection source
and the `vital.tenancy.Caller`, its SQL goes through
`vital.db.tenant.tenant_transaction(source, caller)` and RLS does the isolation.
"""
