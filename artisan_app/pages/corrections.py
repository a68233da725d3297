"""``/corrections``: every recent correction and update, newest first, with a link to its article.
Mirrored by ``first_view/templates/corrections.html``."""

from __future__ import annotations

import reflex as rx

from artisan_app import wording
from artisan_app.components.common import link, when_ready
from artisan_app.components.layout import page_frame
from artisan_app.state.corrections import CorrectionsState


def correction_item(item) -> rx.Component:
    c = item.correction
    return rx.el.li(
        rx.el.p(link(item.headline, href="/article/" + item.slug), class_name="card-title"),
        rx.el.p(rx.el.strong(c.kind_label, ", ", rx.el.time(c.date_label, date_time=c.iso), ":"), " ", c.text),
        class_name="correction",
    )


def corrections_page() -> rx.Component:
    return page_frame(
        rx.el.header(
            rx.el.h1("Corrections", class_name="page-title"),
            rx.el.p(wording.CORRECTIONS_INTRO, class_name="page-description"),
            class_name="page-header",
        ),
        when_ready(
            CorrectionsState.loaded,
            rx.el.section(
                rx.cond(CorrectionsState.items.length() > 0,
                        rx.el.ul(rx.foreach(CorrectionsState.items, correction_item), class_name="correction-list"),
                        rx.el.p(wording.CORRECTIONS_EMPTY, class_name="empty-list")),
                class_name="listing",
            ),
            loading_label="Loading corrections",
        ),
    )
