"""How sign-in attempts are limited: failures only, and never a lockout of an
editor who has the right password.

- Only *failed* attempts count; a successful sign-in costs nothing.
- Limits are checked before the password is (so a throttled client cannot keep
  guessing) but a refusal only ever concerns the client that failed:
  per client (IP) and per account-and-client, in short windows.
- Failures against one account from all unknown browsers together do not lock
  the account: past ``PER_ACCOUNT`` they only *slow down* every unknown
  browser's attempt (``slowdown_seconds``), which caps a guesser spread over
  many addresses while the real editor still gets in.
- Those slowed attempts also queue: at most ``SLOWED_IN_FLIGHT`` of them per
  account are under way at once (across workers, counted in the limits'
  storage); any more are refused at once with the limit's answer, before the
  password is looked at. So guessing in parallel over many connections gets no
  further than guessing in turn: at most ``SLOWED_IN_FLIGHT`` guesses per
  ``SLOWDOWN_SECONDS`` on the account.
- A browser that has signed in to the account before holds a *device token*
  (OWASP's "device cookie": a random nonce plus an HMAC of the address under
  ``ARTISAN_SECRET_KEY``). Attempts from it skip the client and account limits
  and are limited per device only, so nobody without the password can throttle
  an editor on their usual browser, not even from the same IP.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from artisan_app.core.settings import settings
from artisan_app.services.common import ratelimit

PER_CLIENT = "20/15 minutes;100/day"  # failures from one IP, any account
PER_ACCOUNT_CLIENT = "5/5 minutes"  # failures from one IP on one account
PER_DEVICE = "5/5 minutes;30/day"  # failures from a known browser on its account (its token may leak)
PER_ACCOUNT = "10/15 minutes"  # failures from unknown browsers on one account: slows down only
SLOWDOWN_SECONDS = 5.0
SLOWED_IN_FLIGHT = 2  # slowed attempts under way at once on one account
IN_FLIGHT_SECONDS = 60  # an attempt's place lapses after this (a worker that died mid-attempt)
MAX_DEVICE_TOKEN = 200


def _signature(address: str, nonce: str) -> str:
    key = settings.secret_key.encode()
    return hmac.new(key, f"artisan-device\x1f{address}\x1f{nonce}".encode(), hashlib.sha256).hexdigest()


def device_token(address: str) -> str:
    """Issued to a browser after it signed in to ``address``."""
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_signature(address, nonce)}"


def device_nonce(address: str, token: object) -> str:
    """The device's nonce when ``token`` was issued for ``address`` ("" otherwise)."""
    if not isinstance(token, str) or len(token) > MAX_DEVICE_TOKEN or "." not in token or not address:
        return ""
    nonce, _, signature = token.partition(".")
    return nonce if nonce and hmac.compare_digest(signature, _signature(address, nonce)) else ""


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt's keys, worked out before the password is checked."""

    address: str
    client: str
    device: str  # the device nonce, "" for an unknown browser

    def _limits(self) -> list[tuple[str, str, str]]:
        if self.device:
            return [(PER_DEVICE, "login-device", f"{self.address}|{self.device}")]
        return [
            (PER_CLIENT, "login-client", self.client),
            (PER_ACCOUNT_CLIENT, "login-account-client", f"{self.address}|{self.client}"),
        ]

    def allowed(self) -> bool:
        return all(ratelimit.allowed(*limit) for limit in self._limits())

    def slowdown_seconds(self) -> float:
        """How long an unknown browser waits before its attempt is checked (0 usually)."""
        if self.device or ratelimit.allowed(PER_ACCOUNT, "login-account", self.address):
            return 0.0
        return SLOWDOWN_SECONDS

    @contextmanager
    def turn(self) -> Iterator[float | None]:
        """Run the attempt inside this block: yields how long to wait first (``slowdown_seconds``),
        or ``None`` when the account already has ``SLOWED_IN_FLIGHT`` slowed attempts under way
        (refuse it). The place is held until the block ends, the wait and the check included."""
        delay = self.slowdown_seconds()
        if not delay:
            yield 0.0
            return
        with ratelimit.in_flight("login-slowed", self.address, most=SLOWED_IN_FLIGHT, seconds=IN_FLIGHT_SECONDS) as admitted:
            yield delay if admitted else None

    def failed(self) -> None:
        for limit in self._limits():
            ratelimit.record(*limit)
        if not self.device:
            ratelimit.record(PER_ACCOUNT, "login-account", self.address)

    def succeeded(self) -> None:
        """The client's own failures are forgiven; the account-wide count is not."""
        for spec, namespace, key in self._limits()[-1:]:
            ratelimit.reset(namespace, key, spec)


def attempt(address: str, *, client_key: str, device_token: object = "") -> Attempt:
    return Attempt(address=address, client=client_key or "anonymous", device=device_nonce(address, device_token))
