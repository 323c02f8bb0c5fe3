"""Briefbot engine."""
