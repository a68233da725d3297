"""A real SMTP server on a free loopback port (``aiosmtpd``) that keeps what it
receives, for the tests and the newsletter benchmark. Never imported by the app.

It can refuse the next N messages temporarily (``451``), refuse chosen
recipients permanently (``550``), and call ``on_message`` with each message it
has accepted, before its ``250`` reply reaches the client.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.harness import free_port


class MailCatcher:
    def __init__(self, *, keep_messages: bool = True):
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.count = 0
        self.temporary_failures = 0  # refuse this many next messages with 451
        self.refused_temporarily = 0
        self.permanent: set[str] = set()
        self.refuse_senders = False  # answer MAIL FROM with 553 (a misconfigured sender)
        self.on_message: Callable[[EmailMessage], None] | None = None
        self.keep_messages = keep_messages
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    # aiosmtpd handler hooks
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_senders:
            return "553 5.7.1 Sender address not allowed"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.casefold() in self.permanent:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.temporary_failures > 0:
                self.temporary_failures -= 1
                self.refused_temporarily += 1
                return "451 4.3.0 Busy, try again later"
        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self._arrived:
            self.count += 1
            if self.keep_messages:
                self.messages.append(msg)
            self._arrived.notify_all()
        if self.on_message is not None:
            self.on_message(msg)
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in list(self.messages) if str(m["To"]).casefold() == address.casefold()]

    def per_recipient(self) -> Counter:
        return Counter(str(m["To"]).casefold() for m in list(self.messages))

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        """Block until ``count`` messages have arrived (``False`` on timeout)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: self.count >= count, timeout)

    def start(self) -> MailCatcher:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def __enter__(self) -> MailCatcher:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
