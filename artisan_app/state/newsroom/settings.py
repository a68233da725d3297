"""``/editor/settings``: categories (masthead order) and author profiles; admins only."""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.articles import catalog
from artisan_app.services.articles.views import AuthorProfile, CategoryLink
from artisan_app.services.media.single_images import ImageRejected, store_image
from artisan_app.state.newsroom.auth import StaffGuard, staff_action


class AdminState(StaffGuard, rx.State):
    categories: list[CategoryLink] = []
    authors: list[AuthorProfile] = []
    editing_author: str = ""
    message: str = ""
    error: str = ""
    allowed: bool = False
    loaded: bool = False

    async def _admin_check(self) -> bool:
        user = await self._staff()
        self.allowed = bool(user and user.is_admin)
        return self.allowed

    def _reload(self) -> None:
        with db.session_scope() as session:
            self.categories = catalog.list_categories(session)
            self.authors = catalog.list_authors(session)

    @rx.event
    async def load_settings(self):
        self.message, self.error, self.editing_author = "", "", ""
        if await self._admin_check():
            self._reload()
        self.loaded = True

    def _refused(self, exc: Exception) -> None:
        self.error, self.message = str(exc), ""

    @staff_action(ValueError)
    async def _run(self, user: StaffUser | None, work, success: str):
        with db.session_scope() as session:
            work(session, user)
        self.error, self.message = "", success
        self._reload()

    @rx.event
    async def add_category(self, form_data: dict):
        data = form_data if isinstance(form_data, dict) else {}
        await self._run(
            lambda s, u: catalog.save_category(s, user=u, name=data.get("name"), description=data.get("description", "")),
            "Category added to the masthead.",
        )

    @rx.event
    async def rename_category(self, form_data: dict):
        data = form_data if isinstance(form_data, dict) else {}
        slug = data.get("slug") if isinstance(data.get("slug"), str) else ""
        await self._run(
            lambda s, u: catalog.save_category(
                s, user=u, slug=slug or "-", name=data.get("name"), description=data.get("description", "")
            ),
            "Category saved.",
        )

    @rx.event
    async def move_category(self, slug: str, step: int):
        await self._run(lambda s, u: catalog.move_category(s, user=u, slug=slug, step=step), "Order saved.")

    @rx.event
    async def edit_author(self, slug: str):
        """Only an admin, only an author that exists (checked before anything else uses it)."""
        self.editing_author = ""
        if not await self._admin_check() or not isinstance(slug, str):
            return
        with db.session_scope() as session:
            exists = catalog.get_author(session, slug[:160]) is not None
        if exists:
            self.editing_author = slug
        else:
            self.error, self.message = "That author no longer exists.", ""

    @rx.event
    async def save_author(self, form_data: dict):
        data = form_data if isinstance(form_data, dict) else {}
        slug = self.editing_author
        await self._run(
            lambda s, u: catalog.save_author(s, user=u, slug=slug, name=data.get("name"), bio=data.get("bio", "")),
            "Author saved.",
        )
        if not self.error:
            self.editing_author = ""

    @rx.event
    async def upload_avatar(self, files: list[rx.UploadFile]):
        """Authorised here: ``/_upload`` reaches this handler directly."""
        upload = files[0] if isinstance(files, list) and files else None
        if not await self._admin_check() or not self.editing_author or upload is None or not hasattr(upload, "read"):
            return
        with db.session_scope() as session:  # check first: nothing is written for an unknown author
            if catalog.get_author(session, self.editing_author) is None:
                self.error, self.editing_author = "That author no longer exists.", ""
                return
        data = await upload.read(8 * 1024 * 1024 + 1)
        try:
            names = store_image(data, directory=rx.get_upload_dir(), prefix=f"avatar-{self.editing_author}")
        except ImageRejected as exc:
            self.error = str(exc)
            return
        slug = self.editing_author
        author = next((a for a in self.authors if a.slug == slug), None)
        if author is None:
            return
        await self._run(
            lambda s, u: catalog.save_author(
                s, user=u, slug=slug, name=author.name, bio=author.bio, avatar=f"/_upload/{names[400]}"
            ),
            "Portrait updated.",
        )
