"""Shared behaviour of paged card lists (front page, section, author, topic)."""

from __future__ import annotations

import reflex as rx

from artisan_app import render
from artisan_app.core.settings import settings
from artisan_app.services.articles.views import ArticleCard, ArticlePage
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe


class PagedCards(rx.State, mixin=True):
    """Article cards, shown as HTML (``render.cards``), growing by one page per ``load_more``.

    ``card_pages`` holds one string per page shown, so "Load more" appends to the
    grid and leaves the cards already there alone. Subclasses fetch a page in
    ``_fetch``; ``loaded`` stays false until the first page arrives so no empty
    list is ever shown as real.
    """

    card_pages: list[str] = []
    has_more: bool = False
    loaded: bool = False
    _shown: int = 0
    _seen: list[str] = []  # slugs shown: a story that moved up between pages is not shown twice
    _heading: str = "h3"

    def _page_size(self) -> int:
        return settings.page_size

    def _fetch(self, offset: int) -> ArticlePage:
        raise NotImplementedError

    def _show_first(self, items: list[ArticleCard], has_more: bool, html: str | None = None) -> None:
        self.card_pages = [html if html is not None else render.cards(items, heading=self._heading)] if items else []
        self._seen, self._shown = [c.slug for c in items], len(items)
        self.has_more, self.loaded = has_more, True

    def _clear(self) -> None:
        self.card_pages, self._seen, self._shown, self.has_more, self.loaded = [], [], 0, False, True

    @rx.event
    @off_loop
    @outage_safe
    def load_more(self):
        if not self.loaded or not self.has_more:
            return
        page = self._fetch(self._shown)
        fresh = [c for c in page.items if c.slug not in self._seen]
        if fresh:
            self.card_pages = [*self.card_pages, render.cards(fresh, heading=self._heading)]
            self._seen = [*self._seen, *(c.slug for c in fresh)]
        self._shown += len(page.items)
        self.has_more = page.has_more
