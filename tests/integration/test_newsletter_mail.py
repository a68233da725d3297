"""Newsletters against a real SMTP server (aiosmtpd on a loopback port): the
reader's whole path from sign-up to one-click unsubscribe, identical answers,
temporary refusals and permanent ones."""

from __future__ import annotations

import re
import threading
from urllib.parse import urlsplit

import httpx
import pytest
import reflex as rx
from sqlmodel import Session, func, select
from starlette.applications import Starlette

from artisan_app.core.db import engine_for
from artisan_app.jobs import tasks
from artisan_app.models import Delivery, Newsletter, Role, Subscriber
from artisan_app.services.newsletter import sends, subscriptions
from artisan_app.state.newsletter.signup import NewsletterState
from artisan_app.web.endpoints.newsletter import newsletter_routes
from tests.conftest import create_schema
from tests.factories import make_article, make_author, make_category, make_user
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.newsletter_fixtures import SITE
from tests.state.conftest import visit

pytestmark = pytest.mark.usefixtures("mail_to_smtp")


def client() -> httpx.AsyncClient:
    app = Starlette(routes=newsletter_routes())
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("203.0.113.9", 5000)), base_url=SITE, headers={"Origin": SITE}
    )  # as the browser says on a same-site form post


def link(msg, prefix: str) -> str:
    text = msg.get_body(("plain",)).get_content()
    return re.search(re.escape(SITE + prefix) + r"\S+", text).group(0)


def world(session):
    politics, tech = make_category(session, "Politics"), make_category(session, "Technology")
    author = make_author(session)
    article = make_article(
        session, category=politics, author=author, headline="Budget talks stall", excerpt="The excerpt of the story."
    )
    editor = make_user(session, Role.editor)
    session.commit()
    return article, editor, politics, tech


async def subscribe(address: str, *sections: str) -> httpx.Response:
    async with client() as c:
        return await c.post("/newsletter/subscribe", data={"email": address, "section": list(sections)})


async def confirm(link_url: str) -> None:
    """Follow the link as the browser does: the confirmation page's on_load."""
    root = rx.State(_reflex_internal_init=True)
    parts = urlsplit(link_url)
    visit(root, f"{parts.path}?{parts.query}", parts.path)
    state = await root.get_state(NewsletterState)
    state.confirm()
    assert state.confirmed, state.confirm_error


def send(session, article, editor) -> int:
    newsletter_id = sends.queue_send(session, user=editor, article_id=article.id)
    session.commit()
    tasks.send_newsletter(newsletter_id)
    return newsletter_id


