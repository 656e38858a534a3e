"""The schema: migrations, rollbacks and seeds (SQL), and the code that applies them."""
