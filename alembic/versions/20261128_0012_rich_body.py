"""rich bodies: inline HTML, list items, image and embed blocks

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 14:15:00

Existing blocks keep ``html`` empty: their ``text`` is shown as text.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("html", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("items", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("image_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=500), server_default="", nullable=False))
        batch_op.add_column(sa.Column("wide", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_foreign_key("fk_block_image_id_image", "image", ["image_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_constraint("fk_block_image_id_image", type_="foreignkey")
        batch_op.drop_column("wide")
        batch_op.drop_column("url")
        batch_op.drop_column("image_id")
        batch_op.drop_column("items")
        batch_op.drop_column("html")
