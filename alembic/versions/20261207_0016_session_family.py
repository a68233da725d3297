"""sessions: the family of tokens one sign-in rotates through

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 21:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("usersession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.execute("UPDATE usersession SET family = token_hash")  # each existing session its own family
    with op.batch_alter_table("usersession", schema=None) as batch_op:
        batch_op.alter_column("family", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_usersession_family"), ["family"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("usersession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_usersession_family"))
        batch_op.drop_column("family")
