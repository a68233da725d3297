"""The article editor's form: metadata fields, cover image, numbered sections and
their blocks, and the error summary. Pure render functions over ArticleEditorState.

Every error shows next to its own field (``err-<key>``) and in the summary at the
top, which links to the field.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.newsroom import field_error, select_field, text_field
from artisan_app.components.newsroom_tools import category_quick_add
from artisan_app.state.article_editor import ArticleEditorState as E


def small_button(label, on_click, *, aria_label, disabled=False, id=None) -> rx.Component:
    props = {"id": id} if id is not None else {}
    return rx.el.button(label, type="button", class_name="small-button", on_click=on_click, aria_label=aria_label,
                        disabled=disabled, **props)


def var_error(key) -> rx.Component:
    """``field_error`` for a key built from vars (sections and blocks)."""
    return rx.cond(E.errors.contains(key), rx.el.p(E.errors[key], id="err-" + key, class_name="field-error"))


def error_summary() -> rx.Component:
    return rx.cond(
        E.error_summary.length() > 0,
        rx.el.div(
            rx.el.h2("There is a problem", id="error-summary-title", class_name="error-summary-title"),
            rx.el.ul(
                rx.foreach(E.error_summary, lambda item: rx.el.li(
                    rx.el.a(item[1], href="#" + item[0], data_target=item[0]))),
                class_name="error-summary-list",
            ),
            class_name="error-summary",
            role="alert",
            aria_labelledby="error-summary-title",
        ),
    )


def _block_editor(block, j, i, blocks_count) -> rx.Component:
    n = (j + 1).to_string()
    s = (i + 1).to_string()
    text_key = "block-" + s + "-" + n
    attr_key = "attr-" + s + "-" + n
    return rx.el.div(
        rx.el.div(
            rx.el.span(rx.cond(block.kind == "quote", "Quote", "Paragraph"), " ", n, class_name="block-kind"),
            small_button("↑", E.move_block(i, j, -1), aria_label="Move block " + n + " of section " + s + " up",
                         disabled=j == 0, id="blk-" + s + "-" + n + "-up"),
            small_button("↓", E.move_block(i, j, 1), aria_label="Move block " + n + " of section " + s + " down",
                         disabled=j == blocks_count - 1, id="blk-" + s + "-" + n + "-down"),
            small_button("Remove", E.remove_block(i, j), aria_label="Remove block " + n + " of section " + s,
                         disabled=blocks_count == 1),
            class_name="block-tools",
        ),
        rx.el.label(
            rx.cond(block.kind == "quote", "Quote text", "Paragraph text"),
            rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
            html_for=text_key,
            class_name="field-label",
        ),
        rx.debounce_input(
            rx.el.textarea(id=text_key, value=block.text, rows=4, class_name="field-input",
                           aria_invalid=rx.cond(E.errors.contains(text_key), "true", "false"),
                           aria_describedby=rx.cond(E.errors.contains(text_key), "err-" + text_key, ""),
                           on_change=lambda v: E.set_block(i, j, "text", v)),
            debounce_timeout=1200,
        ),
        var_error(text_key),
        rx.cond(
            block.kind == "quote",
            rx.el.div(
                rx.el.label("Attribution", rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
                            html_for=attr_key, class_name="field-label"),
                rx.debounce_input(
                    rx.el.input(id=attr_key, value=block.attribution, class_name="field-input",
                                aria_invalid=rx.cond(E.errors.contains(attr_key), "true", "false"),
                                on_change=lambda v: E.set_block(i, j, "attribution", v)),
                    debounce_timeout=1200,
                ),
                var_error(attr_key),
                class_name="field",
            ),
        ),
        class_name=rx.cond(block.kind == "quote", "block-editor quote", "block-editor"),
    )


def _section_editor(section, i) -> rx.Component:
    s = (i + 1).to_string()
    count = E.form.sections.length()
    heading_key = "heading-" + s
    return rx.el.fieldset(
        rx.el.legend("Section " + s),
        rx.el.div(
            small_button("Move up", E.move_section(i, -1), aria_label="Move section " + s + " up", disabled=i == 0,
                         id="sec-" + s + "-up"),
            small_button("Move down", E.move_section(i, 1), aria_label="Move section " + s + " down",
                         disabled=i == count - 1, id="sec-" + s + "-down"),
            small_button("Remove section", E.remove_section(i), aria_label="Remove section " + s, disabled=count == 1),
            class_name="block-tools",
        ),
        rx.el.label("Heading", rx.el.span(" of section " + s, class_name="visually-hidden"), html_for=heading_key,
                    class_name="field-label"),
        rx.el.div(
            # Readers see "1. Heading": the number is added, so it is shown here and not typed.
            rx.el.span(s + ".", class_name="section-number", aria_hidden="true"),
            rx.debounce_input(
                rx.el.input(id=heading_key, value=section.heading, class_name="field-input",
                            aria_invalid=rx.cond(E.errors.contains(heading_key), "true", "false"),
                            aria_describedby=rx.cond(E.errors.contains(heading_key), "err-" + heading_key,
                                                     "numbering-hint"),
                            on_change=lambda v: E.set_heading(i, v)),
                debounce_timeout=1200,
            ),
            class_name="numbered-heading",
        ),
        var_error(heading_key),
        rx.foreach(section.blocks, lambda b, j: _block_editor(b, j, i, section.blocks.length())),
        rx.el.div(
            small_button("+ Paragraph", E.add_block(i, "paragraph"), aria_label="Add a paragraph to section " + s),
            small_button("+ Quote", E.add_block(i, "quote"), aria_label="Add a quote to section " + s),
            class_name="block-tools",
        ),
        class_name="section-editor",
    )


def cover_editor() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Cover image", class_name="section-label"),
        rx.cond(
            E.form.cover_image != "",
            rx.el.div(
                rx.el.img(src=E.form.cover_image, alt=E.form.cover_alt, class_name="cover-thumb"),
                small_button("Remove cover", E.remove_cover, aria_label="Remove the cover image"),
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
                   hint="Required with a cover image, whenever the article is public: what does it show?"),
        class_name="cover-editor",
    )


def meta_fields() -> rx.Component:
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
        category_quick_add(),
        field_error(E.errors, "category"),
        field_error(E.errors, "author"),
        text_field("Kicker (short title)", "kicker", E.form.kicker, lambda v: E.set_field("kicker", v), E.errors),
        text_field("Headline", "headline", E.form.headline, lambda v: E.set_field("headline", v), E.errors,
                   required=True, multiline=True, rows=2),
        text_field("Excerpt", "excerpt", E.form.excerpt, lambda v: E.set_field("excerpt", v), E.errors,
                   multiline=True, hint="20–300 characters; shown on cards and in search results."),
        text_field("Slug", "slug", E.form.slug, lambda v: E.set_field("slug", v), E.errors,
                   hint=rx.cond(E.form.slug_locked, "Fixed since first publication, so shared links keep working.",
                                rx.cond(E.form.slug_custom, "Typed by hand; clear it to follow the headline again.",
                                        "Made from the headline until you type one or the article is published.")),
                   disabled=E.form.slug_locked),
        text_field("Tags", "tags", E.form.tags, lambda v: E.set_field("tags", v), E.errors,
                   hint="Comma-separated, e.g. elections, pakistan"),
        class_name="meta-fields",
    )


def body_editor() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Key Trends & Concerns (body)", id="body-editor", class_name="section-label", tab_index=-1),
        rx.el.p("Sections are numbered for readers automatically (shown beside each heading); don’t type the number.",
                id="numbering-hint", class_name="field-hint"),
        field_error(E.errors, "sections"),
        field_error(E.errors, "body"),
        rx.foreach(E.form.sections, _section_editor),
        rx.el.button("+ Add section", type="button", class_name="button secondary", on_click=E.add_section),
        aria_labelledby="body-editor",
    )
