"""Any unknown URL."""

from __future__ import annotations

import reflex as rx

from artisan_app import wording
from artisan_app.components.common import not_found
from artisan_app.components.layout import page_frame


def missing_page() -> rx.Component:
    return page_frame(not_found(*wording.PAGE_MISSING))
