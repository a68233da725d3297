"""Newsroom states: the article list (the article editor is in ``article_editor``).

Every handler resolves who is calling from the server-side session (``staff_action``,
``_staff()``); the editorial service decides, the UI's hidden buttons are a convenience.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial.newsroom import EditorRow
from artisan_app.services.editorial.status_history import UpdateRow, author_updates
from artisan_app.state.newsroom.auth import StaffGuard, staff_action

SIGN_IN_AGAIN = "Your session has ended. Please sign in again."


def _text(value: object, limit: int = 20_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


class NewsroomState(StaffGuard, rx.State):
    """``/editor``: the article list with filters and title search."""

    rows: list[EditorRow] = []
    updates: list[UpdateRow] = []  # an author's: changes requested, published
    has_more: bool = False
    status: str = ""
    category: str = ""
    author: str = ""
    query: str = ""
    categories: list[tuple[str, str]] = []
    authors: list[tuple[str, str]] = []
    can_publish: bool = False
    loaded: bool = False
    error: str = ""

    def _unlisted(self, exc: Exception) -> None:
        self.rows, self.has_more, self.error = [], False, SIGN_IN_AGAIN

    @staff_action(report="_unlisted")
    async def _reload(self, user: StaffUser | None, offset: int = 0) -> None:
        with db.session_scope() as session:
            rows, more = ed.list_articles(
                session,
                user=user,
                status=self.status,
                category_slug=self.category,
                author_slug=self.author,
                query=self.query,
                offset=offset,
            )
            if offset == 0:
                self.categories, self.authors = ed.options(session)
                self.updates = author_updates(session, user)
        self.rows = rows if offset == 0 else self.rows + rows
        self.has_more, self.error, self.loaded = more, "", True
        self.can_publish = bool(user and user.can_publish)

    @rx.event
    async def load_list(self):
        await self._reload()

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name in ("status", "category", "author", "query"):
            setattr(self, name, _text(value, 100))
            await self._reload()

    @rx.event
    async def load_more(self):
        if self.has_more:
            await self._reload(len(self.rows))
