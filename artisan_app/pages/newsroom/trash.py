"""``/editor/trash``: articles in the trash, with Restore (and Empty trash for admins)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.components.newsroom.tools import trash_list
from artisan_app.core import routes
from artisan_app.state.editor.tools import TrashState


def trash_page() -> rx.Component:
    return newsroom_frame(
        rx.cond(
            TrashState.loaded,
            rx.fragment(trash_list(), link("Back to the articles", href=routes.EDITOR, class_name="row-title")),
            skeleton(label="Loading the trash"),
        ),
        title="Trash",
    )
