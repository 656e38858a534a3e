"""The `vital` command line."""
