"""Ask Panel and Ask Committee: several agents (and, in hybrid panels, people) deliberate over rounds."""
