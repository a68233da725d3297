"""Small building blocks shared by every page."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def link(*children, href, class_name: str = "", **props) -> rx.Component:
    """Client-side navigation link (React Router) rendered as a plain ``<a>``."""
    return ReactRouterLink.create(*children, to=href, class_name=class_name, **props)


def skeleton(lines: int = 4, label: str = "Loading") -> rx.Component:
    """Placeholder shown until the page's data has arrived (never fake content)."""
    return rx.el.div(
        *[rx.el.div(class_name="skeleton-line") for _ in range(lines)],
        class_name="skeleton",
        role="status",
        aria_label=label,
        aria_busy="true",
    )


def when_ready(ready, content: rx.Component, *, loading_label: str = "Loading") -> rx.Component:
    """Show ``content`` once hydrated and ``ready``; a skeleton before that."""
    return rx.cond(rx.State.is_hydrated & ready, content, skeleton(label=loading_label))


def chip(*label, pressed, on_click) -> rx.Component:
    """A toggle button in a row of choices (filters, sort order, queues)."""
    return rx.el.li(
        rx.el.button(*label, type="button", class_name="chip", aria_pressed=rx.cond(pressed, "true", "false"), on_click=on_click)
    )


def notice(message, ok=True) -> rx.Component:
    """A polite live region; shows ``message`` when there is one."""
    return rx.el.div(
        rx.cond(message != "", rx.el.p(message, class_name=rx.cond(ok, "notice ok", "notice error"))),
        role="status",
        aria_live="polite",
    )
