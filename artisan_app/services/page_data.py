"""Public page data remembered per content generation: what every reader of a page gets.

An article visit's on_load asks for the article (body, byline, tags: about ten queries)
and its related stories. Every reader of that article gets the same answer until the
published content changes, so it is kept in this process, keyed by the page and valid
for one content generation (``content_changes``, bumped in the same transaction as any
write readers could notice), never past the next scheduled publication, and at most
``TTL_SECONDS``. One primary-key query (the generation) replaces the rest.

Only public read models (frozen dataclasses) are kept; nothing reader-specific (a
reader's held comments, drafts) ever passes through here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from artisan_app.models import utcnow
from artisan_app.services import articles, content_changes
from artisan_app.services.views import ArticleCard, ArticleDetail

T = TypeVar("T")
TTL_SECONDS = 60.0
MAX_ENTRIES = 256
_lock = threading.Lock()
_memo: OrderedDict[tuple, tuple[int, float, object, object]] = OrderedDict()


def remembered(session: Session, key: tuple, load: Callable[[], T], *, now: datetime | None = None) -> T:
    """``load()``, or its remembered value for ``key`` from this generation."""
    now = now or utcnow()
    # Per database (tests open many; the entry holds the engine, so its id is not reused).
    bind = session.get_bind()
    key = (id(bind), *key)
    generation = content_changes.current_generation(session)
    with _lock:
        hit = _memo.get(key)
    if hit is not None and hit[0] == generation and now.timestamp() < hit[1]:
        return hit[2]  # type: ignore[return-value]
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


def article_page(session: Session, slug: str, *, related: int,
                 now: datetime | None = None) -> tuple[ArticleDetail | None, list[ArticleCard]]:
    """The live article at ``slug`` and its ``related`` "You may also like" cards."""
    def load():
        detail = articles.get_article(session, slug, now=now)
        return detail, (articles.related_articles(session, detail.id, limit=related, now=now) if detail else [])

    return remembered(session, ("article", slug, related), load, now=now)


def forget() -> None:
    """Drop everything (tests)."""
    with _lock:
        _memo.clear()
