"""Database access: the embedded server, connections, tenant context, error translation."""
