"""``/category/[slug]``, ``/author/[slug]`` and ``/tag/[slug]``: one page, one keyed state."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import when_ready
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import card_grid, empty_list, load_more_button, reader_html
from artisan_app.state.reader.listings import ListingState as L

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def listing_page() -> rx.Component:
    """The header (``render.listing_header``, or not-found), then the stories."""
    stories = rx.el.section(
        rx.cond(L.card_pages.length() > 0, card_grid(L.card_pages, label="Stories"), empty_list(L.empty)),  # type: ignore[attr-defined]
        load_more_button(L.has_more, L.load_more),
        class_name="listing",
    )
    return page_frame(when_ready(L.loaded, rx.fragment(reader_html(L.header_html), rx.cond(L.found, stories))))
