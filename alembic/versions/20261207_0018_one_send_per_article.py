"""one newsletter send per article: newsletter.article_id unique

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 21:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Sends created twice for one article by simultaneous requests: the later ones keep their
    # history (deliveries, counts) but no longer point at the article.
    op.execute(
        sa.text(
            "UPDATE newsletter SET article_id = NULL WHERE article_id IS NOT NULL AND id NOT IN "
            "(SELECT first_id FROM (SELECT min(id) AS first_id FROM newsletter WHERE article_id IS NOT NULL "
            "GROUP BY article_id) AS firsts)"
        )
    )
    with op.batch_alter_table("newsletter", schema=None) as batch_op:
        batch_op.drop_index("ix_newsletter_article_id")
        batch_op.create_index("ix_newsletter_article_id", ["article_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("newsletter", schema=None) as batch_op:
        batch_op.drop_index("ix_newsletter_article_id")
        batch_op.create_index("ix_newsletter_article_id", ["article_id"], unique=False)
