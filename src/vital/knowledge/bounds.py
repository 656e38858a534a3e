"""Search's strategies and the graph walk's depth limit: what callers check input against, kept apart
from the search so that the CLI's options name them without importing it (numpy, the embedder)."""

STRATEGIES = ("vector", "fulltext", "hybrid", "graph", "fusion")
MAX_DEPTH = 3
