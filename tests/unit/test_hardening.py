"""The upload size limit and the security headers (``artisan_app/web/middleware/security_headers.py``),
around the real API routes and a stand-in for the Reflex app beneath them."""

from __future__ import annotations

import dataclasses
import gzip
import re

import pytest
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.web import http_app
from artisan_app.web.middleware import security_headers
from artisan_app.web.middleware.security_headers import ScriptAllowlist, SecurityHeaders, harden, script_hash
from artisan_app.web.middleware.upload_limit import MAX_UPLOAD_BYTES, UploadLimit
from tests.factories import make_article, make_author, make_category, sections
from tests.page_shells import SHELL

SITE = "https://news.example"


class Recorder:
    """Stands in for Reflex's upload endpoint: reads the whole body, like ``request.form()``."""

    def __init__(self):
        self.calls = 0
        self.received = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        body = await Request(scope, receive).body()
        self.received = len(body)
        await PlainTextResponse(f"stored {len(body)}")(scope, receive, send)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_an_upload_declared_over_the_limit_is_refused_before_the_app_reads_it(recorder: Recorder):
    client = TestClient(UploadLimit(recorder))
    res = client.post(
        "/_upload",
        content=b"x" * (MAX_UPLOAD_BYTES + 1),
        headers={"reflex-client-token": "t", "reflex-event-handler": "state.editor.upload_cover"},
    )
    assert res.status_code == 413
    assert "8 MB" in res.text
    assert recorder.calls == 0


def test_a_chunked_upload_is_cut_off_at_the_limit_and_never_reaches_the_app(recorder: Recorder):
    # (TestClient sends the whole body; the production test checks the 413 comes before that.)
    chunks = (b"x" * (1024 * 1024) for _ in range(20))
    res = TestClient(UploadLimit(recorder)).post("/_upload", content=chunks)
    assert res.status_code == 413
    assert recorder.calls == 0


@pytest.mark.parametrize("chunked", [False, True])
def test_an_upload_within_the_limit_reaches_the_app_whole(recorder: Recorder, chunked: bool):
    data = b"y" * (2 * 1024 * 1024)
    content = iter([data[:1000], data[1000:]]) if chunked else data
    res = TestClient(UploadLimit(recorder)).post("/_upload", content=content)
    assert res.status_code == 200 and res.text == f"stored {len(data)}"


def test_other_requests_are_not_limited(recorder: Recorder):
    res = TestClient(UploadLimit(recorder, limit=10)).post("/_event/", content=b"z" * 100)
    assert res.status_code == 200 and recorder.received == 100


# ---------------------------------------------------------------- headers


@pytest.fixture
def site(session: Session, monkeypatch, tmp_path):
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE))
    pol = make_category(session, "Politics", slug="politics")
    ann = make_author(session, "Ann Writer", slug="ann")
    make_article(
        session,
        category=pol,
        author=ann,
        slug="story",
        hours=1,
        headline="The Story",
        body=sections(("First trend", ["Opening paragraph."])),
    )
    session.commit()
    build = tmp_path / ".web" / "build" / "client"
    build.mkdir(parents=True)
    routes = tmp_path / ".web" / "app" / "routes"
    routes.mkdir(parents=True)
    (routes / "editor.jsx").write_text(
        'x=jsx(Helmet,{defer:false},jsx("script",{},"\\n(() => { window.guard = \\"on\\"; })()\\n"));', "utf-8"
    )
    shell = build / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    (build / "editor.html").write_text(SHELL.replace("window.theme = 1;", "window.editor = 1;"), "utf-8")
    app = http_app.build_api(shell_path=shell)

    async def frontend(scope, receive, send):  # what Reflex serves beneath our routes
        path = scope["path"]
        if path == "/editor":
            response = PlainTextResponse((build / "editor.html").read_text(), media_type="text/html")
        elif path == "/injected":  # a page that somehow carries a script the build never had
            page = SHELL.replace("</body>", '<script>alert("x")</script></body>')
            response = PlainTextResponse(page, media_type="text/html")
        elif path.startswith("/_upload/"):
            response = PlainTextResponse("RIFF....WEBP", media_type="image/webp")
        else:
            response = PlainTextResponse("reflex")
        await response(scope, receive, send)

    app.mount("", frontend)
    return TestClient(SecurityHeaders(UploadLimit(app), ScriptAllowlist(build)))


def policy(res) -> dict[str, str]:
    return {
        d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else ""
        for d in (p.strip() for p in res.headers["content-security-policy"].split(";"))
    }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/article/story",
        "/category/politics",
        "/editor",
        "/feed.xml",
        "/robots.txt",
        "/_upload/cover-1.webp",
        "/healthz",
        "/nowhere",
    ],
)
def test_every_response_carries_the_security_headers(site: TestClient, path: str):
    res = site.get(path)
    assert res.headers["x-frame-options"] == "DENY"
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in res.headers["permissions-policy"]
    assert policy(res)["frame-ancestors"] == "'none'"
    assert "strict-transport-security" not in res.headers  # not production


