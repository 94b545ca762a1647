"""Where each published debrief stands with the team library

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import facilitator.storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_sync",
        sa.Column("debrief_id", sa.String(length=36), nullable=False),
        sa.Column("team_revision", sa.Integer(), nullable=False),
        sa.Column("local_revision", sa.Integer(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column(
            "published_at", facilitator.storage.types.AwareDateTime(length=40), nullable=True
        ),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("debrief_id"),
    )


def downgrade() -> None:
    op.drop_table("team_sync")
