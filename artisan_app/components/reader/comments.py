"""The comment thread and the "Leave a comment" form, as on the seed page.

Comment text is rendered as text (React escapes it) with line breaks kept by
CSS; a commenter's website is linked with ``rel="nofollow ugc noopener"``.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import chip, notice
from artisan_app.components.i18n import t
from artisan_app.services.comments.submission import MAX_BODY, MAX_NAME, MAX_WEBSITE
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.site import SiteState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def commenter_name(c) -> rx.Component:
    return rx.cond(
        c.website != "",
        rx.el.a(c.name, href=c.website, rel="nofollow ugc noopener", target="_blank", class_name="comment-author", dir="auto"),
        rx.el.span(c.name, class_name="comment-author", dir="auto"),
    )


def comment_item(c) -> rx.Component:
    return rx.el.li(
        rx.el.article(
            rx.el.header(
                commenter_name(c),
                # Only replies written in the newsroom carry it; readers cannot sign as staff.
                rx.cond(c.staff, rx.el.span("Staff", class_name="comment-staff-badge", title="Written by our staff")),
                rx.el.time(
                    c.relative_label,
                    date_time=c.created_iso,
                    title=c.created_label,
                    class_name="comment-date",
                ),
                rx.el.span(c.created_label, class_name="comment-date-exact"),
                class_name="comment-meta",
            ),
            rx.cond(
                c.awaiting,
                rx.el.p("Your comment is awaiting moderation.", class_name="comment-awaiting"),
            ),
            rx.el.p(c.body, class_name="comment-body", dir="auto"),
            rx.cond(
                ~c.awaiting,
                rx.el.button(
                    t("Reply"),
                    type="button",
                    class_name="link-button",
                    aria_label="Reply to " + c.name,
                    on_click=CommentState.start_reply(c.id),  # type: ignore[operator]
                ),
            ),
            class_name="comment",
            aria_label="Comment by " + c.name,
        ),
        class_name="comment-item depth-" + c.depth.to_string(),
    )


def _field(
    label: str,
    name: str,
    *,
    required: bool,
    autocomplete: str,
    type_: str = "text",
    multiline: bool = False,
    max_length: int | None = None,
    hint: str = "",
) -> rx.Component:
    field_id = f"comment-{name}"
    error = CommentState.errors_shown[name]
    has_error = CommentState.errors.contains(name)  # type: ignore[attr-defined]
    described = rx.cond(has_error, f"{field_id}-error", f"{field_id}-hint" if hint else "")
    common = dict(
        id=field_id,
        name=name,
        value=getattr(CommentState, name),
        on_change=lambda v: CommentState.set_field(name, v),  # type: ignore[operator]
        required=required,
        auto_complete=autocomplete,
        aria_invalid=rx.cond(has_error, "true", "false"),
        aria_describedby=described,
        class_name="field-input",
        dir="auto",  # a name or comment in Urdu on an English page, or the other way round
    )
    if max_length:
        # A little headroom so the service, not the browser, explains the limit.
        common["max_length"] = max_length + 100
    control = rx.el.textarea(rows=7, **common) if multiline else rx.el.input(type=type_, **common)
    return rx.el.div(
        rx.el.label(
            label,
            rx.cond(required, rx.el.span(" *", class_name="required", aria_hidden="true"), ""),
            html_for=field_id,
            class_name="field-label",
        ),
        rx.debounce_input(control, debounce_timeout=400),
        rx.el.p(hint, id=f"{field_id}-hint", class_name="field-hint") if hint else rx.fragment(),
        rx.cond(has_error, rx.el.p(error, id=f"{field_id}-error", class_name="field-error")),
        class_name=rx.cond(has_error, "field has-error", "field"),
    )


def honeypot() -> rx.Component:
    """Invisible to people (and to screen readers); bots fill it in."""
    return rx.el.div(
        rx.el.label("Company (leave this empty)", html_for="comment-company"),
        rx.el.input(id="comment-company", name="company", type="text", tab_index=-1, auto_complete="off"),
        class_name="hp-field",
        aria_hidden="true",
    )


def reply_banner() -> rx.Component:
    return rx.cond(
        CommentState.reply_to != 0,
        rx.el.p(
            "Replying to ",
            rx.el.strong(CommentState.reply_to_name),
            " ",
            rx.el.button("Cancel reply", type="button", class_name="link-button", on_click=CommentState.cancel_reply),
            class_name="reply-banner",
        ),
    )


def comment_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Leave a comment"), id="leave-comment", class_name="section-label"),
        rx.cond(
            SiteState.language == "en",
            rx.el.p(
                "Your email address will not be published. Required fields are marked ",
                rx.el.span("*", class_name="required"),
                class_name="form-intro",
            ),
            rx.el.p(t("Your email address will not be published. Required fields are marked *"), class_name="form-intro"),
        ),
        reply_banner(),
        notice(CommentState.notice_shown, CommentState.notice_ok),
        rx.el.form(
            rx.el.div(
                _field(t("Name"), "name", required=True, autocomplete="name", max_length=MAX_NAME),
                _field(t("Email"), "email", required=True, autocomplete="email", type_="email"),
                class_name="field-row",
            ),
            _field(t("Website"), "website", required=False, autocomplete="url", type_="url", max_length=MAX_WEBSITE),
            _field(
                t("Comment"),
                "body",
                required=True,
                autocomplete="off",
                multiline=True,
                max_length=MAX_BODY,
                hint="Plain text; line breaks are kept.",
            ),
            honeypot(),
            rx.el.button(t("Post comment"), type="submit", class_name="button"),
            on_submit=CommentState.submit,
            reset_on_submit=False,
            no_validate=True,
            class_name="comment-form",
            aria_labelledby="leave-comment",
        ),
        aria_labelledby="leave-comment",
        class_name="comment-form-section",
    )


def thread_order() -> rx.Component:
    """Oldest or newest first (the thread is paged by top-level comments)."""
    return rx.cond(
        CommentState.approved_count > 1,
        rx.el.ul(
            chip("Oldest first", pressed=CommentState.thread_order == "oldest", on_click=CommentState.set_thread_order("oldest")),  # type: ignore[operator]
            chip("Newest first", pressed=CommentState.thread_order == "newest", on_click=CommentState.set_thread_order("newest")),  # type: ignore[operator]
            class_name="chip-list",
            aria_label="Order of comments",
        ),
    )


def load_more_comments() -> rx.Component:
    return rx.cond(
        CommentState.has_more_comments,
        rx.el.div(
            rx.el.button("Load more comments", type="button", class_name="button", on_click=CommentState.load_more_comments),
            class_name="load-more",
        ),
    )


def comments_section() -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            t("Comments").to(str) + " ",
            rx.el.span("(", CommentState.approved_count.to_string(), ")", class_name="count"),  # type: ignore[attr-defined]
            id="comments",
            class_name="section-label",
        ),
        thread_order(),
        rx.cond(
            CommentState.comments.length() > 0,  # type: ignore[attr-defined]
            rx.el.ol(rx.foreach(CommentState.comments, comment_item), class_name="comment-list"),
            rx.el.p(t("No comments yet. Start the conversation."), class_name="empty-list"),
        ),
        load_more_comments(),
        comment_form(),
        aria_labelledby="comments",
        class_name="comments-section",
    )
