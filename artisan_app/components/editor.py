"""The article editor's form: metadata fields, cover image, numbered sections and
their blocks, and the error summary. Pure render functions over ArticleEditorState.

Every error shows next to its own field (``err-<key>``) and in the summary at the
top, which links to the field.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.editor_images import image_picker
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


KIND_LABELS = {"paragraph": "Paragraph", "quote": "Quote", "subheading": "Subheading", "bullets": "Bulleted list",
               "numbers": "Numbered list", "image": "Image", "embed": "Embed", "separator": "Separator"}
TEXT_HINTS = {
    "paragraph": "Select words and press Ctrl/Cmd+B (bold), I (italic) or K (link), or use the buttons. "
                 "An empty line starts a new paragraph; pasted text keeps its paragraphs, emphasis, links and lists.",
    "quote": "Formatting as in paragraphs.",
    "bullets": "One item per line; formatting as in paragraphs.",
    "numbers": "One item per line, numbered for readers; formatting as in paragraphs.",
    "subheading": "A heading inside this section (not numbered).",
    "embed": "A YouTube, Vimeo, X or Instagram address becomes a card that loads the player only when a reader "
             "clicks it; any other address becomes a link card.",
    "image": "Alt text (required) describes the picture for readers who can’t see it; it is kept with the picture.",
    "separator": "A short rule between parts of the section.",
}


def _toolbar(text_key) -> rx.Component:
    """Buttons handled in the browser (client_scripts.EDITOR_FORMAT_JS), like the shortcuts."""
    def tool(label, action, title):
        return rx.el.button(label, type="button", class_name="small-button format-button", title=title,
                            aria_label=title, custom_attrs={"data-md-action": action, "data-md-for": text_key})
    return rx.el.div(tool("B", "bold", "Bold (Ctrl/Cmd+B)"), tool("I", "italic", "Italic (Ctrl/Cmd+I)"),
                     tool("Link", "link", "Link (Ctrl/Cmd+K)"), tool("Code", "code", "Inline code"),
                     role="toolbar", aria_label="Formatting", class_name="format-toolbar")


def _labelled(label, key, s, n) -> rx.Component:
    return rx.el.label(label, rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
                       html_for=key, class_name="field-label")


def _line_input(key, value, on_change, **props) -> rx.Component:
    return rx.debounce_input(
        rx.el.input(id=key, value=value, class_name="field-input",
                    aria_invalid=rx.cond(E.errors.contains(key), "true", "false"), on_change=on_change, **props),
        debounce_timeout=1200,
    )


def _rich_text(block, i, j, text_key, s, n) -> rx.Component:
    """Paragraphs, quotes and lists: inline Markdown with the toolbar (the stored form is cleaned HTML)."""
    return rx.fragment(
        _labelled(rx.match(block.kind, ("quote", "Quote text"), ("bullets", "List items"),
                           ("numbers", "List items"), "Paragraph text"), text_key, s, n),
        _toolbar(text_key),
        rx.debounce_input(
            rx.el.textarea(id=text_key, value=block.text, rows=4, class_name="field-input",
                           custom_attrs={"data-md": "inline"},
                           aria_invalid=rx.cond(E.errors.contains(text_key), "true", "false"),
                           aria_describedby=rx.cond(E.errors.contains(text_key), "err-" + text_key, ""),
                           on_change=lambda v: E.set_block(i, j, "text", v)),
            debounce_timeout=1200,
        ),
    )


def _image_fields(block, i, j, s, n) -> rx.Component:
    alt_key, text_key, attr_key = "alt-" + s + "-" + n, "block-" + s + "-" + n, "attr-" + s + "-" + n
    return rx.fragment(
        rx.cond(block.preview != "", rx.el.img(src=block.preview, alt="", class_name="cover-thumb")),
        _labelled("Alt text (required)", alt_key, s, n),
        _line_input(alt_key, block.alt, lambda v: E.set_block(i, j, "alt", v), required=True),
        var_error(alt_key),
        _labelled("Caption", text_key, s, n),
        _line_input(text_key, block.text, lambda v: E.set_block(i, j, "text", v)),
        _labelled("Credit / source", attr_key, s, n),
        _line_input(attr_key, block.attribution, lambda v: E.set_block(i, j, "attribution", v)),
        rx.el.label(rx.el.input(type="checkbox", checked=block.wide,
                                on_change=lambda v: E.set_block_wide(i, j, v)), " Wide (wider than the text)",
                    class_name="check-label"),
    )


def _block_editor(block, j, i, blocks_count) -> rx.Component:
    n = (j + 1).to_string()
    s = (i + 1).to_string()
    text_key = "block-" + s + "-" + n
    attr_key = "attr-" + s + "-" + n
    kind_label = rx.match(block.kind, *[(k, v) for k, v in KIND_LABELS.items()], "Paragraph")
    return rx.el.div(
        rx.el.div(
            rx.el.span(kind_label, " ", n, class_name="block-kind"),
            # The first/last block moves on into the previous/next section (services/editor_blocks).
            small_button("↑", E.move_block(i, j, -1), aria_label="Move block " + n + " of section " + s + " up",
                         disabled=(j == 0) & ((i == 0) | (blocks_count == 1)), id="blk-" + s + "-" + n + "-up"),
            small_button("↓", E.move_block(i, j, 1), aria_label="Move block " + n + " of section " + s + " down",
                         disabled=(j == blocks_count - 1) & ((i == E.form.sections.length() - 1) | (blocks_count == 1)),
                         id="blk-" + s + "-" + n + "-down"),
            small_button("Image below", E.choose_image_spot(i, j + 1),
                         aria_label="Insert an image after block " + n + " of section " + s),
            small_button("Remove", E.remove_block(i, j), aria_label="Remove block " + n + " of section " + s,
                         disabled=blocks_count == 1),
            class_name="block-tools",
        ),
        rx.match(
            block.kind,
            ("subheading", rx.fragment(_labelled("Subheading", text_key, s, n),
                                       _line_input(text_key, block.text, lambda v: E.set_block(i, j, "text", v)))),
            ("embed", rx.fragment(_labelled("Address of the video or post", text_key, s, n),
                                  _line_input(text_key, block.text, lambda v: E.set_block(i, j, "text", v),
                                              type="url", placeholder="https://www.youtube.com/watch?v=…"))),
            ("image", _image_fields(block, i, j, s, n)),
            ("separator", rx.fragment()),
            _rich_text(block, i, j, text_key, s, n),
        ),
        rx.el.p(rx.match(block.kind, *[(k, v) for k, v in TEXT_HINTS.items()], ""), class_name="field-hint"),
        var_error(text_key),
        rx.cond(
            block.kind == "quote",
            rx.el.div(
                _labelled("Attribution", attr_key, s, n),
                _line_input(attr_key, block.attribution, lambda v: E.set_block(i, j, "attribution", v)),
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
            small_button("+ Subheading", E.add_block(i, "subheading"), aria_label="Add a subheading to section " + s),
            small_button("+ Bulleted list", E.add_block(i, "bullets"), aria_label="Add a bulleted list to section " + s),
            small_button("+ Numbered list", E.add_block(i, "numbers"), aria_label="Add a numbered list to section " + s),
            small_button("+ Embed", E.add_block(i, "embed"), aria_label="Add an embed to section " + s),
            small_button("+ Separator", E.add_block(i, "separator"), aria_label="Add a separator to section " + s),
            small_button("+ Image", E.choose_image_spot(i, section.blocks.length()),
                         aria_label="Add an image to section " + s),
            class_name="block-tools",
        ),
        class_name="section-editor",
    )


def cover_editor() -> rx.Component:
    return rx.el.div(
        rx.el.h2("Cover image", class_name="section-label"),
        rx.cond(
            E.form.cover_image_id != 0,
            rx.el.div(
                rx.el.p("Click the picture on what matters most: cards and the social image are cropped around it.",
                        id="focal-hint", class_name="field-hint"),
                rx.el.div(
                    # Clicks become "x,y" in the focal point field (client_scripts.EDITOR_FORMAT_JS).
                    rx.el.img(src=E.form.cover_preview, alt=E.form.cover_alt, class_name="cover-thumb focal-target",
                              custom_attrs={"data-focal-for": "cover_focal"}),
                    rx.el.span(class_name="focal-dot", aria_hidden="true",
                               style={"left": E.focal_left, "top": E.focal_top}),
                    class_name="focal-frame",
                ),
                rx.el.label("Focal point (across, down; 0–1)", html_for="cover_focal", class_name="field-label"),
                rx.el.input(id="cover_focal", value=E.form.cover_focal, class_name="field-input focal-input",
                            aria_describedby="focal-hint", on_change=E.set_cover_focal),
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
        image_picker(),
        aria_labelledby="body-editor",
    )
