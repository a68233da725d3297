"""Site-wide reader state: masthead navigation, and the "temporarily unavailable" notice."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import reflex as rx

from artisan_app import render
from artisan_app.core import db, i18n
from artisan_app.services.articles.views import CategoryLink
from artisan_app.services.site import page_data
from artisan_app.state.support.changes import set_changed
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import client_connected, outage_safe

RECOVERY_FIRST_RETRY_SECONDS = 2.0
RECOVERY_MAX_RETRY_SECONDS = 10.0
RECOVERY_WATCH_SECONDS = 15 * 60
RELOAD_PAGE_JS = "window.location.reload()"


class SiteState(rx.State):
    """The sections, and the masthead and footer made from them (``render``), refreshed on every page load.

    ``unavailable`` is set when a page's data could not be loaded because the
    database (or Redis) is down (see ``state.support.resilience.outage_safe``) and
    cleared by the next successful page load.
    """

    categories: list[CategoryLink] = []  # the front page's filters, the newsletter's choices
    # Until the sections arrive (or while the database is down): brand, search and theme toggle.
    masthead_html: str = render.masthead([])
    footer_html: str = render.footer([])
    unavailable: bool = False
    # The edition of the page shown: "/ur/..." is Urdu. The interface's wording in it
    # is compiled into the pages (``components.i18n.t``), not held here.
    language: str = "en"

    _recovering: bool = False

    @rx.var
    def direction(self) -> str:
        return i18n.direction(self.language)

    @rx.event
    @off_loop
    @outage_safe
    def load_navigation(self):
        with db.session_scope() as session:
            self._navigation(session)

    def _navigation(self, session) -> None:
        """``load_navigation``'s work in the caller's session (``PageVisit`` shares one per visit).
        Vars are only set when they change: a set var is sent to the browser again."""
        language = i18n.split_edition(self.router.url.path)[0]
        categories = [
            c if language == "en" else dataclasses.replace(c, name=i18n.section_name(c.name, language))
            for c in page_data.navigation(session)
        ]
        masthead, footer = page_data.remembered(
            session,
            ("frame-html", language),
            lambda: (render.masthead(categories, language=language), render.footer(categories, language=language)),
        )
        # First on_load of every page: reaching the database clears the notice.
        set_changed(self, categories=categories, masthead_html=masthead, footer_html=footer, language=language, unavailable=False)

    @rx.event
    def report_unavailable(self):
        """A page's data could not be loaded: show the notice and wait for recovery."""
        self.unavailable = True
        return SiteState.wait_for_recovery

    @rx.event(background=True)
    async def wait_for_recovery(self):
        """Ping the database with backoff; once it answers, reload the page.

        One watcher per tab; it stops when the tab closes, when a page load
        succeeds (``unavailable`` cleared) or after 15 minutes.
        """
        async with self:
            if self._recovering or not self.unavailable:
                return
            self._recovering = True
            token = self.router.session.client_token
        delay = RECOVERY_FIRST_RETRY_SECONDS
        deadline = time.monotonic() + RECOVERY_WATCH_SECONDS
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(delay)
                delay = min(delay * 1.5, RECOVERY_MAX_RETRY_SECONDS)
                if not await client_connected(token):
                    return
                async with self:
                    if not self.unavailable:
                        return
                try:
                    await db.ping_async()
                except Exception:  # noqa: BLE001 - still down; try again later
                    continue
                async with self:
                    self.unavailable = False
                yield rx.call_script(RELOAD_PAGE_JS)
                return
        finally:
            async with self:
                self._recovering = False
