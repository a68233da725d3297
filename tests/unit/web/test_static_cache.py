"""How long browsers may keep the build's files and the fonts (``web/middleware/static_cache.py``)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from artisan_app.web.middleware.static_cache import cache_static


def _file(request):
    if request.url.path.endswith("missing.css"):
        return PlainTextResponse("no", status_code=404)
    if request.url.path.startswith("/media/"):
        return Response(b"img", headers={"Cache-Control": "public, max-age=60"})
    return Response(b"body")


def client() -> TestClient:
    inner = Starlette(routes=[Route("/{path:path}", _file, methods=["GET", "HEAD", "POST"])])
    return TestClient(cache_static(inner))


def test_hashed_build_files_are_kept_a_year_and_fonts_a_month():
    http = client()
    year, thirty_days = 365 * 24 * 3600, 30 * 24 * 3600
    assert (year, thirty_days) == (31536000, 2592000)
    css = http.get("/assets/__reflex_global_styles-CU-qHtx_.css").headers["cache-control"]
    assert css == "public, max-age=31536000, immutable"
    assert http.head("/assets/root-Bq3_x9Zk.js").headers["cache-control"] == "public, max-age=31536000, immutable"
    assert http.get("/fonts/inter-latin-wght-normal.woff2").headers["cache-control"] == "public, max-age=2592000"


def test_everything_else_is_left_alone():
    http = client()
    assert "cache-control" not in http.get("/assets/styles.css").headers  # no content hash in the name
    assert "cache-control" not in http.get("/styles.css").headers
    assert "cache-control" not in http.get("/article/some-story").headers
    assert "cache-control" not in http.get("/assets/missing.css").headers  # a 404 is not kept
    assert "cache-control" not in http.post("/assets/root-Bq3_x9Zk.js").headers
    assert http.get("/media/abc-960.avif").headers["cache-control"] == "public, max-age=60"  # its own stays
