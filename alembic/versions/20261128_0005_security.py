"""security: staff sessions get an idle timeout and rotation; staff replies are marked

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from artisan_app.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("usersession", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("rotated_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("by_staff", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Replies the newsroom signed before this column existed: no address, by the publication.
    op.execute("UPDATE comment SET by_staff = true WHERE email_normalized = '' AND owner_key = ''")


def downgrade() -> None:
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_column("by_staff")
    with op.batch_alter_table("usersession", schema=None) as batch_op:
        batch_op.drop_column("rotated_at")
        batch_op.drop_column("last_seen_at")
