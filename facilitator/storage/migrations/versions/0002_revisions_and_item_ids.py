"""Revisions and stable item ids, so saves from two windows merge instead of overwriting

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 22:10:00

Every debrief gets a ``revision`` raised on each save and a ``conflicts`` list;
every child row gets the ``uid`` of its domain item. Existing rows are given
fresh ids, so databases written before this revision keep working.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CHILD_TABLES = ("participants", "timeline_events", "contributing_factors", "action_items")


def upgrade() -> None:
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("conflicts", sa.JSON(), server_default="[]", nullable=False))
    connection = op.get_bind()
    # One statement per table, so a large library upgrades in seconds, not row by row.
    random_id = (
        "lower(hex(randomblob(16)))"
        if connection.dialect.name == "sqlite"
        else "md5(random()::text || clock_timestamp()::text)"
    )
    for table in (*CHILD_TABLES, "list_items"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("uid", sa.String(length=36), server_default="", nullable=False)
            )
        connection.execute(sa.text(f"UPDATE {table} SET uid = {random_id}"))
    # Labels (services, tags) are keyed by their section and position in the app.
    connection.execute(
        sa.text(
            "UPDATE list_items SET uid = section || '#' || CAST(position AS VARCHAR(12)) "
            "WHERE section IN ('services', 'tags')"
        )
    )


def downgrade() -> None:
    for table in (*CHILD_TABLES, "list_items"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uid")
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.drop_column("conflicts")
        batch_op.drop_column("revision")
