"""``/corrections``: recent corrections and updates on live articles (public data only)."""

from __future__ import annotations

import reflex as rx

from artisan_app import db, render
from artisan_app.services.corrections import recent_corrections
from artisan_app.state.offload import off_loop
from artisan_app.state.resilience import outage_safe


class CorrectionsState(rx.State):
    main_html: str = ""  # render.corrections: the page's whole <main>
    loaded: bool = False

    @rx.event
    @off_loop
    @outage_safe
    def load_corrections(self):
        with db.session_scope() as session:
            self.main_html = render.corrections(recent_corrections(session))
        self.loaded = True
