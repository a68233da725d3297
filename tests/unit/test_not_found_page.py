"""Unknown addresses answer the not-found page's first HTML (``web/endpoints/not_found.py``)."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from artisan_app.web.endpoints.health import on_outage
from artisan_app.web.endpoints.not_found import NotFoundPage

BARE_404 = "<html><body>bare 404 document</body></html>"


def frontend(request: Request) -> Response:
    """Stands in for the build's static files: a bare 404 document for anything unknown."""
    if request.url.path == "/favicon.ico":
        return Response(b"icon", media_type="image/x-icon")
    if request.url.path.endswith("/feed.xml"):
        return PlainTextResponse("No such section.", status_code=404)
    return HTMLResponse(BARE_404, status_code=404)


def client() -> TestClient:
    def page(request: Request) -> Response:
        return HTMLResponse(f"<main><h1>Page not found</h1><p>{request.url.path}</p></main>", status_code=404)

    app = Starlette(routes=[Route("/{path:path}", frontend, methods=["GET", "HEAD", "POST"])])
    # Wired as web/http_app.py wires it: the page inside the outage guard (an async endpoint).
    return TestClient(NotFoundPage(app, on_outage(page), registry_paths=r"^(?:/article/[^/]+/?)$"))


@pytest.mark.parametrize("path", ["/no/such/page", "/ur/no-such-page", "/newsletter/no-such-page"])
def test_an_unknown_page_address_gets_the_not_found_page(path):
    # (under an edition prefix or a page of the site too: no redirect may claim those, a 404 still answers)
    answer = client().get(path)
    assert answer.status_code == 404
    assert "<h1>Page not found</h1>" in answer.text and path in answer.text
    assert "bare 404" not in answer.text


def test_registry_pages_static_files_and_other_answers_pass_untouched():
    c = client()
    assert c.get("/article/missing").text == BARE_404  # the article route answers for itself
    assert c.get("/assets/app.js").text == BARE_404  # a file, not a page
    assert c.get("/_event/x").text == BARE_404  # the app's machinery
    assert c.get("/category/x/feed.xml").text == "No such section."  # not HTML
    assert c.get("/favicon.ico").status_code == 200
    assert c.post("/no/such/page").text == BARE_404  # only GET and HEAD
