"""Comment moderation, ``/editor/comments``."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import chip, link, notice, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame, small_button
from artisan_app.state.newsroom.moderation import ModerationState as M

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _queue_row(row) -> rx.Component:
    return rx.el.li(
        rx.el.article(
            rx.el.div(
                rx.el.input(
                    type="checkbox",
                    id="sel-" + row.id.to_string(),
                    checked=M.selected.contains(row.id),  # type: ignore[attr-defined]
                    on_change=lambda _: M.toggle(row.id),  # type: ignore[operator]
                ),
                rx.el.label(rx.el.strong(row.name), " <", row.email, ">", html_for="sel-" + row.id.to_string()),
                rx.el.span(
                    " · ",
                    row.age_label,
                    " · on ",
                    link(row.article_headline, href="/article/" + row.article_slug),
                    class_name="queue-meta",
                ),
                rx.cond(row.held_reason != "", rx.el.span(" · held: ", row.held_reason, class_name="queue-meta")),
                class_name="queue-head",
            ),
            rx.el.p(row.body, class_name="comment-body"),
            rx.el.div(
                rx.cond(
                    row.status != "approved",
                    small_button(
                        "Approve",
                        M.act(row.id, "approve"),  # type: ignore[operator]
                        aria_label="Approve comment by " + row.name,
                    ),
                ),
                rx.cond(
                    row.status != "spam",
                    small_button(
                        "Spam",
                        M.act(row.id, "spam"),  # type: ignore[operator]
                        aria_label="Mark comment by " + row.name + " as spam",
                    ),
                ),
                rx.cond(
                    row.status != "trash",
                    small_button(
                        "Trash",
                        M.act(row.id, "trash"),  # type: ignore[operator]
                        aria_label="Trash comment by " + row.name,
                    ),
                ),
                rx.cond(
                    row.status == "pending",
                    small_button(
                        "Approve and reply",
                        M.start_reply(row.id),  # type: ignore[operator]
                        aria_label="Approve and reply to " + row.name + " as Artisan Times",
                    ),
                    small_button("Reply", M.start_reply(row.id), aria_label="Reply to " + row.name + " as Artisan Times"),  # type: ignore[operator]
                ),
                class_name="block-tools",
            ),
            rx.cond(
                M.reply_to == row.id,
                rx.el.form(
                    rx.el.label("Reply as Artisan Times", html_for="reply-" + row.id.to_string(), class_name="field-label"),
                    rx.el.textarea(id="reply-" + row.id.to_string(), name="reply", rows=3, class_name="field-input"),
                    rx.cond(M.reply_error != "", rx.el.p(M.reply_error, class_name="field-error")),
                    rx.el.button(
                        rx.cond(row.status == "pending", "Approve and publish reply", "Publish reply"),
                        type="submit",
                        class_name="button",
                    ),
                    on_submit=M.send_reply,
                    reset_on_submit=False,
                    class_name="reply-form",
                ),
            ),
            class_name="queue-item",
            aria_label="Comment by " + row.name,
        ),
    )


def _status_tab(status: str, label: str) -> rx.Component:
    return chip(label, " (", M.counts[status].to_string(), ")", pressed=M.status == status, on_click=M.show(status))  # type: ignore[attr-defined, operator]


def comments_page() -> rx.Component:
    body = rx.fragment(
        notice(M.message),
        rx.el.ul(
            _status_tab("pending", "Held"),
            _status_tab("approved", "Approved"),
            _status_tab("spam", "Spam"),
            _status_tab("trash", "Trash"),
            class_name="chip-list",
            aria_label="Comment status",
        ),
        rx.cond(
            M.rows.length() > 0,  # type: ignore[attr-defined]
            rx.fragment(
                rx.el.div(
                    small_button("Select all", M.toggle_all, aria_label="Select all comments shown"),
                    small_button("Approve selected", M.act_on_selected("approve"), aria_label="Approve selected comments"),  # type: ignore[operator]
                    small_button("Spam selected", M.act_on_selected("spam"), aria_label="Mark selected comments as spam"),  # type: ignore[operator]
                    small_button("Trash selected", M.act_on_selected("trash"), aria_label="Trash selected comments"),  # type: ignore[operator]
                    class_name="block-tools bulk",
                ),
                rx.el.ol(rx.foreach(M.rows, _queue_row), class_name="queue"),
            ),
            rx.el.p("Nothing here. Well done.", class_name="empty-list"),
        ),
    )
    return newsroom_frame(
        rx.cond(
            M.loaded,
            rx.cond(M.allowed, body, rx.el.p("Only editors can moderate comments.", class_name="notice error")),
            skeleton(label="Loading comments"),
        ),
        title="Comments",
    )
