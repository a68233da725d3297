"""The article page: the article and "You may also like" as HTML from ``artisan_app.render``."""

from __future__ import annotations

import reflex as rx

from artisan_app import render
from artisan_app.core import db, i18n, routes
from artisan_app.services.comments import thread
from artisan_app.services.site import edition_links, page_data
from artisan_app.services.site.seo import SITE_NAME
from artisan_app.state.support.changes import set_changed
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe


def _switch(session, detail):
    """The language switch: to the translation, or (without one) the other edition's front page."""
    return edition_links.article_switch(session, language=detail.card.language, slug=detail.card.slug)


def _rendered(session, data: page_data.ArticleData) -> tuple[int, str, str]:
    assert data.detail is not None
    count = thread.approved_count(session, data.detail.id)
    return (
        count,
        render.article(data.detail, comment_count=count, switch=_switch(session, data.detail)),
        render.recommendations(data.related, language=data.detail.card.language),
    )


class ArticleState(rx.State):
    article_html: str = ""  # the article up to its author box ("" when there is none)
    related_html: str = ""
    headline: str = ""
    found: bool = False
    loaded: bool = False
    language: str = "en"  # the edition
    _article_id: int = 0
    _slug: str = ""
    _comment_count: int = 0

    @rx.var
    def page_title(self) -> str:
        if self.found:
            return f"{self.headline} | {SITE_NAME}"
        if self.loaded:
            return f"{i18n.translate(self.language, 'Article not found')} | {SITE_NAME}"
        return SITE_NAME

    @rx.event
    @off_loop
    @outage_safe
    def load_article(self):
        with db.session_scope() as session:
            self._load(session)

    def _load(self, session) -> None:
        """``load_article``'s work in the caller's session (``PageVisit`` shares one per visit)."""
        language, path = i18n.split_edition(self.router.url.path)
        slug = routes.slug_from_path(path, "article")
        # The same for every reader: remembered per content generation.
        data = page_data.article_page(session, slug, language=language) if slug else page_data.ArticleData(None, [])
        detail = data.detail
        if detail is None:
            count, article_html, related_html = 0, render.not_found("Article", language=language), ""
            self._article_id, self._slug, headline = 0, "", ""
        else:  # comment approvals change the content generation too
            count, article_html, related_html = page_data.remembered(
                session, ("article-html", slug, language), lambda: _rendered(session, data)
            )
            self._article_id, self._slug, headline = detail.id, detail.card.slug, detail.card.headline
        self._comment_count = count
        # Only what changed is set (a set var is sent again): a tab going back to a page it showed.
        set_changed(
            self,
            language=language,
            article_html=article_html,
            related_html=related_html,
            headline=headline,
            found=detail is not None,
            loaded=True,
        )

    def _comments_counted(self, count: int) -> None:
        """The thread changed while the reader reads: the byline's "3 comments" follows."""
        if not self.found or count == self._comment_count:
            return
        with db.session_scope() as session:
            detail = page_data.article_page(session, self._slug, language=self.language).detail
            switch = _switch(session, detail) if detail is not None else None
        if detail is not None and detail.id == self._article_id:
            self.article_html, self._comment_count = render.article(detail, comment_count=count, switch=switch), count
