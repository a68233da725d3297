"""``/editor/redirects``: admins list, add and remove permanent redirects."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.components.newsroom.redirects import redirect_form, redirect_table
from artisan_app.state.newsroom.redirects import RedirectsState


def redirects_page() -> rx.Component:
    body = rx.fragment(
        rx.el.p(
            "Old addresses answer with a permanent redirect (301) to their new place. Imports from "
            "WordPress and changed slugs add their own.",
            class_name="field-hint",
        ),
        notice(RedirectsState.message),
        notice(RedirectsState.error, False),
        redirect_form(),
        redirect_table(),
    )
    return newsroom_frame(
        rx.cond(
            RedirectsState.loaded,
            rx.cond(RedirectsState.allowed, body, rx.el.p("Only admins can manage redirects.", class_name="notice error")),
            skeleton(label="Loading redirects"),
        ),
        title="Redirects",
    )
