"""Black-box: the production build answers with security headers everywhere,
refuses a 50 MB upload before writing any of it, and its pages run under the
Content-Security-Policy in Chromium without a single violation."""

from __future__ import annotations

import re
import select
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.harness import ROOT, RunningApp, app_env, prepare_database, wait_for_app

# Builds and starts its own production app: run after the shared app's tests (tests/conftest.py).
pytestmark = pytest.mark.own_app

ARTICLE = "/article/civil-servants-social-media-pakistan"
FIFTY_MB = 50 * 1024 * 1024


def snapshot(directory: Path) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*")}


def bytes_written(app: RunningApp) -> int:
    """Bytes the app's processes have passed to write() so far (files, and small socket
    writes): a spooled upload would add its whole size (``/proc/<pid>/io``, ``wchar``)."""
    total = 0
    for pid in app.pids():
        try:
            lines = Path(f"/proc/{pid}/io").read_text().splitlines()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in lines if line.startswith("wchar:"))
    return total


@pytest.fixture(scope="module")
def prod(tmp_path_factory) -> Iterator[tuple[RunningApp, Path, Path]]:
    tmp = tmp_path_factory.mktemp("hardening")
    uploads, spool = tmp / "uploads", tmp / "tmp"
    uploads.mkdir()
    spool.mkdir()
    shutil.copy(ROOT / "assets" / "logo.png", uploads / "cover-test-1600.png")
    env = app_env(ARTISAN_DB_URL=f"sqlite:///{tmp / 'app.db'}", REFLEX_UPLOADED_FILES_DIR=str(uploads), TMPDIR=str(spool))
    prepare_database(env)
    with RunningApp(env, tmp / "reflex.log") as app:
        yield app, uploads, spool


def test_pages_api_routes_and_uploaded_files_carry_the_security_headers(prod):
    app, _, _ = prod
    for path in (ARTICLE, "/", "/editor/login", "/feed.xml", "/_upload/cover-test-1600.png"):
        res = httpx.get(app.url + path, timeout=20, follow_redirects=True)
        assert res.status_code == 200, path
        h = res.headers
        assert "frame-ancestors 'none'" in h["content-security-policy"], path
        assert h["x-frame-options"] == "DENY", path
        assert h["x-content-type-options"] == "nosniff", path
        assert h["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "camera=()" in h["permissions-policy"], path
        assert h["strict-transport-security"].startswith("max-age="), path  # production
    page = httpx.get(app.url + ARTICLE, timeout=20).headers["content-security-policy"]
    assert re.search(r"script-src 'self' [^;]*'sha256-", page)


def _post_upload_slowly(port: int, size: int) -> tuple[bytes, int]:
    """POST ``size`` bytes to /_upload, 64 KB at a time, reading whatever the server answers
    meanwhile. Returns (response bytes, body bytes sent before the answer came)."""
    from artisan_app.state.editor.article_editor import ArticleEditorState

    handler = ArticleEditorState.get_full_name() + ".upload_cover"  # the cover upload, before sign-in
    head = (
        f"POST /_upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        f"Content-Length: {size}\r\nReflex-Client-Token: anonymous-token\r\n"
        f"Reflex-Event-Handler: {handler}\r\n\r\n"
    ).encode()
    preamble = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(head + preamble)
    sent, answer, chunk = len(preamble), b"", b"\0" * 65536
    try:
        while sent < size:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            sock.sendall(chunk[: size - sent])
            sent += min(len(chunk), size - sent)
        deadline = time.monotonic() + 20
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    except (BrokenPipeError, ConnectionResetError):
        answer += sock.recv(65536) if select.select([sock], [], [], 1)[0] else b""
    finally:
        sock.close()
    return answer, sent


def test_a_50_mb_upload_is_refused_with_413_before_the_server_writes_it(prod):
    app, uploads, spool = prod
    before = (snapshot(uploads), snapshot(spool))
    written = bytes_written(app)
    answer, sent = _post_upload_slowly(app.port, FIFTY_MB)
    # (Temporary files may have no name at all, O_TMPFILE: count what was written instead.)
    assert bytes_written(app) - written < 2 * 1024 * 1024
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"8 MB or smaller" in answer
    assert sent < FIFTY_MB // 2  # refused long before the body was sent
    assert (snapshot(uploads), snapshot(spool)) == before  # no file, no spool
    assert httpx.get(app.url + "/ping", timeout=10).status_code == 200  # still serving


def test_pages_run_under_the_policy_without_violations(prod, browser):
    """Every CSP violation is a console error in Chromium: none may appear while a
    reader loads pages, toggles the theme and searches."""
    app, _, _ = prod
    ctx = browser.new_context(base_url=app.url)
    errors: list[str] = []
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(ARTICLE)
        wait_for_app(page, timeout=30_000)
        before = page.evaluate("document.documentElement.dataset.theme || ''")
        page.get_by_role("button", name="Switch between light and dark theme").click()
        page.wait_for_function("b => (document.documentElement.dataset.theme || '') !== b", arg=before)
        page.goto("/search?q=inflation")
        page.get_by_label("Search articles").wait_for()
        page.goto("/editor/login")
        page.get_by_label("Email").wait_for()
    finally:
        ctx.close()
    assert [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e] == []
    assert [e for e in errors if "status of 404" not in e] == []
