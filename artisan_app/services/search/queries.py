"""Full-text search over live articles, in the database's own engine.

One table, ``article_search``, mirrors every article's searchable text
(headline, kicker, excerpt and body: section headings, paragraphs, quotes and
their attributions):

* SQLite: an FTS5 virtual table (``rowid`` = article id), ranked with ``bm25``.
* PostgreSQL: a ``tsvector`` column with a GIN index, ranked with ``ts_rank``;
  the headline weighs most (A), then kicker and excerpt (B), then the body (C).

The mirror, how text is folded into it and how it is kept current are
``services/search/index.py``; this module turns a reader's query into terms,
runs it and marks the matching words.

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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Float, Integer, Subquery, func, text
from sqlmodel import Session, col, select

from artisan_app.core.settings import settings
from artisan_app.models import Article, utcnow
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.queries import MAX_PAGE_SIZE, card_of, card_query
from artisan_app.services.articles.views import ArticleCard
from artisan_app.services.common import ratelimit
from artisan_app.services.search.index import SEARCH_TABLE, words

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 64

# bm25 column weights, in column order: headline, kicker, excerpt, body.
_BM25 = "bm25(article_search, 10.0, 4.0, 3.0, 1.0)"
# ts_rank weights for D, C, B, A: body C, kicker/excerpt B, headline A.
_TS_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


class SortOrder(str, Enum):
    relevance = "relevance"
    newest = "newest"

    @classmethod
    def parse(cls, value: object) -> SortOrder:
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


# ---------------------------------------------------------------- searching


def _match_expression(terms: Sequence[str], dialect: str) -> str:
    """Every term quoted, as a prefix, all required. Terms are letters and digits only."""
    if dialect == "sqlite":
        return " ".join(f'"{t}"*' for t in terms)
    return " & ".join(f"'{t}':*" for t in terms)


def _hits(session: Session, terms: Sequence[str]) -> Subquery:
    dialect = session.get_bind().dialect.name
    expression = _match_expression(terms, dialect)
    if dialect == "sqlite":
        statement = text(f"SELECT rowid AS article_id, -{_BM25} AS score FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q")
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
    order: tuple[Any, ...]
    if sort is SortOrder.newest:
        order = (col(Article.published_at).desc(), col(Article.id).desc())
    else:
        order = (hits.c.score.desc(), col(Article.published_at).desc(), col(Article.id).desc())
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
