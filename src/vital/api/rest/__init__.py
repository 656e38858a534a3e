"""`/rest/v1`: PostgREST's dialect, driven by the catalog."""
