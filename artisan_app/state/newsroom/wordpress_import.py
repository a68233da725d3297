"""``/editor/import``: an admin uploads a WordPress export and reads the report."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import reflex as rx

from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.state.newsroom.auth import StaffGuard
from artisan_app.wordpress import service
from artisan_app.wordpress.wxr import WxrError

CHUNK = 1024 * 1024


class ImportState(StaffGuard, rx.State):
    summary: list[tuple[str, int]] = []
    lines: list[str] = []
    dry_run: bool = True
    error: str = ""
    allowed: bool = False
    loaded: bool = False
    # Sent with the upload (``wordpress/service.py``): lets this tab's export past the 8 MB upload limit.
    upload_grant: str = ""

    async def _admin(self):
        user = await self._staff()
        try:
            service.check_admin(user)
        except PermissionDenied:
            return None
        return user

    @rx.event
    async def load_import(self):
        self.error, self.summary, self.lines = "", [], []
        user = await self._admin()
        self.allowed = user is not None
        self.upload_grant = (
            service.upload_grant(
                user, client_token=self.router.session.client_token, handler=f"{self.get_full_name()}.upload_export"
            )
            if user is not None
            else ""
        )
        self.loaded = True

    @rx.event
    def toggle_dry_run(self):
        self.dry_run = not self.dry_run

    @rx.event
    async def upload_export(self, files: list[rx.UploadFile]):
        """Authorised here: ``/_upload`` reaches this handler directly."""
        user = await self._admin()
        upload = files[0] if isinstance(files, list) and files else None
        if user is None:
            self.error = "Only admins can import."
            return
        if upload is None or not hasattr(upload, "read"):
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.xml"
            size = 0
            with path.open("wb") as out:
                while chunk := await upload.read(CHUNK):
                    size += len(chunk)
                    if size > service.MAX_UPLOAD_BYTES:
                        self.error = f"Exports over {service.MAX_UPLOAD_BYTES // (1024 * 1024)} MB: use the command line."
                        return
                    out.write(chunk)
            try:
                report = await asyncio.to_thread(
                    service.import_uploaded, user=user, path=path, upload_dir=rx.get_upload_dir(), dry_run=self.dry_run
                )
            except (PermissionDenied, WxrError, service.UploadTooLarge) as exc:
                self.error, self.summary, self.lines = str(exc), [], []
                return
        self.error = ""
        self.summary = report.summary()
        self.lines = report.lines()[len(self.summary) + 1 :]
