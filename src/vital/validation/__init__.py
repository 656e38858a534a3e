"""The schema validator: one SQL query per check over the system catalogs."""
