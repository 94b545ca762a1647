"""Supporting links, reviewers, report owner and review status, starred and imported events

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import facilitator.storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _child_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), server_default="", nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("review_status", sa.String(length=16), nullable=True))
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("starred", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("source", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "links",
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        *_child_columns(),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_links_debrief_id"), "links", ["debrief_id"], unique=False)
    op.create_table(
        "reviewers",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("reviewed_on", facilitator.storage.types.IsoDate(length=10), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        *_child_columns(),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_reviewers_debrief_id"), "reviewers", ["debrief_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reviewers_debrief_id"), table_name="reviewers")
    op.drop_table("reviewers")
    op.drop_index(op.f("ix_links_debrief_id"), table_name="links")
    op.drop_table("links")
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_column("source")
        batch_op.drop_column("starred")
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.drop_column("review_status")
        batch_op.drop_column("owner")
