"""Where the jobs' mail goes: SMTP when ``ARTISAN_SMTP_URL`` is set, else the outbox table."""

from __future__ import annotations

from email.message import EmailMessage

from artisan_app.core import db
from artisan_app.core.settings import settings
from artisan_app.services.mail.sending import SmtpTransport, parse_smtp_url, store_in_outbox


class OutboxTransport:
    """Writes each message to the outbox table (its own short transaction)."""

    def send(self, msg: EmailMessage) -> None:
        with db.session_scope() as session:
            store_in_outbox(session, msg)

    def close(self) -> None:
        pass

    def __enter__(self) -> OutboxTransport:
        return self

    def __exit__(self, *exc) -> None:
        pass


def transport(smtp_url: str | None = None) -> SmtpTransport | OutboxTransport:
    """The configured way out: SMTP when ``ARTISAN_SMTP_URL`` is set, else the outbox."""
    url = settings.smtp_url if smtp_url is None else smtp_url
    return SmtpTransport(parse_smtp_url(url)) if url else OutboxTransport()
