"""The newsroom's import: an uploaded export, admins only (checked here, not in the page).

An export is far larger than the 8 MB every other upload may be (``web/middleware/upload_limit.py``).
The import page gives an admin's tab an *upload grant*: its Reflex client token and the
import handler's name, signed with the site's secret and valid for an hour. The upload
limit lets a body carrying a valid grant for its own token and handler grow to
``MAX_UPLOAD_BYTES``; the handler checks the admin again from the session.
"""

from __future__ import annotations

from pathlib import Path

from itsdangerous import BadSignature, TimestampSigner

from artisan_app.core import db
from artisan_app.core.settings import settings
from artisan_app.models import Role
from artisan_app.services.accounts.auth import StaffUser, require
from artisan_app.wordpress.importer import import_export
from artisan_app.wordpress.report import ImportReport

MAX_UPLOAD_BYTES = 256 * 1024 * 1024  # a newsroom's 10,000 posts: 50-200 MB; larger: use the command line
GRANT_HEADER = "X-Artisan-Import-Grant"
GRANT_SECONDS = 3600


def _signer() -> TimestampSigner:
    return TimestampSigner(settings.secret_key, salt="artisan-wordpress-import-upload")


def upload_grant(user: StaffUser | None, *, client_token: str, handler: str) -> str:
    """The grant for an admin's tab (``client_token``) to upload an export to ``handler``."""
    check_admin(user)
    return _signer().sign(f"{client_token}|{handler}").decode()


def grants_upload(grant: str, *, client_token: str, handler: str) -> bool:
    """Whether ``grant`` lets this upload (its token and handler headers) be as large as an export."""
    try:
        signed = _signer().unsign(grant, max_age=GRANT_SECONDS).decode()
    except (BadSignature, UnicodeDecodeError):
        return False
    return bool(client_token) and signed == f"{client_token}|{handler}"


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
