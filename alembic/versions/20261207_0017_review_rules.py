"""review rules: what an approval or a publication covered; an image block's own alt text

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 21:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("statuschange", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("without_review", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_foreign_key(
            "fk_statuschange_revision_id", "articlerevision", ["revision_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alt", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_column("alt")
    with op.batch_alter_table("statuschange", schema=None) as batch_op:
        batch_op.drop_constraint("fk_statuschange_revision_id", type_="foreignkey")
        batch_op.drop_column("without_review")
        batch_op.drop_column("revision_id")
