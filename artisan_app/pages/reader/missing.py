"""Any unknown URL."""

from __future__ import annotations

import reflex as rx

from artisan_app import render
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import reader_html


def missing_page() -> rx.Component:
    return page_frame(reader_html(render.not_found()))
