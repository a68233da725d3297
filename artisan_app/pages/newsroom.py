"""Newsroom pages: ``/editor/login``, ``/editor``, ``/editor/article/[id]``,
``/editor/comments`` and ``/editor/settings``."""

from __future__ import annotations

import reflex as rx

from artisan_app import routes
from artisan_app.components.article import article_view
from artisan_app.components.common import chip, link, notice, skeleton
from artisan_app.components.newsletter_panel import newsletter_panel
from artisan_app.components.newsroom import (
    UNSAVED_GUARD_JS,
    field_error,
    newsroom_frame,
    select_field,
    status_badge,
    text_field,
)
from artisan_app.state.admin import AdminState
from artisan_app.state.auth import AuthState
from artisan_app.state.editor import ArticleEditorState as E
from artisan_app.state.editor import NewsroomState as N
from artisan_app.state.moderation import ModerationState as M

STATUSES = [("", "All statuses"), ("draft", "Drafts"), ("review", "In review"), ("scheduled", "Scheduled"),
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
        rx.el.td(link(row.headline, href="/editor/article/" + row.id.to_string(), class_name="row-title")),
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
                filters,
                rx.cond(N.rows.length() > 0, table, rx.el.p("No articles match these filters.", class_name="empty-list")),
                rx.cond(N.has_more, rx.el.button("Show more", type="button", class_name="button secondary",
                                                 on_click=N.load_more)),
            ),
            skeleton(label="Loading articles"),
        ),
        title="Articles",
    )


# --- the article editor -----------------------------------------------------------------


def _small_button(label, on_click, *, aria_label, disabled=False) -> rx.Component:
    return rx.el.button(label, type="button", class_name="small-button", on_click=on_click, aria_label=aria_label,
                        disabled=disabled)


def _block_editor(block, j, i, blocks_count) -> rx.Component:
    n = (j + 1).to_string()
    s = (i + 1).to_string()
    return rx.el.div(
        rx.el.div(
            rx.el.span(rx.cond(block.kind == "quote", "Quote", "Paragraph"), " ", n, class_name="block-kind"),
            _small_button("↑", E.move_block(i, j, -1), aria_label="Move block " + n + " of section " + s + " up",
                          disabled=j == 0),
            _small_button("↓", E.move_block(i, j, 1), aria_label="Move block " + n + " of section " + s + " down",
                          disabled=j == blocks_count - 1),
            _small_button("Remove", E.remove_block(i, j), aria_label="Remove block " + n + " of section " + s,
                          disabled=blocks_count == 1),
            class_name="block-tools",
        ),
        rx.el.label(
            rx.cond(block.kind == "quote", "Quote text", "Paragraph text"),
            rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
            html_for="block-" + s + "-" + n,
            class_name="field-label",
        ),
        rx.debounce_input(
            rx.el.textarea(id="block-" + s + "-" + n, value=block.text, rows=4, class_name="field-input",
                           on_change=lambda v: E.set_block(i, j, "text", v)),
            debounce_timeout=1200,
        ),
        rx.cond(
            block.kind == "quote",
            rx.el.div(
                rx.el.label("Attribution", rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
                            html_for="attr-" + s + "-" + n, class_name="field-label"),
                rx.debounce_input(
                    rx.el.input(id="attr-" + s + "-" + n, value=block.attribution, class_name="field-input",
                                on_change=lambda v: E.set_block(i, j, "attribution", v)),
                    debounce_timeout=1200,
                ),
                class_name="field",
            ),
        ),
        class_name=rx.cond(block.kind == "quote", "block-editor quote", "block-editor"),
    )


def _section_editor(section, i) -> rx.Component:
    s = (i + 1).to_string()
    count = E.form.sections.length()
    return rx.el.fieldset(
        rx.el.legend("Section " + s),
        rx.el.div(
            _small_button("Move up", E.move_section(i, -1), aria_label="Move section " + s + " up", disabled=i == 0),
            _small_button("Move down", E.move_section(i, 1), aria_label="Move section " + s + " down", disabled=i == count - 1),
            _small_button("Remove section", E.remove_section(i), aria_label="Remove section " + s, disabled=count == 1),
            class_name="block-tools",
        ),
        rx.el.label("Heading", rx.el.span(" of section " + s, class_name="visually-hidden"), html_for="heading-" + s,
                    class_name="field-label"),
        rx.debounce_input(
            rx.el.input(id="heading-" + s, value=section.heading, class_name="field-input",
                        on_change=lambda v: E.set_heading(i, v)),
            debounce_timeout=1200,
        ),
        rx.foreach(section.blocks, lambda b, j: _block_editor(b, j, i, section.blocks.length())),
        rx.el.div(
            _small_button("+ Paragraph", E.add_block(i, "paragraph"), aria_label="Add a paragraph to section " + s),
            _small_button("+ Quote", E.add_block(i, "quote"), aria_label="Add a quote to section " + s),
            class_name="block-tools",
        ),
        class_name="section-editor",
    )


