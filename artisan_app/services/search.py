"""Full-text search over live articles, in the database's own engine.

One table, ``article_search``, mirrors every article's searchable text
(headline, kicker, excerpt and body: section headings, paragraphs, quotes and
their attributions):

* SQLite: an FTS5 virtual table (``rowid`` = article id), ranked with ``bm25``.
* PostgreSQL: a ``tsvector`` column with a GIN index, ranked with ``ts_rank``;
  the headline weighs most (A), then kicker and excerpt (B), then the body (C).

The mirror is not part of the SQLModel metadata: ``ensure_search_index`` creates
it (the migration and the test fixtures both call it) and Alembic's comparison
skips it through ``include_name``. ``reindex_article`` keeps it current; the
authoring service calls it whenever an article's text is written.

Both backends see the same text: it is folded here first (Unicode NFKC, accents
removed, case folded) and cut into words of letters and digits, so they match
the same words, and ``highlight`` can mark exactly those words in Python.
Every query term is a prefix ("elect" finds "elections"), so results appear
while a reader is still typing. A query is never handed to the database's
query syntax as typed: it is cut into words here and each word is quoted, so
quotes, operators (``AND``, ``NEAR(``, ``-``, ``*``), emoji or NUL bytes can
never raise.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from sqlalchemy import Float, Integer, func, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from artisan_app.models import Article, Block, Section, utcnow
from artisan_app.services import ratelimit
from artisan_app.services.arabic_script import fold_letters
from artisan_app.services.articles import MAX_PAGE_SIZE, card_of, card_query, is_live
from artisan_app.services.views import ArticleCard
from artisan_app.settings import settings

log = logging.getLogger(__name__)

SEARCH_TABLE = "article_search"
PG_INDEX = "ix_article_search_document"
MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 64
_REBUILD_BATCH = 200

# Letters and digits of any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+")
# bm25 column weights, in column order: headline, kicker, excerpt, body.
_BM25 = "bm25(article_search, 10.0, 4.0, 3.0, 1.0)"
# ts_rank weights for D, C, B, A: body C, kicker/excerpt B, headline A.
_TS_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


class SortOrder(str, Enum):
    relevance = "relevance"
    newest = "newest"

    @classmethod
    def parse(cls, value: object) -> "SortOrder":
        """Anything unknown (or not a string) is the default, relevance."""
        try:
            return cls(value) if isinstance(value, str) else cls.relevance
        except ValueError:
            return cls.relevance


@dataclass(frozen=True)
class Segment:
    """A run of text; ``match`` runs are shown highlighted (``<mark>``)."""

    text: str
    match: bool = False


@dataclass(frozen=True)
class SearchHit:
    card: ArticleCard
    headline: list[Segment] = field(default_factory=list)
    excerpt: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    """One page of results. ``terms`` empty means there was nothing to search for."""

    terms: list[str]
    items: list[SearchHit]
    total: int
    has_more: bool


# ---------------------------------------------------------------- text


def fold(value: str) -> str:
    """Compatibility-normalise, drop accents and case: ``"Café ﬁeld"`` → ``"cafe field"``;
    Arabic-script harakat and letter variants too (``services/arabic_script.py``)."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return fold_letters(unicodedata.normalize("NFKC", stripped)).casefold()


def words(value: str) -> list[str]:
    """The folded words of ``value``, as both backends index them."""
    return _WORD.findall(fold(value or ""))


def index_text(*parts: str) -> str:
    return " ".join(w for part in parts for w in words(part))


def query_terms(query: object) -> list[str]:
    """The reader's query as at most ``MAX_TERMS`` distinct folded words.

    Punctuation, operators, quotes, emoji and control characters are separators,
    so what remains is only letters and digits: safe to quote for either backend.
    """
    if not isinstance(query, str):
        return []
    terms: list[str] = []
    for word in words(query[:MAX_QUERY_CHARS]):
        word = word[:MAX_TERM_CHARS]
        if word not in terms:
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def _is_word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c).startswith("M") or c in "\u200c\u200d"


def highlight(value: str, terms: Sequence[str]) -> list[Segment]:
    """Split ``value`` into plain and matching runs; a word matches when one of
    its folded words starts with a query term (the same rule as the search)."""
    if not value:
        return []
    if not terms:
        return [Segment(value)]
    segments: list[Segment] = []
    buf, buf_match = "", False
    i, n = 0, len(value)
    while i < n:
        j = i
        is_word = _is_word_char(value[i])
        while j < n and _is_word_char(value[j]) == is_word:
            j += 1
        run = value[i:j]
        match = is_word and any(w.startswith(t) for w in words(run) for t in terms)
        if buf and match != buf_match:
            segments.append(Segment(buf, buf_match))
            buf = ""
        buf, buf_match = buf + run, match
        i = j
    if buf:
        segments.append(Segment(buf, buf_match))
    return segments


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


def include_name(name: str | None, type_: str, parent_names) -> bool:
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


def _documents(connection: Connection, article_ids: Sequence[int]) -> list[dict]:
    """The folded searchable text of each article, read in two queries."""
    heads = connection.execute(
        select(Article.id, Article.headline, Article.kicker, Article.excerpt).where(Article.id.in_(article_ids))
    ).all()
    body: dict[int, list[str]] = {}
    seen_sections: set[int] = set()
    rows = connection.execute(
        select(Section.article_id, Section.id, Section.heading, Block.text, Block.attribution)
        .select_from(Section)
        .join(Block, Block.section_id == Section.id, isouter=True)
        .where(Section.article_id.in_(article_ids))
        .order_by(Section.article_id, Section.position, Block.position)
    ).all()
    for article_id, section_id, heading, block_text, attribution in rows:
        parts = body.setdefault(article_id, [])
        if section_id not in seen_sections:  # the join repeats a heading per block
            seen_sections.add(section_id)
            parts.append(heading)
        parts.extend(p for p in (block_text, attribution) if p)
    return [
        {
            "id": article_id,
            "headline": index_text(headline),
            "kicker": index_text(kicker),
            "excerpt": index_text(excerpt),
            "body": index_text(*body.get(article_id, [])),
        }
        for article_id, headline, kicker, excerpt in heads
    ]


