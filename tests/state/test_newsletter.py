"""Newsletter states as the browser drives them: the reader's sign-up, the
editor's panel (preview, test send, send, publish and send), the newsroom's
subscriber list, and the authorisation sweep over every newsletter handler."""

from __future__ import annotations

import base64

import pytest
import reflex as rx
from reflex.utils import format
from sqlmodel import select

from artisan_app.models import Newsletter, OutboxMessage, Role, Subscriber
from artisan_app.services.accounts import auth
from artisan_app.services.editorial import forms, saving
from artisan_app.services.newsletter import subscriptions
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsletter.desk import NewsletterDeskState, OutboxState
from artisan_app.state.newsletter.editor_panel import NewsletterPanelState
from artisan_app.state.newsletter.signup import NewsletterState
from artisan_app.state.newsroom.auth import AuthState
from tests.factories import make_article, make_author, make_category, make_user
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.newsletter_fixtures import SITE, use_settings
from tests.state import test_authorization_sweep as sweep
from tests.state.conftest import visit

SECRET_SUBSCRIBER = "secret.reader@example.com"
pytestmark = pytest.mark.usefixtures("mail_to_smtp")


async def signed_in(root: rx.State, session, role: Role):
    user = make_user(session, role)
    token = auth.start_session(session, user_id=user.id)
    session.commit()
    (await root.get_state(AuthState)).staff_token = token
    return user


def active(session, address: str) -> Subscriber:
    sub = Subscriber(email=address, key="k-" + address, status="active")
    session.add(sub)
    session.commit()
    return sub


async def test_the_reader_gets_the_same_answer_whoever_they_are_and_a_limit(session, smtp):
    make_category(session, "Politics", slug="politics")
    active(session, "member@example.com")
    answers = []
    for i, address in enumerate(["new@example.com", "new@example.com", "member@example.com"]):
        root = rx.State(_reflex_internal_init=True)
        visit(root, "/", ip="198.51.100.7", token=f"tab-{i}")
        s = await root.get_state(NewsletterState)
        s.subscribe({"email": address, "section": "politics"})
        answers.append((s.answer, s.error))
    assert answers == [(subscriptions.SUBSCRIBE_ANSWER, "")] * 3
    assert [str(m["To"]) for m in smtp.messages] == ["new@example.com", "new@example.com", "member@example.com"]
    s.subscribe({"email": "not an address"})
    assert s.error == subscriptions.BAD_EMAIL and s.answer == ""
    for _ in range(5):
        s.subscribe({"email": "other@example.com"})
    assert s.error == subscriptions.TOO_MANY  # 5 a minute from one client
    assert "member@example.com" not in format.json_dumps(root.dict())


async def test_without_an_smtp_server_mail_waits_in_the_outbox_for_staff(session, smtp, monkeypatch):
    use_settings(monkeypatch, smtp_url="", site_url=SITE)
    reader = rx.State(_reflex_internal_init=True)
    visit(reader, "/")
    (await reader.get_state(NewsletterState)).subscribe({"email": "dev@example.com"})
    assert smtp.messages == []
    assert [r.to_address for r in session.exec(select(OutboxMessage))] == ["dev@example.com"]
    root = rx.State(_reflex_internal_init=True)
    await signed_in(root, session, Role.editor)
    outbox = await root.get_state(OutboxState)
    await outbox.load_outbox()
    [row] = outbox.rows
    assert row.subject == "Confirm your Artisan Times subscription" and "/newsletter/confirm?token=" in row.text_body
    assert not outbox.smtp_configured


async def open_editor(root, article_id: int) -> ArticleEditorState:
    visit(root, f"/editor/article/{article_id}", "/editor/article/[id]")
    editor = await root.get_state(ArticleEditorState)
    await editor.load_editor()
    return editor


