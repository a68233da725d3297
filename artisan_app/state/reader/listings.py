"""The front page and the listing pages (section, author, topic).

Both keep what they show as HTML from ``artisan_app.render`` (the same markup
the first HTML has), made from ``services.site.page_data``; the rendered first screen
of a page is remembered per content generation, so the thousandth reader of the
front page costs one query and no rendering.
"""

from __future__ import annotations

import reflex as rx

from artisan_app import render
from artisan_app.core import db, i18n, routes
from artisan_app.render import wording
from artisan_app.services.articles import catalog
from artisan_app.services.articles.views import ArticlePage
from artisan_app.services.site import edition_links, page_data
from artisan_app.services.site.seo import SITE_NAME
from artisan_app.state.reader.paged_lists import PagedCards
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe


class ReaderState(PagedCards, rx.State):
    """The front page: a lead story, then the latest articles, filterable by section.

    ``current_category`` is the reader's chosen filter ("" = all sections).
    """

    current_category: str = ""
    lead_html: str = ""
    has_lead: bool = False

    language: str = "en"  # the edition: "/" or "/ur/"

    def _fetch(self, offset: int) -> ArticlePage:
        with db.session_scope() as session:
            return page_data.front_more(
                session, category=self.current_category, shown=offset, limit=self._page_size(), language=self.language
            )

    def _load(self) -> None:
        self.language = language = i18n.split_edition(self.router.url.path)[0]
        category, size = self.current_category, self._page_size()
        with db.session_scope() as session:
            data = page_data.front_page(session, category=category, limit=size, language=language)
            lead_html, cards_html = page_data.remembered(
                session,
                ("front-html", category, size, language),
                lambda: (render.front_lead(data.lead, language=language), render.cards(data.cards, language=language)),
            )
        self.lead_html, self.has_lead = lead_html, data.lead is not None
        self._show_first(data.cards, data.has_more, cards_html)

    @rx.event
    @off_loop
    @outage_safe
    def load_front_page(self):
        self._load()

    @rx.event
    @off_loop
    @outage_safe
    def choose_category(self, slug: str):
        """Filter the front page; unknown or malformed slugs fall back to all sections."""
        slug = slug if isinstance(slug, str) else ""
        if slug:
            with db.session_scope() as session:
                if catalog.get_category(session, slug) is None:
                    slug = ""
        self.current_category = slug
        self._load()


class ListingState(PagedCards, rx.State):
    """A section, author or topic page (``/category/x``, ``/author/x``, ``/tag/x``): one state, keyed
    by the URL's prefix and slug."""

    prefix: str = ""  # "category", "author" or "tag"
    language: str = "en"  # the edition
    found: bool = False
    header_html: str = ""
    empty: str = ""  # what an empty list says ("No stories in this section yet.")
    title: str = SITE_NAME
    _slug: str = ""
    _heading: str = "h2"

    def _fetch(self, offset: int) -> ArticlePage:
        with db.session_scope() as session:
            return page_data.listing_page(
                session, self.prefix, self._slug, limit=self._page_size(), offset=offset, language=self.language
            ).page

    @rx.var
    def page_title(self) -> str:
        return self.title

    @rx.event
    @off_loop
    @outage_safe
    def load_listing(self):
        self.loaded = False
        language, path = i18n.split_edition(self.router.url.path)
        self.language = language
        prefix = next((p for p in page_data.LISTINGS if routes.slug_from_path(path, p)), "")
        slug = routes.slug_from_path(path, prefix) if prefix else ""
        self.prefix, self._slug = prefix, slug
        if not prefix:
            self.found, self.header_html = False, render.not_found(language=language)
            self.title = f"{i18n.translate(language, 'Page not found')} | {SITE_NAME}"
            self._clear()
            return
        size = self._page_size()
        with db.session_scope() as session:
            data = page_data.listing_page(session, prefix, slug, limit=size, language=language)
            if data.subject is None:
                self.found, self.header_html = False, render.not_found(data.kind, language=language)
                self.title = f"{i18n.translate(language, data.kind + ' not found')} | {SITE_NAME}"
                self._clear()
                return
            # The same listing in the other edition, if it has stories there (remembered like this page's data).
            switch = edition_links.listing_switch(session, language=language, prefix=prefix, slug=slug)
            header_html, cards_html = page_data.remembered(
                session,
                ("listing-html", prefix, slug, size, language),
                lambda: (
                    render.listing_header(data.kind, data.subject, language=language, switch=switch),
                    render.cards(data.page.items, heading="h2", language=language),
                ),
            )
        self.found, self.header_html = True, header_html
        self.empty = i18n.translate(language, wording.LISTINGS[data.kind][1])
        name = i18n.section_name(data.subject.name, language) if data.kind == "Section" else data.subject.name
        self.title = f"{'#' if data.kind == 'Topic' else ''}{name} | {SITE_NAME}"
        self._show_first(data.page.items, data.page.has_more, cards_html)
