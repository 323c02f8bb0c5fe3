"""Slack-specific helpers: mrkdwn escaping and Block Kit limits."""
