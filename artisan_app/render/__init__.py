"""The reader markup, defined once: the first HTML and the live app both come from here.

Every public page (front, article, section, author, topic, search, not-found, newsletter,
corrections) is built from the read-only parts in ``templates/reader.html``:
masthead, footer, lead story and cards, the article with its numbered sections,
quotes and author box, "You may also like", listing headers, search results,
not-found. This module renders them

* for the **first HTML** (``web/http_app.py`` via the route registry): ``*_page``
  functions return the whole first view (``templates/pages/``), a page's
  content as HTML shown until the app has loaded, and kept without JavaScript;
* for the **live app**: the states keep the same parts as strings
  (``state/reader/listings.py``, ``state/reader/article.py``...) and the pages show them through
  ``rx.html`` (``components/reader/markup.py``); following a link inside them stays
  an in-app navigation (``components/reader/markup.py: InAppNavigation``).

The interactive parts (filter chips, "Load more", the comment thread and form,
the search form, newsletter sign-up) are Reflex components; the first view has
plain-HTML stand-ins for them (``templates/stand_ins.html``), and the parity browser
test compares each page kind before and after the app takes over.

Templates are Jinja2 with autoescaping on, so every value from the database is
text, never markup; the only HTML passed through is made by
``services/rich_blocks`` (nh3-cleaned inline markup, escaped values).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import jinja2
from markupsafe import Markup

from artisan_app.core import i18n, routes
from artisan_app.render import wording
from artisan_app.render.scripts import FIRST_VIEW_JS
from artisan_app.services.articles.views import ArticleCard, ArticleDetail, AuthorProfile, CategoryLink, CorrectionItem, TagLink
from artisan_app.services.comments.submission import MAX_BODY, MAX_NAME, MAX_WEBSITE
from artisan_app.services.comments.thread import ThreadPage
from artisan_app.services.search.queries import SearchHit

__all__ = ["ELEMENT_ID", "FIRST_VIEW_JS", "CommentFormView"]

ELEMENT_ID = "first-view"
FIRST_VIEW_PREFIX = ELEMENT_ID + "-"  # element ids of the first view (the app's have none)


@dataclass(frozen=True)
class CommentFormView:
    """The first view's "Leave a comment" form (a plain POST, ``web/endpoints/comments.py``): the article,
    the signed time the form was made, and after a refused post what was typed, the per-field
    errors and the notice (the service's own messages, shown in the page's language)."""

    article_id: int
    stamp: str = ""
    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    notice: str = ""
    notice_ok: bool = True


def _environment(language: str) -> jinja2.Environment:
    """The templates in one edition's language: every interface string goes through
    its gettext catalog (``artisan_app/core/i18n.py``), every link stays in the edition."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install_jinja(env, language)
    other = i18n.other_language(language)

    def edition(builder):
        return lambda *args, **kwargs: i18n.edition_path(language, builder(*args, **kwargs))

    env.globals.update(
        i18n.template_globals(language),
        first_view_js=Markup(FIRST_VIEW_JS),
        url=SimpleNamespace(
            home=i18n.edition_path(language, routes.HOME),
            article=edition(routes.article_url),
            category=edition(routes.category_url),
            author=edition(routes.author_url),
            tag=edition(routes.tag_url),
            search=edition(routes.search_url),
            corrections=i18n.edition_path(language, routes.CORRECTIONS),
            newsletter_subscribe=routes.NEWSLETTER_SUBSCRIBE_POST,
            comment_post=routes.COMMENT_POST,
        ),
        # The comment form's length limits, with the app's headroom: the service explains a limit.
        comment_max=SimpleNamespace(name=MAX_NAME + 100, website=MAX_WEBSITE + 100, body=MAX_BODY + 100),
        # The masthead's link to the other edition's front page, named in that edition's language.
        other_edition=SimpleNamespace(
            lang=other, dir=i18n.direction(other), name=i18n.NATIVE_NAMES[other], href=i18n.edition_path(other, routes.HOME)
        ),
        dir_of=i18n.direction,
        # The card's own English label, or the date in the edition's language.
        date_label=(lambda card: card.published_label)
        if language == "en"
        else (lambda card: i18n.format_date(_parse_iso(card.published_iso), language)),
        correction_date=(lambda c: c.date_label)
        if language == "en"
        else (lambda c: i18n.format_date(_parse_iso(c.iso), language)),
        # Names (often Latin) inside the Urdu edition's text keep their own direction (<bdi>).
        isolated=(lambda value: value) if language == "en" else i18n.isolate,
        separator=lambda sep: (
            {", ": i18n.translate(language, ", "), " and ": " " + i18n.translate(language, "and") + " "}.get(sep, sep)
            if language != "en"
            else sep
        ),
    )
    return env