async def test_the_editor_previews_tests_and_sends_a_published_article(session, smtp):
    cat, author = make_category(session, "Politics", slug="politics"), make_author(session)
    article = make_article(session, category=cat, author=author, headline="The vote is tonight")
    for i in range(3):
        active(session, f"r{i}@example.com")
    root = rx.State(_reflex_internal_init=True)
    editor_user = await signed_in(root, session, Role.editor)
    await open_editor(root, article.id)
    panel = await root.get_state(NewsletterPanelState)
    await panel.load_panel()
    assert panel.audience == 3 and panel.sent_before == ""

    await panel.toggle_preview()
    assert panel.preview_subject == "The vote is tonight"
    assert "The vote is tonight" in panel.preview_html and 'style="' in panel.preview_html
    assert "1. First" in panel.preview_text
    await panel.send_test()
    assert [str(m["To"]) for m in smtp.messages] == [editor_user.email]
    assert smtp.messages[0]["Subject"] == "[Test] The vote is tonight"

    await panel.ask_send()
    assert panel.confirming
    await panel.send_now()
    assert panel.error == "" and "Queued for 3 subscribers" in panel.message
    assert sorted(str(m["To"]) for m in smtp.messages[1:]) == ["r0@example.com", "r1@example.com", "r2@example.com"]
    assert panel.sent_before != ""
    await panel.send_now()  # twice is refused
    assert "already sent" in panel.error and len(smtp.messages) == 4


async def test_publish_and_send_a_draft(session, smtp):
    make_category(session, "Politics", slug="politics"), make_author(session, slug="vic")
    active(session, "r@example.com")
    root = rx.State(_reflex_internal_init=True)
    editor_user = await signed_in(root, session, Role.editor)
    draft = saving.save_article(
        session,
        user=editor_user,
        form=forms.ArticleForm(
            headline="Draft story for the letter",
            excerpt="An excerpt long enough for the rules here.",
            kicker="Letter",
            category_slug="politics",
            author_slug="vic",
            sections=[forms.SectionForm("One", [forms.BlockForm("paragraph", "Some text of the draft.")])],
        ),
    )
    session.commit()
    await open_editor(root, draft.article_id)
    panel = await root.get_state(NewsletterPanelState)
    await panel.publish_and_send()
    assert panel.error == "", panel.error
    assert (await root.get_state(ArticleEditorState)).form.status == "published"
    assert [m["Subject"] for m in smtp.to("r@example.com")] == ["Draft story for the letter"]


async def test_authors_cannot_send_and_a_draft_cannot_be_sent(session, smtp):
    cat, author = make_category(session, "Politics", slug="politics"), make_author(session)
    article = make_article(session, category=cat, author=author)
    active(session, "r@example.com")
    root = rx.State(_reflex_internal_init=True)
    await signed_in(root, session, Role.author)
    await open_editor(root, article.id)
    panel = await root.get_state(NewsletterPanelState)
    await panel.send_now()
    await panel.send_test()
    assert panel.error and smtp.messages == []
    assert session.exec(select(Newsletter)).all() == []


async def test_subscriber_list_for_editors_csv_for_admins_only(session):
    for address in ("a@example.com", "b@example.com"):
        active(session, address)
    root = rx.State(_reflex_internal_init=True)
    await signed_in(root, session, Role.editor)
    desk = await root.get_state(NewsletterDeskState)
    await desk.load_desk()
    assert {r.email for r in desk.subscribers} == {"a@example.com", "b@example.com"}
    await desk.set_filter("query", "b@")
    assert [r.email for r in desk.subscribers] == ["b@example.com"]
    assert await desk.export_csv() is None and desk.error  # editors may not export
    await desk.ask_delete(desk.subscribers[0].id)
    await desk.delete_subscriber()
    session.expire_all()
    assert [s.email for s in session.exec(select(Subscriber))] == ["a@example.com"]

    admin_root = rx.State(_reflex_internal_init=True)
    await signed_in(admin_root, session, Role.admin)
    admin_desk = await admin_root.get_state(NewsletterDeskState)
    download = await admin_desk.export_csv()
    url = str(dict((str(k), v) for k, v in download.args)["url"]).strip('"')
    csv_text = base64.b64decode(url.split("base64,", 1)[1]).decode()
    header, row = csv_text.splitlines()
    assert header == "email,status,sections,subscribed_at,confirmed_at"
    assert row.startswith("a@example.com,active,All stories,")


