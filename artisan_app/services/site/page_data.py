"""The data of each public page kind, assembled once, remembered per content generation.

One function per page kind (front, article, listing by section/author/topic,
search) returns what that page shows; the HTTP first view (``web/first_views.py``)
and the app's states (``state/reader/listings.py``, ``state/reader/article.py``, ``state/reader/search.py``)
both call it, so both always show the same stories.

An article visit's on_load asks for the article (body, byline, tags: about ten queries)
and its related stories. Every reader of that article gets the same answer until the
published content changes, so it is kept in this process, keyed by the page and valid
for one content generation (``services.site.content_changes``, bumped in the same transaction as any
write readers could notice), never past the next scheduled publication, and at most
``TTL_SECONDS``. One primary-key query (the generation) replaces the rest.

The first page of an article's comment thread is kept the same way for every reader
without a held comment of their own on it (``thread_start``): approving, rejecting or
deleting an approved comment starts a new generation. Its relative dates ("2 minutes ago")
may lag by up to ``TTL_SECONDS``.

Only public read models (frozen dataclasses) are kept; nothing reader-specific (a
reader's held comments, drafts) ever passes through here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar, cast

from sqlmodel import Session

from artisan_app.models import utcnow
from artisan_app.services.articles import catalog, featured, queries
from artisan_app.services.articles.views import ArticleCard, ArticleDetail, ArticlePage, AuthorProfile, CategoryLink, TagLink
from artisan_app.services.comments import thread
from artisan_app.services.search import queries as search
from artisan_app.services.site import content_changes

T = TypeVar("T")
TTL_SECONDS = 60.0
MAX_ENTRIES = 256
_lock = threading.Lock()
_memo: OrderedDict[tuple[object, ...], tuple[int, float, object, object]] = OrderedDict()


def _generation(session: Session) -> int:
    """The content generation, read once per transaction of ``session`` (a page visit asks for
    several remembered values in one session; ``services.site.content_changes.bump_generation`` forgets it)."""
    transaction = session.get_transaction()
    seen = session.info.get(content_changes.SEEN_KEY)
    if transaction is not None and seen is not None and seen[0] is transaction:
        remembered_generation: int = seen[1]
        return remembered_generation
    generation = content_changes.current_generation(session)
    session.info[content_changes.SEEN_KEY] = (session.get_transaction(), generation)
    return generation


def remembered(session: Session, key: tuple[object, ...], load: Callable[[], T], *, now: datetime | None = None) -> T:
    """``load()``, or its remembered value for ``key`` from this generation."""
    now = now or utcnow()
    # Per database (tests open many; the entry holds the engine, so its id is not reused).
    bind = session.get_bind()
    key = (id(bind), *key)
    generation = _generation(session)
    with _lock:
        hit = _memo.get(key)
    if hit is not None and hit[0] == generation and now.timestamp() < hit[1]:
        return cast(T, hit[2])  # stored by the ``load`` of the same key
    value = load()
    until = now.timestamp() + TTL_SECONDS
    scheduled = content_changes.next_publication(session, now=now)
    if scheduled is not None:
        until = min(until, scheduled.timestamp())
    with _lock:
        _memo[key] = (generation, until, value, bind)
        _memo.move_to_end(key)
        while len(_memo) > MAX_ENTRIES:
            _memo.popitem(last=False)
    return value


RELATED = 3  # "You may also like"


@dataclass(frozen=True)
class ArticleData:
    detail: ArticleDetail | None  # None: no live article at that address
    related: list[ArticleCard]


def article_page(
    session: Session, slug: str, *, related: int = RELATED, now: datetime | None = None, language: str = "en"
) -> ArticleData:
    """The live article at ``slug`` in ``language``'s edition (another edition's story is not found
    there) and its ``related`` "You may also like" cards."""

    def load() -> ArticleData:
        detail = queries.get_article(session, slug, now=now)
        if detail is not None and detail.card.language != language:
            detail = None
        return ArticleData(detail, queries.related_articles(session, detail.id, limit=related, now=now) if detail else [])

    return remembered(session, ("article", slug, related, language), load, now=now)


def navigation(session: Session) -> list[CategoryLink]:
    """The sections, for the masthead, the footer and the filters."""
    return remembered(session, ("navigation",), lambda: catalog.list_categories(session))


@dataclass(frozen=True)
class FrontData:
    lead: ArticleCard | None  # the featured story, else the newest
    cards: list[ArticleCard]  # the latest after it
    has_more: bool


def front_page(
    session: Session, *, category: str = "", limit: int, now: datetime | None = None, language: str = "en"
) -> FrontData:
    """An edition's front page's first screen, optionally one section's stories only."""

    def load() -> FrontData:
        page = featured.front_page(session, category_slug=category or None, limit=limit, now=now, language=language)
        return FrontData(page.items[0] if page.items else None, page.items[1:], page.has_more)

    return remembered(session, ("front", category, limit, language), load, now=now)


