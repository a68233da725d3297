"""The reader markup, defined once: the first HTML and the live app both come from here.

Every public page (front, article, section, author, topic, search, not-found,
corrections) is built from the read-only parts in ``templates/reader.html``:
masthead, footer, lead story and cards, the article with its numbered sections,
quotes and author box, "You may also like", listing headers, search results,
not-found. This module renders them

* for the **first HTML** (``api.py`` via the route registry): ``*_page``
  functions return the whole first view (``templates/pages/``), a page's
  content as HTML shown until the app has loaded, and kept without JavaScript;
* for the **live app**: the states keep the same parts as strings
  (``state/reader.py``, ``state/article.py``...) and the pages show them through
  ``rx.html`` (``components/reader.py``); following a link inside them stays
  an in-app navigation (``components/reader.py: InAppNavigation``).

The interactive parts (filter chips, "Load more", the comment thread and form,
the search form, newsletter sign-up) are Reflex components; the first view has
plain-HTML stand-ins for them (``templates/twins.html``), and the parity browser
test compares each page kind before and after the app takes over.

Templates are Jinja2 with autoescaping on, so every value from the database is
text, never markup; the only HTML passed through is made by
``services/rich_blocks`` (nh3-cleaned inline markup, escaped values).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import jinja2
from markupsafe import Markup

from artisan_app import routes, wording
from artisan_app.render.scripts import FIRST_VIEW_JS
from artisan_app.services.comment_thread import ThreadPage
from artisan_app.services.search import SearchHit
from artisan_app.services.views import (
    ArticleCard,
    ArticleDetail,
    AuthorProfile,
    CategoryLink,
    CorrectionItem,
    TagLink,
)

__all__ = ["ELEMENT_ID", "FIRST_VIEW_JS"]

ELEMENT_ID = "first-view"
FIRST_VIEW_PREFIX = ELEMENT_ID + "-"  # element ids of the first view (the app's have none)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    first_view_js=Markup(FIRST_VIEW_JS),
    url=SimpleNamespace(
        home=routes.HOME,
        article=routes.article_url,
        category=routes.category_url,
        author=routes.author_url,
        tag=routes.tag_url,
        search=routes.search_url,
        newsletter_subscribe=routes.NEWSLETTER_SUBSCRIBE_POST,
    ),
)
_parts = _env.get_template("reader.html").module


def _part(name: str, *args) -> str:
    return str(getattr(_parts, name)(*args)).strip()


def comment_count_label(count: int) -> str:
    return "1 comment" if count == 1 else f"{count} comments"


# ---------------------------------------------------------------- the parts (app and first view)


def masthead(categories: Sequence[CategoryLink], *, prefix: str = "") -> str:
    return _part("masthead", categories, prefix)


def footer(categories: Sequence[CategoryLink]) -> str:
    return _part("footer", categories)


def front_lead(lead: ArticleCard | None) -> str:
    """The front page's heading and its lead story (the featured one, else the newest)."""
    return _part("front_lead", lead)


def cards(items: Sequence[ArticleCard], *, heading: str = "h3") -> str:
    """Article cards, for a card grid (a page of them: "Load more" appends the next)."""
    return _part("cards", items, heading)


def article(detail: ArticleDetail, *, comment_count: int | None = None, prefix: str = "") -> str:
    """The article up to its author box; ``comment_count`` adds the byline's link to the comments."""
    comments = comment_count_label(comment_count) if comment_count is not None else ""
    return _part("article", detail, comments, prefix)


def recommendations(items: Sequence[ArticleCard], *, prefix: str = "") -> str:
    """"You may also like"; nothing without related stories."""
    return _part("recommendations", items, prefix)


def listing_header(kind: str, subject: CategoryLink | AuthorProfile | TagLink) -> str:
    """``kind``: "Section", "Author" or "Topic" (``wording.LISTINGS``)."""
    return _part("listing_header", kind, subject)


def search_results(hits: Sequence[SearchHit]) -> str:
    return _part("search_results", hits)


def not_found(kind: str = "Page") -> str:
    """What an unknown article, section, author, topic or path shows."""
    if kind == "Article":
        title, message = wording.ARTICLE_MISSING
    elif kind in wording.LISTINGS:
        title, message = wording.LISTINGS[kind][0], wording.LISTING_MISSING_TEXT
    else:
        title, message = wording.PAGE_MISSING
    return _part("not_found", title, message)


def corrections(items: Sequence[CorrectionItem]) -> str:
    return _part("corrections", items, wording.CORRECTIONS_INTRO, wording.CORRECTIONS_EMPTY)


# ---------------------------------------------------------------- whole first views (api.py)


def _page(template: str, categories: Sequence[CategoryLink], **context) -> str:
    # No text between the injected nodes and the app's: React hydrates <body> and
    # skips unknown elements there, but a stray text node is a hydration error (#418).
    page = _env.get_template(f"pages/{template}.html")
    return page.render(categories=categories, **context).strip()


def front_page(lead: ArticleCard | None, items: Sequence[ArticleCard], *, has_more: bool,
               categories: Sequence[CategoryLink]) -> str:
    return _page("front", categories, lead=lead, cards=items, has_more=has_more, empty=wording.FRONT_EMPTY)


def article_page(detail: ArticleDetail, *, related: Sequence[ArticleCard], categories: Sequence[CategoryLink],
                 thread: ThreadPage) -> str:
    """The article, the newsletter sign-up, the first page of comments (``services.comment_thread``)
    and "You may also like"."""
    return _page("article", categories, article=detail, related=related, thread=thread,
                 comments=comment_count_label(thread.approved_count))


def listing_page(kind: str, subject: CategoryLink | AuthorProfile | TagLink, items: Sequence[ArticleCard], *,
                 has_more: bool, categories: Sequence[CategoryLink]) -> str:
    return _page("listing", categories, kind=kind, subject=subject, cards=items, has_more=has_more,
                 empty=wording.LISTINGS[kind][1])


def search_page(query: str, sort: str, hits: Sequence[SearchHit], *, message: str, has_more: bool,
                categories: Sequence[CategoryLink]) -> str:
    return _page("search", categories, query=query, sort=sort, hits=hits, message=message, has_more=has_more)


def not_found_page(kind: str, *, categories: Sequence[CategoryLink]) -> str:
    return _page("fragment", categories, main=Markup(not_found(kind)))


def corrections_page(items: Sequence[CorrectionItem], *, categories: Sequence[CategoryLink]) -> str:
    return _page("fragment", categories, main=Markup(corrections(items)))
