"""An admin's WordPress export may be as large as the import page says; every other upload stays under 8 MB.

Over HTTP through ``harden`` (the security headers and the upload limit, as the app wraps every request);
the app behind it stands in for Reflex's upload endpoint and records how the body reached it.
"""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient

from artisan_app.models import Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.state.newsroom.wordpress_import import ImportState
from artisan_app.web.middleware.security_headers import harden
from artisan_app.wordpress import service
from tests.factories import make_user

MB = 1024 * 1024
HANDLER = f"{ImportState.get_full_name()}.upload_export"


class Endpoint:
    """Reads the body as it arrives, like Reflex's multipart parser spooling to disk."""

    def __init__(self):
        self.messages = 0
        self.received = 0

    async def __call__(self, scope, receive, send):
        async for chunk in Request(scope, receive).stream():
            self.messages += 1
            self.received += len(chunk)
        await PlainTextResponse(f"stored {self.received}")(scope, receive, send)


@pytest.fixture
def endpoint() -> Endpoint:
    return Endpoint()


@pytest.fixture
def grant(session: Session) -> str:
    return service.upload_grant(make_user(session, Role.admin), client_token="tab-1", handler=HANDLER)


def _post(app, content, *, grant: str | None, token: str = "tab-1", handler: str = HANDLER):
    headers = {"reflex-client-token": token, "reflex-event-handler": handler}
    if grant is not None:
        headers[service.GRANT_HEADER] = grant
    return TestClient(harden(app)).post("/_upload", content=content, headers=headers)


def test_an_admins_export_of_20_mb_reaches_the_import(endpoint: Endpoint, grant: str):
    res = _post(endpoint, b"x" * (20 * MB), grant=grant)
    assert res.status_code == 200 and res.text == f"stored {20 * MB}"


async def test_an_export_without_a_length_streams_on_and_is_never_held_whole(endpoint: Endpoint, grant: str):
    async def body():
        for _ in range(20):
            yield b"x" * MB

    async with httpx.AsyncClient(transport=httpx.ASGITransport(harden(endpoint)), base_url="http://test") as client:
        res = await client.post(
            "/_upload",
            content=body(),
            headers={"reflex-client-token": "tab-1", "reflex-event-handler": HANDLER, service.GRANT_HEADER: grant},
        )
    assert res.status_code == 200 and endpoint.received == 20 * MB
    assert endpoint.messages >= 20  # chunk by chunk, as it arrived: never gathered in memory first


@pytest.mark.parametrize("case", ["no grant", "another tab", "another handler", "tampered", "expired"])
def test_without_a_valid_grant_for_this_tab_and_handler_the_small_limit_holds(endpoint, grant, case, monkeypatch):
    kwargs: dict = {"grant": grant}
    if case == "no grant":
        kwargs["grant"] = None
    elif case == "another tab":
        kwargs["token"] = "tab-2"
    elif case == "another handler":
        kwargs["handler"] = (
            "reflex___state____state.artisan_app___state___newsroom___article_list____article_editor_state.upload_cover"
        )
    elif case == "tampered":
        kwargs["grant"] = grant[:-2] + ("AA" if not grant.endswith("AA") else "BB")
    else:
        monkeypatch.setattr(service, "GRANT_SECONDS", -1)
    res = _post(endpoint, b"x" * (20 * MB), **kwargs)
    assert res.status_code == 413 and "8 MB" in res.text and endpoint.messages == 0


def test_an_export_over_the_documented_size_is_refused_before_it_is_read(endpoint: Endpoint, grant: str):
    res = TestClient(harden(endpoint)).post(
        "/_upload",
        content=b"",
        headers={
            "reflex-client-token": "tab-1",
            "reflex-event-handler": HANDLER,
            service.GRANT_HEADER: grant,
            "content-length": str(service.MAX_UPLOAD_BYTES + 1),
        },
    )
    assert res.status_code == 413 and f"{service.MAX_UPLOAD_BYTES // MB} MB" in res.text and endpoint.messages == 0


def test_only_an_admin_gets_a_grant(session: Session):
    for role in (Role.editor, Role.author):
        with pytest.raises(PermissionDenied):
            service.upload_grant(make_user(session, role), client_token="tab-1", handler=HANDLER)
    with pytest.raises(PermissionDenied):
        service.upload_grant(None, client_token="tab-1", handler=HANDLER)
