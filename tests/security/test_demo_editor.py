"""Item 1 of issue #12: the demo editor never exists or signs in outside an
explicit development or test environment, decided when it is used (not when
``settings`` was imported, which happens before ``reflex run --env prod`` sets
Reflex's env mode)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from artisan_app.core.settings import Settings
from artisan_app.models import User
from artisan_app.seed.__main__ import main as seed_main
from artisan_app.services.accounts import auth
from artisan_app.services.accounts.auth import PermissionDenied


def _demo_sign_in(session: Session):
    return auth.authenticate(session, email=auth.DEMO_EDITOR_EMAIL, password=auth.DEMO_EDITOR_PASSWORD, client_key="203.0.113.9")


@pytest.fixture
def no_env(monkeypatch):
    for name in ("ARTISAN_ENV", "REFLEX_ENV_MODE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_reflex_prod_mode_set_after_import_refuses_the_demo_editor(session: Session, no_env):
    no_env.setenv("ARTISAN_ENV", "dev")
    assert auth.ensure_demo_editor(session) is True
    token = auth.start_session(session, user_id=_demo_sign_in(session).id)
    # What `reflex run --env prod` does once the app (and settings) are already imported.
    no_env.setenv("REFLEX_ENV_MODE", "prod")
    with pytest.raises(auth.AuthError):
        _demo_sign_in(session)
    assert auth.resolve_session(session, token) is None  # a dev-made session is dead too
    with pytest.raises(PermissionDenied):
        auth.ensure_demo_editor(session)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"ARTISAN_ENV": "staging"},
        {"ARTISAN_ENV": "prod"},
        {"ARTISAN_ENV": "dev", "REFLEX_ENV_MODE": "prod"},
        {"REFLEX_ENV_MODE": "prod"},
    ],
)
def test_demo_editor_needs_an_explicit_development_environment(session: Session, no_env, env):
    for key, value in env.items():
        no_env.setenv(key, value)
    with pytest.raises(PermissionDenied):
        auth.ensure_demo_editor(session)
    auth.create_user(session, email=auth.DEMO_EDITOR_EMAIL, name="Demo", password=auth.DEMO_EDITOR_PASSWORD, role="editor")
    with pytest.raises(auth.AuthError):
        _demo_sign_in(session)


@pytest.mark.parametrize("env", [{"ARTISAN_ENV": "dev"}, {"ARTISAN_ENV": "test"}, {"REFLEX_ENV_MODE": "dev"}])
def test_demo_editor_works_in_development_and_test(session: Session, no_env, env):
    for key, value in env.items():
        no_env.setenv(key, value)
    assert auth.ensure_demo_editor(session) is True
    assert _demo_sign_in(session).role == "editor"


def test_the_command_line_counts_as_production():
    s = Settings.from_env({})
    assert not s.development_declared({"ARTISAN_ENV": "dev"}, ["/venv/bin/reflex", "run", "--env", "prod"])
    assert s.development_declared({"ARTISAN_ENV": "dev"}, ["/venv/bin/reflex", "run"])


def test_seeding_outside_development_refuses_and_retires_the_demo_editor(engine, no_env, capsys):
    no_env.setenv("ARTISAN_ENV", "dev")
    assert seed_main() == 0
    assert "local demo editor" in capsys.readouterr().out
    no_env.setenv("ARTISAN_ENV", "prod")  # `make prod` on the database `make run` seeded
    assert seed_main() == 0
    assert "local demo editor" not in capsys.readouterr().out
    with Session(engine) as s:
        demo = s.exec(select(User).where(User.email == auth.DEMO_EDITOR_EMAIL)).one()
        assert demo.is_active is False
    no_env.delenv("ARTISAN_ENV")  # nothing declared: no demo editor either
    with Session(engine) as s:
        s.delete(demo := s.exec(select(User).where(User.email == auth.DEMO_EDITOR_EMAIL)).one())
        s.commit()
    assert seed_main() == 0
    with Session(engine) as s:
        assert s.exec(select(User).where(User.email == auth.DEMO_EDITOR_EMAIL)).first() is None
