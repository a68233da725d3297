"""Image masters (the cleaned originals crops are cut from) are never served: the media folder
is outside every folder served whole, and ``/media/<name>`` serves renditions only."""

from __future__ import annotations

import httpx
import pytest
from reflex._upload import UploadedFilesHeadersMiddleware
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from artisan_app.core import settings as settings_module
from artisan_app.core.settings import Settings
from artisan_app.services.media import names
from artisan_app.services.media.library import import_image
from artisan_app.services.media.storage import LocalStorage, default_storage, use_storage
from artisan_app.web.endpoints.media import media_routes
from tests.media_helpers import photo


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder of its own: the defaults resolve inside it."""
    monkeypatch.setattr(settings_module, "PROJECT_ROOT", tmp_path)
    return tmp_path


def served_site(uploads) -> Starlette:
    """What the backend serves of the disk: Reflex's ``/_upload`` mount (as ``rx.App`` mounts it)
    and the media route."""
    uploads.mkdir(parents=True, exist_ok=True)
    upload_files = UploadedFilesHeadersMiddleware(StaticFiles(directory=uploads))
    return Starlette(routes=[*media_routes(), Mount("/_upload", upload_files)])


async def test_no_served_url_gives_a_master(project, session: Session):
    configured = Settings.from_env({})  # the defaults
    store, before = LocalStorage(configured.media_dir), default_storage()
    use_storage(store)
    try:
        ref = import_image(session, data=photo(700, 400), storage=store)
        master = names.master_name(ref.hash)
        assert store.exists(master)
        transport = httpx.ASGITransport(app=served_site(project / "uploaded_files"))
        async with httpx.AsyncClient(transport=transport, base_url="http://news.test") as c:
            assert (await c.get(f"/media/{ref.hash}-640.jpg")).status_code == 200  # a rendition
            for url in (
                f"/_upload/media/{master}",
                f"/_upload/{master}",
                f"/media/{master}",
                f"/media/originals%2F{ref.hash}.jpg",
                f"/media/{ref.hash}.jpg",
            ):
                assert (await c.get(url)).status_code == 404, url
    finally:
        use_storage(before)


@pytest.mark.parametrize("inside", ["uploaded_files/media", "uploaded_files", "assets/media", ".web/public/m"])
def test_a_media_folder_inside_a_served_folder_is_refused(project, inside):
    with pytest.raises(ValueError, match="ARTISAN_MEDIA_DIR"):
        Settings.from_env({"ARTISAN_MEDIA_DIR": str(project / inside)})


def test_a_moved_upload_folder_is_still_guarded(project, tmp_path_factory):
    uploads = tmp_path_factory.mktemp("uploads")
    with pytest.raises(ValueError, match="ARTISAN_MEDIA_DIR"):
        Settings.from_env({"REFLEX_UPLOADED_FILES_DIR": str(uploads), "ARTISAN_MEDIA_DIR": str(uploads / "m")})
    assert Settings.from_env({"ARTISAN_MEDIA_DIR": str(project / "var" / "media")}).media_dir == str(
        (project / "var" / "media").resolve()
    )
