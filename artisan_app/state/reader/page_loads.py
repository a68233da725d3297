"""One on_load event per public page kind.

Reflex processes each event of an ``on_load`` list on its own: it fetches and
locks the tab's state (from Redis with more than one worker), runs the handler,
computes and sends a delta and writes the state back. A page that listed the
masthead's navigation, its data and (on an article) its comments paid that
three times per visit. ``PageVisit``'s handlers do the same loads, in the same
order, with the same outage handling (``@outage_safe`` on each step: an outage
stops the visit at once with ``SiteState.report_unavailable``), in one event.

The steps are the states' own handlers, so a page's behaviour (what it holds,
when ``loaded`` turns true, the comment watcher and the draft read that the
article's comments start) stays defined in one place. The article page, the
one most visits open, goes one step further: its three loads run
in one worker thread and one database session (``SiteState._navigation``,
``ArticleState._load``, ``CommentState._open``/``_refresh``), so the visit
pays one thread hop and reads the content generation once
(``services.site.page_data.remembered``); an outage anywhere in it shows the notice.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from artisan_app.core import db
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.corrections import CorrectionsState
from artisan_app.state.reader.listings import ListingState, ReaderState
from artisan_app.state.reader.search import SearchState
from artisan_app.state.reader.site import SiteState
from artisan_app.state.support.resilience import outage_safe


def _events(result) -> list:
    if result is None:
        return []
    return list(result) if isinstance(result, (list, tuple)) else [result]


def _is_outage_report(events: list) -> bool:
    report = SiteState.report_unavailable.fn  # type: ignore[attr-defined]  # an EventHandler on the class
    return any(getattr(getattr(e, "handler", e), "fn", None) is report for e in events)


class PageVisit(rx.State):
    """No vars of its own: each handler runs the page's loads in order, as one event."""

    async def _run(self, *steps: tuple[type[rx.State], str]) -> list:
        out: list = []
        all_steps: list[tuple[type[rx.State], str]] = [(SiteState, "load_navigation"), *steps]
        for state_cls, handler in all_steps:
            state: rx.State = await self.get_state(state_cls)
            events = _events(await getattr(state, handler)())
            out += events
            if _is_outage_report(events):
                break  # as Reflex would show it: the notice, not a half-loaded page
        return out

    @rx.event
    async def front(self):
        return await self._run((ReaderState, "load_front_page"))

    @rx.event
    async def article(self):
        return _events(await self._article())

    @outage_safe
    async def _article(self):
        """Navigation, article and the thread's first page: one thread hop, one session (one
        content-generation read for every remembered value, ``services.site.page_data.remembered``)."""
        site, article = await self.get_state(SiteState), await self.get_state(ArticleState)
        comments = await self.get_state(CommentState)

        def load() -> None:
            with db.session_scope() as session:
                site._navigation(session)
                article._load(session)
                if comments._open(article):
                    comments._refresh(session)

        await asyncio.to_thread(load)  # off the event loop (state/support/offload.py)
        return comments._opened()

    @rx.event
    async def listing(self):
        """A section, author or topic page."""
        return await self._run((ListingState, "load_listing"))

    @rx.event
    async def search(self):
        return await self._run((SearchState, "load_search"))

    @rx.event
    async def corrections(self):
        return await self._run((CorrectionsState, "load_corrections"))

    @rx.event
    async def other(self):
        """A page with no data of its own (not-found): the masthead's sections."""
        return await self._run()
