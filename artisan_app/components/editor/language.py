"""The article editor's language panel: language, linked versions, "Add translation"."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice
from artisan_app.state.editor.article_editor import ArticleEditorState as E
from artisan_app.state.editor.translations import ArticleLanguageState as L

LANGUAGE_CHOICES = (("en", "English"), ("ur", "اردو (Urdu)"))


def _version(row) -> rx.Component:
    return rx.el.li(
        rx.el.a(row.headline, href="/editor/article/" + row.id.to_string(), target="_blank", dir="auto", lang=row.language),
        " (",
        rx.el.span(row.language_name, lang=row.language),
        ", ",
        row.status,
        ")",
    )


def language_panel() -> rx.Component:
    """Beside the article form: what language it is in and its translations, opened in a new tab
    so the source stays beside the translation."""
    return rx.cond(
        E.form.id != 0,
        rx.el.section(
            rx.el.h2("Language and translations", id="language-panel", class_name="section-label"),
            notice(L.error, False),
            rx.el.div(
                rx.el.label("Language", html_for="article-language", class_name="field-label"),
                rx.el.select(
                    *[rx.el.option(label, value=code, lang=code) for code, label in LANGUAGE_CHOICES],
                    id="article-language",
                    value=L.language,
                    on_change=L.set_language,
                    class_name="field-input",
                    disabled=E.form.phase == "published",
                ),
                rx.cond(
                    E.form.phase == "published", rx.el.p("A published article stays in its edition.", class_name="field-hint")
                ),
                class_name="field",
            ),
            rx.cond(
                L.versions.length() > 0,  # type: ignore[attr-defined]  # a state var (Reflex's Var), read on the class
                rx.el.div(
                    rx.el.p("Translations:", class_name="field-label"),
                    rx.el.ul(rx.foreach(L.versions, _version), class_name="settings-list"),
                ),
                rx.el.button(
                    rx.cond(L.translation_language == "ur", "Add translation (Urdu)", "Add translation (English)"),
                    type="button",
                    class_name="button secondary",
                    on_click=L.add_translation,
                ),
            ),
            on_mount=L.load_language,
            aria_labelledby="language-panel",
            class_name="editor-panel",
        ),
    )


def translation_note(row) -> rx.Component:
    """Under a headline in the newsroom's list: the article's language and its translations."""
    return rx.el.span(
        rx.cond(row.language == "ur", rx.el.span("اردو", lang="ur", class_name="badge"), ""),
        rx.cond(row.translations != "", rx.el.span("Translation: " + row.translations, class_name="badge badge-published"), ""),
        class_name="row-languages",
    )
