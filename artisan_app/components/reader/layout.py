"""The page frame every reader route shares: masthead, main, footer.

Masthead and footer are the ``render`` module's markup (the first HTML's too),
kept in ``SiteState``; ``main`` holds the page's own content, or the
"temporarily unavailable" notice.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.reader.markup import reader_html
from artisan_app.components.reader.unavailable import unavailable_or
from artisan_app.state.reader.site import SiteState


def page_frame(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        # The Urdu edition's typography, on its pages only (the first view has it in <head>).
        rx.cond(SiteState.language == "ur", rx.el.link(rel="stylesheet", href="/urdu.css")),
        reader_html(SiteState.masthead_html),
        rx.el.main(unavailable_or(*children), id="main", class_name="main", tab_index=-1),
        reader_html(SiteState.footer_html),
        class_name="page",
        lang=SiteState.language,
        dir=SiteState.direction,
    )
