"""Evaluation of answers over the knowledge base: golden sets of questions in the database
(`golden`), runs that ask them as a tenant and judge each answer (`runner`, `judge`), the
run's metrics (`metrics`), and the difference between two runs (`compare`) (docs/knowledge.md#evaluation)."""
