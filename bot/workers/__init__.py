"""The worker tier: tasks on a Dramatiq queue (README, "Running at scale")."""
