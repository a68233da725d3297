"""GET /media/<name>: renditions served with year-long immutable caching; nothing else."""

from __future__ import annotations

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from artisan_app.services.media import names
from artisan_app.services.media.library import import_image
from artisan_app.services.media.storage import LocalStorage, default_storage, use_storage
from artisan_app.web.http_app import build_api
from tests.media_helpers import opened, photo


@pytest.fixture
def stored(session: Session, tmp_path):
    store, before = LocalStorage(tmp_path / "media"), default_storage()
    use_storage(store)
    (tmp_path / "secret.txt").write_text("not for you")
    ref = import_image(session, data=photo(700, 400), storage=store)
    yield ref
    use_storage(before)


@pytest.fixture
def client(tmp_path) -> TestClient:
    # The whole API app, as Reflex mounts it: the media route sits among the others.
    return TestClient(build_api(shell_path=tmp_path / "no-shell.html"))


@pytest.mark.parametrize(
    ("ext", "content_type", "fmt"),
    [("avif", "image/avif", "AVIF"), ("webp", "image/webp", "WEBP"), ("jpg", "image/jpeg", "JPEG")],
)
def test_renditions_are_served_immutable_with_their_type(client, stored, ext, content_type, fmt):
    response = client.get(f"/media/{stored.hash}-640.{ext}")
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert opened(response.content).format == fmt and opened(response.content).width == 640


def test_crops_are_served_and_revalidation_is_cheap(client, stored):
    name = names.crop_name(stored.hash, "social", 0.5, 0.5, 1200, "jpg")
    first = client.get(f"/media/{name}")
    assert first.status_code == 200 and opened(first.content).size == (1200, 630)
    again = client.get(f"/media/{name}", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = client.head(f"/media/{name}")
    assert head.status_code == 200 and head.headers["content-length"] == first.headers["content-length"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/0123456789abcdef01234567-640.webp",  # well formed, not stored
        "/media/{hash}-1920.jpg",  # a width this image does not have
        "/media/{hash}-640.png",  # not a rendition format
        "/media/{hash}-640.webp.exe",
        "/media/originals/{hash}.jpg",  # the master is not public
        "/media/originals%2F{hash}.jpg",
        "/media/../secret.txt",
        "/media/..%2Fsecret.txt",
        "/media/%2e%2e%2fsecret.txt",
        "/media/..%5Csecret.txt",
        "/media/secret.txt",
        "/media/",
    ],
)
def test_unknown_names_and_traversal_are_404(client, stored, path):
    response = client.get(path.format(hash=stored.hash))
    assert response.status_code == 404
    assert b"not for you" not in response.content