def test_resources_that_are_not_pages_may_run_nothing(site: TestClient):
    for path in ("/feed.xml", "/_upload/cover-1.webp"):
        rules = policy(site.get(path))
        assert rules["default-src"] == "'none'" and "sandbox" in rules


def _served_scripts(document: str) -> list[str]:
    return security_headers.inline_scripts(document)


@pytest.mark.parametrize("path", ["/", "/article/story", "/category/politics", "/editor", "/search?q=x"])
def test_every_inline_script_of_a_page_is_allowed_by_its_hash_and_nothing_else_inline(site: TestClient, path: str):
    res = site.get(path, headers={"accept-encoding": "gzip"})
    rules = policy(res)
    allowed = set(re.findall(r"'sha256-[^']+'", rules["script-src"]))
    scripts = _served_scripts(res.text)
    assert scripts, "pages have inline scripts (boot, theme, first view)"
    assert {script_hash(code) for code in scripts} <= allowed
    assert "'unsafe-inline'" not in rules["script-src"]
    assert rules["object-src"] == "'none'"
    # No inline event handlers (the policy blocks them): the first view wires its toggle in its script.
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", res.text)


def test_scripts_the_app_inserts_at_run_time_are_allowed(site: TestClient):
    """``rx.script`` in a page compiles to ``jsx("script",{},"...")``; React inserts it later."""
    assert script_hash('\n(() => { window.guard = "on"; })()\n') in site.get("/editor").headers["content-security-policy"]


INJECTED = 'alert("x")'


def _would_run(res, code: str) -> bool:
    """Whether the page's policy lets the browser run ``code`` as an inline script."""
    script_src = policy(res)["script-src"].split()
    return script_hash(code) in script_src or (
        "'unsafe-inline'" in script_src and not any(s.startswith("'sha256-") for s in script_src)
    )


def test_a_script_injected_into_a_page_is_not_allowed(site: TestClient):
    """A script that reaches a page's HTML (here: served beneath our routes) is blocked: the
    allowlist hashes the build's scripts, never what a response happens to contain."""
    res = site.get("/injected")
    assert INJECTED in _served_scripts(res.text)  # it is in the page ...
    assert not _would_run(res, INJECTED)  # ... and the browser will not run it
    assert all(_would_run(res, code) for code in _served_scripts(res.text) if code != INJECTED)


def test_a_script_in_an_articles_text_is_shown_as_text_and_not_allowed(site: TestClient, session: Session):
    pol, ann = make_category(session, "World", slug="world"), make_author(session, "Hostile", slug="hostile")
    make_article(
        session,
        category=pol,
        author=ann,
        slug="hostile",
        hours=2,
        headline="Hostile",
        body=sections(("First trend", [f"<script>{INJECTED}</script> Opening paragraph."])),
    )
    session.commit()
    res = site.get("/article/hostile")
    assert "Opening paragraph." in res.text
    assert INJECTED not in _served_scripts(res.text)
    assert not _would_run(res, INJECTED)


def test_hsts_only_in_production(site: TestClient, monkeypatch):
    monkeypatch.setenv("ARTISAN_ENV", "prod")
    res = site.get("/robots.txt")
    assert res.headers["strict-transport-security"].startswith("max-age=31536000")


def test_an_existing_header_is_replaced_not_duplicated():
    async def app(scope, receive, send):
        await PlainTextResponse("x", headers={"X-Content-Type-Options": "whatever"})(scope, receive, send)

    res = TestClient(harden(app)).get("/")
    assert res.headers.get_list("x-content-type-options") == ["nosniff"]


def test_gzipped_pages_keep_their_headers(site: TestClient):
    res = site.get("/article/story", headers={"accept-encoding": "gzip"})
    assert res.headers.get("content-encoding") == "gzip"
    assert "script-src" in res.headers["content-security-policy"]
    assert "The Story" in res.text
    with site.stream("GET", "/article/story", headers={"accept-encoding": "gzip"}) as raw:
        body = b"".join(raw.iter_raw())
    assert "The Story" in gzip.decompress(body).decode()  # the bytes sent were gzip, not plain


def test_a_not_modified_answer_leaves_the_cached_pages_policy_alone():
    """Chromium merges a 304's headers into the page it revalidated: a resource policy
    there ('none', sandbox) blocked every script and font of a page on reload."""

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", b'"v1"')]})
        await send({"type": "http.response.body", "body": b""})

    res = TestClient(harden(app)).get("/editor/article/5", headers={"if-none-match": '"v1"'})
    assert res.status_code == 304
    assert "content-security-policy" not in res.headers
    assert res.headers["x-frame-options"] == "DENY"