def _parse_iso(value: str):
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


_envs = {language: _environment(language) for language in i18n.LANGUAGES}
_env = _envs[i18n.DEFAULT_LANGUAGE]
_parts = {language: env.get_template("reader.html").module for language, env in _envs.items()}


def _part(name: str, *args, language: str = "en") -> str:
    return str(getattr(_parts[i18n.language_of(language)], name)(*args)).strip()


def comment_count_label(count: int, language: str = "en") -> str:
    return i18n.comment_count(count, language)


# ---------------------------------------------------------------- the parts (app and first view)


def masthead(categories: Sequence[CategoryLink], *, prefix: str = "", language: str = "en") -> str:
    return _part("masthead", categories, prefix, language=language)


def footer(categories: Sequence[CategoryLink], *, language: str = "en") -> str:
    return _part("footer", categories, language=language)


def front_lead(lead: ArticleCard | None, *, language: str = "en") -> str:
    """The front page's heading and its lead story (the featured one, else the newest)."""
    return _part("front_lead", lead, language=language)


def cards(items: Sequence[ArticleCard], *, heading: str = "h3", language: str | None = None) -> str:
    """Article cards, for a card grid (a page of them: "Load more" appends the next); in the
    stories' edition unless ``language`` says."""
    return _part("cards", items, heading, language=language or (items[0].language if items else "en"))


def article(detail: ArticleDetail, *, comment_count: int | None = None, prefix: str = "", switch: object = None) -> str:
    """The article up to its author box; ``comment_count`` adds the byline's link to the comments;
    ``switch`` (``services.editorial.translations.LanguageSwitch``) the link to its other edition."""
    language = detail.card.language
    comments = comment_count_label(comment_count, language) if comment_count is not None else ""
    return _part("article", detail, comments, prefix, switch, language=language)


def recommendations(items: Sequence[ArticleCard], *, prefix: str = "", language: str = "en") -> str:
    """ "You may also like"; nothing without related stories."""
    return _part("recommendations", items, prefix, language=language)


def listing_header(
    kind: str, subject: CategoryLink | AuthorProfile | TagLink, *, language: str = "en", switch: object = None
) -> str:
    """``kind``: "Section", "Author" or "Topic" (``wording.LISTINGS``); ``switch``: the same listing in
    the other edition (``services.site.edition_links.listing_switch``), if it has stories there."""
    return _part("listing_header", kind, subject, switch, language=language)


def language_switch(switch: object, *, language: str = "en") -> str:
    """A page's link to the other edition (``services.site.edition_links``); "" without one."""
    return _part("language_switch", switch, language=language)


def search_results(hits: Sequence[SearchHit], *, start: int = 1, language: str = "en") -> str:
    """One page of results as a numbered list starting at ``start``."""
    return _part("search_results", hits, start, language=language)


def not_found(kind: str = "Page", *, language: str = "en") -> str:
    """What an unknown article, section, author, topic or path shows."""
    if kind == "Article":
        title, message = wording.ARTICLE_MISSING
    elif kind in wording.LISTINGS:
        title, message = wording.LISTINGS[kind][0], wording.LISTING_MISSING_TEXT
    else:
        title, message = wording.PAGE_MISSING
    return _part("not_found", i18n.translate(language, title), i18n.translate(language, message), language=language)


