"""Search documents kept inline in their rows on PostgreSQL, so ranking reads each once

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

from alembic import op

from facilitator.storage.search_schema import store_documents_inline, store_documents_toasted

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # PostgreSQL only: SQLite's FTS5 keeps its own index pages.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        store_documents_inline(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        store_documents_toasted(bind)
