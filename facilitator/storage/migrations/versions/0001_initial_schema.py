"""Initial schema: debriefs and their ordered parts

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 06:48:51.232746
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import facilitator.storage.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "debriefs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("incident", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("facilitator", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("started_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True),
        sa.Column("detected_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True),
        sa.Column(
            "mitigated_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True
        ),
        sa.Column("resolved_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True),
        sa.Column("detection_target_minutes", sa.Float(), nullable=True),
        sa.Column("detection_answer", sa.String(length=3), nullable=True),
        sa.Column("detection_notes", sa.Text(), nullable=False),
        sa.Column("fix_target_minutes", sa.Float(), nullable=True),
        sa.Column("fix_answer", sa.String(length=3), nullable=True),
        sa.Column("fix_notes", sa.Text(), nullable=False),
        sa.Column("meeting_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True),
        sa.Column("checkpoint_at", facilitator.storage.types.IsoDate(length=10), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("primary_cause", sa.Text(), nullable=False),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("ignored_findings", sa.JSON(), nullable=False),
        sa.Column("created_at", facilitator.storage.types.AwareDateTime(length=40), nullable=False),
        sa.Column("updated_at", facilitator.storage.types.AwareDateTime(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debriefs_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "action_items",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=4), nullable=True),
        sa.Column("due", facilitator.storage.types.IsoDate(length=10), nullable=True),
        sa.Column("ticket", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_items_debrief_id"), ["debrief_id"], unique=False
        )

    op.create_table(
        "contributing_factors",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contributing_factors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contributing_factors_debrief_id"), ["debrief_id"], unique=False
        )

    op.create_table(
        "list_items",
        sa.Column("section", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("list_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_items_debrief_id"), ["debrief_id"], unique=False)
        batch_op.create_index("ix_list_items_section", ["debrief_id", "section"], unique=False)

    op.create_table(
        "participants",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participants_debrief_id"), ["debrief_id"], unique=False
        )

    op.create_table(
        "timeline_events",
        sa.Column("at", facilitator.storage.types.AwareDateTime(length=40), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("known", sa.Text(), nullable=False),
        sa.Column("signals", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_timeline_events_debrief_id"), ["debrief_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_events_debrief_id"))

    op.drop_table("timeline_events")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_debrief_id"))

    op.drop_table("participants")
    with op.batch_alter_table("list_items", schema=None) as batch_op:
        batch_op.drop_index("ix_list_items_section")
        batch_op.drop_index(batch_op.f("ix_list_items_debrief_id"))

    op.drop_table("list_items")
    with op.batch_alter_table("contributing_factors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contributing_factors_debrief_id"))

    op.drop_table("contributing_factors")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_items_debrief_id"))

    op.drop_table("action_items")
    with op.batch_alter_table("debriefs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debriefs_updated_at"))

    op.drop_table("debriefs")
