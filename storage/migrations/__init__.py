"""Alembic migrations for Jingmin."""
