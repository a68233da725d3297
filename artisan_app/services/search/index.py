"""The search mirror: one table, ``article_search``, holding every article's folded
searchable text (headline, kicker, excerpt and body: section headings, paragraphs,
quotes and their attributions).

* SQLite: an FTS5 virtual table (``rowid`` = article id).
* PostgreSQL: a ``tsvector`` column with a GIN index; the headline weighs most (A),
  then kicker and excerpt (B), then the body (C).

The mirror is not part of the SQLModel metadata: ``ensure_search_index`` creates
it for the test fixtures (migration 0003 keeps its own frozen copy of the DDL) and
Alembic's comparison skips it through ``include_name``. ``reindex_article`` keeps
it current; the authoring service calls it whenever an article's text is written.

Both backends see the same text: it is folded here first (Unicode NFKC, accents
removed, case folded) and cut into words of letters and digits; queries
(``services/search/queries.py``) fold the same way.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TypedDict

from sqlalchemy import select as sa_select  # sqlmodel's select types at most four columns
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from artisan_app.models import Article, Block, Section
from artisan_app.services.search.arabic_script import fold_letters

log = logging.getLogger(__name__)


class SearchDocument(TypedDict):
    """One article's folded searchable text, as the mirror's insert statements bind it."""

    id: int
    headline: str
    kicker: str
    excerpt: str
    body: str


SEARCH_TABLE = "article_search"
PG_INDEX = "ix_article_search_document"
_REBUILD_BATCH = 200

# Letters and digits of any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------- text


def fold(value: str) -> str:
    """Compatibility-normalise, drop accents and case: ``"Café ﬁeld"`` → ``"cafe field"``;
    Arabic-script harakat and letter variants too (``services/search/arabic_script.py``)."""
    if value.isascii():  # nothing to decompose or drop (most text, and every article indexed at import)
        return value.casefold()
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return fold_letters(unicodedata.normalize("NFKC", stripped)).casefold()


def words(value: str) -> list[str]:
    """The folded words of ``value``, as both backends index them."""
    return _WORD.findall(fold(value or ""))


def index_text(*parts: str) -> str:
    return " ".join(w for part in parts for w in words(part))


# ---------------------------------------------------------------- schema


def search_index_ddl(dialect: str) -> list[str]:
    """Statements that create the search mirror (idempotent)."""
    if dialect == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
            "headline, kicker, excerpt, body, tokenize = 'unicode61 remove_diacritics 0')"
        ]
    if dialect == "postgresql":
        return [
            f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} ("
            "article_id integer PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE, "
            "document tsvector NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {SEARCH_TABLE} USING gin (document)",
        ]
    raise NotImplementedError(f"full-text search is not implemented for {dialect}")


def drop_search_index_ddl(dialect: str) -> list[str]:
    return [f"DROP TABLE IF EXISTS {SEARCH_TABLE}"]


def ensure_search_index(connection: Connection) -> None:
    """Create the search mirror on this connection's database if it is missing."""
    for statement in search_index_ddl(connection.dialect.name):
        connection.execute(text(statement))


def drop_search_index(connection: Connection) -> None:
    for statement in drop_search_index_ddl(connection.dialect.name):
        connection.execute(text(statement))


def include_name(name: str | None, type_: str, parent_names: Mapping[str, str | None]) -> bool:
    """Alembic hook: the search mirror (and FTS5's shadow tables) belong to
    ``ensure_search_index``, not to the models, so comparisons skip them."""
    if type_ == "table" and name and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_")):
        return False
    return True


def _index_exists(connection: Connection) -> bool:
    if connection.dialect.name == "sqlite":
        row = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": SEARCH_TABLE}
        ).first()
        return row is not None
    return bool(connection.execute(text(f"SELECT to_regclass('{SEARCH_TABLE}') IS NOT NULL")).scalar())


# ---------------------------------------------------------------- indexing


