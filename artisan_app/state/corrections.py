"""``/corrections``: recent corrections and updates on live articles (public data only)."""

from __future__ import annotations

import reflex as rx

from artisan_app import db
from artisan_app.services.corrections import recent_corrections
from artisan_app.services.views import CorrectionItem


class CorrectionsState(rx.State):
    items: list[CorrectionItem] = []
    loaded: bool = False

    @rx.event
    def load_corrections(self):
        with db.session_scope() as session:
            self.items = recent_corrections(session)
        self.loaded = True
