"""``/category/[slug]``, ``/author/[slug]`` and ``/tag/[slug]``: paged article lists."""

from __future__ import annotations

import reflex as rx

from artisan_app import wording
from artisan_app.components.cards import card_grid, empty_list, load_more_button
from artisan_app.components.common import not_found, when_ready
from artisan_app.components.layout import page_frame
from artisan_app.state.reader import AuthorState, CategoryState, TagState


def _listing(state, subject, header: rx.Component, missing: str, empty: str) -> rx.Component:
    found = rx.fragment(
        header,
        rx.el.section(
            rx.cond(
                state.articles.length() > 0,
                card_grid(state.articles, label="Stories", heading_level="h2"),
                empty_list(empty),
            ),
            load_more_button(state.has_more, state.load_more),
            class_name="listing",
        ),
    )
    return page_frame(
        when_ready(
            state.loaded,
            rx.cond(subject, found, not_found(missing, wording.LISTING_MISSING_TEXT)),
        )
    )


def category_page() -> rx.Component:
    c = CategoryState.category
    header = rx.el.header(
        rx.el.p("Section", class_name="eyebrow"),
        rx.el.h1(c.name, class_name="page-title"),
        rx.el.p(c.description, class_name="page-description"),
        class_name="page-header",
    )
    return _listing(CategoryState, c, header, *wording.LISTINGS["Section"])


def author_page() -> rx.Component:
    a = AuthorState.author
    header = rx.el.header(
        rx.el.img(src=a.avatar, alt="Portrait of " + a.name, width="96", height="96", class_name="avatar avatar-large"),
        rx.el.div(
            rx.el.p("Author", class_name="eyebrow"),
            rx.el.h1(a.name, class_name="page-title"),
            rx.el.p(a.bio, class_name="page-description"),
        ),
        class_name="page-header author-header",
    )
    return _listing(AuthorState, a, header, *wording.LISTINGS["Author"])


def tag_page() -> rx.Component:
    t = TagState.tag
    header = rx.el.header(
        rx.el.p("Topic", class_name="eyebrow"),
        rx.el.h1("#", t.name, class_name="page-title"),
        class_name="page-header",
    )
    return _listing(TagState, t, header, *wording.LISTINGS["Topic"])
