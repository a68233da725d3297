"""full-text search: FTS5 on SQLite, tsvector + GIN on PostgreSQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00

The search mirror is not part of the SQLModel metadata (Alembic's comparison
skips it, see ``services.search.index.include_name``). This migration keeps its
own copy of the DDL and of the text folding as they were at this revision, so
later changes to ``services/search/index.py`` cannot change what it does.
Upgrading indexes the articles already present.
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import context, op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DDL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
        "headline, kicker, excerpt, body, tokenize = 'unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        "CREATE TABLE IF NOT EXISTS article_search ("
        "article_id integer PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE, "
        "document tsvector NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ix_article_search_document ON article_search USING gin (document)",
    ],
}
DROP = ["DROP TABLE IF EXISTS article_search"]

INSERT = {
    "sqlite": "INSERT INTO article_search (rowid, headline, kicker, excerpt, body) "
    "VALUES (:id, :headline, :kicker, :excerpt, :body)",
    "postgresql": "INSERT INTO article_search (article_id, document) VALUES (:id, "
    "setweight(to_tsvector('simple', CAST(:headline AS text)), 'A') || "
    "setweight(to_tsvector('simple', CAST(:kicker AS text)), 'B') || "
    "setweight(to_tsvector('simple', CAST(:excerpt AS text)), 'B') || "
    "setweight(to_tsvector('simple', CAST(:body AS text)), 'C')) "
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document",
}

_WORD = re.compile(r"[^\W_]+")
BATCH = 200


def _index_text(*parts: str | None) -> str:
    """Unicode NFKC, accents removed, case folded, words of letters and digits."""
    out: list[str] = []
    for part in parts:
        decomposed = unicodedata.normalize("NFKD", part or "")
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.extend(_WORD.findall(unicodedata.normalize("NFKC", stripped).casefold()))
    return " ".join(out)


def _documents(bind, article_ids: list[int]) -> list[dict]:
    """The folded searchable text of these articles, read in two queries."""
    ids = ", ".join(str(int(i)) for i in article_ids)
    body: dict[int, list[str]] = {}
    seen_sections: set[int] = set()
    rows = bind.execute(
        sa.text(
            "SELECT s.article_id, s.id, s.heading, b.text, b.attribution FROM section AS s "
            f"LEFT OUTER JOIN block AS b ON b.section_id = s.id WHERE s.article_id IN ({ids}) "
            "ORDER BY s.article_id, s.position, b.position"
        )
    ).all()
    for article_id, section_id, heading, block_text, attribution in rows:
        parts = body.setdefault(article_id, [])
        if section_id not in seen_sections:  # the join repeats a heading per block
            seen_sections.add(section_id)
            parts.append(heading)
        parts.extend(p for p in (block_text, attribution) if p)
    heads = bind.execute(sa.text(f"SELECT id, headline, kicker, excerpt FROM article WHERE id IN ({ids})")).all()
    return [
        {
            "id": article_id,
            "headline": _index_text(headline),
            "kicker": _index_text(kicker),
            "excerpt": _index_text(excerpt),
            "body": _index_text(*body.get(article_id, [])),
        }
        for article_id, headline, kicker, excerpt in heads
    ]


def upgrade() -> None:
    """Create the search index and fill it from the existing articles."""
    dialect = op.get_context().dialect.name
    if dialect not in DDL:
        raise NotImplementedError(f"full-text search is not implemented for {dialect}")
    for statement in DDL[dialect]:
        op.execute(statement)
    if not context.is_offline_mode():
        bind = op.get_bind()
        ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM article ORDER BY id")).all()]
        for start in range(0, len(ids), BATCH):
            docs = _documents(bind, ids[start : start + BATCH])
            if docs:
                bind.execute(sa.text(INSERT[dialect]), docs)


def downgrade() -> None:
    """Drop the search index."""
    for statement in DROP:
        op.execute(statement)
