"""Sending mail: standard-library SMTP (``smtplib`` + ``EmailMessage``), or the outbox.

``ARTISAN_SMTP_URL`` names the server, e.g. ``smtp://user:pass@host:587?starttls=1``
(``smtps://`` for TLS from the first byte). Without it, every message is written
to the ``outboxmessage`` table instead (``store_in_outbox``; the job queue's
``jobs/transport.py`` chooses), which the newsroom shows at ``/editor/outbox``:
development needs no mail server.

SMTP replies are sorted the way RFC 5321 means them: 4xx (and a dropped or
refused connection) is temporary, ``TemporaryMailError``, to be retried later;
5xx for a recipient or its message is permanent, ``PermanentMailError``, and
that recipient is not tried again. A refusal that is about the server's setup
(connection, TLS, login, the sender address) is treated as temporary even when
it is a 5xx, so a misconfiguration pauses a send instead of failing everyone.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from sqlmodel import Session

from artisan_app.core.settings import settings
from artisan_app.models import OutboxMessage, utcnow

SMTP_TIMEOUT_SECONDS = 30


class TemporaryMailError(Exception):
    """Try again later (4xx, or the server could not be reached)."""


class PermanentMailError(Exception):
    """The server refused this recipient or message for good (5xx)."""


@dataclass(frozen=True)
class Mail:
    """One message to one recipient, before it becomes an ``EmailMessage``."""

    to: str
    subject: str
    text: str
    html: str = ""
    headers: Sequence[tuple[str, str]] = field(default_factory=tuple)


def build_message(mail: Mail, *, sender: str | None = None) -> EmailMessage:
    """``multipart/alternative`` (plain text first, then HTML) with the extra headers."""
    msg = EmailMessage()
    msg["From"] = sender or settings.mail_from
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Message-ID"] = make_msgid(domain="artisan-times")
    for name, value in mail.headers:
        msg[name] = value
    msg.set_content(mail.text)
    if mail.html:
        msg.add_alternative(mail.html, subtype="html")
    return msg


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    tls: bool = False


def parse_smtp_url(url: str) -> SmtpConfig:
    """``smtp://user:pass@host:587?starttls=1`` or ``smtps://host:465``."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("ARTISAN_SMTP_URL must look like smtp://user:pass@host:587?starttls=1")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    tls = parts.scheme == "smtps"
    return SmtpConfig(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        starttls=query.get("starttls", "0").lower() in ("1", "true", "yes"),
        tls=tls,
    )


def _classify(code: int, message: object) -> Exception:
    text = f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"[:300]
    return TemporaryMailError(text) if 400 <= code < 500 else PermanentMailError(text)


class SmtpTransport:
    """One SMTP connection, opened on first use and reused for a batch."""

    def __init__(self, config: SmtpConfig):
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        try:
            if c.tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    c.host, c.port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=SMTP_TIMEOUT_SECONDS)
                if c.starttls:
                    smtp.starttls(context=ssl.create_default_context())
            if c.username:
                smtp.login(c.username, c.password)
        except (OSError, smtplib.SMTPException) as exc:
            # Even a 5xx here (say, a wrong password) is about the server, not a recipient:
            # retried with backoff and shown on the send, never marked on anyone.
            raise TemporaryMailError(f"cannot use the SMTP server: {exc}"[:300]) from exc
        return smtp

    def send(self, msg: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            code, message = next(iter(exc.recipients.values()))
            raise _classify(code, message) from exc
        except smtplib.SMTPDataError as exc:  # this message refused
            self._reset()
            raise _classify(exc.smtp_code, exc.smtp_error) from exc
        except smtplib.SMTPResponseException as exc:  # the sender refused, ...: the server's setup, not a recipient
            self._reset()
            raise TemporaryMailError(f"{exc.smtp_code} {exc.smtp_error!r}"[:300]) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise TemporaryMailError(f"SMTP connection lost: {exc}"[:300]) from exc

    def _reset(self) -> None:
        try:
            if self._smtp is not None:
                self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def store_in_outbox(session: Session, msg: EmailMessage) -> OutboxMessage:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    skip = {"from", "to", "subject", "content-type", "mime-version", "content-transfer-encoding"}
    row = OutboxMessage(
        to_address=str(msg["To"])[:254],
        subject=str(msg["Subject"])[:300],
        text_body=text.get_content() if text is not None else "",
        html_body=html.get_content() if html is not None else "",
        headers="\n".join(f"{k}: {v}" for k, v in msg.items() if k.lower() not in skip),
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row
