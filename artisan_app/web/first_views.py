"""The first HTML of each public page kind: its data (``services.site.page_data``), its markup
(``artisan_app.render``) and its head (``services.site.seo``).

Each function answers one row of the route registry (``web/registry.py``) with a
``FirstView``; ``web/http_app.py`` puts it into the app's shell. Every page shows what the
app's own page shows first (the same first page of a list: ``settings.page_size``
stories); unknown or unpublished slugs answer 404 with the app's not-found page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session
from starlette.requests import Request

from artisan_app import render
from artisan_app.core import i18n, routes
from artisan_app.core.i18n import split_edition
from artisan_app.core.settings import settings
from artisan_app.render import wording
from artisan_app.services.articles import corrections
from artisan_app.services.comments import thread as comment_thread
from artisan_app.services.editorial import translations
from artisan_app.services.newsletter import subscriptions
from artisan_app.services.search import queries
from artisan_app.services.search.queries import SortOrder
from artisan_app.services.site import edition_links, page_data, seo
from artisan_app.web.client import client_key
from artisan_app.web.endpoints import comments


@dataclass(frozen=True)
class FirstView:
    meta: seo.PageMeta
    html: str
    status: int = 200


def _language(request: Request) -> str:
    return split_edition(request.url.path)[0]


def missing(request: Request, session: Session, site_url: str, kind: str = "Page") -> FirstView:
    language = _language(request)
    meta = seo.not_found_meta(path=request.url.path, site_url=site_url, what=kind, language=language)
    return FirstView(meta, render.not_found_page(kind, categories=page_data.navigation(session), language=language), 404)


def front(request: Request, session: Session, site_url: str) -> FirstView:
    language = _language(request)  # "/" or "/ur/": each edition's own stories
    data = page_data.front_page(session, limit=settings.page_size, language=language)  # the featured story leads
    html = render.front_page(
        data.lead, data.cards, has_more=data.has_more, categories=page_data.navigation(session), language=language
    )
    return FirstView(seo.front_meta(site_url=site_url, language=language), html)


def article(request: Request, session: Session, site_url: str) -> FirstView:
    language = _language(request)
    data = page_data.article_page(session, request.path_params["slug"], language=language)
    if data.detail is None:
        return missing(request, session, site_url, "Article")
    thread = comment_thread.thread_page(session, data.detail.id)  # the app's first page of comments
    mine = comments.held_comment(request, session, data.detail.id)  # just posted here, held
    if mine is not None:
        thread = dataclasses.replace(thread, comments=[*thread.comments, mine])
    links = translations.live_translations(session, data.detail.card.slug)
    switch = edition_links.article_switch(session, language=language, slug=data.detail.card.slug)
    form = comments.form_view(request, data.detail.id)  # empty, or the outcome of a post from it
    html = render.article_page(
        data.detail, related=data.related, categories=page_data.navigation(session), thread=thread, switch=switch, form=form
    )
    meta = seo.article_meta(data.detail, site_url=site_url, translations=[(t.language, t.slug) for t in links])
    return FirstView(dataclasses.replace(meta, robots="noindex") if comments.shows_outcome(request) else meta, html)


_LISTING_META: dict[str, Callable[..., seo.PageMeta]] = {
    "category": seo.category_meta,
    "author": seo.author_meta,
    "tag": seo.tag_meta,
}


def listing(request: Request, session: Session, site_url: str) -> FirstView:
    """``/category/x``, ``/author/x``, ``/tag/x``: the prefix says which."""
    language, path = split_edition(request.url.path)
    prefix = path.strip("/").split("/", 1)[0]
    data = page_data.listing_page(session, prefix, request.path_params["slug"], limit=settings.page_size, language=language)
    if data.subject is None:
        return missing(request, session, site_url, data.kind)
    switch = edition_links.listing_switch(session, language=language, prefix=prefix, slug=request.path_params["slug"])
    html = render.listing_page(
        data.kind,
        data.subject,
        data.page.items,
        has_more=data.page.has_more,
        categories=page_data.navigation(session),
        language=language,
        switch=switch,
    )
    meta = _LISTING_META[prefix](data.subject, site_url=site_url, language=language)
    # An empty listing (say, a topic only drafts use) is not worth indexing.
    return FirstView(meta if data.page.items else dataclasses.replace(meta, robots="noindex"), html)


def search_results(request: Request, session: Session, site_url: str) -> FirstView:
    """``/search?q=...&sort=...``: the form and the first page of results (a plain GET: it works
    without JavaScript), under the same per-client rate limit as the app's search."""
    language = _language(request)
    raw = request.query_params.get("q", "")
    query = raw[: queries.MAX_QUERY_CHARS]
    sort = SortOrder.parse(request.query_params.get("sort", "")).value
    hits, has_more, message = [], False, ""
    if queries.query_terms(query) and not queries.allow_search(client_key(request)):
        message = queries.RATE_LIMITED_MESSAGE
    else:
        page = page_data.search_page(session, query, sort=sort, limit=settings.page_size, language=language)
        hits, has_more = page.items, page.has_more
        message = (
            queries.summary(page, query)
            if language == "en" or not page.terms
            else i18n.search_summary(language, total=page.total, query=queries.display_query(query))
        )
    html = render.search_page(
        query,
        sort,
        hits,
        message=message,
        has_more=has_more,
        categories=page_data.navigation(session),
        language=language,
        switch=edition_links.search_switch(language, query),
    )
    return FirstView(seo.search_meta(site_url=site_url, language=language), html)


def corrections_page(request: Request, session: Session, site_url: str) -> FirstView:
    """``/corrections`` or ``/ur/corrections``: the edition's own articles' corrections, each page the
    other's ``hreflang`` alternate."""
    language = _language(request)
    html = render.corrections_page(
        corrections.recent_corrections(session, language=language),
        categories=page_data.navigation(session),
        language=language,
        switch=edition_links.corrections_switch(language),
    )
    meta = seo.listing_meta(
        name=i18n.translate(language, "Corrections"),
        description=i18n.translate(language, wording.CORRECTIONS_INTRO),
        path=routes.CORRECTIONS,
        site_url=site_url,
        language=language,
    )
    pages = tuple((lang, site_url + i18n.edition_path(lang, routes.CORRECTIONS)) for lang in i18n.LANGUAGES)
    return FirstView(dataclasses.replace(meta, alternates=pages), html)


def newsletter(request: Request, session: Session, site_url: str) -> FirstView:
    """``/newsletter``: the sign-up page, its form a plain POST (``web.endpoints.newsletter``), which comes back
    here with ``?subscribed=1`` or ``?error=<code>``: those show the same fixed answer as the app's form
    (never the address) and are not indexed."""
    answer, error = subscriptions.signup_outcome(request.query_params)
    html = render.newsletter_page(categories=page_data.navigation(session), answer=answer, error=error)
    meta = seo.listing_meta(name="Newsletter", description=wording.NEWSLETTER_INTRO, path=routes.NEWSLETTER, site_url=site_url)
    meta = dataclasses.replace(meta, json_ld={**(meta.json_ld or {}), "@type": "WebPage"})
    return FirstView(dataclasses.replace(meta, robots="noindex") if answer or error else meta, html)
