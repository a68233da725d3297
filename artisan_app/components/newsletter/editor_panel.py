"""The article editor's "Newsletter" panel (``state/newsletter/editor_panel.py``)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link
from artisan_app.core import routes
from artisan_app.state.editor.article_editor import ArticleEditorState as E
from artisan_app.state.newsletter.editor_panel import NewsletterPanelState as P

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def email_preview() -> rx.Component:
    """The email as sent: HTML in a sandboxed frame (no scripts, no same-origin), and the text part."""
    return rx.el.div(
        rx.el.p("Subject: ", rx.el.strong(P.preview_subject), class_name="status-line"),
        rx.el.iframe(src_doc=P.preview_html, sandbox="", title="Email preview (HTML)", class_name="email-preview"),
        rx.el.details(rx.el.summary("Plain-text part"), rx.el.pre(P.preview_text, class_name="email-text")),
        class_name="email-preview-box",
    )


def _confirm() -> rx.Component:
    return rx.el.div(
        rx.el.p("Send “", E.form.headline, "” to ", P.audience.to_string(), " subscribers now? This cannot be undone."),  # type: ignore[attr-defined]
        rx.el.div(
            rx.cond(
                E.form.phase == "published",
                rx.el.button("Yes, send it", type="button", class_name="button", on_click=P.send_now),
                rx.el.button("Yes, publish and send", type="button", class_name="button", on_click=P.publish_and_send),
            ),
            rx.el.button("Cancel", type="button", class_name="button secondary", on_click=P.cancel_send),
            class_name="button-row",
        ),
        class_name="newsletter-confirm",
        role="alertdialog",
        aria_label="Confirm the send",
    )


def newsletter_panel() -> rx.Component:
    """Shown to editors and admins once the article has been saved."""
    return rx.cond(
        E.can_publish & (E.form.id > 0),
        rx.el.section(
            rx.el.h2("Newsletter", id="newsletter-panel", class_name="section-label"),
            rx.el.p(
                "Goes to ",
                rx.el.strong(
                    P.audience.to_string(),  # type: ignore[attr-defined]
                    " confirmed ",
                    rx.cond(P.audience == 1, "subscriber", "subscribers"),
                ),
                " (every story, or this section). Preview and test show the last saved version.",
                class_name="status-line",
            ),
            rx.cond(P.sent_before != "", rx.el.p("Already sent: ", P.sent_before, class_name="notice")),
            rx.cond(P.message != "", rx.el.p(P.message, class_name="notice ok", role="status")),
            rx.cond(P.error != "", rx.el.p(P.error, class_name="notice error", role="alert")),
            rx.el.div(
                rx.el.button(
                    rx.cond(P.preview_open, "Hide the email", "Show the email"),
                    type="button",
                    class_name="button secondary",
                    on_click=P.toggle_preview,
                    aria_expanded=rx.cond(P.preview_open, "true", "false"),
                ),
                rx.el.button("Send me a test", type="button", class_name="button secondary", on_click=P.send_test),
                rx.cond(
                    P.sent_before == "",
                    rx.el.button(
                        rx.cond(E.form.phase == "published", "Send as newsletter", "Publish and send"),
                        type="button",
                        class_name="button",
                        on_click=P.ask_send,
                    ),
                ),
                class_name="button-row",
            ),
            rx.cond(P.confirming, _confirm()),
            rx.cond(P.preview_open, email_preview()),
            link("Subscribers and sends", href=routes.EDITOR_NEWSLETTER, class_name="row-title"),
            on_mount=P.load_panel,
            aria_labelledby="newsletter-panel",
            class_name="newsletter-panel",
        ),
    )
