"""An index on the services and tags lists, so service:/tag: filters fold each label once

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

from alembic import op

from facilitator.storage.search_schema import LABEL_INDEX, create_label_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Raw DDL (an expression and a partial index), kept out of autogenerate like the day index.
    create_label_index(op.get_bind())


def downgrade() -> None:
    op.drop_index(LABEL_INDEX, table_name="list_items")
