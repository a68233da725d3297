"""The "temporarily unavailable" notice shown instead of a page whose data could
not be loaded (database or Redis down; see ``state.support.resilience``)."""

from __future__ import annotations

import reflex as rx

from artisan_app.state.reader.site import RELOAD_PAGE_JS, SiteState
from artisan_app.state.support.resilience import UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE


def unavailable_notice() -> rx.Component:
    return rx.el.section(
        rx.el.h1(UNAVAILABLE_TITLE, class_name="page-title"),
        rx.el.p(UNAVAILABLE_MESSAGE, class_name="not-found-text"),
        rx.el.button(
            "Try again",
            type="button",
            class_name="button",
            on_click=rx.call_script(RELOAD_PAGE_JS),
        ),
        role="alert",
        aria_live="assertive",
        class_name="not-found unavailable",
        id="unavailable-notice",
    )


def unavailable_or(*children: rx.Component) -> rx.Component:
    """The page's own content, or the notice while ``SiteState.unavailable``."""
    return rx.cond(SiteState.unavailable, unavailable_notice(), rx.fragment(*children))
