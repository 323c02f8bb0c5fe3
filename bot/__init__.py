"""Briefbot's adapters at the edge: CLI, Slack, Teams, store, scheduler, delivery."""
