"""call recordings: where a call's recording is kept, and how long it is

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.add_column(sa.Column("recording_path", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("recording_duration_s", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.drop_column("recording_duration_s")
        batch_op.drop_column("recording_path")
