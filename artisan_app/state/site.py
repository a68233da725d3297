"""Site-wide reader state: masthead navigation."""

from __future__ import annotations

import reflex as rx

from artisan_app import db
from artisan_app.services import catalog
from artisan_app.services.views import CategoryLink


class SiteState(rx.State):
    """Categories for the masthead and footer, refreshed on every page load."""

    categories: list[CategoryLink] = []

    @rx.event
    def load_navigation(self):
        with db.session_scope() as session:
            self.categories = catalog.list_categories(session)
