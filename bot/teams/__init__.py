"""Microsoft Teams: the same commands and digests as Slack, as Adaptive Cards."""
