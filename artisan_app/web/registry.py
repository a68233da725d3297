"""The route registry: one table of every page, from which the app and the HTTP routes are made.

Each ``Page`` says, once: its URL pattern, the Reflex page (component), title and
meta, its on_load, whether it is a reader page (in-app navigation for links in
its rendered HTML), its first HTML (``web/first_views.py``) and whether it takes
part in the sitemap. ``artisan_app.py`` calls ``app.add_page`` for each row;
``web/http_app.py`` serves each row with a first view over HTTP (cached per URL unless
``cache=False``) and builds the sitemap from the rows' ``sitemap`` sources. To add
a page, add a row here (and its pattern to ``core/routes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import reflex as rx
from sqlmodel import Session
from starlette.requests import Request

from artisan_app.components.reader.markup import DocumentLanguage, InAppNavigation
from artisan_app.core import i18n, routes
from artisan_app.pages.newsletter.desk import newsletter_desk_page, outbox_page
from artisan_app.pages.newsletter.signup import confirm_page, newsletter_page, preferences_page
from artisan_app.pages.newsroom.article_editor import editor_page
from artisan_app.pages.newsroom.articles import newsroom_page
from artisan_app.pages.newsroom.moderation import comments_page
from artisan_app.pages.newsroom.redirects import redirects_page
from artisan_app.pages.newsroom.settings import settings_page
from artisan_app.pages.newsroom.sign_in import login_page
from artisan_app.pages.newsroom.trash import trash_page
from artisan_app.pages.newsroom.wordpress_import import import_page
from artisan_app.pages.reader.article import article_page
from artisan_app.pages.reader.corrections import corrections_page
from artisan_app.pages.reader.front import front_page
from artisan_app.pages.reader.listing import listing_page
from artisan_app.pages.reader.missing import missing_page
from artisan_app.pages.reader.search import search_page
from artisan_app.services.site import feeds, seo
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.editor.tools import TrashState
from artisan_app.state.newsletter.desk import NewsletterDeskState, OutboxState
from artisan_app.state.newsletter.signup import NewsletterState
from artisan_app.state.newsroom.article_list import NewsroomState
from artisan_app.state.newsroom.auth import AuthState
from artisan_app.state.newsroom.mail_health import MailHealthState
from artisan_app.state.newsroom.moderation import ModerationState
from artisan_app.state.newsroom.redirects import RedirectsState
from artisan_app.state.newsroom.settings import AdminState
from artisan_app.state.newsroom.wordpress_import import ImportState
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.listings import ListingState
from artisan_app.state.reader.page_loads import PageVisit
from artisan_app.state.reader.site import SiteState
from artisan_app.web import first_views
from artisan_app.web.endpoints import comments
from artisan_app.web.first_views import FirstView

SITE = seo.SITE_NAME
ARTICLE_OUTCOME = comments.QUERY_KEY
NOINDEX = ({"name": "robots", "content": "noindex, nofollow"},)
SitemapSource = Callable[..., list[feeds.SitemapEntry]]


@dataclass(frozen=True)
class Page:
    pattern: str  # core/routes.py
    component: Callable[[], rx.Component]
    title: Any  # a string or a state's var
    on_load: Any = None
    description: str | None = seo.SITE_DESCRIPTION
    meta: Sequence[dict] = ()
    reader: bool = True  # a public page: links in its rendered HTML navigate in the app
    first_view: Callable[[Request, Session, str], FirstView] | None = None  # (request, session, site URL)
    cache: bool = True  # its first HTML is the same for every reader (cached per URL)
    # The cache is keyed by path: a page whose first HTML also depends on the query has only its
    # address without a query cached (any other is rendered each time).
    query_varies: bool = False
    # Query parameters its first HTML depends on (others, say ``utm_source``, leave it cached): a URL
    # carrying one is rendered each time.
    query_keys: tuple[str, ...] = ()
    sitemap: Sequence[SitemapSource] = field(default_factory=tuple)

    def page(self) -> Callable[[], rx.Component]:
        """The component function for ``app.add_page``: every page keeps ``<html lang dir>`` on its
        edition's; a reader page's rendered links navigate in the app."""
        component, pattern, reader = self.component, reader_paths(), self.reader

        def page() -> rx.Component:
            wiring = [InAppNavigation.create(pattern=pattern)] if reader else []
            return rx.fragment(DocumentLanguage.create(), *wiring, component())

        page.__name__ = component.__name__  # Reflex names the page's module after it
        return page


def _staff(*handlers) -> list:
    """The newsroom: every page checks the session on load, and every handler checks it again;
    every page says when mail or jobs are not moving."""
    return [AuthState.require_staff, *handlers, MailHealthState.load_mail_health]


def _newsroom(pattern: str, component, title: str, *load) -> Page:
    return Page(pattern, component, f"{title} | {SITE} Newsroom", _staff(*load), description=None, meta=NOINDEX, reader=False)


PAGES: tuple[Page, ...] = (
    # The reader's site.
    Page(
        routes.HOME,
        front_page,
        f"{SITE} — Beyond the Headlines",
        PageVisit.front,
        first_view=first_views.front,
        sitemap=(feeds.front_sitemap,),
    ),
    Page(
        routes.ARTICLE,
        article_page,
        ArticleState.page_title,
        PageVisit.article,
        first_view=first_views.article,
        sitemap=(feeds.article_sitemap,),
        query_keys=(ARTICLE_OUTCOME,),
    ),  # ?comment=held...: the answer to the comment form's plain POST
    Page(
        routes.CATEGORY,
        listing_page,
        ListingState.page_title,
        PageVisit.listing,
        first_view=first_views.listing,
        sitemap=(feeds.category_sitemap,),
    ),
    Page(
        routes.AUTHOR,
        listing_page,
        ListingState.page_title,
        PageVisit.listing,
        first_view=first_views.listing,
        sitemap=(feeds.author_sitemap,),
    ),
    Page(
        routes.TAG,
        listing_page,
        ListingState.page_title,
        PageVisit.listing,
        first_view=first_views.listing,
        sitemap=(feeds.tag_sitemap,),
    ),
    # The Urdu edition: the same pages, in Urdu, right to left.
    Page(routes.UR_HOME, front_page, "آرٹیزن ٹائمز — سرخیوں سے آگے", PageVisit.front, first_view=first_views.front),
    Page(
        routes.UR_ARTICLE,
        article_page,
        ArticleState.page_title,
        PageVisit.article,
        first_view=first_views.article,
        query_keys=(ARTICLE_OUTCOME,),
    ),
    *(
        Page(pattern, listing_page, ListingState.page_title, PageVisit.listing, first_view=first_views.listing)
        for pattern in (routes.UR_CATEGORY, routes.UR_AUTHOR, routes.UR_TAG)
    ),
    Page(
        routes.UR_SEARCH,
        search_page,
        f"تلاش | {SITE}",
        PageVisit.search,
        meta=({"name": "robots", "content": "noindex, follow"},),
        first_view=first_views.search_results,
        cache=False,
    ),
    Page(
        routes.SEARCH,
        search_page,
        f"Search | {SITE}",
        PageVisit.search,
        meta=({"name": "robots", "content": "noindex, follow"},),
        first_view=first_views.search_results,
        cache=False,
    ),
    Page(
        routes.CORRECTIONS,
        corrections_page,
        f"Corrections | {SITE}",
        PageVisit.corrections,
        first_view=first_views.corrections_page,
        sitemap=(feeds.corrections_sitemap,),
    ),  # both editions' pages
    Page(
        routes.UR_CORRECTIONS,
        corrections_page,
        f"{i18n.translate('ur', 'Corrections')} | {SITE}",
        PageVisit.corrections,
        first_view=first_views.corrections_page,
    ),
    Page(routes.NOT_FOUND, missing_page, f"Page not found | {SITE}", PageVisit.other, description=None),
    Page(
        routes.NEWSLETTER,
        newsletter_page,
        f"Newsletter | {SITE}",
        [SiteState.load_navigation, NewsletterState.load_signup],
        first_view=first_views.newsletter,
        query_varies=True,
    ),  # ?subscribed=1, ?error=...: the answer to the first view's plain POST
    Page(
        routes.NEWSLETTER_CONFIRM,
        confirm_page,
        f"Confirm your subscription | {SITE}",
        [SiteState.load_navigation, NewsletterState.confirm],
        description=None,
        meta=NOINDEX,
    ),
    Page(
        routes.NEWSLETTER_PREFERENCES,
        preferences_page,
        f"Your newsletter | {SITE}",
        [SiteState.load_navigation, NewsletterState.load_preferences],
        description=None,
        meta=NOINDEX,
    ),
    # The newsroom.
    Page(
        routes.EDITOR_LOGIN,
        login_page,
        f"Sign in | {SITE} Newsroom",
        AuthState.redirect_if_signed_in,
        description=None,
        meta=NOINDEX,
        reader=False,
    ),
    _newsroom(routes.EDITOR, newsroom_page, "Articles", NewsroomState.load_list),
    _newsroom(routes.EDITOR_ARTICLE, editor_page, "Editor", ArticleEditorState.load_editor),
    _newsroom(routes.EDITOR_COMMENTS, comments_page, "Comments", ModerationState.load_queue),
    _newsroom(routes.EDITOR_SETTINGS, settings_page, "Settings", AdminState.load_settings),
    _newsroom(routes.EDITOR_TRASH, trash_page, "Trash", TrashState.load_trash),
    _newsroom(routes.EDITOR_NEWSLETTER, newsletter_desk_page, "Newsletter", NewsletterDeskState.load_desk),
    _newsroom(routes.EDITOR_OUTBOX, outbox_page, "Outbox", OutboxState.load_outbox),
    _newsroom(routes.EDITOR_REDIRECTS, redirects_page, "Redirects", RedirectsState.load_redirects),
    _newsroom(routes.EDITOR_IMPORT, import_page, "Import", ImportState.load_import),
)


def reader_paths() -> str:
    """A regular expression of the reader pages' paths (``routes.paths_regex``)."""
    return routes.paths_regex(p.pattern for p in PAGES if p.reader and p.pattern.startswith("/"))


def first_view_pages() -> list[Page]:
    return [p for p in PAGES if p.first_view is not None]


def first_view_paths(*, with_query: bool = False) -> str:
    """A regular expression of the paths the server answers with a first view (``routes.paths_regex``);
    ``with_query``: of URLs, a query allowed (the development server's proxy, ``web/dev/proxy.py``)."""
    return routes.paths_regex((p.pattern for p in first_view_pages()), with_query=with_query)


def sitemap_sources() -> list[SitemapSource]:
    """The sitemap's sources in the table's order (front page, articles, sections...)."""
    return [source for p in PAGES for source in p.sitemap]
