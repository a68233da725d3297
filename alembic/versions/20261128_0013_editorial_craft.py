"""editorial craft: co-authors, status history, review notes, corrections, stable section/block keys

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 14:10:00

"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op
from artisan_app.models.types import UTCDateTime

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "articleauthor",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["author.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "author_id"),
    )
    with op.batch_alter_table("articleauthor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articleauthor_author_id"), ["author_id"], unique=False)

    op.create_table(
        "statuschange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("to_status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("statuschange", schema=None) as batch_op:
        batch_op.create_index("ix_statuschange_article_created", ["article_id", "created_at"], unique=False)

    op.create_table(
        "reviewnote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("anchor_key", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["reviewnote.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reviewnote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviewnote_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviewnote_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_correction_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_correction_created_at"), ["created_at"], unique=False)

    for table in ("section", "block"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False, server_default=""))
    bind = op.get_bind()
    # Every existing section and block gets its stable key; every article its first author in the byline.
    for table in ("section", "block"):
        for (row_id,) in bind.execute(sa.text(f'SELECT id FROM "{table}"')).all():
            bind.execute(sa.text(f'UPDATE "{table}" SET key = :k WHERE id = :i'), {"k": uuid.uuid4().hex, "i": row_id})
    bind.execute(
        sa.text(
            "INSERT INTO articleauthor (article_id, author_id, position) "
            "SELECT id, author_id, 1 FROM article WHERE author_id IS NOT NULL"
        )
    )


def downgrade() -> None:
    for table in ("block", "section"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("key")
    op.drop_table("correction")
    op.drop_table("reviewnote")
    op.drop_table("statuschange")
    op.drop_table("articleauthor")
