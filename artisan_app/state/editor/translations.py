"""The article editor's language panel: the article's language, its linked
translations and "Add translation". Every handler resolves the signed-in user from the
server-side session (``StaffGuard._staff``) and lets ``services.editorial.translations`` decide."""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db, routes
from artisan_app.core.i18n import direction, other_language
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.editorial import translations
from artisan_app.services.editorial.translations import VersionRow
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom.auth import StaffGuard, staff_action


class ArticleLanguageState(StaffGuard, rx.State):
    language: str = ""  # "" until loaded (and for a new article): fields are dir="auto"
    versions: list[VersionRow] = []
    message: str = ""
    error: str = ""

    @rx.var
    def direction(self) -> str:
        return direction(self.language) if self.language else "auto"

    @rx.var
    def translation_language(self) -> str:
        """The language "Add translation" makes (the other edition's)."""
        return other_language(self.language or "en")

    async def _article_id(self) -> int:
        return (await self.get_state(ArticleEditorState)).form.id

    def _unlisted(self, exc: Exception | None = None) -> None:
        self.language, self.versions = "", []

    @staff_action(report="_unlisted")
    async def _reload(self, user: StaffUser | None) -> None:
        article_id = await self._article_id()
        if not article_id:
            self._unlisted()
            return
        with db.session_scope() as session:
            self.language, self.versions = translations.editor_versions(session, user=user, article_id=article_id)

    @rx.event
    async def load_language(self):
        self.message, self.error = "", ""
        await self._reload()

    @rx.event
    async def set_language(self, value: str):
        user = await self._staff()
        try:
            with db.session_scope() as session:
                translations.set_language(session, user=user, article_id=await self._article_id(), language=value)
        except (PermissionDenied, translations.TranslationError) as exc:
            self.error, self.message = str(exc), ""
            await self._reload()
            return
        self.error, self.message = "", ""
        await self._reload()

    def _refused(self, exc: Exception) -> None:
        self.error, self.message = str(exc), ""

    @rx.event
    @staff_action(translations.TranslationError)
    async def add_translation(self, user: StaffUser | None):
        with db.session_scope() as session:
            made = translations.create_translation(
                session, user=user, article_id=await self._article_id(), language=self.translation_language
            )
            new_id = made.id
        self.error, self.message = "", ""
        return rx.redirect(routes.editor_article_url(new_id))