def front_more(session: Session, *, category: str = "", shown: int, limit: int, language: str = "en") -> ArticlePage:
    """The front page's next stories after ``shown`` cards (and the lead)."""
    return featured.front_page(session, category_slug=category or None, limit=limit, offset=shown + 1, language=language)


ListingFilter = Literal["category_slug", "author_slug", "tag_slug"]
# The listing pages: URL prefix -> (reader-facing kind, lookup, the filter of articles.latest_articles).
LISTINGS: dict[str, tuple[str, Callable[[Session, str], CategoryLink | AuthorProfile | TagLink | None], ListingFilter]] = {
    "category": ("Section", catalog.get_category, "category_slug"),
    "author": ("Author", catalog.get_author, "author_slug"),
    "tag": ("Topic", catalog.get_tag, "tag_slug"),
}


@dataclass(frozen=True)
class ListingData:
    kind: str  # "Section", "Author" or "Topic"
    subject: CategoryLink | AuthorProfile | TagLink | None  # None: unknown slug
    page: ArticlePage


def listing_page(
    session: Session, prefix: str, slug: str, *, limit: int, offset: int = 0, now: datetime | None = None, language: str = "en"
) -> ListingData:
    """A section (``prefix="category"``), author or topic page's subject and stories."""
    kind, lookup, filter_name = LISTINGS[prefix]

    def load() -> ListingData:
        subject = lookup(session, slug) if slug else None
        if subject is None:
            return ListingData(kind, None, ArticlePage(items=[], has_more=False))
        page = queries.latest_articles(
            session,
            limit=limit,
            offset=offset,
            now=now,
            language=language,
            category_slug=slug if filter_name == "category_slug" else None,
            author_slug=slug if filter_name == "author_slug" else None,
            tag_slug=slug if filter_name == "tag_slug" else None,
        )
        return ListingData(kind, subject, page)

    if offset:
        return load()
    return remembered(session, ("listing", prefix, slug, limit, language), load, now=now)


def search_page(
    session: Session, query: str, *, sort: str, limit: int, offset: int = 0, language: str = "en"
) -> search.SearchPage:
    """Search results in one edition (not remembered: queries are the reader's own)."""
    return search.search_articles(session, query, sort=sort, limit=limit, offset=offset, language=language)


def thread_start(
    session: Session, article_id: int, *, reader_id: str, newest_first: bool, roots: int
) -> tuple[thread.ThreadPage, str]:
    """The thread from its start (``roots`` top-level comments with their replies) as this reader sees
    it, and the thread's version (``services.comments.thread.comments_version``). Readers with no held comment
    on the article all see the approved thread: remembered per generation. A reader with one gets
    their own, with it."""

    def load(reader: str) -> tuple[thread.ThreadPage, str]:
        page = thread.thread_page(session, article_id, reader_id=reader, newest_first=newest_first, roots=roots)
        return page, thread.comments_version(session, article_id)

    if thread.has_held(session, article_id, reader_id):
        return load(reader_id)
    return remembered(session, ("thread-start", article_id, newest_first, roots), lambda: load(""))


def forget() -> None:
    """Drop everything (tests)."""
    with _lock:
        _memo.clear()
