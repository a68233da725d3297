"""full-text search: FTS5 on SQLite, tsvector + GIN on PostgreSQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00

The search mirror is not part of the SQLModel metadata (Alembic's comparison
skips it, see ``search.include_name``); its DDL lives in
``artisan_app.services.search`` so the test fixtures build exactly the same
thing. Upgrading indexes the articles already present.
"""
from collections.abc import Sequence

from alembic import context, op
from artisan_app.services import search

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the search index and fill it from the existing articles."""
    for statement in search.search_index_ddl(op.get_context().dialect.name):
        op.execute(statement)
    if not context.is_offline_mode():
        search.rebuild_search_index(op.get_bind())


def downgrade() -> None:
    """Drop the search index."""
    for statement in search.drop_search_index_ddl(op.get_context().dialect.name):
        op.execute(statement)
