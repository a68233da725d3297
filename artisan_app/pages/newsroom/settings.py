"""Newsroom settings for admins, ``/editor/settings``: categories and authors."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame, small_button
from artisan_app.state.newsroom.settings import AdminState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _category_row(c, i) -> rx.Component:
    count = AdminState.categories.length()  # type: ignore[attr-defined]
    return rx.el.li(
        rx.el.form(
            rx.el.input(type="hidden", name="slug", value=c.slug),
            rx.el.label(
                "Name",
                rx.el.span(" of " + c.name, class_name="visually-hidden"),
                html_for="cat-name-" + c.slug,
                class_name="field-label",
            ),
            rx.el.input(id="cat-name-" + c.slug, name="name", default_value=c.name, class_name="field-input"),
            rx.el.label(
                "Description",
                rx.el.span(" of " + c.name, class_name="visually-hidden"),
                html_for="cat-desc-" + c.slug,
                class_name="field-label",
            ),
            rx.el.input(id="cat-desc-" + c.slug, name="description", default_value=c.description, class_name="field-input"),
            rx.el.div(
                rx.el.button("Save", type="submit", class_name="small-button", aria_label="Save " + c.name),
                small_button("↑", AdminState.move_category(c.slug, -1), aria_label="Move " + c.name + " up", disabled=i == 0),  # type: ignore[operator]
                small_button(
                    "↓",
                    AdminState.move_category(c.slug, 1),  # type: ignore[operator]
                    aria_label="Move " + c.name + " down",
                    disabled=i == count - 1,
                ),
                class_name="block-tools",
            ),
            on_submit=AdminState.rename_category,
            reset_on_submit=False,
            class_name="category-form",
        ),
    )


def _author_row(a) -> rx.Component:
    return rx.el.li(
        rx.el.img(src=a.avatar, alt="Portrait of " + a.name, width="48", height="48", class_name="avatar small"),
        rx.cond(
            AdminState.editing_author == a.slug,
            rx.el.div(
                rx.el.form(
                    rx.el.label("Name", html_for="author-name", class_name="field-label"),
                    rx.el.input(id="author-name", name="name", default_value=a.name, class_name="field-input"),
                    rx.el.label("Bio", html_for="author-bio", class_name="field-label"),
                    rx.el.textarea(id="author-bio", name="bio", default_value=a.bio, rows=4, class_name="field-input"),
                    rx.el.button("Save author", type="submit", class_name="button"),
                    on_submit=AdminState.save_author,
                    reset_on_submit=False,
                ),
                rx.upload.root(
                    rx.el.button("Upload a new portrait", type="button", class_name="button secondary"),
                    id="avatar-upload",
                    accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
                    max_files=1,
                    on_drop=AdminState.upload_avatar(rx.upload_files(upload_id="avatar-upload")),  # type: ignore[operator]
                ),
                class_name="author-edit",
            ),
            rx.el.div(
                rx.el.strong(a.name),
                rx.el.p(a.bio, class_name="field-hint"),
                small_button("Edit", AdminState.edit_author(a.slug), aria_label="Edit " + a.name),  # type: ignore[operator]
            ),
        ),
        class_name="author-row",
    )


def settings_page() -> rx.Component:
    body = rx.fragment(
        notice(AdminState.message),
        notice(AdminState.error, False),
        rx.el.section(
            rx.el.h2("Categories (masthead order)", id="cats", class_name="section-label"),
            rx.el.ol(rx.foreach(AdminState.categories, _category_row), class_name="settings-list"),
            rx.el.form(
                rx.el.h3("Add a category"),
                rx.el.label("Name", html_for="new-cat-name", class_name="field-label"),
                rx.el.input(id="new-cat-name", name="name", class_name="field-input", required=True),
                rx.el.label("Description", html_for="new-cat-desc", class_name="field-label"),
                rx.el.input(id="new-cat-desc", name="description", class_name="field-input"),
                rx.el.button("Add category", type="submit", class_name="button"),
                on_submit=AdminState.add_category,
                reset_on_submit=True,
                class_name="category-form",
            ),
            aria_labelledby="cats",
        ),
        rx.el.section(
            rx.el.h2("Authors", id="authors", class_name="section-label"),
            rx.el.ul(rx.foreach(AdminState.authors, _author_row), class_name="settings-list"),
            aria_labelledby="authors",
        ),
    )
    return newsroom_frame(
        rx.cond(
            AdminState.loaded,
            rx.cond(AdminState.allowed, body, rx.el.p("Only admins can change settings.", class_name="notice error")),
            skeleton(label="Loading settings"),
        ),
        title="Settings",
    )
