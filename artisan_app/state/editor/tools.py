"""Newsroom tools beside the article editor: move to trash, feature on the front
page, add a category from the article form, and the trash view.

Every handler resolves the user from the server-side session (``staff_action``,
``_staff()``) and lets the services decide; the article is the one the editor state
has open (a backend value, not anything the client sends).
"""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db, routes
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles import catalog, featured
from artisan_app.services.articles.featured import FeatureRefused
from artisan_app.services.editorial import trash
from artisan_app.services.editorial.trash import TrashRow
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom.auth import StaffGuard, staff_action

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.

SIGN_IN_AGAIN = "Your session has ended. Please sign in again."


def _id(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


class TrashState(StaffGuard, rx.State):
    """``/editor/trash``: trashed articles with Restore; admins may empty it."""

    rows: list[TrashRow] = []
    is_admin: bool = False
    confirming_empty: bool = False
    message: str = ""
    error: str = ""
    loaded: bool = False
    _notice: str = ""  # handed over by the editor after "Move to trash"

    async def _reload(self) -> None:
        user = await self._staff()
        try:
            with db.session_scope() as session:
                self.rows = trash.list_trash(session, user=user)
        except PermissionDenied:
            self.rows, self.error = [], SIGN_IN_AGAIN
        self.is_admin = bool(user and user.is_admin)
        self.loaded = True

    @rx.event
    async def load_trash(self):
        self.message, self._notice, self.error, self.confirming_empty = self._notice, "", "", False
        await self._reload()

    def _refused(self, exc: Exception) -> None:
        self.error, self.message = str(exc), ""

    @rx.event
    @staff_action(trash.TrashRefused)
    async def restore(self, user: StaffUser | None, article_id: int):
        with db.session_scope() as session:
            article = trash.restore(session, user=user, article_id=_id(article_id))
            headline = article.headline or "(untitled)"
        self.error, self.message = "", f"Restored “{headline}” as a draft."
        await self._reload()

    @rx.event
    def ask_empty(self):
        self.confirming_empty = bool(self.rows)

    @rx.event
    def cancel_empty(self):
        self.confirming_empty = False

    @rx.event
    @staff_action()
    async def empty(self, user: StaffUser | None):
        self.confirming_empty = False
        with db.session_scope() as session:
            count = trash.empty_trash(session, user=user)
        self.error, self.message = "", f"Deleted {count} article{'' if count == 1 else 's'} for good."
        await self._reload()


class ArticleToolsState(StaffGuard, rx.State):
    """Buttons in the editor's publishing panel: trash, feature."""

    featured: bool = False
    message: str = ""
    error: str = ""

    async def _article_id(self) -> int:
        return (await self.get_state(ArticleEditorState)).form.id

    def _refused(self, exc: Exception) -> None:
        self.error, self.message = str(exc), ""

    def _not_featuring(self, exc: Exception) -> None:
        self.featured = False

    @rx.event
    @staff_action(report="_not_featuring")
    async def load_tools(self, user: StaffUser | None):
        article_id = await self._article_id()
        self.message, self.error = "", ""
        with db.session_scope() as session:
            self.featured = featured.is_featured(session, user=user, article_id=article_id)

    @rx.event
    @staff_action(trash.TrashRefused)
    async def move_to_trash(self, user: StaffUser | None):
        with db.session_scope() as session:
            article = trash.move_to_trash(session, user=user, article_id=await self._article_id())
            headline = article.headline or "(untitled)"
        editor = await self.get_state(ArticleEditorState)
        editor.dirty = False
        (await self.get_state(TrashState))._notice = f"Moved “{headline}” to the trash. You can restore it for 30 days."
        return [rx.call_script("window.__artisanDirty = false"), rx.redirect(routes.EDITOR_TRASH)]

    @rx.event
    @staff_action(FeatureRefused)
    async def toggle_feature(self, user: StaffUser | None):
        article_id = await self._article_id()
        with db.session_scope() as session:
            if featured.is_featured(session, user=user, article_id=article_id):
                featured.unfeature(session, user=user, article_id=article_id)
                self.featured, message = False, "Removed from the front page. The newest story leads it again."
            else:
                featured.feature(session, user=user, article_id=article_id)
                self.featured, message = True, "Featured: this story now leads the front page."
        self.error, self.message = "", message


class CategoryQuickAddState(StaffGuard, rx.State):
    """ "New category…" beside the article form's category select (editors and admins)."""

    open: bool = False
    error: str = ""
    name: str = ""

    @rx.event
    def toggle(self):
        self.open, self.error = not self.open, ""

    @rx.event
    def close(self):
        self.open, self.error, self.name = False, "", ""

    def _refused(self, exc: Exception) -> None:
        self.error = str(exc)

    @rx.event
    @staff_action()
    async def add(self, user: StaffUser | None, form_data: dict):
        raw = form_data.get("name", "") if isinstance(form_data, dict) else ""
        self.name = raw[:200] if isinstance(raw, str) else ""
        try:
            with db.session_scope() as session:
                added = catalog.add_category(session, user=user, name=self.name)
                options = [(c.slug, c.name) for c in catalog.list_categories(session)]
        except ValueError as exc:
            self.error = str(exc)
            return rx.set_focus("new-category-name")
        editor = await self.get_state(ArticleEditorState)
        editor.categories = options
        self.open, self.error, self.name = False, "", ""
        # Choose it in the article (the editor's own handler saves as usual).
        return [ArticleEditorState.set_field("category_slug", added.slug), rx.set_focus("ed-category_slug")]  # type: ignore[operator]
