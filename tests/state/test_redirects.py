"""The newsroom's redirects and import pages: admins list, add and remove redirects and import exports; nobody else can."""

from __future__ import annotations

from pathlib import Path

import reflex as rx
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.models import Article, Redirect, Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.site import redirects
from artisan_app.state.newsroom.redirects import RedirectsState
from artisan_app.state.newsroom.wordpress_import import ImportState
from artisan_app.web.http_app import build_api
from artisan_app.wordpress import service
from tests.factories import make_user
from tests.state.test_editor import sign_in


async def _open(root, email):
    await sign_in(root, email)
    state = await root.get_state(RedirectsState)
    await state.load_redirects()
    return state


async def test_admin_adds_finds_and_removes_a_redirect(root, any_session: Session):
    make_user(any_session, Role.admin, name="Ada Admin", email="ada@artisan.test")
    any_session.commit()
    state = await _open(root, "ada@artisan.test")
    assert state.allowed and state.rows == []
    await state.add_redirect({"old_path": "/2019/05/old-post/", "new_path": "/article/new-post"})
    assert state.message == "Redirect added." and state.error == ""
    assert [(r.old_path, r.new_path, r.source, r.confirmed) for r in state.rows] == [
        ("/2019/05/old-post", "/article/new-post", "manual", True)
    ]
    response = TestClient(build_api(), follow_redirects=False).get("/2019/05/old-post/")
    assert (response.status_code, response.headers["location"]) == (301, "/article/new-post")
    # A refused redirect says why and keeps what was typed.
    await state.add_redirect({"old_path": "/x/", "new_path": "javascript:alert(1)"})
    assert "new address" in state.error and state.new_path == "javascript:alert(1)" and state.old_path == "/x/"
    for own in ("/newsletter/", "/ur/", "/media/x.jpg"):  # the redirects editor asks the importer's rule
        await state.add_redirect({"old_path": own, "new_path": "/article/other"})
        assert "own addresses" in state.error and state.old_path == own
    await state.add_redirect({"old_path": "/promo", "new_path": "/promo?utm_source=mail"})
    assert "back to itself" in state.error
    await state.search({"q": "nothing-like-this"})
    assert state.rows == []
    await state.search({"q": "old-post"})
    await state.remove_redirect(state.rows[0].id)
    assert state.message == "Redirect removed." and state.rows == []
    any_session.expire_all()
    assert any_session.exec(select(Redirect)).all() == []


async def test_admin_confirms_imported_redirects_and_an_editor_cannot(root, any_session: Session):
    make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    make_user(any_session, Role.admin, name="Ada Admin", email="ada@artisan.test")
    for n in (1, 2, 3):
        redirects.add(any_session, f"/2019/0{n}/old", "/article/new", source="wordpress")
    any_session.commit()
    state = await _open(root, "eve@artisan.test")
    await state.confirm_all()
    any_session.expire_all()
    assert not any(r.confirmed for r in any_session.exec(select(Redirect)).all())
    state = await _open(root, "ada@artisan.test")
    assert state.unconfirmed == 3 and [r.confirmed for r in state.rows] == [False, False, False]
    await state.confirm_redirect(state.rows[0].id)
    assert state.unconfirmed == 2 and state.message == "1 redirect(s) confirmed."
    assert [r.confirmed for r in state.rows] == [False, False, True]  # those waiting come first
    await state.confirm_all()
    assert state.unconfirmed == 0 and all(r.confirmed for r in state.rows)


async def test_an_editor_sees_and_changes_nothing(root, any_session: Session):
    editor = make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    any_session.add(Redirect(old_path="/old", new_path="/article/x"))
    any_session.commit()
    state = await _open(root, "eve@artisan.test")
    assert not state.allowed and state.rows == []
    await state.add_redirect({"old_path": "/hacked", "new_path": "https://evil.example/"})
    await state.remove_redirect(1)
    any_session.expire_all()
    assert [r.old_path for r in any_session.exec(select(Redirect)).all()] == ["/old"]
    for call in (
        lambda: redirects.list_redirects(any_session, user=None),
        lambda: redirects.add_manual(any_session, user=None, old="/a", new="/b"),
    ):
        try:
            call()
        except PermissionDenied:
            pass
        else:
            raise AssertionError("allowed without an admin")
    assert editor.role == "editor"


def test_chains_collapse_when_an_admin_adds_a_hop(session: Session):
    redirects.add(session, "/a", "/b")
    redirects.add(session, "/b", "/c")
    redirects.add(session, "/c", "/d")
    rows = {r.old_path: r.new_path for r in session.exec(select(Redirect)).all()}
    assert rows == {"/a": "/d", "/b": "/d", "/c": "/d"}
    # A new redirect to an address that itself redirects goes straight to the end.
    redirects.add(session, "/z", "/a")
    assert session.exec(select(Redirect.new_path).where(Redirect.old_path == "/z")).one() == "/d"


def test_the_middleware_leaves_the_app_machinery_alone(session: Session, engine):
    session.add(Redirect(old_path="/_event", new_path="/x"))  # rows no rule admits now, as an old database may hold
    session.add(Redirect(old_path="/assets/app.js", new_path="/x"))
    session.commit()
    client = TestClient(build_api(), follow_redirects=False)
    assert client.get("/assets/app.js").status_code != 301
    assert client.post("/?p=1").status_code != 301


class _Upload:
    """What Reflex hands an upload handler: something with an async ``read``."""

    def __init__(self, data: bytes):
        self._data = data

    async def read(self, size: int = -1) -> bytes:
        chunk, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return chunk


async def test_admin_imports_an_uploaded_export_and_others_cannot(root, any_session: Session, tmp_path, monkeypatch):
    monkeypatch.setattr(rx, "get_upload_dir", lambda: tmp_path)
    export = (Path(__file__).resolve().parents[1] / "fixtures" / "wordpress" / "export.xml").read_bytes()
    make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    make_user(any_session, Role.admin, name="Ada Admin", email="ada@artisan.test")
    any_session.commit()

    await sign_in(root, "eve@artisan.test")
    state = await root.get_state(ImportState)
    await state.load_import()
    assert not state.allowed and state.upload_grant == ""  # an editor's upload keeps the 8 MB limit
    state.dry_run = False
    await state.upload_export([_Upload(export)])
    assert state.error == "Only admins can import." and state.summary == []
    assert any_session.exec(select(Article)).all() == []

    await sign_in(root, "ada@artisan.test")  # a new sign-in starts every newsroom state afresh
    await state.load_import()
    assert state.allowed and state.dry_run is True
    assert service.grants_upload(
        state.upload_grant, client_token=state.router.session.client_token, handler=f"{ImportState.get_full_name()}.upload_export"
    )
    state.toggle_dry_run()
    await state.upload_export([_Upload(export)])
    assert state.error == "" and ("posts imported", 8) in [tuple(p) for p in state.summary]
    assert any("Unmapped" in line for line in state.lines)
    any_session.expire_all()
    assert len(any_session.exec(select(Article)).all()) == 8

    bomb = (Path(__file__).resolve().parents[1] / "fixtures" / "wordpress" / "bomb.xml").read_bytes()
    await state.upload_export([_Upload(bomb)])
    assert "entities" in state.error and state.summary == []
