"""From any reader page to the other edition.

Every page's masthead links to the other edition's front page (the edition link in
``render/templates/reader.html``). Where a page has a match in the other edition, the page
itself links there too, where an article's language switch sits:

* an article: its live translation; without one, the other edition's front page (a reader who
  arrived on a story from a search or a share looks for the other edition here);
* a section, author or topic page: the same listing in the other edition when it has stories
  there (an empty listing is no use to a reader; the masthead's link is the way then);
* search: the other edition's search for the same words; corrections: the other edition's
  corrections page (both always exist);
* the front page and not-found pages: nothing more (the masthead's link is their match).

Labels are in the other edition's language, so a reader who reads only that language finds
them; the link carries its ``hreflang``, ``lang`` and ``dir`` (``render``).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from artisan_app.core import routes
from artisan_app.core.i18n import edition_path, other_language, translate
from artisan_app.services.editorial.translations import LanguageSwitch, language_switch
from artisan_app.services.site import page_data

# The other edition's version of a page that is not an article, labelled in that edition's language.
PAGE_LABELS = {"en": "This page in English", "ur": "This page in Urdu"}


def article_switch(session: Session, *, language: str, slug: str, now: datetime | None = None) -> LanguageSwitch:
    """The translation, else the other edition's front page: every article has a way across."""
    return language_switch(session, language=language, slug=slug, now=now)


def page_switch(language: str, path: str) -> LanguageSwitch:
    """``path`` (an English-edition path, query included) in the other edition."""
    other = other_language(language)
    return LanguageSwitch(other, edition_path(other, path), translate(other, PAGE_LABELS[other]), True)


def listing_switch(
    session: Session, *, language: str, prefix: str, slug: str, now: datetime | None = None
) -> LanguageSwitch | None:
    """A section, author or topic page (``prefix``: ``category``, ``author``, ``tag``) in the other
    edition, when that edition has at least one live story there; else ``None``."""
    other = other_language(language)
    data = page_data.listing_page(session, prefix, slug, limit=1, now=now, language=other)
    if data.subject is None or not data.page.items:
        return None
    path = {"category": routes.category_url, "author": routes.author_url, "tag": routes.tag_url}[prefix](slug)
    return page_switch(language, path)


def search_switch(language: str, query: str) -> LanguageSwitch:
    return page_switch(language, routes.search_url(query.strip()))


def corrections_switch(language: str) -> LanguageSwitch:
    return page_switch(language, routes.CORRECTIONS)
