"""The redirects list and form in the newsroom."""

from __future__ import annotations

import reflex as rx

from artisan_app.state.newsroom.redirects import RedirectsState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def redirect_row(row) -> rx.Component:
    waiting = rx.el.span(" (waiting for confirmation)", class_name="field-hint")
    confirm = rx.el.button(
        "Confirm",
        type="button",
        class_name="button small",
        aria_label="Confirm the redirect from " + row.old_path,
        on_click=RedirectsState.confirm_redirect(row.id),  # type: ignore[operator]
    )
    return rx.el.tr(
        rx.el.td(rx.el.code(row.old_path)),
        rx.el.td(rx.el.code(row.new_path)),
        rx.el.td(row.source, rx.cond(row.confirmed, rx.fragment(), waiting)),
        rx.el.td(
            rx.cond(row.confirmed, rx.fragment(), confirm),
            rx.el.button(
                "Remove",
                type="button",
                class_name="button secondary small",
                aria_label="Remove the redirect from " + row.old_path,
                on_click=RedirectsState.remove_redirect(row.id),  # type: ignore[operator]
            ),
        ),
    )


def redirect_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Add a redirect", class_name="section-label"),
        rx.el.label("Old address (a path)", html_for="old-path", class_name="field-label"),
        rx.el.input(
            id="old-path",
            name="old_path",
            default_value=RedirectsState.old_path,
            key=RedirectsState.old_path,
            placeholder="/2019/05/old-post/",
            class_name="field-input",
            required=True,
        ),
        rx.el.label("New address", html_for="new-path", class_name="field-label"),
        rx.el.input(
            id="new-path",
            name="new_path",
            default_value=RedirectsState.new_path,
            key=RedirectsState.new_path,
            placeholder="/article/new-slug",
            class_name="field-input",
            required=True,
        ),
        rx.el.button("Add redirect", type="submit", class_name="button"),
        on_submit=RedirectsState.add_redirect,
        reset_on_submit=False,
        class_name="category-form",
    )


def redirect_table() -> rx.Component:
    return rx.el.section(
        rx.el.form(
            rx.el.label("Find", html_for="redirect-q", class_name="field-label"),
            rx.el.input(id="redirect-q", name="q", type="search", class_name="field-input"),
            rx.el.button("Find", type="submit", class_name="button secondary"),
            on_submit=RedirectsState.search,
            role="search",
        ),
        rx.cond(
            RedirectsState.unconfirmed > 0,
            rx.el.p(
                RedirectsState.unconfirmed,
                " imported redirect(s) wait for confirmation: browsers keep their answer a minute until then, an hour after. ",
                rx.el.button("Confirm all", type="button", class_name="button small", on_click=RedirectsState.confirm_all),
                class_name="notice",
            ),
        ),
        rx.el.table(
            rx.el.thead(rx.el.tr(rx.el.th("Old address"), rx.el.th("Goes to"), rx.el.th("From"), rx.el.th(""))),
            rx.el.tbody(rx.foreach(RedirectsState.rows, redirect_row)),
            class_name="redirect-table",
        ),
        rx.cond(RedirectsState.rows.length() == 0, rx.el.p("No redirects.", class_name="field-hint")),  # type: ignore[attr-defined]
        aria_label="Redirects",
    )
