"""The article editor's body: numbered sections and their blocks (paragraphs, quotes,
subheadings, lists, images), each with its toolbar and errors. Pure render functions
over ArticleEditorState; ``components/editor/form.py`` puts them in the form."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.newsroom.frame import small_button
from artisan_app.state.editor.article_editor import ArticleEditorState as E

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def var_error(key) -> rx.Component:
    """``field_error`` for a key built from vars (sections and blocks)."""
    return rx.cond(E.errors.contains(key), rx.el.p(E.errors[key], id="err-" + key, class_name="field-error"))  # type: ignore[attr-defined]


KIND_LABELS = {
    "paragraph": "Paragraph",
    "quote": "Quote",
    "subheading": "Subheading",
    "bullets": "Bulleted list",
    "numbers": "Numbered list",
    "image": "Image",
    "embed": "Embed",
    "separator": "Separator",
}
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
    """Buttons handled in the browser (render/js/editor_format.js), like the shortcuts."""

    def tool(label, action, title):
        return rx.el.button(
            label,
            type="button",
            class_name="small-button format-button",
            title=title,
            aria_label=title,
            custom_attrs={"data-md-action": action, "data-md-for": text_key},
        )

    return rx.el.div(
        tool("B", "bold", "Bold (Ctrl/Cmd+B)"),
        tool("I", "italic", "Italic (Ctrl/Cmd+I)"),
        tool("Link", "link", "Link (Ctrl/Cmd+K)"),
        tool("Code", "code", "Inline code"),
        role="toolbar",
        aria_label="Formatting",
        class_name="format-toolbar",
    )


def _labelled(label, key, s, n) -> rx.Component:
    return rx.el.label(
        label,
        rx.el.span(" (section " + s + ", block " + n + ")", class_name="visually-hidden"),
        html_for=key,
        class_name="field-label",
    )


def _line_input(key, value, on_change, **props) -> rx.Component:
    return rx.debounce_input(
        rx.el.input(
            id=key,
            value=value,
            class_name="field-input",
            aria_invalid=rx.cond(E.errors.contains(key), "true", "false"),  # type: ignore[attr-defined]
            on_change=on_change,
            **props,
        ),
        debounce_timeout=1200,
    )


def _rich_text(block, i, j, text_key, s, n) -> rx.Component:
    """Paragraphs, quotes and lists: inline Markdown with the toolbar (the stored form is cleaned HTML)."""
    return rx.fragment(
        _labelled(
            rx.match(block.kind, ("quote", "Quote text"), ("bullets", "List items"), ("numbers", "List items"), "Paragraph text"),
            text_key,
            s,
            n,
        ),
        _toolbar(text_key),
        rx.debounce_input(
            rx.el.textarea(
                id=text_key,
                value=block.text,
                rows=4,
                class_name="field-input",
                custom_attrs={"data-md": "inline"},
                aria_invalid=rx.cond(E.errors.contains(text_key), "true", "false"),  # type: ignore[attr-defined]
                aria_describedby=rx.cond(E.errors.contains(text_key), "err-" + text_key, ""),  # type: ignore[attr-defined]
                on_change=lambda v: E.set_block(i, j, "text", v),  # type: ignore[operator]
            ),
            debounce_timeout=1200,
        ),
    )


def _image_fields(block, i, j, s, n) -> rx.Component:
    alt_key, text_key, attr_key = "alt-" + s + "-" + n, "block-" + s + "-" + n, "attr-" + s + "-" + n
    return rx.fragment(
        rx.cond(block.preview != "", rx.el.img(src=block.preview, alt="", class_name="cover-thumb")),
        _labelled("Alt text (required)", alt_key, s, n),
        _line_input(alt_key, block.alt, lambda v: E.set_block(i, j, "alt", v), required=True),  # type: ignore[operator]
        var_error(alt_key),
        _labelled("Caption", text_key, s, n),
        _line_input(text_key, block.text, lambda v: E.set_block(i, j, "text", v)),  # type: ignore[operator]
        _labelled("Credit / source", attr_key, s, n),
        _line_input(attr_key, block.attribution, lambda v: E.set_block(i, j, "attribution", v)),  # type: ignore[operator]
        rx.el.label(
            rx.el.input(type="checkbox", checked=block.wide, on_change=lambda v: E.set_block_wide(i, j, v)),  # type: ignore[operator]
            " Wide (wider than the text)",
            class_name="check-label",
        ),
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
            small_button(
                "↑",
                E.move_block(i, j, -1),  # type: ignore[operator]
                aria_label="Move block " + n + " of section " + s + " up",
                disabled=(j == 0) & ((i == 0) | (blocks_count == 1)),
                id="blk-" + s + "-" + n + "-up",
            ),
            small_button(
                "↓",
                E.move_block(i, j, 1),  # type: ignore[operator]
                aria_label="Move block " + n + " of section " + s + " down",
                disabled=(j == blocks_count - 1) & ((i == E.form.sections.length() - 1) | (blocks_count == 1)),  # type: ignore[attr-defined]
                id="blk-" + s + "-" + n + "-down",
            ),
            small_button(
                "Image below",
                E.choose_image_spot(i, j + 1),  # type: ignore[operator]
                aria_label="Insert an image after block " + n + " of section " + s,
            ),
            small_button(
                "Remove",
                E.remove_block(i, j),  # type: ignore[operator]
                aria_label="Remove block " + n + " of section " + s,
                disabled=blocks_count == 1,
            ),
            class_name="block-tools",
        ),
        rx.match(
            block.kind,
            (
                "subheading",
                rx.fragment(
                    _labelled("Subheading", text_key, s, n),
                    _line_input(text_key, block.text, lambda v: E.set_block(i, j, "text", v)),  # type: ignore[operator]
                ),
            ),
            (
                "embed",
                rx.fragment(
                    _labelled("Address of the video or post", text_key, s, n),
                    _line_input(
                        text_key,
                        block.text,
                        lambda v: E.set_block(i, j, "text", v),  # type: ignore[operator]
                        type="url",
                        placeholder="https://www.youtube.com/watch?v=…",
                    ),
                ),
            ),
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
                _line_input(attr_key, block.attribution, lambda v: E.set_block(i, j, "attribution", v)),  # type: ignore[operator]
                var_error(attr_key),
                class_name="field",
            ),
        ),
        class_name=rx.cond(block.kind == "quote", "block-editor quote", "block-editor"),
    )


def section_editor(section, i) -> rx.Component:
    s = (i + 1).to_string()
    count = E.form.sections.length()  # type: ignore[attr-defined]
    heading_key = "heading-" + s
    return rx.el.fieldset(
        rx.el.legend("Section " + s),
        rx.el.div(
            small_button(
                "Move up",
                E.move_section(i, -1),  # type: ignore[operator]
                aria_label="Move section " + s + " up",
                disabled=i == 0,
                id="sec-" + s + "-up",
            ),
            small_button(
                "Move down",
                E.move_section(i, 1),  # type: ignore[operator]
                aria_label="Move section " + s + " down",
                disabled=i == count - 1,
                id="sec-" + s + "-down",
            ),
            small_button("Remove section", E.remove_section(i), aria_label="Remove section " + s, disabled=count == 1),  # type: ignore[operator]
            class_name="block-tools",
        ),
        rx.el.label(
            "Heading",
            rx.el.span(" of section " + s, class_name="visually-hidden"),
            html_for=heading_key,
            class_name="field-label",
        ),
        rx.el.div(
            # Readers see "1. Heading": the number is added, so it is shown here and not typed.
            rx.el.span(s + ".", class_name="section-number", aria_hidden="true"),
            rx.debounce_input(
                rx.el.input(
                    id=heading_key,
                    value=section.heading,
                    class_name="field-input",
                    aria_invalid=rx.cond(E.errors.contains(heading_key), "true", "false"),  # type: ignore[attr-defined]
                    aria_describedby=rx.cond(
                        E.errors.contains(heading_key),  # type: ignore[attr-defined]
                        "err-" + heading_key,
                        "numbering-hint",
                    ),
                    on_change=lambda v: E.set_heading(i, v),  # type: ignore[operator]
                ),
                debounce_timeout=1200,
            ),
            class_name="numbered-heading",
        ),
        var_error(heading_key),
        rx.foreach(section.blocks, lambda b, j: _block_editor(b, j, i, section.blocks.length())),
        rx.el.div(
            small_button("+ Paragraph", E.add_block(i, "paragraph"), aria_label="Add a paragraph to section " + s),  # type: ignore[operator]
            small_button("+ Quote", E.add_block(i, "quote"), aria_label="Add a quote to section " + s),  # type: ignore[operator]
            small_button("+ Subheading", E.add_block(i, "subheading"), aria_label="Add a subheading to section " + s),  # type: ignore[operator]
            small_button("+ Bulleted list", E.add_block(i, "bullets"), aria_label="Add a bulleted list to section " + s),  # type: ignore[operator]
            small_button("+ Numbered list", E.add_block(i, "numbers"), aria_label="Add a numbered list to section " + s),  # type: ignore[operator]
            small_button("+ Embed", E.add_block(i, "embed"), aria_label="Add an embed to section " + s),  # type: ignore[operator]
            small_button("+ Separator", E.add_block(i, "separator"), aria_label="Add a separator to section " + s),  # type: ignore[operator]
            small_button(
                "+ Image",
                E.choose_image_spot(i, section.blocks.length()),  # type: ignore[operator]
                aria_label="Add an image to section " + s,
            ),
            class_name="block-tools",
        ),
        class_name="section-editor",
    )