def corrections(items: Sequence[CorrectionItem], *, language: str = "en", switch: object = None) -> str:
    """An edition's corrections page (its own articles' corrections, ``services.articles.corrections``)."""
    return _part(
        "corrections",
        items,
        i18n.translate(language, wording.CORRECTIONS_INTRO),
        i18n.translate(language, wording.CORRECTIONS_EMPTY),
        switch,
        language=language,
    )


# ---------------------------------------------------------------- whole first views (web/http_app.py)


def _page(template: str, categories: Sequence[CategoryLink], language: str = "en", **context) -> str:
    # No text between the injected nodes and the app's: React hydrates <body> and
    # skips unknown elements there, but a stray text node is a hydration error (React #418).
    page = _envs[i18n.language_of(language)].get_template(f"pages/{template}.html")
    return page.render(categories=categories, **context).strip()


def front_page(
    lead: ArticleCard | None,
    items: Sequence[ArticleCard],
    *,
    has_more: bool,
    categories: Sequence[CategoryLink],
    language: str = "en",
) -> str:
    return _page(
        "front",
        categories,
        language,
        lead=lead,
        cards=items,
        has_more=has_more,
        empty=i18n.translate(language, wording.FRONT_EMPTY),
    )


def article_page(
    detail: ArticleDetail,
    *,
    related: Sequence[ArticleCard],
    categories: Sequence[CategoryLink],
    thread: ThreadPage,
    switch: object = None,
    form: CommentFormView | None = None,
) -> str:
    """The article, the newsletter sign-up, the first page of comments (``services.comments.thread``)
    with the "Leave a comment" form (``form``; an empty one by default) and "You may also like"."""
    language = detail.card.language
    return _page(
        "article",
        categories,
        language,
        article=detail,
        related=related,
        thread=thread,
        switch=switch,
        comments=comment_count_label(thread.approved_count, language),
        form=form or CommentFormView(article_id=detail.id),
    )


def listing_page(
    kind: str,
    subject: CategoryLink | AuthorProfile | TagLink,
    items: Sequence[ArticleCard],
    *,
    has_more: bool,
    categories: Sequence[CategoryLink],
    language: str = "en",
    switch: object = None,
) -> str:
    return _page(
        "listing",
        categories,
        language,
        kind=kind,
        subject=subject,
        cards=items,
        has_more=has_more,
        empty=i18n.translate(language, wording.LISTINGS[kind][1]),
        switch=switch,
    )


def search_page(
    query: str,
    sort: str,
    hits: Sequence[SearchHit],
    *,
    message: str,
    has_more: bool,
    categories: Sequence[CategoryLink],
    language: str = "en",
    switch: object = None,
) -> str:
    return _page(
        "search", categories, language, query=query, sort=sort, hits=hits, message=message, has_more=has_more, switch=switch
    )


def not_found_page(kind: str, *, categories: Sequence[CategoryLink], language: str = "en") -> str:
    return _page("fragment", categories, language, main=Markup(not_found(kind, language=language)))


def corrections_page(
    items: Sequence[CorrectionItem], *, categories: Sequence[CategoryLink], language: str = "en", switch: object = None
) -> str:
    return _page("fragment", categories, language, main=Markup(corrections(items, language=language, switch=switch)))


def newsletter_page(*, categories: Sequence[CategoryLink], answer: str = "", error: str = "") -> str:
    """``/newsletter``: the heading, the pitch and the sign-up form; ``answer`` or ``error`` is what a
    sign-up posted from the first view's form came back with (fixed texts: never the address)."""
    return _page(
        "newsletter", categories, title=wording.NEWSLETTER_TITLE, intro=wording.NEWSLETTER_INTRO, answer=answer, error=error
    )
