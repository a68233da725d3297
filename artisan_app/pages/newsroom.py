"""Newsroom pages: ``/editor/login``, ``/editor``, ``/editor/comments`` and
``/editor/settings`` (``/editor/article/[id]`` is in ``article_editor``)."""

from __future__ import annotations

import reflex as rx

from artisan_app import routes
from artisan_app.components.common import chip, link, notice, skeleton
from artisan_app.components.editor_craft import author_updates_list
from artisan_app.components.editor_language import translation_note
from artisan_app.components.newsroom import (
    newsroom_frame,
    status_badge,
)
from artisan_app.state.admin import AdminState
from artisan_app.state.auth import AuthState
from artisan_app.state.editor import NewsroomState as N
from artisan_app.state.moderation import ModerationState as M

STATUSES = [("", "All statuses"), ("waiting", "Waiting for me"), ("draft", "Drafts"), ("review", "In review"),
            ("changes", "Changes requested"), ("approved", "Approved"), ("scheduled", "Scheduled"),
            ("published", "Published")]


# --- sign in ----------------------------------------------------------------------------


def login_page() -> rx.Component:
    return newsroom_frame(
        rx.el.form(
            rx.cond(AuthState.login_error != "", rx.el.p(AuthState.login_error, class_name="notice error", role="alert")),
            rx.el.div(
                rx.el.label("Email", html_for="login-email", class_name="field-label"),
                rx.el.input(id="login-email", name="email", type="email", auto_complete="username", required=True,
                            default_value=AuthState.login_email, class_name="field-input"),
                class_name="field",
            ),
            rx.el.div(
                rx.el.label("Password", html_for="login-password", class_name="field-label"),
                # Uncontrolled on purpose: the password is never a state var.
                rx.el.input(id="login-password", name="password", type="password", auto_complete="current-password",
                            required=True, class_name="field-input"),
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


# --- article list -----------------------------------------------------------------------


def _filter_select(label: str, name: str, value, options, placeholder: str | None = None) -> rx.Component:
    opts = [rx.el.option(placeholder, value="")] if placeholder else []
    return rx.el.div(
        rx.el.label(label, html_for=f"filter-{name}", class_name="field-label"),
        rx.el.select(
            *opts,
            rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])),
            id=f"filter-{name}", value=value, on_change=lambda v: N.set_filter(name, v), class_name="field-input",
        ),
        class_name="field",
    )


def _row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(link(row.headline, href="/editor/article/" + row.id.to_string(), class_name="row-title", dir="auto"),
                 translation_note(row)),
        rx.el.td(status_badge(row.status)),
        rx.el.td(row.category_name),
        rx.el.td(row.author_name),
        rx.el.td(row.updated_label),
    )


def newsroom_page() -> rx.Component:
    filters = rx.el.div(
        _filter_select("Status", "status", N.status, STATUSES),
        _filter_select("Category", "category", N.category, N.categories, "All categories"),
        _filter_select("Author", "author", N.author, N.authors, "All authors"),
        rx.el.div(
            rx.el.label("Search titles", html_for="filter-query", class_name="field-label"),
            rx.debounce_input(
                rx.el.input(id="filter-query", type="search", value=N.query, on_change=lambda v: N.set_filter("query", v),
                            class_name="field-input"),
                debounce_timeout=300,
            ),
            class_name="field",
        ),
        class_name="filters",
        role="search",
        aria_label="Filter articles",
    )
    table = rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("Headline", "Status", "Category", "Author", "Updated")])),
            rx.el.tbody(rx.foreach(N.rows, _row)),
            class_name="data-table",
        ),
        class_name="table-scroll",
    )
    return newsroom_frame(
        rx.cond(
            N.loaded,
            rx.fragment(
                notice(N.error, False),
                link("+ New article", href=routes.editor_article_url(routes.NEW_ARTICLE), class_name="button"),
                author_updates_list(N.updates),
                filters,
                rx.cond(N.rows.length() > 0, table, rx.el.p("No articles match these filters.", class_name="empty-list")),
                rx.cond(N.has_more, rx.el.button("Show more", type="button", class_name="button secondary",
                                                 on_click=N.load_more)),
            ),
            skeleton(label="Loading articles"),
        ),
        title="Articles",
    )


def _small_button(label, on_click, *, aria_label, disabled=False) -> rx.Component:
    return rx.el.button(label, type="button", class_name="small-button", on_click=on_click, aria_label=aria_label,
                        disabled=disabled)


# The article editor (/editor/article/[id]) is in pages/article_editor.py; importable from here as before.
from artisan_app.pages.article_editor import editor_page  # noqa: E402,F401


# --- comment moderation -----------------------------------------------------------------


