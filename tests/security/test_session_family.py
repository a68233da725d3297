"""Token rotation is one step per session, whatever arrives at once, and signing out ends every
token of the sign-in: requests racing as rotation falls due leave nothing alive after sign-out."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine, select

from artisan_app.core import db
from artisan_app.models import Role, UserSession
from artisan_app.services.accounts import auth
from tests.conftest import clean_postgres, create_schema
from tests.factories import BASE_TIME, make_user

RACERS = 6


@pytest.fixture(params=["sqlite-file", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_engine(request, tmp_path) -> Iterator[Engine]:
    """A database several threads really share (one connection each), as the app's workers do."""
    if request.param == "postgres":
        engine = clean_postgres(request)
    else:
        engine = create_engine(f"sqlite:///{tmp_path / 'sessions.db'}", connect_args={"timeout": 30})
        create_schema(engine)
    db.use_database(engine=engine)
    yield engine
    db.use_database()


@pytest.fixture
def signed_in(shared_engine) -> str:
    with Session(shared_engine, expire_on_commit=False) as s:
        user = make_user(s, Role.editor, email="racer@artisan.test")
        token = auth.start_session(s, user_id=user.id, now=BASE_TIME)
        s.commit()
    return token


def race(token: str, monkeypatch) -> list[str]:
    """``RACERS`` requests with ``token`` as rotation falls due, each in its own thread and
    transaction, all past the session lookup before any goes on."""
    gate = threading.Barrier(RACERS, timeout=20)
    looked_up = auth._live_session

    def lookup_then_wait(*args, **kwargs):
        found = looked_up(*args, **kwargs)
        gate.wait()
        return found

    monkeypatch.setattr(auth, "_live_session", lookup_then_wait)
    due = BASE_TIME + auth.ROTATE_AFTER + timedelta(seconds=1)

    def request(_: int) -> str:
        with db.session_scope() as s:
            return auth.check_session(s, token, now=due).new_token

    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(request, range(RACERS)))
    monkeypatch.setattr(auth, "_live_session", looked_up)
    return answers


def test_racing_requests_rotate_once_and_sign_out_ends_every_token(shared_engine, signed_in, monkeypatch):
    answers = race(signed_in, monkeypatch)
    successors = [t for t in answers if t]
    assert len(successors) == 1  # one successor, however many raced
    with Session(shared_engine) as s:
        family = s.exec(select(UserSession.family).where(UserSession.token_hash == auth._token_hash(signed_in))).one()
        assert len(s.exec(select(UserSession).where(UserSession.family == family)).all()) == 2
    soon = BASE_TIME + auth.ROTATE_AFTER + timedelta(seconds=2)
    with db.session_scope() as s:
        assert auth.resolve_session(s, successors[0], now=soon) is not None
        assert auth.resolve_session(s, signed_in, now=soon) is not None  # its grace period
        auth.revoke_session(s, signed_in, now=soon)  # signing out from a tab that still held the old one
    with db.session_scope() as s:
        assert auth.resolve_session(s, successors[0], now=soon) is None
        assert auth.resolve_session(s, signed_in, now=soon) is None


def test_signing_out_with_the_newest_token_ends_the_older_ones(shared_engine, signed_in):
    due = BASE_TIME + auth.ROTATE_AFTER + timedelta(seconds=1)
    with db.session_scope() as s:
        newer = auth.check_session(s, signed_in, now=due).new_token
    with db.session_scope() as s:
        other = auth.start_session(s, user_id=s.exec(select(UserSession.user_id)).first(), now=due)
    with db.session_scope() as s:
        auth.revoke_session(s, newer, now=due)
    with db.session_scope() as s:
        assert auth.resolve_session(s, signed_in, now=due) is None
        assert auth.resolve_session(s, newer, now=due) is None
        assert auth.resolve_session(s, other, now=due) is not None  # another sign-in (browser) goes on
