"""editor trust: first publication fixes the slug, hand-edited slugs, rolling autosaves

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-28 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from artisan_app.models.types import UTCDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_published_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("slug_custom", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("articlerevision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("autosave", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Articles already live (or scheduled) have been published: their slugs stay.
    op.execute("UPDATE article SET first_published_at = published_at WHERE status = 'published' AND published_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("articlerevision", schema=None) as batch_op:
        batch_op.drop_column("autosave")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("slug_custom")
        batch_op.drop_column("first_published_at")
