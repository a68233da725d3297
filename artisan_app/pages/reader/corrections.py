"""``/corrections`` and ``/ur/corrections``: the edition's recent corrections and updates, newest first
(``render.corrections``)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import when_ready
from artisan_app.components.i18n import t
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import reader_html
from artisan_app.state.reader.corrections import CorrectionsState


def corrections_page() -> rx.Component:
    return page_frame(
        when_ready(CorrectionsState.loaded, reader_html(CorrectionsState.main_html), loading_label=t("Loading corrections"))
    )
