"""The article layout, modelled on the publication's seed page.

Category label, kicker (short title), headline, byline; "Key Trends & Concerns"
with numbered sections of paragraphs and quotes; "About Author"; and the
recommendations. Text is rendered as text (React escapes it); body blocks are
markup from our own renderer and sanitiser (see ``block``).
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.cards import category_label, recommendation_card
from artisan_app.components.common import comment_count_label, link


def block(b) -> rx.Component:
    """One body block. ``b.markup`` is HTML made by services/rich_blocks.block_html
    from inline HTML cleaned by our own nh3 allowlist (rich_text.clean_inline) and
    escaped text, nothing else: the only kind of HTML rx.html may be given here.
    The first view (templates/article.html) outputs the same markup in the same div."""
    return rx.html(b.markup, class_name="body-block")


def trend_section(section) -> rx.Component:
    """One numbered "Key Trends & Concerns" section."""
    return rx.el.section(
        rx.cond(  # an imported post's lead-in has no heading and no number
            section.heading != "",
            rx.el.h3(
                rx.el.span(section.number.to_string() + ".", class_name="trend-number"),
                " ",
                section.heading,
                class_name="trend-heading",
            ),
        ),
        rx.foreach(section.blocks, block),
        class_name="trend-section",
    )


def article_header(article, comment_count=None) -> rx.Component:
    card = article.card
    comments_link = []
    if comment_count is not None:
        comments_link = [
            rx.el.span(" · ", aria_hidden="true"),
            rx.el.a(
                comment_count_label(comment_count),
                href="#comments",
                class_name="byline-comments",
            ),
        ]
    return rx.el.header(
        category_label(card.category_name, card.category_slug),
        rx.el.p(card.kicker, class_name="kicker"),
        rx.el.h1(card.headline, class_name="headline"),
        rx.el.p(card.excerpt, class_name="standfirst"),
        rx.el.p(
            "By ",
            byline_names(article),
            rx.el.span(" · ", aria_hidden="true"),
            rx.el.time(card.published_label, date_time=card.published_iso),
            rx.el.span(" · ", aria_hidden="true"),
            rx.el.span(card.reading_minutes.to_string() + " min read"),
            *comments_link,
            class_name="byline",
        ),
        correction_marker(article),
        class_name="article-header",
    )


def byline_names(article) -> rx.Component:
    """"A", "A and B", "A, B and C", each name linked (the preview, without a byline, shows the card's author)."""
    return rx.cond(
        article.byline.length() > 0,
        rx.foreach(article.byline, lambda b: rx.fragment(
            link(b.name, href="/author/" + b.slug, class_name="byline-author"), b.sep)),
        link(article.card.author_name, href="/author/" + article.card.author_slug, class_name="byline-author"),
    )


def correction_marker(article) -> rx.Component:
    """Under the headline: "Corrected 12 September 2025", linking to the corrections at the end."""
    return rx.cond(
        article.correction_marker != "",
        rx.el.p(rx.el.a(article.correction_marker, href="#corrections"), class_name="correction-marker"),
    )


def corrections_list(article) -> rx.Component:
    """At the end of the article, oldest first: "Correction, 12 September 2025: …"."""
    return rx.cond(
        article.corrections.length() > 0,
        rx.el.section(
            rx.el.h2("Corrections and updates", id="corrections-heading", class_name="section-label"),
            rx.el.ul(rx.foreach(article.corrections, lambda c: rx.el.li(
                rx.el.strong(c.kind_label, ", ", rx.el.time(c.date_label, date_time=c.iso), ":"), " ", c.text,
                class_name="correction",
            )), class_name="correction-list"),
            id="corrections",
            aria_labelledby="corrections-heading",
            class_name="corrections",
        ),
    )


def article_body(article) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Key Trends & Concerns", id="key-trends", class_name="section-label"),
        rx.foreach(article.sections, trend_section),
        aria_labelledby="key-trends",
        class_name="article-body",
    )


def tag_list(article) -> rx.Component:
    return rx.cond(
        article.tags.length() > 0,
        rx.el.nav(
            rx.el.ul(
                rx.foreach(
                    article.tags,
                    lambda t: rx.el.li(link("#", t.name, href="/tag/" + t.slug, class_name="tag")),
                ),
                class_name="tag-list",
            ),
            aria_label="Topics",
        ),
    )


def author_box(author) -> rx.Component:
    return rx.el.aside(
        rx.el.h2("About Author", id="about-author", class_name="section-label"),
        rx.el.div(
            rx.el.img(src=author.avatar, alt="Portrait of " + author.name, width="72", height="72", class_name="avatar"),
            rx.el.div(
                rx.el.p(link(author.name, href="/author/" + author.slug), class_name="author-name"),
                rx.el.p(author.bio, class_name="author-bio"),
                class_name="author-text",
            ),
            class_name="author-box-inner",
        ),
        aria_labelledby="about-author",
        class_name="author-box",
    )


def recommendations(cards) -> rx.Component:
    return rx.cond(
        cards.length() > 0,
        rx.el.section(
            rx.el.h2("You may also like", id="also-like", class_name="section-label"),
            rx.el.div(rx.foreach(cards, recommendation_card), class_name="card-grid recommendations"),
            aria_labelledby="also-like",
            class_name="recommendations-section",
        ),
    )


def cover(article) -> rx.Component:
    """The cover: the Image's <picture> (lead image: eager, fetchpriority high), else an
    imported post's plain URL. ``cover_html`` comes from services/rich_blocks.cover_html
    (every value escaped by media.markup), the only HTML rx.html gets here."""
    return rx.cond(
        article.cover_html != "",
        rx.el.figure(rx.html(article.cover_html, class_name="cover-picture"), class_name="cover"),
        rx.cond(
            article.cover_image != "",
            rx.el.figure(rx.el.img(src=article.cover_image, alt=article.cover_alt, class_name="cover-image"),
                         class_name="cover"),
        ),
    )


def article_view(article, cards, extra: rx.Component | None = None, comment_count=None) -> rx.Component:
    """The full article; ``extra`` (e.g. comments) goes between author box and recommendations."""
    children = [
        rx.el.article(
            article_header(article, comment_count),
            cover(article),
            article_body(article),
            corrections_list(article),
            tag_list(article),
            author_box(article.author),
            class_name="article",
        ),
    ]
    if extra is not None:
        children.append(extra)
    if cards is not None:  # the editor's preview has none
        children.append(recommendations(cards))
    return rx.fragment(*children)
