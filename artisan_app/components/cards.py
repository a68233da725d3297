"""Article cards: lead story, list cards and "You may also like" recommendations."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link


def _href(prefix: str, slug) -> rx.Var:
    return prefix + slug


def category_label(name, slug) -> rx.Component:
    return link(name, href=_href("/category/", slug), class_name="category-label")


def meta_line(card) -> rx.Component:
    return rx.el.p(
        link(card.author_name, href=_href("/author/", card.author_slug), class_name="byline-author"),
        rx.el.span(" · ", aria_hidden="true"),
        rx.el.time(card.published_label, date_time=card.published_iso),
        rx.el.span(" · ", aria_hidden="true"),
        rx.el.span(card.reading_minutes.to_string() + " min read"),
        class_name="card-meta",
    )


def card_cover(card) -> rx.Component:
    """The cover's <picture>, linking to the article; nothing when the card has none.
    ``card.cover_html`` is made by services/rich_blocks.cover_html (media.markup's
    picture_html: every value escaped), the only HTML rx.html gets here."""
    return rx.cond(
        card.cover_html != "",
        rx.el.a(rx.html(card.cover_html, class_name="card-picture"), href=_href("/article/", card.slug),
                tab_index=-1, aria_hidden="true", class_name="card-cover"),
    )


def article_card(card, *, heading_level: str = "h3") -> rx.Component:
    heading = rx.el.h2 if heading_level == "h2" else rx.el.h3
    return rx.el.article(
        card_cover(card),
        category_label(card.category_name, card.category_slug),
        heading(link(card.headline, href=_href("/article/", card.slug)), class_name="card-title"),
        rx.el.p(card.excerpt, class_name="card-excerpt"),
        meta_line(card),
        class_name="card",
    )


def lead_story(card) -> rx.Component:
    return rx.el.article(
        card_cover(card),
        category_label(card.category_name, card.category_slug),
        rx.el.p(card.kicker, class_name="kicker"),
        rx.el.h2(link(card.headline, href=_href("/article/", card.slug)), class_name="lead-title"),
        rx.el.p(card.excerpt, class_name="lead-excerpt"),
        meta_line(card),
        class_name="lead-story",
    )


def recommendation_card(card) -> rx.Component:
    """Category label, title linking to the article, excerpt — as on the seed page."""
    return rx.el.article(
        category_label(card.category_name, card.category_slug),
        rx.el.h3(link(card.headline, href=_href("/article/", card.slug)), class_name="card-title"),
        rx.el.p(card.excerpt, class_name="card-excerpt"),
        class_name="card recommendation-card",
    )


def card_grid(cards, *, label: str, heading_level: str = "h3") -> rx.Component:
    return rx.el.div(
        rx.foreach(cards, lambda c: article_card(c, heading_level=heading_level)),
        class_name="card-grid",
        aria_label=label,
    )


def load_more_button(has_more, on_click) -> rx.Component:
    return rx.cond(
        has_more,
        rx.el.div(
            rx.el.button("Load more stories", on_click=on_click, class_name="button", type="button"),
            class_name="load-more",
        ),
    )


def empty_list(message: str) -> rx.Component:
    return rx.el.p(message, class_name="empty-list")
