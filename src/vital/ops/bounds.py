"""Defaults the operations share with the CLI's options, apart from the modules that need psycopg."""

DELETED_ROWS_LIMIT = 100  # soft-deleted rows listed at once
