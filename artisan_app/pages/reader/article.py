"""``/article/[slug]``: the article (``render.article``), the newsletter, comments, "You may also like"."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import when_ready
from artisan_app.components.newsletter.signup import newsletter_signup
from artisan_app.components.reader.comments import comments_section
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import reader_html
from artisan_app.state.reader.article import ArticleState


def article_page() -> rx.Component:
    found = rx.fragment(newsletter_signup("article"), comments_section(), reader_html(ArticleState.related_html))
    return page_frame(
        when_ready(
            ArticleState.loaded,
            # Not found: render.not_found's markup in article_html, and nothing else.
            rx.fragment(reader_html(ArticleState.article_html), rx.cond(ArticleState.found, found)),
            loading_label="Loading the article",
        )
    )
