"""The HTTP API: subdomain tenancy, JWT or API key to RLS, PostgREST-compatible data access."""
