"""The article page."""

from __future__ import annotations

import reflex as rx

from artisan_app import db, routes
from artisan_app.services import page_data
from artisan_app.services.views import ArticleCard, ArticleDetail
from artisan_app.state.offload import off_loop
from artisan_app.state.resilience import outage_safe

RECOMMENDATIONS = 3


class ArticleState(rx.State):
    article: ArticleDetail | None = None
    recommendations: list[ArticleCard] = []
    loaded: bool = False

    @rx.var
    def page_title(self) -> str:
        if self.article is not None:
            return f"{self.article.card.headline} | Artisan Times"
        return "Article not found | Artisan Times" if self.loaded else "Artisan Times"

    @rx.event
    @off_loop
    @outage_safe
    def load_article(self):
        slug = routes.slug_from_path(self.router.url.path, "article")
        with db.session_scope() as session:  # the same for every reader: remembered per content generation
            self.article, self.recommendations = (
                page_data.article_page(session, slug, related=RECOMMENDATIONS) if slug else (None, [])
            )
        self.loaded = True
