"""Search: the masthead box and the ``/search`` page."""

from __future__ import annotations

import functools
import json

import reflex as rx

from artisan_app import render
from artisan_app.core import db, i18n, routes
from artisan_app.core.settings import settings
from artisan_app.services.search import queries
from artisan_app.services.search.queries import SortOrder
from artisan_app.services.site import edition_links, page_data
from artisan_app.state.support.clients import client_key
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe


@functools.lru_cache(maxsize=64)
def _switch_html(language: str, query: str) -> str:
    """A function of its arguments, and part of every tab's first snapshot: rendered once."""
    return render.language_switch(edition_links.search_switch(language, query), language=language)


class SearchState(rx.State):
    """The reader's query, sort order and the results shown so far.

    Results are HTML from ``render.search_results`` (the first view's markup:
    matches as ``<mark>``, every value escaped), one string per page shown.
    """

    query: str = ""
    sort: str = SortOrder.relevance.value
    result_pages: list[str] = []
    _seen: list[str] = []  # slugs shown
    _shown: int = 0  # results fetched so far (the next page's offset)
    total: int = 0
    has_more: bool = False
    searched: bool = False  # false until a query with words in it has run
    message: str = ""
    loaded: bool = False
    # Bumped whenever the query changes from outside the page's box (URL, masthead),
    # so the uncontrolled input is re-created with the new value.
    input_version: int = 0
    language: str = "en"  # the edition searched: /ur/search finds Urdu stories

    @rx.var
    def switch_html(self) -> str:
        """The other edition's search for the same words (``services.site.edition_links``)."""
        return _switch_html(self.language, self.query)

    def _page(self, offset: int) -> queries.SearchPage:
        with db.session_scope() as session:
            return page_data.search_page(
                session, self.query, sort=self.sort, limit=settings.page_size, offset=offset, language=self.language
            )

    def _allowed(self) -> bool:
        """The per-client search rate limit (only queries with words count)."""
        if not queries.query_terms(self.query):
            return True
        if queries.allow_search(client_key(self)):
            return True
        self.message, self.loaded = queries.RATE_LIMITED_MESSAGE, True
        return False

    def _run(self) -> None:
        if not self._allowed():
            return
        page = self._page(0)
        self.result_pages = [render.search_results(page.items, language=self.language)] if page.items else []
        self._seen, self._shown = [hit.card.slug for hit in page.items], len(page.items)
        self.total = page.total
        self.has_more = page.has_more
        self.searched = bool(page.terms)
        self.message = (
            queries.summary(page, self.query)
            if self.language == "en" or not page.terms
            else i18n.search_summary(self.language, total=page.total, query=queries.display_query(self.query))
        )
        self.loaded = True

    def _accept(self, query: object) -> str:
        return query[: queries.MAX_QUERY_CHARS] if isinstance(query, str) else ""

    def _sync_url(self):
        """Keep the address bar shareable without a navigation (which would re-run on_load)."""
        url = i18n.edition_path(
            self.language, routes.search_url(self.query.strip(), "" if self.sort == SortOrder.relevance.value else self.sort)
        )
        return rx.call_script(f"window.history.replaceState(window.history.state, '', {json.dumps(url)})")

    @rx.event
    @off_loop
    @outage_safe
    def load_search(self):
        """``/search?q=...&sort=...``"""
        params = self.router.url.query_parameters
        self.language = i18n.split_edition(self.router.url.path)[0]
        self.query = self._accept(params.get("q", ""))
        self.sort = SortOrder.parse(params.get("sort", "")).value
        self.input_version += 1
        self._run()

    @rx.event
    @off_loop
    @outage_safe
    def set_query(self, value: str):
        """The page's search box, debounced in the browser."""
        query = self._accept(value)
        if query == self.query and self.loaded:
            return
        self.query = query
        if queries.too_short_for_live(query):
            self.result_pages, self._seen, self.total, self.has_more, self.searched = [], [], 0, False, False
            self.message, self.loaded = queries.KEEP_TYPING_MESSAGE, True
        else:
            self._run()
        return self._sync_url()

    @rx.event
    @off_loop
    @outage_safe
    def set_sort(self, value: str):
        self.sort = SortOrder.parse(value).value
        self._run()
        return self._sync_url()

    @rx.event
    @off_loop
    @outage_safe
    def submit_search(self, form_data: dict):
        """The masthead box: go to the results page for what was typed."""
        query = self._accept(form_data.get("q", "") if isinstance(form_data, dict) else "").strip()
        self.query = query
        self.input_version += 1
        self._run()
        sort = "" if self.sort == SortOrder.relevance.value else self.sort
        return rx.redirect(i18n.edition_path(self.language, routes.search_url(query, sort)))

    @rx.event
    @off_loop
    @outage_safe
    def load_more(self):
        if not self.loaded or not self.has_more or not self._allowed():
            return
        page = self._page(self._shown)
        fresh = [hit for hit in page.items if hit.card.slug not in self._seen]
        if fresh:
            start = len(self._seen) + 1
            self.result_pages = [*self.result_pages, render.search_results(fresh, start=start, language=self.language)]
            self._seen = [*self._seen, *(hit.card.slug for hit in fresh)]
        self._shown += len(page.items)
        self.has_more = page.has_more
