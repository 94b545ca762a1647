"""Action item history, checkpoint and monthly reviews, and their decisions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import facilitator.storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_DATE = facilitator.storage.types.IsoDate(length=10)
_MOMENT = facilitator.storage.types.AwareDateTime(length=40)


def upgrade() -> None:
    op.create_table(
        "action_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("item_uid", sa.String(length=36), nullable=False),
        sa.Column("at", _MOMENT, nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_action_history_item", "action_history", ["debrief_id", "item_uid"], unique=False
    )
    op.create_table(
        "follow_up_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("held_on", _DATE, nullable=False),
        sa.Column("held_by", sa.Text(), nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=True),
        sa.Column("next_checkpoint", _DATE, nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("started_at", _MOMENT, nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_follow_up_reviews_debrief_id"), "follow_up_reviews", ["debrief_id"], unique=False
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("item_uid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("debrief_title", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("before_status", sa.String(length=16), nullable=False),
        sa.Column("after_status", sa.String(length=16), nullable=False),
        sa.Column("before_priority", sa.String(length=4), nullable=True),
        sa.Column("after_priority", sa.String(length=4), nullable=True),
        sa.Column("before_due", _DATE, nullable=True),
        sa.Column("after_due", _DATE, nullable=True),
        sa.Column("decided_at", _MOMENT, nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["review_id"], ["follow_up_reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_review_decisions_review_id"), "review_decisions", ["review_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_review_decisions_review_id"), table_name="review_decisions")
    op.drop_table("review_decisions")
    op.drop_index(op.f("ix_follow_up_reviews_debrief_id"), table_name="follow_up_reviews")
    op.drop_table("follow_up_reviews")
    op.drop_index("ix_action_history_item", table_name="action_history")
    op.drop_table("action_history")
