"""Shared behaviour of paged article lists (front page, category, author, tag)."""

from __future__ import annotations

import reflex as rx

from artisan_app import db
from artisan_app.services import articles
from artisan_app.services.views import ArticleCard, ArticlePage
from artisan_app.settings import settings
from artisan_app.state.offload import off_loop
from artisan_app.state.resilience import outage_safe


class PagedArticles(rx.State, mixin=True):
    """A list of article cards that grows by one page per ``load_more``.

    Subclasses say which articles through ``_filters``; ``loaded`` stays false
    until the first page arrives so no empty list is ever shown as real.
    """

    articles: list[ArticleCard] = []
    has_more: bool = False
    loaded: bool = False

    def _filters(self) -> dict[str, str]:
        return {}

    def _page_size(self) -> int:
        return settings.page_size

    def _fetch(self, offset: int) -> ArticlePage:
        with db.session_scope() as session:
            return articles.latest_articles(session, limit=self._page_size(), offset=offset, **self._filters())

    def _reset_list(self) -> None:
        page = self._fetch(0)
        self.articles = page.items
        self.has_more = page.has_more
        self.loaded = True

    @rx.event
    @off_loop
    @outage_safe
    def load_more(self):
        if not self.loaded or not self.has_more:
            return
        page = self._fetch(len(self.articles))
        known = {a.slug for a in self.articles}
        self.articles = self.articles + [a for a in page.items if a.slug not in known]
        self.has_more = page.has_more
