"""The platform library: explainers written by the team, shipped in the package
(`documents/<area>/<slug>.md`, evaluation questions in `questions/`) and seeded
into the platform tenant with their vectors, where every tenant reads them (docs/knowledge.md)."""
