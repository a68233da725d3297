"""The newsroom's import: an uploaded export, admins only (checked here, not in the page)."""

from __future__ import annotations

from pathlib import Path

from artisan_app.core import db
from artisan_app.models import Role
from artisan_app.services.auth import StaffUser, require
from artisan_app.wordpress.importer import import_export
from artisan_app.wordpress.report import ImportReport

MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # larger exports: use the command line


class UploadTooLarge(ValueError):
    pass


def check_admin(user: StaffUser | None) -> StaffUser:
    return require(user, Role.admin)


def import_uploaded(*, user: StaffUser | None, path: Path, upload_dir: Path, dry_run: bool) -> ImportReport:
    """Import the export saved at ``path``. Raises ``PermissionDenied`` or ``wxr.WxrError``.

    Media cannot come with an upload: featured images are listed as missing (the
    command line's ``--media-dir`` brings them).
    """
    check_admin(user)
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise UploadTooLarge(f"Exports over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: use the command line.")
    return import_export(db.get_engine(), path, upload_dir=upload_dir, dry_run=dry_run)
