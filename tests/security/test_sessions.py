"""Item 6 of issue #12: staff sessions idle out, rotate, and leave nothing of
the newsroom in the tab's server state once they end."""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
import reflex as rx
from reflex.utils import format
from sqlmodel import Session, select

from artisan_app.models import Role, UserSession, utcnow
from artisan_app.services.accounts import auth
from artisan_app.services.comments import submission as comment_svc
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom.article_list import NewsroomState
from artisan_app.state.newsroom.auth import AuthState, newsroom_states
from artisan_app.state.newsroom.moderation import ModerationState
from artisan_app.state.newsroom.settings import AdminState
from tests.factories import BASE_TIME, PASSWORD, make_article, make_author, make_category, make_user
from tests.state.conftest import drive, visit

SECRET_EMAIL = "source@example.com"


@pytest.fixture
def newsroom(any_session: Session):
    cat, author = make_category(any_session, "Politics", slug="politics"), make_author(any_session, "Vic", slug="vic")
    editor = make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    live = make_article(any_session, category=cat, author=author, slug="live", hours=1)
    comment_svc.submit_comment(
        any_session,
        article_id=live.id,
        name="Source",
        email=SECRET_EMAIL,
        body="Held",
        client_key="x",
        form_age_seconds=60,
        now=BASE_TIME + timedelta(days=1),
    )
    any_session.commit()
    return editor


def _app_states() -> set[type]:
    import artisan_app.artisan_app  # noqa: F401  (every page, so every state, is imported)

    found, todo = set(), list(rx.State.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("artisan_app.") and not cls._mixin:
            found.add(cls)
    return found


def test_every_newsroom_state_is_known():
    """Every state that asks who the staff user is (so may hold newsroom data) is reset on sign-out."""
    states = _app_states()
    found = set(newsroom_states())
    assert {NewsroomState, ArticleEditorState, ModerationState, AdminState} <= found
    asks_for_staff = {
        cls
        for cls in states
        if any("_staff(" in inspect.getsource(k) for k in cls.__mro__ if k.__module__.startswith("artisan_app."))
        and cls.__name__ != "AuthState"
    }
    assert asks_for_staff - found == set()


def test_an_idle_session_ends_and_activity_keeps_it(any_session, newsroom):
    start = utcnow()
    token = auth.start_session(any_session, user_id=newsroom.id, now=start)
    almost = start + auth.IDLE_TIMEOUT - timedelta(minutes=1)
    active = auth.check_session(any_session, token, now=almost)  # a request by the editor
    assert active.user is not None
    token = active.new_token or token  # (it was also due for rotation)
    later = almost + auth.IDLE_TIMEOUT - timedelta(minutes=1)
    assert auth.check_session(any_session, token, now=later, active=False).user is not None
    # A background heartbeat does not count as activity: idle from `almost` on.
    assert auth.check_session(any_session, token, now=almost + auth.IDLE_TIMEOUT + timedelta(seconds=1)).user is None
    assert auth.resolve_session(any_session, token, now=almost + auth.IDLE_TIMEOUT + timedelta(seconds=1)) is None


def test_tokens_rotate_without_extending_the_session(any_session, newsroom):
    start = utcnow()
    token = auth.start_session(any_session, user_id=newsroom.id, now=start)
    first = auth.check_session(any_session, token, now=start + timedelta(minutes=5))
    assert first.user and first.new_token == ""
    at = start + auth.ROTATE_AFTER + timedelta(minutes=1)
    rotated = auth.check_session(any_session, token, now=at)
    assert rotated.user and rotated.new_token and rotated.new_token != token
    # The old token still answers for requests already in flight, then stops.
    assert auth.check_session(any_session, token, now=at + timedelta(seconds=30)).new_token == ""
    assert auth.resolve_session(any_session, token, now=at + auth.ROTATION_GRACE + timedelta(seconds=1)) is None
    assert auth.resolve_session(any_session, rotated.new_token, now=at + auth.ROTATION_GRACE + timedelta(seconds=1))
    rows = any_session.exec(select(UserSession).order_by(UserSession.id)).all()
    assert rows[-1].expires_at == rows[-2].created_at + auth.SESSION_LIFETIME  # no longer than the first token


async def _signed_in_with_newsroom_data(root: rx.State) -> AuthState:
    visit(root, "/editor/login", "/editor/login")
    auth_state = await root.get_state(AuthState)
    await auth_state.login({"email": "eve@artisan.test", "password": PASSWORD})
    visit(root, "/editor/comments", "/editor/comments")
    moderation = await root.get_state(ModerationState)
    await drive(moderation.load_queue())
    visit(root, "/editor/article/new", "/editor/article/[id]")
    editor = await root.get_state(ArticleEditorState)
    await drive(editor.load_editor())
    await drive(editor.set_field("headline", "Embargoed scoop"))
    dumped = format.json_dumps(root.dict())
    assert SECRET_EMAIL in dumped and "Embargoed scoop" in dumped
    return auth_state


async def test_signing_out_resets_every_newsroom_state(root, newsroom):
    auth_state = await _signed_in_with_newsroom_data(root)
    await auth_state.logout()
    dumped = format.json_dumps(root.dict())
    assert SECRET_EMAIL not in dumped and "Embargoed scoop" not in dumped
    assert "eve@artisan.test" not in dumped
    assert auth_state.staff_token == "" and not auth_state.session_ended  # signed out on purpose


async def test_a_session_that_no_longer_resolves_resets_every_newsroom_state(root, newsroom, any_session):
    auth_state = await _signed_in_with_newsroom_data(root)
    # Revoked elsewhere (deactivated, signed out in another browser, idled out): the next request notices.
    auth.revoke_all_sessions(any_session, user_id=newsroom.id)
    any_session.commit()
    moderation = await root.get_state(ModerationState)
    await drive(moderation.load_queue())
    dumped = format.json_dumps(root.dict())
    assert SECRET_EMAIL not in dumped and "Embargoed scoop" not in dumped
    assert auth_state.staff_name == ""
    # The tab says so (also on the sign-in page it is sent to), until the next sign-in.
    assert auth_state.session_ended
    visit(root, "/editor/login", "/editor/login")
    await auth_state.redirect_if_signed_in()
    assert auth_state.session_ended
    await auth_state.login({"email": "eve@artisan.test", "password": PASSWORD})
    assert not auth_state.session_ended and auth_state.staff_name == "Eve Editor"


async def test_a_stale_tab_does_not_sign_out_the_tab_that_rotated(newsroom, any_session, monkeypatch):
    start = utcnow()
    token = auth.start_session(any_session, user_id=newsroom.id, now=start)
    any_session.commit()
    tabs = []
    for name in ("a", "b"):
        root = rx.State(_reflex_internal_init=True)
        visit(root, "/editor", token=f"tab-{name}")
        state = await root.get_state(AuthState)
        state.staff_token = token  # both tabs read the same local storage
        tabs.append(state)
    a, b = tabs
    later = start + auth.ROTATE_AFTER + timedelta(minutes=1)
    monkeypatch.setattr(auth, "utcnow", lambda: later)
    await a.require_staff()
    assert a.staff_token != token  # rotated; tab b missed the storage event (asleep, offline)
    monkeypatch.setattr(auth, "utcnow", lambda: later + auth.ROTATION_GRACE + timedelta(minutes=1))
    await b.require_staff()
    assert b.staff_name == "" and b.session_ended
    # Tab b must not write "" over the shared local storage: that would sign tab a out too.
    assert b.staff_token == token
    await a.require_staff()
    assert a.staff_name == "Eve Editor"
