"""Ask Expert: one question, one expert agent, a grounded and cited answer, in four modes."""
