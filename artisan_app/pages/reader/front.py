"""``/``: lead story and the latest articles, filterable by section."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import chip, when_ready
from artisan_app.components.i18n import t
from artisan_app.components.newsletter.signup import newsletter_signup
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import card_grid, empty_list, load_more_button, reader_html
from artisan_app.render import wording
from artisan_app.state.reader.listings import ReaderState
from artisan_app.state.reader.site import SiteState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _filter_chip(label, slug) -> rx.Component:
    return chip(label, pressed=ReaderState.current_category == slug, on_click=ReaderState.choose_category(slug))  # type: ignore[operator]


def category_filter() -> rx.Component:
    """The "Latest" heading and a chip per section (render's twin: ``stand_ins.html: filter_bar``)."""
    return rx.el.div(
        rx.el.h2(t("Latest"), id="latest", class_name="section-label"),
        rx.el.ul(
            _filter_chip(t("All sections"), ""),
            rx.foreach(SiteState.categories, lambda c: _filter_chip(c.name, c.slug)),
            class_name="chip-list",
            aria_label=t("Filter the latest stories by section"),
        ),
        class_name="filter-bar",
    )


def front_page() -> rx.Component:
    content = rx.fragment(
        reader_html(ReaderState.lead_html),
        rx.el.section(
            category_filter(),
            rx.cond(
                ReaderState.card_pages.length() > 0,  # type: ignore[attr-defined]
                card_grid(ReaderState.card_pages, label=t("Latest stories")),
                rx.cond(~ReaderState.has_lead, empty_list(wording.FRONT_EMPTY)),
            ),
            load_more_button(ReaderState.has_more, ReaderState.load_more, t("Load more stories")),
            aria_labelledby="latest",
            class_name="latest",
        ),
        newsletter_signup("front"),
    )
    return page_frame(when_ready(ReaderState.loaded, content, loading_label="Loading the front page"))
