"""Helpers every stage shares: settings with help text, PNG plots for metadata, the code version."""