def _cover_editor() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Cover image", class_name="section-label"),
        rx.cond(
            E.form.cover_image != "",
            rx.el.div(
                rx.el.img(src=E.form.cover_image, alt=E.form.cover_alt, class_name="cover-thumb"),
                _small_button("Remove cover", E.remove_cover, aria_label="Remove the cover image"),
            ),
        ),
        rx.upload.root(
            rx.el.div(
                rx.el.p("Drop a JPEG, PNG or WebP here (max 8 MB), or"),
                rx.el.button("Choose a file", type="button", class_name="button secondary"),
                class_name="dropzone",
            ),
            id="cover-upload",
            accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"], "image/gif": [".gif"]},
            max_files=1,
            on_drop=E.upload_cover(rx.upload_files(upload_id="cover-upload")),
        ),
        field_error(E.errors, "cover"),
        text_field("Cover image description (alt text)", "cover_alt", E.form.cover_alt,
                   lambda v: E.set_field("cover_alt", v), E.errors,
                   hint="Required with a cover image: what does it show?"),
        class_name="cover-editor",
    )


def _fields() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            select_field("Category", "category_slug", E.form.category_slug, E.categories,
                         lambda v: E.set_field("category_slug", v), E.errors, placeholder="Choose a category"),
            rx.cond(
                E.can_publish,
                select_field("Author", "author_slug", E.form.author_slug, E.authors,
                             lambda v: E.set_field("author_slug", v), E.errors, placeholder="Choose an author"),
            ),
            class_name="field-row",
        ),
        field_error(E.errors, "category"),
        field_error(E.errors, "author"),
        text_field("Kicker (short title)", "kicker", E.form.kicker, lambda v: E.set_field("kicker", v), E.errors),
        text_field("Headline", "headline", E.form.headline, lambda v: E.set_field("headline", v), E.errors,
                   required=True, multiline=True, rows=2),
        text_field("Excerpt", "excerpt", E.form.excerpt, lambda v: E.set_field("excerpt", v), E.errors,
                   multiline=True, hint="20–300 characters; shown on cards and in search results."),
        text_field("Slug", "slug", E.form.slug, lambda v: E.set_field("slug", v), E.errors,
                   hint=rx.cond(E.form.slug_locked, "Fixed since first publication.",
                                "Made from the headline; you can change it until the article is published."),
                   disabled=E.form.slug_locked),
        text_field("Tags", "tags", E.form.tags, lambda v: E.set_field("tags", v), E.errors,
                   hint="Comma-separated, e.g. elections, pakistan"),
        class_name="meta-fields",
    )


def _body_editor() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Key Trends & Concerns (body)", id="body-editor", class_name="section-label"),
        field_error(E.errors, "sections"),
        rx.foreach(E.form.sections, _section_editor),
        rx.el.button("+ Add section", type="button", class_name="button secondary", on_click=E.add_section),
        aria_labelledby="body-editor",
    )


def _publish_panel() -> rx.Component:
    return rx.el.aside(
        rx.el.h2("Publishing", class_name="section-label"),
        rx.el.p("Status: ", status_badge(E.form.status), class_name="status-line"),
        rx.el.p(E.save_status, class_name="save-status", role="status", aria_live="polite"),
        rx.cond(
            E.others_editing.length() > 0,
            rx.el.p("Also editing now: ", rx.el.strong(E.others_editing.join(", ")), class_name="presence"),
        ),
        rx.el.div(
            rx.el.button(rx.cond(E.form.status == "published", "Update", "Save draft"), type="button",
                         class_name="button", on_click=E.save),
            rx.el.button(rx.cond(E.preview_mode, "Back to editing", "Preview"), type="button",
                         class_name="button secondary", on_click=E.toggle_preview, aria_pressed=E.preview_mode.to_string()),
            class_name="button-row",
        ),
        rx.cond(
            E.can_publish,
            rx.el.div(
                rx.el.button("Publish now", type="button", class_name="button", on_click=E.publish_now),
                rx.el.form(
                    rx.el.label("Schedule for (UTC)", html_for="schedule-at", class_name="field-label"),
                    rx.el.input(id="schedule-at", name="schedule_at", type="datetime-local", class_name="field-input",
                                default_value=E.schedule_at),
                    rx.el.button("Schedule", type="submit", class_name="button secondary"),
                    field_error(E.errors, "schedule"),
                    on_submit=E.schedule,
                    reset_on_submit=False,
                    class_name="schedule-form",
                ),
                rx.cond(E.form.status == "published",
                        rx.el.button("Unpublish", type="button", class_name="button danger", on_click=E.unpublish)),
                class_name="workflow",
            ),
            rx.cond(E.form.status == "draft",
                    rx.el.button("Submit for review", type="button", class_name="button", on_click=E.submit_review)),
        ),
        rx.cond(E.form.status == "published",
                link("View on the site", href="/article/" + E.form.slug, class_name="row-title")),
        class_name="publish-panel",
        aria_label="Publishing",
    )