async def test_subscribe_confirm_send_unsubscribe_with_a_real_smtp_server(session, smtp):
    article, editor, *_ = world(session)
    answer = await subscribe("Reader@Example.com")
    assert answer.status_code == 303 and answer.headers["location"] == "/newsletter?subscribed=1"

    [confirmation] = smtp.to("reader@example.com")
    assert confirmation.get_body(("html",)) is not None  # both parts
    # Nothing but the confirmation before confirming: a send now skips the address.
    send(session, article, editor)
    assert len(smtp.to("reader@example.com")) == 1

    await confirm(link(confirmation, "/newsletter/confirm?token="))
    session.exec(Newsletter.__table__.delete())
    session.commit()
    send(session, article, editor)
    mails = smtp.to("reader@example.com")
    assert len(mails) == 2
    letter = mails[1]
    assert letter["Subject"] == "Budget talks stall"
    assert letter.get_content_type() == "multipart/alternative"
    text = letter.get_body(("plain",)).get_content()
    html = letter.get_body(("html",)).get_content()
    assert "Budget talks stall" in text and "1. First" in text and f"{SITE}/article/{article.slug}" in text
    assert "Budget talks stall" in html and 'style="' in html and "<style" not in html  # CSS inlined
    assert "Unsubscribe" in html and "/newsletter/preferences?token=" in html
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.fullmatch(r"<(.+)>", letter["List-Unsubscribe"]).group(1)
    assert one_click.startswith(SITE + "/newsletter/unsubscribe/")

    # RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click", no cookies, no sign-in.
    async with client() as c:
        done = await c.post(urlsplit(one_click).path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    session.exec(Newsletter.__table__.delete())
    session.commit()
    send(session, article, editor)
    assert len(smtp.to("reader@example.com")) == 2  # the next send skipped them


async def test_the_answer_is_the_same_for_new_pending_and_subscribed_addresses(session, smtp):
    world(session)
    answers = []
    for address in ("new@example.com", "pending@example.com", "member@example.com"):
        if address != "new@example.com":
            await subscribe(address)
        if address == "member@example.com":
            await confirm(link(smtp.to(address)[0], "/newsletter/confirm?token="))
        response = await subscribe(address)
        answers.append((response.status_code, response.headers["location"], response.text))
    assert answers[0] == answers[1] == answers[2]
    # What differs goes to the mailbox only: a confirmation, or a link to the preferences.
    assert "Confirm" in smtp.to("pending@example.com")[-1]["Subject"]
    assert smtp.to("member@example.com")[-1]["Subject"] == "Your Artisan Times subscription"


async def test_sections_choose_who_gets_a_story(session, smtp):
    article, editor, politics, tech = world(session)
    for address, sections in (
        ("all@example.com", ()),
        ("politics@example.com", (politics.slug,)),
        ("tech@example.com", (tech.slug,)),
    ):
        await subscribe(address, *sections)
        await confirm(link(smtp.to(address)[0], "/newsletter/confirm?token="))
    assert sends.audience_count(session, user=editor, article_id=article.id) == 2
    send(session, article, editor)
    got = {a for a in ("all@example.com", "politics@example.com", "tech@example.com") if len(smtp.to(a)) == 2}
    assert got == {"all@example.com", "politics@example.com"}


async def confirmed_readers(session, smtp, n: int) -> list[str]:
    addresses = [f"reader{i}@example.com" for i in range(n)]
    for address in addresses:
        sub = Subscriber(email=address, key=f"key-{address}", status="active")
        session.add(sub)
    session.commit()
    return addresses


async def test_a_server_that_refuses_temporarily_then_accepts_gets_everything(session, smtp, monkeypatch):
    article, editor, *_ = world(session)
    addresses = await confirmed_readers(session, smtp, 5)
    smtp.temporary_failures = 3
    newsletter_id = sends.queue_send(session, user=editor, article_id=article.id)
    session.commit()
    # Huey retries the job after the backoff; here each retry is run by hand, as the worker would.
    delays = []
    for _ in range(10):
        try:
            tasks.send_newsletter.call_local(newsletter_id, "worker-1")
            break
        except tasks.RetryTask as exc:
            delays.append(exc.delay)
    assert smtp.refused_temporarily == 3
    assert delays == [tasks.backoff(1), tasks.backoff(2), tasks.backoff(3)] and delays[0] < delays[1] < delays[2]
    assert smtp.per_recipient() == {a: 1 for a in addresses}
    statuses = session.exec(select(Delivery.status).where(Delivery.newsletter_id == newsletter_id)).all()
    assert set(statuses) == {"sent"}


async def test_a_permanent_refusal_is_marked_on_that_recipient_only(session, smtp):
    article, editor, *_ = world(session)
    addresses = await confirmed_readers(session, smtp, 3)
    smtp.permanent = {"reader1@example.com"}
    newsletter_id = send(session, article, editor)
    assert set(smtp.per_recipient()) == {"reader0@example.com", "reader2@example.com"}
    [row] = sends.progress(session, user=editor, newsletter_ids=[newsletter_id])
    assert (row.status, row.total, row.sent, row.failed, row.queued) == ("done", 3, 2, 1, 0)
    failed = session.exec(select(Delivery).where(Delivery.status == "failed")).one()
    assert failed.error.startswith("550") and addresses[1] in session.get(Subscriber, failed.subscriber_id).email


def test_tokens_are_signed_and_confirmation_links_expire(session):
    from datetime import timedelta

    from artisan_app.models import utcnow

    now = utcnow()
    token = subscriptions.confirm_token("abc", now=now)
    assert subscriptions._key_from_confirm(token, now + timedelta(days=6)) == "abc"
    assert subscriptions._key_from_confirm(token, now + timedelta(days=8)) is None
    assert subscriptions._key_from_confirm(token[:-2] + "xx", now) is None
    assert subscriptions._key_from_manage(subscriptions.manage_token("abc")) == "abc"
    assert subscriptions._key_from_manage(token) is None  # a confirmation token is no unsubscribe token


async def test_batches_follow_each_other_and_the_rate_is_kept(session, smtp, monkeypatch):
    import time

    from tests.newsletter_fixtures import use_settings

    article, editor, *_ = world(session)
    addresses = await confirmed_readers(session, smtp, 7)
    use_settings(monkeypatch, smtp_url=smtp.url, site_url=SITE, mail_rate=20.0, mail_batch_size=3)
    started = time.monotonic()
    newsletter_id = send(session, article, editor)
    elapsed = time.monotonic() - started
    assert smtp.per_recipient() == {a: 1 for a in addresses}  # three batches of at most 3, nobody skipped
    assert elapsed >= 4 / 20  # within each batch of 3: two waits of 1/20 s, three batches
    [row] = sends.progress(session, user=editor, newsletter_ids=[newsletter_id])
    assert (row.status, row.sent) == ("done", 7)


def test_two_sign_ups_of_one_address_at_once_make_one_subscriber(tmp_path):
    """Four sign-ups of one new address at the same moment, on a file database (real races)."""
    file_engine = engine_for(f"sqlite:///{tmp_path}/race.db")
    create_schema(file_engine)
    barrier, errors = threading.Barrier(4), []

    def sign_up(i: int) -> None:
        barrier.wait()
        try:
            with Session(file_engine) as s:
                subscriptions.subscribe(s, email="twice@example.com", client_key=f"c{i}")
                s.commit()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Session(file_engine) as s:
        assert s.exec(select(func.count()).select_from(Subscriber)).one() == 1
    file_engine.dispose()
    assert errors == []


async def test_a_get_of_the_one_click_url_changes_nothing_and_leads_to_the_page(session):
    sub = Subscriber(email="get@example.com", key="get-key", status="active")
    session.add(sub)
    session.commit()
    token = subscriptions.manage_token(sub.key)
    async with client() as c:
        response = await c.get(f"/newsletter/unsubscribe/{token}")
        forged = await c.post("/newsletter/unsubscribe/forged.token")
    assert response.status_code == 303
    assert response.headers["location"] == f"/newsletter/preferences?token={token}&unsubscribe=1"
    assert forged.status_code == 400
    session.expire_all()
    assert session.get(Subscriber, sub.id).status == "active"


async def test_a_refused_sender_pauses_the_send_instead_of_failing_everyone(session, smtp):
    article, editor, *_ = world(session)
    addresses = await confirmed_readers(session, smtp, 3)
    smtp.refuse_senders = True  # say, ARTISAN_MAIL_FROM is not allowed by the server
    newsletter_id = sends.queue_send(session, user=editor, article_id=article.id)
    session.commit()
    with pytest.raises(tasks.RetryTask):
        tasks.send_newsletter.call_local(newsletter_id, "worker-1")
    [row] = sends.progress(session, user=editor, newsletter_ids=[newsletter_id])
    assert (row.failed, row.queued) == (0, 3) and row.last_error.startswith("553")
    smtp.refuse_senders = False  # fixed: the retry delivers to everyone
    tasks.send_newsletter.call_local(newsletter_id, "worker-1")
    assert smtp.per_recipient() == {a: 1 for a in addresses}


async def test_a_send_whose_article_was_deleted_ends(session, smtp):
    article, editor, *_ = world(session)
    await confirmed_readers(session, smtp, 2)
    newsletter_id = sends.queue_send(session, user=editor, article_id=article.id)
    session.commit()
    session.delete(article)
    session.commit()
    tasks.send_newsletter(newsletter_id)
    [row] = sends.progress(session, user=editor, newsletter_ids=[newsletter_id])
    assert (row.status, row.sent, row.failed, row.last_error) == ("done", 0, 2, "the article was deleted")
    assert smtp.messages == []
