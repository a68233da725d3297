"""Newsroom (editor-side) components: frame, sign-in, lists, the article editor,
moderation queue and settings. Pure render functions over state vars."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link
from artisan_app.components.newsroom.tools import pending_badge
from artisan_app.core import routes
from artisan_app.state.newsroom.auth import AuthState
from artisan_app.state.newsroom.mail_health import MailHealthState


def newsroom_frame(*children: rx.Component, title: str) -> rx.Component:
    return rx.el.div(
        rx.el.header(
            rx.el.a("Skip to content", href="#main", class_name="skip-link"),
            rx.el.div(
                link(
                    rx.el.span("Artisan Times", class_name="brand-name small"),
                    rx.el.span("Newsroom", class_name="brand-tagline"),
                    href=routes.EDITOR,
                    class_name="brand",
                ),
                rx.cond(
                    AuthState.staff_name != "",
                    rx.el.div(
                        rx.el.span(AuthState.staff_name, " · ", AuthState.staff_role, class_name="staff-who"),
                        rx.el.button("Sign out", type="button", class_name="link-button", on_click=AuthState.logout),
                        class_name="staff-box",
                    ),
                ),
                class_name="masthead-top",
            ),
            rx.cond(
                AuthState.staff_name != "",
                rx.el.nav(
                    rx.el.ul(
                        rx.el.li(link("Articles", href=routes.EDITOR, class_name="nav-link")),
                        rx.el.li(link("New article", href=routes.editor_article_url(routes.NEW_ARTICLE), class_name="nav-link")),
                        rx.cond(
                            AuthState.staff_role != "author",
                            rx.el.li(link("Comments", pending_badge(), href=routes.EDITOR_COMMENTS, class_name="nav-link")),
                        ),
                        rx.cond(
                            AuthState.staff_role != "author",
                            rx.el.li(link("Newsletter", href=routes.EDITOR_NEWSLETTER, class_name="nav-link")),
                        ),
                        rx.cond(
                            AuthState.staff_role == "admin",
                            rx.el.li(link("Settings", href=routes.EDITOR_SETTINGS, class_name="nav-link")),
                        ),
                        rx.el.li(link("Trash", href=routes.EDITOR_TRASH, class_name="nav-link")),
                        rx.cond(
                            AuthState.staff_role == "admin",
                            rx.el.li(link("Redirects", href=routes.EDITOR_REDIRECTS, class_name="nav-link")),
                        ),
                        rx.cond(
                            AuthState.staff_role == "admin",
                            rx.el.li(link("Import", href=routes.EDITOR_IMPORT, class_name="nav-link")),
                        ),
                        rx.el.li(link("View site", href=routes.HOME, class_name="nav-link")),
                        class_name="nav-list",
                    ),
                    aria_label="Newsroom",
                    class_name="section-nav",
                ),
            ),
            class_name="masthead newsroom-masthead",
        ),
        rx.el.main(
            rx.el.h1(title, class_name="page-title newsroom-title"),
            rx.cond(
                AuthState.session_ended,
                rx.el.p(
                    "Your session has ended. Please ",
                    link("sign in", href=routes.EDITOR_LOGIN),
                    " again.",
                    class_name="notice error",
                    role="alert",
                ),
            ),
            # A landmark, not an alert: it stays while the queue is stuck, beside the page's own alerts.
            rx.cond(
                MailHealthState.warning != "",
                rx.el.section(rx.el.p(MailHealthState.warning), aria_label="Mail and jobs", class_name="notice error"),
            ),
            *children,
            id="main",
            class_name="main newsroom",
            tab_index=-1,
        ),
        class_name="page",
    )


def field_error(errors, key: str) -> rx.Component:
    return rx.cond(errors.contains(key), rx.el.p(errors[key], id=f"err-{key}", class_name="field-error"))


def text_field(
    label: str,
    name: str,
    value,
    on_change,
    errors,
    *,
    hint="",
    multiline: bool = False,
    required: bool = False,
    disabled=False,
    rows: int = 3,
    debounce: int = 1200,
) -> rx.Component:
    """A labelled, debounced input whose change handler autosaves."""
    field_id = f"ed-{name}"
    has_hint = not (isinstance(hint, str) and hint == "")
    props = dict(
        id=field_id,
        name=name,
        value=value,
        on_change=on_change,
        class_name="field-input",
        aria_invalid=rx.cond(errors.contains(name), "true", "false"),
        aria_describedby=rx.cond(errors.contains(name), f"err-{name}", f"{field_id}-hint" if has_hint else ""),
        disabled=disabled,
    )
    if required:
        props["required"] = True
    control = rx.el.textarea(rows=rows, **props) if multiline else rx.el.input(type="text", **props)
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.debounce_input(control, debounce_timeout=debounce),
        rx.el.p(hint, id=f"{field_id}-hint", class_name="field-hint") if has_hint else rx.fragment(),
        field_error(errors, name),
        class_name="field",
    )


def select_field(label: str, name: str, value, options, on_change, errors, *, placeholder: str) -> rx.Component:
    field_id = f"ed-{name}"
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.select(
            rx.el.option(placeholder, value=""),
            rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])),
            id=field_id,
            name=name,
            value=value,
            on_change=on_change,
            class_name="field-input",
            aria_invalid=rx.cond(errors.contains(name), "true", "false"),
        ),
        field_error(errors, name),
        class_name="field",
    )


def status_badge(status) -> rx.Component:
    # "changes" reads "changes requested" (review statuses).
    return rx.el.span(rx.match(status, ("changes", "changes requested"), status), class_name="badge badge-" + status)


def small_button(label, on_click, *, aria_label, disabled=False, id=None) -> rx.Component:
    """A compact newsroom action button (editor rows, moderation, settings lists)."""
    props = {"id": id} if id is not None else {}
    return rx.el.button(
        label, type="button", class_name="small-button", on_click=on_click, aria_label=aria_label, disabled=disabled, **props
    )
