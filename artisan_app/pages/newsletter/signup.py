"""``/newsletter`` (sign up), ``/newsletter/confirm`` (the confirmation link) and
``/newsletter/preferences`` (sections, unsubscribe; reached by the signed link
in every email)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link, when_ready
from artisan_app.components.newsletter.signup import newsletter_signup
from artisan_app.components.reader.layout import page_frame
from artisan_app.core import routes
from artisan_app.render import wording
from artisan_app.state.newsletter.signup import NewsletterState as S
from artisan_app.state.reader.site import SiteState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def newsletter_page() -> rx.Component:
    """The server's first view (``render.newsletter_page``) shows the same until the page has loaded
    (the sections to choose from, the answer to a sign-up posted from the first view)."""
    return page_frame(
        rx.el.h1(wording.NEWSLETTER_TITLE, class_name="page-title"),
        rx.el.p(wording.NEWSLETTER_INTRO, class_name="page-intro"),
        when_ready(S.loaded, newsletter_signup("page"), loading_label="Loading the sign-up form"),
    )


def confirm_page() -> rx.Component:
    done = rx.el.section(
        rx.el.h1("You are subscribed", class_name="page-title"),
        rx.el.p(
            "Thank you. New stories will arrive in your inbox. Every email has a link to change your sections or to unsubscribe.",
            class_name="page-intro",
        ),
        link("Back to the front page", href=routes.HOME, class_name="button"),
    )
    failed = rx.el.section(
        rx.el.h1("This link did not work", class_name="page-title"),
        rx.el.p(S.confirm_error, class_name="notice error", role="alert"),
        link("Sign up again", href=routes.NEWSLETTER, class_name="button"),
    )
    return page_frame(when_ready(S.loaded, rx.cond(S.confirmed, done, failed), loading_label="Confirming"))


def _section_choice(c) -> rx.Component:
    return rx.el.li(
        rx.el.label(
            rx.el.input(name="section", type="checkbox", value=c.slug, default_checked=S.pref_sections.contains(c.slug)),  # type: ignore[attr-defined]
            " ",
            c.name,
            class_name="newsletter-choice",
        )
    )


def _preferences_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend("What would you like to get?"),
            rx.el.label(
                rx.el.input(type="radio", name="scope", value="all", default_checked=S.pref_all),
                " Every story",
                class_name="newsletter-choice",
            ),
            rx.el.label(
                rx.el.input(type="radio", name="scope", value="chosen", default_checked=~S.pref_all),
                " Only these sections:",
                class_name="newsletter-choice",
            ),
            rx.el.ul(rx.foreach(SiteState.categories, _section_choice), class_name="newsletter-choices"),
        ),
        rx.el.button("Save my choice", type="submit", class_name="button"),
        on_submit=S.save_preferences,
        reset_on_submit=False,
        class_name="newsletter-preferences",
        key=S.pref_status + S.pref_sections.join(","),  # type: ignore[attr-defined]
    )


def preferences_page() -> rx.Component:
    body = rx.cond(
        S.pref_error != "",
        rx.el.section(
            rx.el.p(S.pref_error, class_name="notice error", role="alert"),
            link("Sign up again", href=routes.NEWSLETTER, class_name="button"),
        ),
        rx.el.section(
            rx.cond(S.pref_message != "", rx.el.p(S.pref_message, class_name="notice ok", role="status")),
            rx.cond(
                S.pref_status == "pending",
                rx.el.p("Please confirm your subscription first: follow the link in the email we sent.", class_name="notice"),
            ),
            rx.cond(
                S.pref_status == "unsubscribed",
                rx.el.p(
                    link("Sign up again", href=routes.NEWSLETTER, class_name="button"),
                    " and confirm by email to get the newsletter again.",
                ),
                _preferences_form(),
            ),
            rx.cond(
                S.pref_status == "active",
                rx.el.button("Unsubscribe from everything", type="button", class_name="button danger", on_click=S.unsubscribe),
            ),
        ),
    )
    return page_frame(
        rx.el.h1("Your newsletter", class_name="page-title"),
        when_ready(S.loaded, body, loading_label="Loading your subscription"),
    )
