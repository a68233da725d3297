"""``/editor/newsletter`` (subscribers, sends and their progress) and
``/editor/outbox`` (mail kept instead of sent, in development)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.core import routes
from artisan_app.state.newsletter.desk import NewsletterDeskState as D
from artisan_app.state.newsletter.desk import OutboxState as O

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.

OUTBOX_NOTE = "No SMTP server is configured (ARTISAN_SMTP_URL): mail is kept in the outbox instead of being sent."


def _send_row(s) -> rx.Component:
    return rx.el.tr(
        rx.el.td(s.subject),
        rx.el.td(s.status),
        rx.el.td(s.total.to_string()),
        rx.el.td(s.queued.to_string()),
        rx.el.td(s.sent.to_string()),
        rx.el.td(s.failed.to_string()),
        rx.el.td(s.in_doubt.to_string()),
        rx.el.td(s.created_label, " · ", s.created_by),
        rx.el.td(s.last_error),
        class_name="send-row",
    )


def _subscriber_row(s) -> rx.Component:
    return rx.el.tr(
        rx.el.td(s.email),
        rx.el.td(s.status),
        rx.el.td(s.sections),
        rx.el.td(s.created_label),
        rx.el.td(
            rx.cond(
                D.confirm_delete == s.id,
                rx.el.span(
                    rx.el.button(
                        "Really delete",
                        type="button",
                        class_name="small-button danger",
                        on_click=D.delete_subscriber,
                        aria_label="Really delete " + s.email,
                    ),
                    rx.el.button("Keep", type="button", class_name="small-button", on_click=D.ask_delete(0)),  # type: ignore[operator]
                ),
                rx.el.button(
                    "Delete",
                    type="button",
                    class_name="small-button",
                    on_click=D.ask_delete(s.id),  # type: ignore[operator]
                    aria_label="Delete " + s.email,
                ),
            )
        ),
    )


def _table(headers: list[str], rows, render, label: str) -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in headers])),
            rx.el.tbody(rx.foreach(rows, render)),
            class_name="data-table",
            aria_label=label,
        ),
        class_name="table-scroll",
    )


def newsletter_desk_page() -> rx.Component:
    filters = rx.el.div(
        rx.el.div(
            rx.el.label("Search addresses", html_for="subscriber-query", class_name="field-label"),
            rx.debounce_input(
                rx.el.input(
                    id="subscriber-query",
                    type="search",
                    value=D.query,
                    on_change=lambda v: D.set_filter("query", v),  # type: ignore[operator]
                    class_name="field-input",
                ),
                debounce_timeout=300,
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label("Status", html_for="subscriber-status", class_name="field-label"),
            rx.el.select(
                *[
                    rx.el.option(label, value=value)
                    for value, label in (
                        ("", "All"),
                        ("active", "Confirmed"),
                        ("pending", "Waiting for confirmation"),
                        ("unsubscribed", "Unsubscribed"),
                    )
                ],
                id="subscriber-status",
                value=D.status,
                on_change=lambda v: D.set_filter("status", v),  # type: ignore[operator]
                class_name="field-input",
            ),
            class_name="field",
        ),
        class_name="filters",
        role="search",
        aria_label="Filter subscribers",
    )
    return newsroom_frame(
        rx.cond(
            D.loaded,
            rx.fragment(
                rx.cond(
                    ~D.smtp_configured,
                    rx.el.p(OUTBOX_NOTE, " ", rx.el.a("Open the outbox", href=routes.EDITOR_OUTBOX), class_name="notice"),
                ),
                notice(D.message),
                rx.cond(D.error != "", rx.el.p(D.error, class_name="notice error", role="alert")),
                rx.el.h2("Sends", class_name="section-label"),
                rx.cond(
                    D.sends.length() > 0,  # type: ignore[attr-defined]
                    _table(
                        ["Article", "Status", "Recipients", "Queued", "Sent", "Failed", "In doubt", "Started", "Last error"],
                        D.sends,
                        _send_row,
                        "Sends",
                    ),
                    rx.el.p("Nothing sent yet. Send an article from its editor.", class_name="empty-list"),
                ),
                rx.el.h2("Subscribers", class_name="section-label"),
                filters,
                rx.cond(
                    D.is_admin, rx.el.button("Export CSV", type="button", class_name="button secondary", on_click=D.export_csv)
                ),
                rx.cond(
                    D.subscribers.length() > 0,  # type: ignore[attr-defined]
                    _table(["Email", "Status", "Sections", "Signed up", ""], D.subscribers, _subscriber_row, "Subscribers"),
                    rx.el.p("No subscribers match.", class_name="empty-list"),
                ),
                rx.cond(
                    D.has_more, rx.el.button("Show more", type="button", class_name="button secondary", on_click=D.load_more)
                ),
            ),
            skeleton(label="Loading subscribers"),
        ),
        title="Newsletter",
    )


def _outbox_item(m) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            m.subject,
            " → ",
            m.to_address,
            " · ",
            m.created_label,
            type="button",
            class_name="link-button",
            on_click=O.toggle(m.id),  # type: ignore[operator]
            aria_expanded=rx.cond(O.open_id == m.id, "true", "false"),
        ),
        rx.cond(
            O.open_id == m.id,
            rx.el.div(
                rx.el.pre(m.headers, class_name="email-text"),
                rx.el.iframe(src_doc=m.html_body, sandbox="", title="HTML part of " + m.subject, class_name="email-preview"),
                rx.el.pre(m.text_body, class_name="email-text"),
            ),
        ),
        class_name="outbox-item",
    )


def outbox_page() -> rx.Component:
    return newsroom_frame(
        rx.cond(
            O.loaded,
            rx.fragment(
                rx.cond(
                    O.smtp_configured,
                    rx.el.p("An SMTP server is configured: new mail is sent, not kept here.", class_name="notice"),
                    rx.el.p(OUTBOX_NOTE, class_name="notice"),
                ),
                rx.cond(O.error != "", rx.el.p(O.error, class_name="notice error", role="alert")),
                rx.cond(
                    O.rows.length() > 0,  # type: ignore[attr-defined]
                    rx.el.ul(rx.foreach(O.rows, _outbox_item), class_name="outbox-list"),
                    rx.el.p("The outbox is empty.", class_name="empty-list"),
                ),
            ),
            skeleton(label="Loading the outbox"),
        ),
        title="Outbox",
    )
