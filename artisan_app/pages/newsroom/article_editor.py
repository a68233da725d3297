"""``/editor/article/[id]``: the article editor page."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link, notice, skeleton
from artisan_app.components.editor.form import body_editor, cover_editor, error_summary, meta_fields
from artisan_app.components.editor.language import language_panel
from artisan_app.components.editor.review import craft_panels
from artisan_app.components.editor.side_panels import conflict_panel, publish_panel, revisions_panel
from artisan_app.components.newsletter.editor_panel import newsletter_panel
from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.components.reader.markup import reader_html
from artisan_app.core import routes
from artisan_app.render.scripts import UNSAVED_GUARD_JS
from artisan_app.state.editor.article_editor import ArticleEditorState as E
from artisan_app.state.editor.translations import ArticleLanguageState


def editor_page() -> rx.Component:
    editing = rx.el.div(
        rx.el.div(
            conflict_panel(),
            error_summary(),
            notice(E.message),
            rx.cond(
                E.preview_mode & (E.preview_html != ""),
                rx.el.div(
                    rx.el.p("Preview — this is how readers will see it.", class_name="preview-banner"),
                    # In the article's edition: Urdu right to left, in its own type.
                    rx.cond(ArticleLanguageState.language == "ur", rx.el.link(rel="stylesheet", href="/urdu.css")),
                    rx.el.div(
                        reader_html(E.preview_html), lang=ArticleLanguageState.language, dir=ArticleLanguageState.direction
                    ),
                    class_name="preview",
                ),
                # The fields inherit the article's direction: rtl for Urdu, auto until it is known.
                rx.el.div(
                    meta_fields(),
                    cover_editor(),
                    body_editor(),
                    class_name="editor-form",
                    dir=ArticleLanguageState.direction,
                    lang=ArticleLanguageState.language,
                ),
            ),
            language_panel(),
            craft_panels(),
            revisions_panel(),
            newsletter_panel(),
            class_name="editor-main",
        ),
        publish_panel(),
        class_name="editor-layout",
    )
    return newsroom_frame(
        rx.script(UNSAVED_GUARD_JS),  # asks before leaving with changes not saved yet
        rx.cond(
            E.loaded,
            rx.cond(
                E.missing,
                rx.el.p(
                    "This article doesn’t exist or you can’t edit it. ",
                    link("Back to the articles", href=routes.EDITOR),
                    class_name="notice error",
                ),
                editing,
            ),
            skeleton(label="Loading the editor"),
        ),
        title=rx.cond(E.form.id == 0, "New article", "Edit article"),
    )