def _write(connection: Connection, article_ids: Sequence[int]) -> None:
    docs = _documents(connection, article_ids)
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN ({', '.join(str(int(i)) for i in article_ids)})")
        )
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


def rebuild_search_index(connection: Connection) -> int:
    """Index every article again and drop entries of deleted ones; returns how many."""
    ids = [row[0] for row in connection.execute(select(Article.id).order_by(Article.id)).all()]
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid NOT IN (SELECT id FROM article)"))
    for start in range(0, len(ids), _REBUILD_BATCH):
        _write(connection, ids[start : start + _REBUILD_BATCH])
    return len(ids)


# ---------------------------------------------------------------- searching


def _match_expression(terms: Sequence[str], dialect: str) -> str:
    """Every term quoted, as a prefix, all required. Terms are letters and digits only."""
    if dialect == "sqlite":
        return " ".join(f'"{t}"*' for t in terms)
    return " & ".join(f"'{t}':*" for t in terms)


def _hits(session: Session, terms: Sequence[str]):
    dialect = session.get_bind().dialect.name
    expression = _match_expression(terms, dialect)
    if dialect == "sqlite":
        statement = text(
            f"SELECT rowid AS article_id, -{_BM25} AS score FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q"
        )
    else:
        statement = text(
            f"SELECT s.article_id AS article_id, ts_rank('{_TS_WEIGHTS}', s.document, q) AS score "
            f"FROM {SEARCH_TABLE} AS s, to_tsquery('simple', CAST(:q AS text)) AS q WHERE s.document @@ q"
        )
    return statement.bindparams(q=expression).columns(article_id=Integer, score=Float).subquery("hits")


def search_articles(
    session: Session,
    query: object,
    *,
    sort: SortOrder | str = SortOrder.relevance,
    limit: int = 10,
    offset: int = 0,
    now: datetime | None = None,
    language: str = "en",
) -> SearchPage:
    """Live articles of one edition (``language``) matching every word of ``query``, most
    relevant (or newest) first, with the matching words of headline and excerpt marked."""
    terms = query_terms(query)
    if not terms:
        return SearchPage(terms=[], items=[], total=0, has_more=False)
    now = now or utcnow()
    sort = SortOrder.parse(sort.value if isinstance(sort, SortOrder) else sort)
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    offset = max(0, offset)
    hits = _hits(session, terms)
    matching = card_query().join(hits, hits.c.article_id == Article.id).where(is_live(now), Article.language == language)
    total = session.exec(select(func.count()).select_from(matching.subquery())).one()
    if sort is SortOrder.newest:
        order = (Article.published_at.desc(), Article.id.desc())
    else:
        order = (hits.c.score.desc(), Article.published_at.desc(), Article.id.desc())
    rows = session.exec(matching.order_by(*order).offset(offset).limit(limit + 1)).all()
    items = [
        SearchHit(
            card=card_of(article, category, author),
            headline=highlight(article.headline, terms),
            excerpt=highlight(article.excerpt, terms),
        )
        for article, category, author in rows[:limit]
    ]
    return SearchPage(terms=terms, items=items, total=total, has_more=len(rows) > limit)


# --- abuse limits ---------------------------------------------------------------

# Live search (each debounced keystroke) waits for this many letters: a one-letter
# prefix matches nearly every story, at any rate a client likes to send it.
MIN_LIVE_CHARS = 3
KEEP_TYPING_MESSAGE = f"Keep typing: live results start at {MIN_LIVE_CHARS} letters (or press Enter to search)."
RATE_LIMITED_MESSAGE = "You’re searching faster than we allow. Please wait a moment and try again."


def too_short_for_live(query: object) -> bool:
    """Whether a live (as-you-type) query has words but fewer than ``MIN_LIVE_CHARS`` letters."""
    terms = query_terms(query)
    return bool(terms) and sum(len(t) for t in terms) < MIN_LIVE_CHARS


def allow_search(client_key: str, spec: str | None = None) -> bool:
    """Count one search by this client against ``settings.search_rate_limit``."""
    return ratelimit.hit(spec or settings.search_rate_limit, "search", client_key or "anonymous")


def display_query(query: object, *, max_chars: int = 80) -> str:
    """The query as typed, for messages: no control characters, spaces collapsed."""
    if not isinstance(query, str):
        return ""
    cleaned = "".join(c if not unicodedata.category(c).startswith("C") else " " for c in query[:MAX_QUERY_CHARS])
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= max_chars else cleaned[: max_chars - 1] + "…"


def summary(page: SearchPage, query: object) -> str:
    """What the results region says, for empty, failed and successful searches."""
    if not page.terms:
        return "Type a word or two to search every story we have published."
    shown = display_query(query) or " ".join(page.terms)
    if page.total == 0:
        return f"No stories match “{shown}”. Try fewer or different words, or browse the sections."
    noun = "story matches" if page.total == 1 else "stories match"
    return f"{page.total} {noun} “{shown}”."


def forget_articles(session: Session, article_ids: Sequence[int]) -> None:
    """Drop deleted articles from the search mirror (PostgreSQL's cascades by itself)."""
    connection = session.connection()
    if article_ids and connection.dialect.name == "sqlite" and _index_exists(connection):
        ids = ", ".join(str(int(i)) for i in article_ids)
        connection.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN ({ids})"))
