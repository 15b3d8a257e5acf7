"""phone calls: Twilio CallSid, telephony status and duration on the call record

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.add_column(sa.Column("provider_call_sid", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("telephony_status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("duration_s", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint("uq_calls_provider_call_sid", ["provider_call_sid"])


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.drop_constraint("uq_calls_provider_call_sid", type_="unique")
        batch_op.drop_column("duration_s")
        batch_op.drop_column("telephony_status")
        batch_op.drop_column("provider_call_sid")
