"""Persistence of debriefs: SQLAlchemy ORM, sessions, Alembic migrations and the service API."""
