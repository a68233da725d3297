"""Where image files live, behind a small interface.

Pages and services ask a :class:`MediaStorage` for URLs and never build paths
themselves, so an object store (S3 and the like) is one more class with the same
four methods, chosen in :func:`default_storage`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable

from artisan_app.core.settings import settings

MEDIA_URL = "/media"
_SAFE_NAME = re.compile(r"^(?:[a-z]+/)?[0-9A-Za-z][0-9A-Za-z._-]*$")


class MediaNameError(ValueError):
    """A storage name that could reach outside the store."""


@runtime_checkable
class MediaStorage(Protocol):
    def save(self, name: str, data: bytes) -> None: ...

    def open(self, name: str) -> bytes:
        """The file's bytes; ``FileNotFoundError`` when there is none."""
        ...

    def url(self, name: str) -> str: ...

    def delete(self, name: str) -> None:
        """Remove the file; no error when it is already gone."""
        ...

    def exists(self, name: str) -> bool: ...


def check_name(name: str) -> str:
    if not _SAFE_NAME.match(name) or ".." in name:
        raise MediaNameError(f"not a media file name: {name!r}")
    return name


class LocalStorage:
    """Files in one directory on disk (``ARTISAN_MEDIA_DIR``), served by ``/media/<name>``."""

    def __init__(self, root: Path | str, base_url: str = MEDIA_URL):
        self.root = Path(root)
        self.base_url = base_url.rstrip("/")

    def path(self, name: str) -> Path:
        return self.root / check_name(name)

    def save(self, name: str, data: bytes) -> None:
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a file under its final name.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)  # public files (mkstemp makes them private to this user)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def open(self, name: str) -> bytes:
        return self.path(name).read_bytes()

    def url(self, name: str) -> str:
        return f"{self.base_url}/{check_name(name)}"

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()


_default: MediaStorage | None = None


def default_storage() -> MediaStorage:
    global _default
    if _default is None:
        _default = LocalStorage(settings.media_dir)
    return _default


def use_storage(storage: MediaStorage | None) -> None:
    """Tests (and a future object-store setting) swap the store here; ``None`` = the default."""
    global _default
    _default = storage
