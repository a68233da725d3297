"""redirects: imported ones wait for an admin's confirmation (their 301s are cached briefly until then)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 21:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("redirect", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed", sa.Boolean(), nullable=False, server_default=sa.true()))
    # Redirects brought by an earlier import were never reviewed by anyone.
    op.execute("UPDATE redirect SET confirmed = false WHERE source = 'wordpress'")


def downgrade() -> None:
    with op.batch_alter_table("redirect", schema=None) as batch_op:
        batch_op.drop_column("confirmed")