@pytest.fixture
def newsletter_world(newsroom, monkeypatch):
    s = newsroom["session"]
    s.add(Subscriber(email=SECRET_SUBSCRIBER, key="secret-key", status="active"))
    s.add(OutboxMessage(to_address=SECRET_SUBSCRIBER, subject="x", text_body="x", html_body="x"))
    s.commit()
    monkeypatch.setattr(sweep, "STATES", [NewsletterDeskState, OutboxState, NewsletterPanelState])
    monkeypatch.setattr(sweep, "BACKGROUND", {"watch_sends"})
    return newsroom


newsroom = sweep.newsroom


@pytest.mark.parametrize("as_author", [False, True])
async def test_every_newsletter_handler_refuses_anonymous_and_author_tabs(newsletter_world, smtp, as_author):
    s = newsletter_world["session"]
    ignore = newsletter_world["attacker_author_id"] if as_author else None
    before = sweep.snapshot(s, ignore)
    root = rx.State(_reflex_internal_init=True)
    if as_author:
        (await root.get_state(AuthState)).staff_token = newsletter_world["author_token"]
    assert await sweep.call_everything(root, newsletter_world) > 10
    assert sweep.snapshot(s, ignore) == before
    dumped = format.json_dumps(root.dict())
    assert SECRET_SUBSCRIBER not in dumped and sweep.SECRET_HEADLINE not in dumped
    assert smtp.messages == []


async def reader_at(path: str) -> NewsletterState:
    root = rx.State(_reflex_internal_init=True)
    visit(root, path, path.split("?")[0])
    return await root.get_state(NewsletterState)


async def test_preferences_unsubscribe_link_and_coming_back(session):
    make_category(session, "Politics", slug="politics")
    make_category(session, "Technology", slug="technology")
    sub = active(session, "pref@example.com")
    token = subscriptions.manage_token(sub.key)

    page = await reader_at(f"/newsletter/preferences?token={token}")
    page.load_preferences()
    assert (page.pref_status, page.pref_all, page.pref_error) == ("active", True, "")
    page.save_preferences({"scope": "chosen", "section": ["technology"]})
    assert (page.pref_all, page.pref_sections) == (False, ["technology"])

    link = await reader_at(f"/newsletter/preferences?token={token}&unsubscribe=1")
    link.load_preferences()  # the email's visible "Unsubscribe" link
    assert link.pref_status == "unsubscribed" and "unsubscribed" in link.pref_message
    link.save_preferences({"scope": "all"})  # coming back takes a new sign-up and its confirmation
    assert (link.pref_status, link.pref_error) == ("unsubscribed", subscriptions.LEFT)
    assert "pref@example.com" not in format.json_dumps(link.dict())

    forged = await reader_at(f"/newsletter/preferences?token={token[:-3]}abc")
    forged.load_preferences()
    assert forged.pref_error == subscriptions.BAD_LINK and forged.pref_status == ""


async def test_an_expired_or_forged_confirmation_link_is_refused(session):
    from datetime import timedelta

    from artisan_app.models import utcnow

    sub = Subscriber(email="late@example.com", key="late-key")
    session.add(sub)
    session.commit()
    old = subscriptions.confirm_token(sub.key, now=utcnow() - timedelta(days=8))
    page = await reader_at(f"/newsletter/confirm?token={old}")
    page.confirm()
    assert not page.confirmed and page.confirm_error == subscriptions.BAD_LINK
    fresh = await reader_at(f"/newsletter/confirm?token={subscriptions.confirm_token(sub.key)}")
    fresh.confirm()
    assert fresh.confirmed
    session.expire_all()
    assert session.get(Subscriber, sub.id).status == "active"