def _queue_row(row) -> rx.Component:
    return rx.el.li(
        rx.el.article(
            rx.el.div(
                rx.el.input(type="checkbox", id="sel-" + row.id.to_string(), checked=M.selected.contains(row.id),
                            on_change=lambda _: M.toggle(row.id)),
                rx.el.label(rx.el.strong(row.name), " <", row.email, ">", html_for="sel-" + row.id.to_string()),
                rx.el.span(" · ", row.age_label, " · on ", link(row.article_headline, href="/article/" + row.article_slug),
                           class_name="queue-meta"),
                rx.cond(row.held_reason != "", rx.el.span(" · held: ", row.held_reason, class_name="queue-meta")),
                class_name="queue-head",
            ),
            rx.el.p(row.body, class_name="comment-body"),
            rx.el.div(
                rx.cond(row.status != "approved", _small_button("Approve", M.act(row.id, "approve"),
                                                                aria_label="Approve comment by " + row.name)),
                rx.cond(row.status != "spam", _small_button("Spam", M.act(row.id, "spam"),
                                                            aria_label="Mark comment by " + row.name + " as spam")),
                rx.cond(row.status != "trash", _small_button("Trash", M.act(row.id, "trash"),
                                                             aria_label="Trash comment by " + row.name)),
                rx.cond(row.status == "pending",
                        _small_button("Approve and reply", M.start_reply(row.id),
                                      aria_label="Approve and reply to " + row.name + " as Artisan Times"),
                        _small_button("Reply", M.start_reply(row.id), aria_label="Reply to " + row.name + " as Artisan Times")),
                class_name="block-tools",
            ),
            rx.cond(
                M.reply_to == row.id,
                rx.el.form(
                    rx.el.label("Reply as Artisan Times", html_for="reply-" + row.id.to_string(), class_name="field-label"),
                    rx.el.textarea(id="reply-" + row.id.to_string(), name="reply", rows=3, class_name="field-input"),
                    rx.cond(M.reply_error != "", rx.el.p(M.reply_error, class_name="field-error")),
                    rx.el.button(rx.cond(row.status == "pending", "Approve and publish reply", "Publish reply"),
                                 type="submit", class_name="button"),
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
    return chip(label, " (", M.counts[status].to_string(), ")", pressed=M.status == status, on_click=M.show(status))


def comments_page() -> rx.Component:
    body = rx.fragment(
        notice(M.message),
        rx.el.ul(
            _status_tab("pending", "Held"), _status_tab("approved", "Approved"), _status_tab("spam", "Spam"),
            _status_tab("trash", "Trash"),
            class_name="chip-list", aria_label="Comment status",
        ),
        rx.cond(
            M.rows.length() > 0,
            rx.fragment(
                rx.el.div(
                    _small_button("Select all", M.toggle_all, aria_label="Select all comments shown"),
                    _small_button("Approve selected", M.act_on_selected("approve"), aria_label="Approve selected comments"),
                    _small_button("Spam selected", M.act_on_selected("spam"), aria_label="Mark selected comments as spam"),
                    _small_button("Trash selected", M.act_on_selected("trash"), aria_label="Trash selected comments"),
                    class_name="block-tools bulk",
                ),
                rx.el.ol(rx.foreach(M.rows, _queue_row), class_name="queue"),
            ),
            rx.el.p("Nothing here. Well done.", class_name="empty-list"),
        ),
    )
    return newsroom_frame(
        rx.cond(M.loaded, rx.cond(M.allowed, body, rx.el.p("Only editors can moderate comments.", class_name="notice error")),
                skeleton(label="Loading comments")),
        title="Comments",
    )


# --- settings (admins) ------------------------------------------------------------------


def _category_row(c, i) -> rx.Component:
    count = AdminState.categories.length()
    return rx.el.li(
        rx.el.form(
            rx.el.input(type="hidden", name="slug", value=c.slug),
            rx.el.label("Name", rx.el.span(" of " + c.name, class_name="visually-hidden"),
                        html_for="cat-name-" + c.slug, class_name="field-label"),
            rx.el.input(id="cat-name-" + c.slug, name="name", default_value=c.name, class_name="field-input"),
            rx.el.label("Description", rx.el.span(" of " + c.name, class_name="visually-hidden"),
                        html_for="cat-desc-" + c.slug, class_name="field-label"),
            rx.el.input(id="cat-desc-" + c.slug, name="description", default_value=c.description, class_name="field-input"),
            rx.el.div(
                rx.el.button("Save", type="submit", class_name="small-button", aria_label="Save " + c.name),
                _small_button("↑", AdminState.move_category(c.slug, -1), aria_label="Move " + c.name + " up", disabled=i == 0),
                _small_button("↓", AdminState.move_category(c.slug, 1), aria_label="Move " + c.name + " down",
                              disabled=i == count - 1),
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
                    on_drop=AdminState.upload_avatar(rx.upload_files(upload_id="avatar-upload")),
                ),
                class_name="author-edit",
            ),
            rx.el.div(
                rx.el.strong(a.name), rx.el.p(a.bio, class_name="field-hint"),
                _small_button("Edit", AdminState.edit_author(a.slug), aria_label="Edit " + a.name),
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
        rx.cond(AdminState.loaded,
                rx.cond(AdminState.allowed, body, rx.el.p("Only admins can change settings.", class_name="notice error")),
                skeleton(label="Loading settings")),
        title="Settings",
    )
