"""Alembic migration environment for the debrief store."""
