"""The image picker of the article body: one drop zone for image blocks.

"+ Image" at the end of a section or "Image below" on a block opens it for that place
(``ArticleEditorState.image_at``): it then floats over the page, says where the image
will go, and takes the picture by file picker or drag and drop; without a chosen place
it sits under the sections and adds to the end of the last one. One upload component
serves every place (react-dropzone's hook cannot live inside the sections' loop).
"""

from __future__ import annotations

import reflex as rx

from artisan_app.components.newsroom.frame import field_error
from artisan_app.state.editor.article_editor import ArticleEditorState as E

# mypy reads an @rx.event handler on the state class as rx.event's class; at run time it is an
# EventCallback (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.

IMAGE_TYPES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}


def image_picker() -> rx.Component:
    choosing = E.image_at != ""
    return rx.el.div(
        rx.el.p(
            rx.cond(choosing, E.image_spot_label, "Add an image at the end of the last section"),
            id="image-picker-title",
            class_name="field-label",
        ),
        rx.cond(
            ~choosing,
            rx.el.p("To place it elsewhere, use “+ Image” in a section or “Image below” on a block.", class_name="field-hint"),
        ),
        rx.upload.root(
            rx.el.div(
                rx.el.p("Drop a JPEG, PNG or WebP here (max 8 MB), or"),
                rx.el.button("Choose an image", type="button", id="image-choose", class_name="button secondary"),
                class_name="dropzone",
            ),
            id="image-upload",
            accept=IMAGE_TYPES,
            max_files=1,
            on_drop=E.add_image(rx.upload_files(upload_id="image-upload")),  # type: ignore[operator]
        ),
        field_error(E.errors, "image"),
        # Escape in the picker presses this too (render/js/editor_format.js).
        rx.cond(
            choosing,
            rx.el.button(
                "Cancel",
                type="button",
                class_name="button secondary",
                on_click=E.cancel_image_spot,
                custom_attrs={"data-picker-cancel": ""},
            ),
        ),
        class_name=rx.cond(choosing, "image-picker open", "image-picker"),
        role=rx.cond(choosing, "dialog", "group"),
        aria_labelledby="image-picker-title",
    )
