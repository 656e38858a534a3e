"""The question sets a run can ask and its largest k, apart from the runner (which imports Ask Expert
and LangGraph) so that the CLI's options name them without it."""

TAGS = ("golden", "dev", "heldout", "all")
MAX_K = 50
