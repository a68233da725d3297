"""editions: an article's language and the group linking it to its translations (issue #17)

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28 16:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False, server_default="en")
        )
        batch_op.add_column(sa.Column("translation_group", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.create_index("ix_article_language_status_published", ["language", "status", "published_at"], unique=False)
        batch_op.create_index("uq_article_translation_language", ["translation_group", "language"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("uq_article_translation_language")
        batch_op.drop_index("ix_article_language_status_published")
        batch_op.drop_column("translation_group")
        batch_op.drop_column("language")
