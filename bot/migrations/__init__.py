"""Alembic migrations of Briefbot's own tables (`bot.schema.upgrade` runs them)."""
