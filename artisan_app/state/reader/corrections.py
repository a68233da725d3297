"""``/corrections`` and ``/ur/corrections``: recent corrections and updates on the edition's live
articles (public data only)."""

from __future__ import annotations

import reflex as rx

from artisan_app import render
from artisan_app.core import db, i18n
from artisan_app.services.articles.corrections import recent_corrections
from artisan_app.services.site import edition_links
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe


class CorrectionsState(rx.State):
    main_html: str = ""  # render.corrections: the page's whole <main>
    loaded: bool = False

    @rx.event
    @off_loop
    @outage_safe
    def load_corrections(self):
        language = i18n.split_edition(self.router.url.path)[0]
        with db.session_scope() as session:
            self.main_html = render.corrections(
                recent_corrections(session, language=language),
                language=language,
                switch=edition_links.corrections_switch(language),
            )
        self.loaded = True
