"""Full-text search index (SQLite FTS5 / PostgreSQL tsvector), action closing dates, wider severity

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import facilitator.storage.types
from facilitator.storage.search_schema import (
    DAY_INDEX,
    FIELDS_V1,
    WATCHED_V1,
    create_day_index,
    create_search_index,
    drop_search_index,
)

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("closed_on", facilitator.storage.types.IsoDate(length=10), nullable=True)
        )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # Team scales name levels "Critical" or "Negligible". SQLite ignores lengths, and
        # rebuilding its debriefs table would cascade-delete the children, so it is left alone.
        op.alter_column(
            "debriefs", "severity", type_=sa.String(length=32), existing_type=sa.String(length=8)
        )
    # "severity:SEV2" is the commonest filter; without an index it reads every wide debrief row.
    op.create_index(op.f("ix_debriefs_severity"), "debriefs", ["severity"], unique=False)
    create_day_index(bind)
    # Builds the index from the version-1 field list and fills it for every stored debrief.
    create_search_index(bind, FIELDS_V1, WATCHED_V1)


def downgrade() -> None:
    bind = op.get_bind()
    drop_search_index(bind, WATCHED_V1)
    op.drop_index(op.f("ix_debriefs_severity"), table_name="debriefs")
    op.drop_index(DAY_INDEX, table_name="debriefs")
    if bind.dialect.name == "postgresql":
        op.alter_column(
            "debriefs", "severity", type_=sa.String(length=8), existing_type=sa.String(length=32)
        )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
