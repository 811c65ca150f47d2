"""Serving: what the gateway puts around the model (the member's context block, and later guardrails)."""
