"""Mail that cannot be turned against anyone, over HTTP: a mailbox cannot be flooded with
confirmations (whatever the spelling, whatever site the form is posted from), every per-client
limit keys on the reader behind the proxy, and an old unsubscribe link never brings a reader back."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

import httpx
import pytest
import reflex as rx
from sqlmodel import Session, select
from starlette.applications import Starlette

from artisan_app.core.settings import settings
from artisan_app.models import Subscriber
from artisan_app.services.common import clients
from artisan_app.services.newsletter import subscriptions
from artisan_app.services.search import queries
from artisan_app.state.newsletter.signup import NewsletterState
from artisan_app.web import http_app
from artisan_app.web.endpoints.newsletter import newsletter_routes
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.newsletter_fixtures import SITE
from tests.page_shells import SHELL
from tests.state.conftest import visit

PROXY = ("10.0.0.2", 40000)  # the reverse proxy: every request arrives from it
SAME_SITE = {"Origin": SITE}


def newsletter_client(*, peer=PROXY, headers=SAME_SITE) -> httpx.AsyncClient:
    app = Starlette(routes=newsletter_routes())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=peer), base_url=SITE, headers=headers)


async def sign_up(address: str, *, reader: str = "198.51.100.1", headers=SAME_SITE) -> httpx.Response:
    async with newsletter_client(headers={**headers, "X-Forwarded-For": reader}) as c:
        return await c.post("/newsletter/subscribe", data={"email": address})


@pytest.fixture
def behind_one_proxy(monkeypatch):
    monkeypatch.setattr(clients, "settings", dataclasses.replace(settings, trusted_proxy_hops=1))


# ------------------------------------------------------------------ one mailbox, many spellings


@pytest.mark.usefixtures("behind_one_proxy")
async def test_a_mailbox_gets_a_few_confirmations_whatever_the_spelling(mail_to_smtp, session: Session):
    spellings = [f"victim+{i}@example.com" for i in range(8)] + ["Victim@Example.com"]
    for i, address in enumerate(spellings):  # each from its own reader, so no per-client limit applies
        answer = await sign_up(address, reader=f"198.51.100.{i + 1}")
        assert answer.headers["location"] == "/newsletter?subscribed=1"  # the same answer for all
    delivered = [m for m in mail_to_smtp.messages if str(m["To"]).casefold().startswith("victim")]
    assert len(delivered) == 3  # the mailbox's hourly allowance, not 3 per spelling


@pytest.mark.usefixtures("behind_one_proxy")
async def test_gmail_dots_are_one_mailbox_and_the_day_is_capped(mail_to_smtp, session: Session, monkeypatch):
    spellings = ["j.doe@gmail.com", "jdoe@googlemail.com", "J.D.O.E+news@gmail.com", "jd.oe@gmail.com"]
    for i, address in enumerate(spellings):
        await sign_up(address, reader=f"198.51.100.{i + 1}")
    assert len(mail_to_smtp.messages) == 3
    assert subscriptions.mailbox("j.d.o.e+x@googlemail.com") == subscriptions.mailbox("jdoe@gmail.com")
    assert subscriptions.mailbox("j.doe+x@example.com") == "j.doe@example.com"  # dots count elsewhere
    # Past the hour, the day still caps what one mailbox can be sent.
    from limits import parse_many

    assert [str(item) for item in parse_many(subscriptions.MAIL_LIMIT_PER_MAILBOX)][-1].endswith("per 1 day")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": SITE},  # the browser's own word wins
        {"Sec-Fetch-Site": "same-site", "Origin": "http://blog.news.test"},
        {},  # no origin at all
    ],
)
async def test_the_plain_form_refuses_posts_from_other_sites(mail_to_smtp, session: Session, headers):
    answer = await sign_up("victim@example.com", headers=headers)
    assert answer.status_code == 403
    assert mail_to_smtp.messages == []
    assert session.exec(select(Subscriber)).all() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": SITE},
        {"Sec-Fetch-Site": "same-origin", "Origin": SITE},
        {"Origin": "https://news.test"},  # TLS ends at the proxy: the host is what counts
    ],
)
async def test_the_plain_form_takes_posts_from_its_own_pages(mail_to_smtp, session: Session, headers):
    answer = await sign_up("reader@example.com", headers=headers)
    assert answer.headers["location"] == "/newsletter?subscribed=1"
    assert len(mail_to_smtp.to("reader@example.com")) == 1


# ------------------------------------------------------------------ the reader behind the proxy


@pytest.mark.usefixtures("behind_one_proxy")
async def test_sign_up_limits_count_each_reader_behind_the_proxy(mail_to_smtp, session: Session):
    for i in range(5):  # SUBSCRIBE_LIMIT_PER_CLIENT: 5 a minute
        answer = await sign_up(f"r{i}@example.com", reader="198.51.100.66")
        assert answer.headers["location"] == "/newsletter?subscribed=1"
    assert (await sign_up("r5@example.com", reader="198.51.100.66")).headers["location"] == "/newsletter?error=busy"
    # Another reader, through the same proxy, is not held up.
    assert (await sign_up("other@example.com", reader="198.51.100.77")).headers["location"] == "/newsletter?subscribed=1"
    # A reader cannot pick their own bucket by prepending addresses: the proxy's entry counts.
    assert (await sign_up("r6@example.com", reader="1.2.3.4, 198.51.100.66")).headers["location"] == "/newsletter?error=busy"


@pytest.mark.usefixtures("behind_one_proxy")
async def test_plain_search_limits_count_each_reader_behind_the_proxy(session: Session, monkeypatch, tmp_path):
    monkeypatch.setattr(queries, "settings", dataclasses.replace(settings, search_rate_limit="2/minute"))
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, page_cache=False))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    transport = httpx.ASGITransport(app=http_app.build_api(shell_path=shell), client=PROXY)
    refused = queries.RATE_LIMITED_MESSAGE.replace("’", "&#8217;")

    async def look(reader: str) -> str:
        async with httpx.AsyncClient(transport=transport, base_url=SITE) as c:
            res = await c.get("/search", params={"q": "budget"}, headers={"X-Forwarded-For": reader})
        assert res.status_code == 200
        return res.text

    def limited(page: str) -> bool:
        return queries.RATE_LIMITED_MESSAGE in page or refused in page

    assert not limited(await look("198.51.100.5")) and not limited(await look("198.51.100.5"))
    assert limited(await look("198.51.100.5"))
    assert not limited(await look("198.51.100.6"))  # the next reader still searches


def test_the_client_address_follows_the_trusted_hops():
    assert clients.client_address("10.0.0.2", "6.6.6.6, 198.51.100.9", hops=1) == "198.51.100.9"
    assert clients.client_address("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.1", hops=2) == "198.51.100.9"
    assert clients.client_address("10.0.0.2", "6.6.6.6", hops=0) == "10.0.0.2"  # the header is ignored
    assert clients.client_address("10.0.0.2", "", hops=1) == "10.0.0.2"  # too short: the peer


# ------------------------------------------------------------------ leaving means leaving


def link(msg, prefix: str) -> str:
    text = msg.get_body(("plain",)).get_content()
    return re.search(re.escape(SITE + prefix) + r"\S+", text).group(0)


async def page_at(url: str) -> NewsletterState:
    root = rx.State(_reflex_internal_init=True)
    parts = urlsplit(url)
    visit(root, f"{parts.path}?{parts.query}", parts.path)
    return await root.get_state(NewsletterState)


def status(session: Session, address: str) -> str:
    session.expire_all()
    return session.exec(select(Subscriber.status).where(Subscriber.email == address)).one()


async def test_an_old_unsubscribe_link_never_brings_a_reader_back(mail_to_smtp, session: Session):
    address = "leaver@example.com"
    await sign_up(address)
    confirmation = await page_at(link(mail_to_smtp.to(address)[0], "/newsletter/confirm?token="))
    confirmation.confirm()
    assert status(session, address) == "active"
    key = session.exec(select(Subscriber.key).where(Subscriber.email == address)).one()
    old_manage = subscriptions.manage_token(key)

    async with newsletter_client(headers={}) as c:  # RFC 8058: the mail provider's POST, no origin
        assert (await c.post(f"/newsletter/unsubscribe/{old_manage}")).status_code == 200
    assert status(session, address) == "unsubscribed"

    # The preferences link in an old (forwarded) newsletter: it shows the state, changes nothing.
    forwarded = await page_at(subscriptions.preferences_url(key))
    forwarded.load_preferences()
    assert forwarded.pref_status == "unsubscribed"
    forwarded.save_preferences({"scope": "all"})
    assert forwarded.pref_error == subscriptions.LEFT
    assert status(session, address) == "unsubscribed"

    # Coming back: sign up again and confirm the fresh email; the old links stay dead.
    await sign_up(address)
    assert status(session, address) == "pending"
    again = await page_at(subscriptions.preferences_url(key))
    again.save_preferences({"scope": "all"})
    assert again.pref_error == subscriptions.BAD_LINK and status(session, address) == "pending"
    fresh = mail_to_smtp.to(address)[-1]
    back = await page_at(link(fresh, "/newsletter/confirm?token="))
    back.confirm()
    assert back.confirmed and status(session, address) == "active"
    async with newsletter_client(headers={}) as c:
        assert (await c.post(f"/newsletter/unsubscribe/{old_manage}")).status_code == 400
    assert status(session, address) == "active"