def _documents(connection: Connection, article_ids: Sequence[int]) -> list[SearchDocument]:
    """The folded searchable text of each article, read in two queries."""
    heads = connection.execute(
        select(col(Article.id), col(Article.headline), col(Article.kicker), col(Article.excerpt)).where(
            col(Article.id).in_(article_ids)
        )
    ).all()
    body: dict[int, list[str]] = {}
    seen_sections: set[int] = set()
    rows = connection.execute(
        sa_select(col(Section.article_id), col(Section.id), col(Section.heading), col(Block.text), col(Block.attribution))
        .select_from(Section)
        .join(Block, col(Block.section_id) == col(Section.id), isouter=True)
        .where(col(Section.article_id).in_(article_ids))
        .order_by(col(Section.article_id), col(Section.position), col(Block.position))
    ).all()
    for article_id, section_id, heading, block_text, attribution in rows:
        parts = body.setdefault(article_id, [])
        if section_id not in seen_sections:  # the join repeats a heading per block
            seen_sections.add(section_id)
            parts.append(heading)
        parts.extend(p for p in (block_text, attribution) if p)
    return [
        document(article_id, headline, kicker, excerpt, body.get(article_id, []))
        for article_id, headline, kicker, excerpt in heads
    ]


def document(article_id: int, headline: str, kicker: str, excerpt: str, body: Sequence[str]) -> SearchDocument:
    """An article's folded searchable text; ``body``: each section's heading, then its blocks' text and attribution."""
    return {
        "id": article_id,
        "headline": index_text(headline),
        "kicker": index_text(kicker),
        "excerpt": index_text(excerpt),
        "body": index_text(*body),
    }


def _write(connection: Connection, article_ids: Sequence[int], docs: list[SearchDocument] | None = None) -> None:
    docs = _documents(connection, article_ids) if docs is None else docs
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN ({', '.join(str(int(i)) for i in article_ids)})"))
        if docs:
            connection.execute(
                text(
                    f"INSERT INTO {SEARCH_TABLE} (rowid, headline, kicker, excerpt, body) "
                    "VALUES (:id, :headline, :kicker, :excerpt, :body)"
                ),
                docs,
            )
        return
    if docs:
        connection.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (article_id, document) VALUES (:id, "
                "setweight(to_tsvector('simple', CAST(:headline AS text)), 'A') || "
                "setweight(to_tsvector('simple', CAST(:kicker AS text)), 'B') || "
                "setweight(to_tsvector('simple', CAST(:excerpt AS text)), 'B') || "
                "setweight(to_tsvector('simple', CAST(:body AS text)), 'C')) "
                "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document"
            ),
            docs,
        )


def reindex_article(session: Session, article_id: int) -> None:
    """Bring the search mirror up to date with article ``article_id`` (its
    current headline, kicker, excerpt and body). Call after writing any of them.

    Pending changes are flushed first. A database without the search mirror
    (one built with ``create_all`` only) is skipped with a warning.
    """
    session.flush()
    connection = session.connection()
    if not _index_exists(connection):
        log.warning("no %s table: article %s not indexed (run the migrations)", SEARCH_TABLE, article_id)
        return
    _write(connection, [article_id])


def index_document(session: Session, doc: SearchDocument) -> None:
    """``reindex_article`` for a caller that holds the text it just wrote (``document()``): no re-reading.

    Pending changes are flushed first; whether the mirror exists is asked once per session.
    """
    session.flush()
    connection = session.connection()
    exists = session.info.get("search_index_exists")
    if exists is None:
        exists = session.info["search_index_exists"] = _index_exists(connection)
    if not exists:
        log.warning("no %s table: article %s not indexed (run the migrations)", SEARCH_TABLE, doc["id"])
        return
    _write(connection, [doc["id"]], [doc])


def rebuild_search_index(connection: Connection) -> int:
    """Index every article again and drop entries of deleted ones; returns how many."""
    ids = [row[0] for row in connection.execute(select(col(Article.id)).order_by(col(Article.id))).all()]
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid NOT IN (SELECT id FROM article)"))
    for start in range(0, len(ids), _REBUILD_BATCH):
        _write(connection, ids[start : start + _REBUILD_BATCH])
    return len(ids)


def forget_articles(session: Session, article_ids: Sequence[int]) -> None:
    """Drop deleted articles from the search mirror (PostgreSQL's cascades by itself)."""
    connection = session.connection()
    if article_ids and connection.dialect.name == "sqlite" and _index_exists(connection):
        ids = ", ".join(str(int(i)) for i in article_ids)
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN ({ids})"))
