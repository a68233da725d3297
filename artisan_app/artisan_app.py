"""The Reflex app: pages, their on_load handlers, and head elements."""

from __future__ import annotations

import reflex as rx

from artisan_app import routes
from artisan_app.components.layout import THEME_BOOT_JS
from artisan_app.pages.article import article_page
from artisan_app.pages.front import front_page
from artisan_app.pages.listing import author_page, category_page, tag_page
from artisan_app.pages.missing import missing_page
from artisan_app.state.article import ArticleState
from artisan_app.state.comments import CommentState
from artisan_app.state.reader import AuthorState, CategoryState, ReaderState, TagState
from artisan_app.state.site import SiteState

SITE_DESCRIPTION = "Artisan Times — news and commentary beyond the headlines."

app = rx.App(
    theme=None,
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light dark"),
        rx.script(THEME_BOOT_JS),
    ],
    html_lang="en",
)

nav = SiteState.load_navigation
app.add_page(front_page, route=routes.HOME, title="Artisan Times — Beyond the Headlines",
             description=SITE_DESCRIPTION, on_load=[nav, ReaderState.load_front_page])
app.add_page(category_page, route=routes.CATEGORY, title="Section | Artisan Times",
             description=SITE_DESCRIPTION, on_load=[nav, CategoryState.load_category])
app.add_page(article_page, route=routes.ARTICLE, title=ArticleState.page_title,
             description=SITE_DESCRIPTION, on_load=[nav, ArticleState.load_article, CommentState.load_comments])
app.add_page(author_page, route=routes.AUTHOR, title="Author | Artisan Times",
             description=SITE_DESCRIPTION, on_load=[nav, AuthorState.load_author])
app.add_page(tag_page, route=routes.TAG, title="Topic | Artisan Times",
             description=SITE_DESCRIPTION, on_load=[nav, TagState.load_tag])
app.add_page(missing_page, route=routes.NOT_FOUND, title="Page not found | Artisan Times",
             on_load=nav)