def _conflict_panel() -> rx.Component:
    theirs = E.conflict
    return rx.cond(
        theirs,
        rx.el.section(
            rx.el.h2("Someone else saved this article", class_name="conflict-title"),
            rx.el.p(E.conflict_by, " saved it at ", E.conflict_at,
                    ". Your changes are kept below and were not saved. Compare and choose:"),
            rx.el.div(
                rx.el.div(rx.el.h3("Their version"), rx.el.p(rx.el.strong(theirs.headline)), rx.el.p(theirs.excerpt),
                          class_name="conflict-side"),
                rx.el.div(rx.el.h3("Your version"), rx.el.p(rx.el.strong(E.form.headline)), rx.el.p(E.form.excerpt),
                          class_name="conflict-side"),
                class_name="conflict-grid",
            ),
            rx.el.div(
                rx.el.button("Keep mine (overwrite theirs)", type="button", class_name="button", on_click=E.keep_mine),
                rx.el.button("Take theirs (discard mine)", type="button", class_name="button secondary",
                             on_click=E.take_theirs),
                class_name="button-row",
            ),
            class_name="conflict",
            role="alert",
        ),
    )


def _revisions_panel() -> rx.Component:
    return rx.cond(
        E.revisions.length() > 0,
        rx.el.section(
            rx.el.h2("Revisions", id="revisions", class_name="section-label"),
            rx.el.ol(
                rx.foreach(
                    E.revisions,
                    lambda r: rx.el.li(
                        rx.el.span("v", r.version.to_string(), " · ", r.user_name, " · ", r.created_label,
                                   rx.cond(r.note != "", " · " + r.note, "")),
                        _small_button("View diff", E.show_diff(r.id), aria_label="View changes since version " + r.version.to_string()),
                        _small_button("Restore", E.restore(r.id), aria_label="Restore version " + r.version.to_string()),
                        class_name="revision",
                    ),
                ),
                class_name="revision-list",
            ),
            rx.cond(
                E.diff_lines.length() > 0,
                rx.el.div(
                    rx.el.h3(E.diff_title),
                    rx.el.pre(
                        rx.foreach(
                            E.diff_lines,
                            lambda line: rx.el.span(
                                line,
                                class_name=rx.cond(line.startswith("+"), "diff-add",
                                                   rx.cond(line.startswith("-"), "diff-del", "diff-ctx")),
                            ),
                        ),
                        class_name="diff",
                    ),
                ),
            ),
            aria_labelledby="revisions",
        ),
    )


def editor_page() -> rx.Component:
    editing = rx.el.div(
        rx.el.div(
            _conflict_panel(),
            notice(E.message),
            rx.cond(
                E.preview_mode & E.preview_article,
                rx.el.div(
                    rx.el.p("Preview — this is how readers will see it.", class_name="preview-banner"),
                    article_view(E.preview_article, None),
                    class_name="preview",
                ),
                rx.el.div(_fields(), _cover_editor(), _body_editor(), class_name="editor-form"),
            ),
            _revisions_panel(),
            newsletter_panel(),
            class_name="editor-main",
        ),
        _publish_panel(),
        class_name="editor-layout",
    )
    return newsroom_frame(
        rx.script(UNSAVED_GUARD_JS),
        rx.cond(
            E.loaded,
            rx.cond(E.missing, rx.el.p("This article doesn’t exist or you can’t edit it. ",
                                       link("Back to the articles", href=routes.EDITOR), class_name="notice error"),
                    editing),
            skeleton(label="Loading the editor"),
        ),
        title=rx.cond(E.form.id == 0, "New article", "Edit article"),
    )


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
                _small_button("Reply", M.start_reply(row.id), aria_label="Reply to " + row.name + " as Artisan Times"),
                class_name="block-tools",
            ),
            rx.cond(
                M.reply_to == row.id,
                rx.el.form(
                    rx.el.label("Reply as Artisan Times", html_for="reply-" + row.id.to_string(), class_name="field-label"),
                    rx.el.textarea(id="reply-" + row.id.to_string(), name="reply", rows=3, class_name="field-input"),
                    rx.cond(M.reply_error != "", rx.el.p(M.reply_error, class_name="field-error")),
                    rx.el.button("Publish reply", type="submit", class_name="button"),
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
