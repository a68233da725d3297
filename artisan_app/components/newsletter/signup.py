"""The newsletter sign-up block: after the front page's latest stories, after
each article and on ``/newsletter``.

The first view renders the same markup from
``render/templates/stand_ins.html: newsletter_signup`` (a plain POST form to
``/newsletter/subscribe`` that works before the app has loaded or without
JavaScript, with the answer it came back with on ``/newsletter``); here the same
form calls ``NewsletterState.subscribe``. Keep the two in step (the parity test,
``tests/e2e/test_first_view.py``, compares them). The email input is uncontrolled: no address is kept in state.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.i18n import t
from artisan_app.core import routes
from artisan_app.state.newsletter.signup import NewsletterState
from artisan_app.state.reader.site import SiteState

PITCH = "New stories by email. We ask you to confirm first, and every email has a one-click unsubscribe."


def _choice(c) -> rx.Component:
    return rx.el.li(
        rx.el.label(rx.el.input(name="section", type="checkbox", value=c.slug), " ", c.name, class_name="newsletter-choice")
    )


def newsletter_signup(prefix: str) -> rx.Component:
    """``prefix`` keeps element ids unique per page (``front``, ``article``, ``page``)."""
    title_id, email_id = f"{prefix}-newsletter", f"{prefix}-newsletter-email"
    return rx.el.section(
        rx.el.h2(t("The newsletter"), id=title_id, class_name="section-label"),
        rx.el.p(t(PITCH), class_name="newsletter-pitch"),
        rx.el.form(
            rx.el.div(
                rx.el.label(t("Email address"), html_for=email_id, class_name="visually-hidden"),
                rx.el.input(
                    id=email_id,
                    name="email",
                    type="email",
                    required=True,
                    auto_complete="email",
                    max_length=254,
                    placeholder="you@example.com",
                    class_name="field-input newsletter-email",
                ),
                rx.el.button(t("Subscribe"), type="submit", class_name="button"),
                class_name="newsletter-row",
            ),
            rx.el.details(
                rx.el.summary(t("Every story, or choose sections")),
                rx.el.ul(rx.foreach(SiteState.categories, _choice), class_name="newsletter-choices"),
                rx.el.p(t("Tick none to get every story."), class_name="field-hint"),
                class_name="newsletter-sections",
            ),
            rx.cond(NewsletterState.answer != "", rx.el.p(NewsletterState.answer, class_name="notice ok", role="status")),
            rx.cond(NewsletterState.error != "", rx.el.p(NewsletterState.error, class_name="notice error", role="alert")),
            action=routes.NEWSLETTER_SUBSCRIBE_POST,
            method="post",
            on_submit=NewsletterState.subscribe,
            reset_on_submit=True,
            class_name="newsletter-form",
        ),
        aria_labelledby=title_id,
        class_name="newsletter-signup",
    )
