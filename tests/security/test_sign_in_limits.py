"""Item 3 of issue #12: behind a proxy each reader is their own client, only
failed sign-ins count, and nobody without the password can lock an editor out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from artisan_app.core.settings import Settings
from artisan_app.models import Role
from artisan_app.services.accounts import auth, login_limits
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
EDITOR = "ed@artisan.test"


@pytest.fixture
def editor(any_session: Session):
    return make_user(any_session, Role.editor, email=EDITOR)


def sign_in(session, *, password=PASSWORD, client="198.51.100.7", device=""):
    return auth.authenticate(session, email=EDITOR, password=password, client_key=client, device_token=device)


def test_successful_sign_ins_do_not_count(any_session, editor):
    for _ in range(25):  # the per-client limit counted successes and refused the 21st
        assert sign_in(any_session).role == "editor"


def test_an_attacker_cannot_lock_out_the_editor(any_session, editor):
    device = auth.new_device_token(EDITOR)  # the editor's usual browser signed in before
    # A guesser spread over many addresses, and one sharing the editor's own address.
    for i in range(12):
        with pytest.raises(auth.AuthError):
            sign_in(any_session, password=f"guess {i}", client=f"203.0.113.{i}")
    for _ in range(6):
        with pytest.raises(auth.AuthError):
            sign_in(any_session, password="guess", client="198.51.100.7")
    # The attacker's own address is throttled, even with the right password ...
    with pytest.raises(auth.AuthError) as throttled:
        sign_in(any_session, client="198.51.100.7")
    assert throttled.value.message == auth.TOO_MANY_LOGINS
    # ... but the editor's usual browser gets in at once, even from that same address,
    assert sign_in(any_session, device=device, client="198.51.100.7").role == "editor"
    assert auth.sign_in_attempt(EDITOR, client_key="198.51.100.7", device_token=device).slowdown_seconds() == 0
    # and from a new browser on a fresh address the editor is only slowed down, not refused.
    fresh = auth.sign_in_attempt(EDITOR, client_key="192.0.2.50")
    assert 0 < fresh.slowdown_seconds() <= 10
    assert sign_in(any_session, client="192.0.2.50").role == "editor"


def test_device_tokens_are_bound_to_the_account_and_unforgeable():
    token = auth.new_device_token(EDITOR)
    assert login_limits.device_nonce(EDITOR, token)
    assert login_limits.device_nonce("other@artisan.test", token) == ""
    nonce = token.partition(".")[0]
    assert login_limits.device_nonce(EDITOR, f"{nonce}.{'0' * 64}") == ""
    assert login_limits.device_nonce(EDITOR, None) == login_limits.device_nonce(EDITOR, "x" * 5000) == ""


def test_a_known_browser_is_still_limited_per_device(any_session, editor):
    device = auth.new_device_token(EDITOR)
    for _ in range(5):
        with pytest.raises(auth.AuthError):
            sign_in(any_session, password="wrong", device=device)
    with pytest.raises(auth.AuthError) as err:
        sign_in(any_session, device=device)
    assert err.value.message == auth.TOO_MANY_LOGINS


def test_trusted_proxy_hops_comes_from_the_environment():
    assert Settings.from_env({}).trusted_proxy_hops == 0
    assert Settings.from_env({"ARTISAN_TRUSTED_PROXY_HOPS": "1"}).trusted_proxy_hops == 1
    for bad in ("-1", "one", "1.5"):
        with pytest.raises(ValueError, match="ARTISAN_TRUSTED_PROXY_HOPS"):
            Settings.from_env({"ARTISAN_TRUSTED_PROXY_HOPS": bad})


def test_reflex_uses_the_hop_count_for_the_client_address():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTISAN_", "REFLEX_"))}
    code = "import rxconfig; from reflex.app import App; print(rxconfig.config.trusted_proxy_hops)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "ARTISAN_TRUSTED_PROXY_HOPS": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "1"
