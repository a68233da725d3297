"""Front page, category, author and tag pages."""

from __future__ import annotations

import reflex as rx

from artisan_app import db, routes
from artisan_app.services import catalog, featured
from artisan_app.services.views import ArticleCard, AuthorProfile, CategoryLink, TagLink
from artisan_app.state.listing import PagedArticles
from artisan_app.state.offload import off_loop
from artisan_app.state.resilience import outage_safe


class ReaderState(PagedArticles, rx.State):
    """The front page: a lead story, then the latest articles, filterable by category.

    ``current_category`` is the reader's chosen filter ("" = all sections).
    """

    current_category: str = ""
    lead: ArticleCard | None = None

    def _filters(self) -> dict[str, str]:
        return {"category_slug": self.current_category} if self.current_category else {}

    def _reset_list(self) -> None:
        super()._reset_list()
        # The featured (else the newest) story of the current selection leads; the rest follow.
        if self.articles:
            self.lead, self.articles = self.articles[0], self.articles[1:]
        else:
            self.lead = None

    def _fetch(self, offset: int):
        # The lead (the featured story, else the newest) occupies the first slot of the first page.
        with db.session_scope() as session:
            return featured.front_page(session, limit=self._page_size(), offset=offset + (1 if offset and self.lead else 0),
                                       **self._filters())

    @rx.event
    @off_loop
    @outage_safe
    def load_front_page(self):
        self._reset_list()

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
        self._reset_list()


class CategoryState(PagedArticles, rx.State):
    category: CategoryLink | None = None

    def _filters(self) -> dict[str, str]:
        return {"category_slug": self.category.slug} if self.category else {}

    @rx.event
    @off_loop
    @outage_safe
    def load_category(self):
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, "category")
        with db.session_scope() as session:
            self.category = catalog.get_category(session, slug) if slug else None
        if self.category is None:
            self.articles, self.has_more, self.loaded = [], False, True
            return
        self._reset_list()


class AuthorState(PagedArticles, rx.State):
    author: AuthorProfile | None = None

    def _filters(self) -> dict[str, str]:
        return {"author_slug": self.author.slug} if self.author else {}

    @rx.event
    @off_loop
    @outage_safe
    def load_author(self):
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, "author")
        with db.session_scope() as session:
            self.author = catalog.get_author(session, slug) if slug else None
        if self.author is None:
            self.articles, self.has_more, self.loaded = [], False, True
            return
        self._reset_list()


class TagState(PagedArticles, rx.State):
    tag: TagLink | None = None

    def _filters(self) -> dict[str, str]:
        return {"tag_slug": self.tag.slug} if self.tag else {}

    @rx.event
    @off_loop
    @outage_safe
    def load_tag(self):
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, "tag")
        with db.session_scope() as session:
            self.tag = catalog.get_tag(session, slug) if slug else None
        if self.tag is None:
            self.articles, self.has_more, self.loaded = [], False, True
            return
        self._reset_list()
