"""The newsroom's sign-in page, ``/editor/login``."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.state.newsroom.auth import AuthState


def login_page() -> rx.Component:
    return newsroom_frame(
        rx.el.form(
            rx.cond(AuthState.login_error != "", rx.el.p(AuthState.login_error, class_name="notice error", role="alert")),
            rx.el.div(
                rx.el.label("Email", html_for="login-email", class_name="field-label"),
                rx.el.input(
                    id="login-email",
                    name="email",
                    type="email",
                    auto_complete="username",
                    required=True,
                    default_value=AuthState.login_email,
                    class_name="field-input",
                ),
                class_name="field",
            ),
            rx.el.div(
                rx.el.label("Password", html_for="login-password", class_name="field-label"),
                # Uncontrolled on purpose: the password is never a state var.
                rx.el.input(
                    id="login-password",
                    name="password",
                    type="password",
                    auto_complete="current-password",
                    required=True,
                    class_name="field-input",
                ),
                class_name="field",
            ),
            rx.el.button("Sign in", type="submit", class_name="button"),
            on_submit=AuthState.login,
            reset_on_submit=False,
            class_name="login-form",
            aria_label="Sign in",
        ),
        title="Sign in to the newsroom",
    )
