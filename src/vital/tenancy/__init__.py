"""Tenancy: which tenant a request or a command is for, and who acts in it.

- `hosts`: host name -> subdomain (pure functions);
- `lookup`: subdomain -> tenant under a named `Rule` (SERVING or OPERATING), and a tenant's members;
- `claims`: JWT claims -> tenant, the rule of SQL's `auth.tenant_id()` written once in Python;
- `caller`: the one `Caller` type that `vital.db.tenant.tenant_transaction` enters a tenant as.

See docs/tenancy.md.
"""

from vital.tenancy.caller import Caller
from vital.tenancy.claims import tenant_of_claims
from vital.tenancy.hosts import request_host, subdomain_from_host
from vital.tenancy.lookup import Member, Rule, Tenant, find_tenant, member_caller, member_of, tenant_holding

__all__ = ["Caller", "Member", "Rule", "Tenant", "find_tenant", "member_caller", "member_of", "request_host",
           "subdomain_from_host", "tenant_holding", "tenant_of_claims"]
