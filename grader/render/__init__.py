"""Pure functions from a result to terminal text or HTML."""
