"""Storage: the tenant's buckets and files, bytes in PostgreSQL, under RLS (docs/api.md#storage).
`objects` is what a caller may do with them, `signing` the tokens of signed URLs; the HTTP side is
vital.api.storage."""
