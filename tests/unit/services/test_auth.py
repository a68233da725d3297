"""Staff sign-in: hashing, generic failures, rate limits, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from artisan_app.models import Role, User, UserSession, utcnow
from artisan_app.services.accounts import auth
from tests.factories import PASSWORD, make_user


def test_password_is_hashed_with_argon2_and_never_stored(any_session: Session):
    staff = make_user(any_session, Role.editor, email="ed@artisan.test")
    row = any_session.get(User, staff.id)
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert "password" not in repr(staff).lower() and row.password_hash not in repr(staff)


def test_sign_in_succeeds_and_failures_do_not_reveal_which_part(any_session: Session):
    make_user(any_session, Role.editor, email="ed@artisan.test")
    assert auth.authenticate(any_session, email=" ED@artisan.test ", password=PASSWORD, client_key="c1").role == "editor"
    with pytest.raises(auth.AuthError) as wrong_password:
        auth.authenticate(any_session, email="ed@artisan.test", password="nope", client_key="c1")
    with pytest.raises(auth.AuthError) as no_account:
        auth.authenticate(any_session, email="ghost@artisan.test", password=PASSWORD, client_key="c1")
    assert wrong_password.value.message == no_account.value.message == auth.BAD_LOGIN


@pytest.mark.parametrize("password", [None, 42, "", "x" * 5000, {"$ne": 1}])
def test_malformed_passwords_are_just_wrong(any_session: Session, password):
    make_user(any_session, Role.editor, email="ed@artisan.test")
    with pytest.raises(auth.AuthError):
        auth.authenticate(any_session, email="ed@artisan.test", password=password, client_key="c1")


def test_one_client_spraying_many_accounts_is_stopped(any_session: Session):
    # (The per-account rules, and why they never lock an editor out: tests/security/test_sign_in_limits.py.)
    for i in range(20):
        with pytest.raises(auth.AuthError):
            auth.authenticate(any_session, email=f"u{i}@artisan.test", password="x", client_key="sprayer")
    with pytest.raises(auth.AuthError) as sprayed:
        auth.authenticate(any_session, email="another@artisan.test", password="x", client_key="sprayer")
    assert sprayed.value.message == auth.TOO_MANY_LOGINS


def test_sessions_resolve_expire_and_revoke(any_session: Session):
    staff = make_user(any_session, Role.author)
    now = utcnow()
    token = auth.start_session(any_session, user_id=staff.id, now=now)
    assert auth.resolve_session(any_session, token, now=now).id == staff.id
    stored = any_session.exec(select(UserSession.token_hash)).all()
    assert token not in stored
    assert auth.resolve_session(any_session, token, now=now + auth.SESSION_LIFETIME + timedelta(seconds=1)) is None
    auth.revoke_session(any_session, token)
    assert auth.resolve_session(any_session, token, now=now) is None
    for junk in (None, "", "short", "x" * 500, 123, ["list"]):
        assert auth.resolve_session(any_session, junk) is None


def test_deactivated_user_loses_sessions_at_once(any_session: Session):
    staff = make_user(any_session, Role.editor)
    token = auth.start_session(any_session, user_id=staff.id)
    any_session.get(User, staff.id).is_active = False
    any_session.flush()
    assert auth.resolve_session(any_session, token) is None


def test_new_passwords_need_some_length(any_session: Session):
    with pytest.raises(ValueError, match="at least 12"):
        auth.create_user(any_session, email="a@artisan.test", name="A", password="short", role=Role.admin)
    auth.create_user(any_session, email="a@artisan.test", name="A", password="long enough pass", role=Role.admin)
    with pytest.raises(ValueError, match="already exists"):
        auth.create_user(any_session, email="A@artisan.test", name="A", password="long enough pass")


def test_require_checks_roles():
    editor = auth.StaffUser(id=1, name="E", email="e@x", role="editor", author_id=None)
    assert auth.require(editor, Role.editor, Role.admin) is editor
    with pytest.raises(auth.PermissionDenied):
        auth.require(None)
    with pytest.raises(auth.PermissionDenied):
        auth.require(editor, Role.admin)


@pytest.fixture
def argon2_verifications(monkeypatch) -> list[str]:
    """Every argon2 verification the sign-in runs (the hash it checked against), through the
    real hasher: the spy records and calls on."""
    import argon2

    calls: list[str] = []
    real_verify = argon2.PasswordHasher.verify

    def spy(self, hash, password):  # noqa: A002 - argon2's own parameter name
        calls.append(hash if isinstance(hash, str) else hash.decode())
        return real_verify(self, hash, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", spy)
    return calls


def _cost(encoded: str) -> str:
    """An argon2 hash's variant, version and cost parameters (``$argon2id$v=19$m=..,t=..,p=..``)."""
    return "$".join(encoded.split("$")[:4])


@pytest.mark.parametrize("email", ["ghost@artisan.test", "", "not an address", None])
def test_signing_in_to_an_account_that_does_not_exist_costs_one_real_password_check(
    any_session: Session, argon2_verifications: list[str], email
):
    """The time a refusal takes must not tell whether the account exists: an unknown (or
    malformed) address runs the same argon2 verification, at the same cost, as a wrong password."""
    make_user(any_session, Role.editor, email="ed@artisan.test")
    real_hash = any_session.exec(select(User.password_hash)).one()
    with pytest.raises(auth.AuthError):
        auth.authenticate(any_session, email="ed@artisan.test", password="wrong password", client_key="c1")
    assert argon2_verifications == [real_hash]
    with pytest.raises(auth.AuthError):
        auth.authenticate(any_session, email=email, password="wrong password", client_key="c2")
    assert len(argon2_verifications) == 2
    unknown = argon2_verifications[1]
    assert unknown != real_hash and _cost(unknown) == _cost(real_hash)
