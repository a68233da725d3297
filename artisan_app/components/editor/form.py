"""The article editor's form: metadata fields, cover image, the body (its sections
and blocks are ``components/editor/body.py``) and the error summary. Pure render
functions over ArticleEditorState.

Every error shows next to its own field (``err-<key>``) and in the summary at the
top, which links to the field.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.editor.body import section_editor
from artisan_app.components.editor.images import image_picker
from artisan_app.components.newsroom.frame import field_error, select_field, small_button, text_field
from artisan_app.components.newsroom.tools import category_quick_add
from artisan_app.state.editor.article_editor import ArticleEditorState as E

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def error_summary() -> rx.Component:
    return rx.cond(
        E.error_summary.length() > 0,
        rx.el.div(
            rx.el.h2("There is a problem", id="error-summary-title", class_name="error-summary-title"),
            rx.el.ul(
                rx.foreach(E.error_summary, lambda item: rx.el.li(rx.el.a(item[1], href="#" + item[0], data_target=item[0]))),
                class_name="error-summary-list",
            ),
            class_name="error-summary",
            role="alert",
            aria_labelledby="error-summary-title",
        ),
    )


def cover_editor() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Cover image", class_name="section-label"),
        rx.cond(
            E.form.cover_image_id != 0,
            rx.el.div(
                rx.el.p(
                    "Click the picture on what matters most: cards and the social image are cropped around it.",
                    id="focal-hint",
                    class_name="field-hint",
                ),
                rx.el.div(
                    # Clicks become "x,y" in the focal point field (render/js/editor_format.js).
                    rx.el.img(
                        src=E.form.cover_preview,
                        alt=E.form.cover_alt,
                        class_name="cover-thumb focal-target",
                        custom_attrs={"data-focal-for": "cover_focal"},
                    ),
                    rx.el.span(class_name="focal-dot", aria_hidden="true", style={"left": E.focal_left, "top": E.focal_top}),
                    class_name="focal-frame",
                ),
                rx.el.label("Focal point (across, down; 0–1)", html_for="cover_focal", class_name="field-label"),
                rx.el.input(
                    id="cover_focal",
                    value=E.form.cover_focal,
                    class_name="field-input focal-input",
                    aria_describedby="focal-hint",
                    on_change=E.set_cover_focal,
                ),
                field_error(E.errors, "cover_focal"),
                small_button("Remove cover", E.remove_cover, aria_label="Remove the cover image"),
            ),
            rx.cond(
                E.form.cover_image != "",
                rx.el.div(
                    rx.el.img(src=E.form.cover_image, alt=E.form.cover_alt, class_name="cover-thumb"),
                    small_button("Remove cover", E.remove_cover, aria_label="Remove the cover image"),
                ),
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
            on_drop=E.upload_cover(rx.upload_files(upload_id="cover-upload")),  # type: ignore[operator]
        ),
        field_error(E.errors, "cover"),
        text_field(
            "Cover image description (alt text)",
            "cover_alt",
            E.form.cover_alt,
            lambda v: E.set_field("cover_alt", v),  # type: ignore[operator]
            E.errors,
            hint="Required with a cover image, whenever the article is public: what does it show?",
        ),
        class_name="cover-editor",
    )


def meta_fields() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            select_field(
                "Category",
                "category_slug",
                E.form.category_slug,
                E.categories,
                lambda v: E.set_field("category_slug", v),  # type: ignore[operator]
                E.errors,
                placeholder="Choose a category",
            ),
            rx.cond(
                E.can_publish,
                select_field(
                    "Author",
                    "author_slug",
                    E.form.author_slug,
                    E.authors,
                    lambda v: E.set_field("author_slug", v),  # type: ignore[operator]
                    E.errors,
                    placeholder="Choose an author",
                ),
            ),
            class_name="field-row",
        ),
        category_quick_add(),
        field_error(E.errors, "category"),
        field_error(E.errors, "author"),
        text_field("Kicker (short title)", "kicker", E.form.kicker, lambda v: E.set_field("kicker", v), E.errors),  # type: ignore[operator]
        text_field(
            "Headline",
            "headline",
            E.form.headline,
            lambda v: E.set_field("headline", v),  # type: ignore[operator]
            E.errors,
            required=True,
            multiline=True,
            rows=2,
        ),
        text_field(
            "Excerpt",
            "excerpt",
            E.form.excerpt,
            lambda v: E.set_field("excerpt", v),  # type: ignore[operator]
            E.errors,
            multiline=True,
            hint="20–300 characters; shown on cards and in search results.",
        ),
        text_field(
            "Slug",
            "slug",
            E.form.slug,
            lambda v: E.set_field("slug", v),  # type: ignore[operator]
            E.errors,
            hint=rx.cond(
                E.form.slug_locked,
                "Fixed since first publication, so shared links keep working.",
                rx.cond(
                    E.form.slug_custom,
                    "Typed by hand; clear it to follow the headline again.",
                    "Made from the headline until you type one or the article is published.",
                ),
            ),
            disabled=E.form.slug_locked,
        ),
        text_field(
            "Tags",
            "tags",
            E.form.tags,
            lambda v: E.set_field("tags", v),  # type: ignore[operator]
            E.errors,
            hint="Comma-separated, e.g. elections, pakistan",
        ),
        class_name="meta-fields",
    )


def body_editor() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Key Trends & Concerns (body)", id="body-editor", class_name="section-label", tab_index=-1),
        rx.el.p(
            "Sections are numbered for readers automatically (shown beside each heading); don’t type the number.",
            id="numbering-hint",
            class_name="field-hint",
        ),
        field_error(E.errors, "sections"),
        field_error(E.errors, "body"),
        rx.foreach(E.form.sections, section_editor),
        rx.el.button("+ Add section", type="button", class_name="button secondary", on_click=E.add_section),
        image_picker(),
        aria_labelledby="body-editor",
    )
