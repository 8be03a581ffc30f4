"""Alembic migrations of the review service (alembic.ini lives here)."""
