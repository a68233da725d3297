"""``/article/[slug]``."""

from __future__ import annotations

import reflex as rx

from artisan_app import wording
from artisan_app.components.article import article_view
from artisan_app.components.comments import comments_section
from artisan_app.components.common import not_found, when_ready
from artisan_app.components.layout import page_frame
from artisan_app.components.newsletter import newsletter_signup
from artisan_app.state.article import ArticleState
from artisan_app.state.comments import CommentState


def article_page() -> rx.Component:
    return page_frame(
        when_ready(
            ArticleState.loaded,
            rx.cond(
                ArticleState.article,
                article_view(
                    ArticleState.article,
                    ArticleState.recommendations,
                    extra=rx.fragment(newsletter_signup("article"), comments_section()),
                    comment_count=CommentState.approved_count,
                ),
                not_found(*wording.ARTICLE_MISSING),
            ),
            loading_label="Loading the article",
        )
    )
