"""A reader leaves comments; an editor approves; other readers see it live."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Comment
from artisan_app.render.scripts import DRAFTS_KEY
from artisan_app.services.comments import submission as svc
from tests.factories import moderate_as_editor

MIN_WAIT = svc.MIN_SECONDS_TO_SUBMIT + 0.5


@pytest.fixture
def approve(e2e_db_url):
    """Approve comments as an editor would, straight through the service."""
    engine = create_engine(e2e_db_url)

    def run(body: str) -> None:
        with Session(engine) as session:
            ids = session.exec(select(Comment.id).where(Comment.body == body)).all()
            assert ids, f"no stored comment with body {body!r}"
            moderate_as_editor(session, comment_ids=list(ids), action="approve")
            session.commit()

    yield run
    engine.dispose()


def form(page: Page):
    return page.get_by_role("form", name="Leave a comment")


def write(page: Page, *, name="", email="", website="", body=""):
    f = form(page)
    for label, value in (("Name", name), ("Email", email), ("Website", website), ("Comment", body)):
        if value:
            f.get_by_role("textbox", name=label).fill(value)


def open_article(page: Page, slug: str) -> None:
    page.goto(f"/article/{slug}")
    expect(page.get_by_role("heading", name="Leave a comment")).to_be_visible()


def test_form_matches_the_seed_page(page: Page):
    open_article(page, "civil-servants-social-media-pakistan")
    section = page.get_by_role("region", name="Leave a comment")
    expect(section).to_contain_text("Your email address will not be published. Required fields are marked *")
    f = form(page)
    for label, required, autocomplete in (
        ("Name", True, "name"),
        ("Email", True, "email"),
        ("Website", False, "url"),
        ("Comment", True, "off"),
    ):
        box = f.get_by_role("textbox", name=label)
        expect(box).to_have_attribute("autocomplete", autocomplete)
        if required:
            expect(box).to_have_attribute("required", "")
        else:
            expect(box).not_to_have_attribute("required", "")
    expect(f.get_by_role("button", name="Post comment")).to_be_visible()


def test_empty_submit_shows_errors_and_keeps_what_was_typed(page: Page):
    open_article(page, "tiktok-uk-moderation-jobs-ai")
    write(page, name="Ann Reader", website="not a url")
    form(page).get_by_role("button", name="Post comment").click()
    f = form(page)
    expect(f.get_by_text("Please enter your email address.")).to_be_visible()
    expect(f.get_by_text("Please write your comment.")).to_be_visible()
    expect(f.get_by_role("textbox", name="Email")).to_have_attribute("aria-invalid", "true")
    expect(f.get_by_role("textbox", name="Name")).to_have_value("Ann Reader")
    expect(f.get_by_role("textbox", name="Website")).to_have_value("not a url")


def test_comment_is_held_then_approved_and_appears_live_elsewhere(new_page, approve):
    slug = "milei-corruption-scandal-disability-agency"
    author, other = new_page(), new_page()
    open_article(author, slug)
    open_article(other, slug)
    expect(other.get_by_role("link", name="0 comments")).to_be_visible()
    body = "Leaked audio is not proof,\nbut it demands an answer."
    write(author, name="Ann Reader", email="ann@example.com", website="https://ann.example", body=body)
    time.sleep(MIN_WAIT)
    form(author).get_by_role("button", name="Post comment").click()
    expect(author.get_by_role("status")).to_contain_text("awaiting moderation")
    mine = author.get_by_role("article", name="Comment by Ann Reader")
    expect(mine).to_contain_text("Your comment is awaiting moderation.")
    expect(form(author).get_by_role("textbox", name="Comment")).to_have_value("")

    # Nobody else sees a held comment: once the other page shows a comment approved after it was
    # stored (its watcher has reloaded the thread since), the held one is still not there.
    third = new_page()
    open_article(third, slug)
    control = "Approved after Ann's comment was stored."
    write(third, name="Bea Reader", email="bea@example.com", body=control)
    time.sleep(MIN_WAIT)
    form(third).get_by_role("button", name="Post comment").click()
    expect(third.get_by_role("status")).to_contain_text("awaiting moderation")
    approve(control)
    expect(other.get_by_role("article", name="Comment by Bea Reader")).to_be_visible(timeout=15_000)
    expect(other.get_by_role("article", name="Comment by Ann Reader")).to_have_count(0)

    approve(body)
    # No reload: the open page picks it up by itself.
    theirs = other.get_by_role("article", name="Comment by Ann Reader")
    expect(theirs).to_be_visible(timeout=15_000)
    expect(theirs.locator(".comment-body")).to_have_text(body)
    expect(other.get_by_role("link", name="2 comments")).to_be_visible()
    link = theirs.get_by_role("link", name="Ann Reader")
    expect(link).to_have_attribute("rel", "nofollow ugc noopener")
    expect(theirs.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    expect(mine).not_to_contain_text("awaiting moderation", timeout=15_000)

    # Replies from the browser that earned the approval, with its address, appear at once,
    # nested under the comment (another browser typing the same address is held).
    mine.get_by_role("button", name="Reply to Ann Reader").click()
    expect(author.get_by_text("Replying to Ann Reader")).to_be_visible()
    write(author, name="Ann Reader", email="ann@example.com", body="Replying to myself, as one does.")
    time.sleep(MIN_WAIT)
    form(author).get_by_role("button", name="Post comment").click()
    expect(author.get_by_role("status")).to_contain_text("published")
    reply = author.locator(".comment-item.depth-1")
    expect(reply).to_contain_text("Replying to myself, as one does.")
    expect(author.get_by_role("link", name="3 comments")).to_be_visible()
    expect(other.locator(".comment-item.depth-1")).to_contain_text("Replying to myself, as one does.", timeout=15_000)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>window.__pwned = 1</script>",
        '<img src=x onerror="window.__pwned = 1">',
        "[click](javascript:window.__pwned=1) **bold** <b>bold</b>",
    ],
)
def test_xss_payloads_render_literally(new_page, approve, payload):
    slug = "news-creators-trust-journalism"
    page, reader = new_page(), new_page()
    dialogs: list[str] = []
    for p in (page, reader):
        p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_article(page, slug)
    write(page, name="<b>Mallory</b>", email="mallory@example.com", body=payload)
    time.sleep(MIN_WAIT)
    form(page).get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("awaiting moderation|published"))
    approve(payload)
    open_article(reader, slug)
    comment = reader.locator(".comment-body", has_text=payload)
    expect(comment).to_have_text(payload)
    expect(reader.get_by_text("<b>Mallory</b>").first).to_be_visible()
    assert reader.evaluate("window.__pwned") is None
    assert reader.locator(".comment-body script, .comment-body img, .comment-body b").count() == 0
    assert dialogs == []


def test_draft_survives_navigation_and_reload(page: Page):
    open_article(page, "civil-servants-social-media-pakistan")
    write(page, name="Draft Writer", email="draft@example.com", body="Half-finished thought about neutrality")
    # The browser's copy of the draft, which the form is filled from on the way back, is written.
    page.wait_for_function(f"() => (localStorage.getItem({json.dumps(DRAFTS_KEY)}) || '').includes('Half-finished')")
    page.get_by_role("region", name="You may also like").get_by_role("article").first.get_by_role("link").last.click()
    expect(page).not_to_have_url(re.compile("civil-servants"))
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("")
    expect(form(page).get_by_role("textbox", name="Name")).to_have_value("Draft Writer")
    page.go_back()
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("Half-finished thought about neutrality")
    page.reload()
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("Half-finished thought about neutrality")
    expect(form(page).get_by_role("textbox", name="Email")).to_have_value("draft@example.com")


def test_a_draft_typed_just_before_leaving_is_kept(page: Page):
    """No waiting for the debounce or the server: the keystrokes are already in the browser."""
    open_article(page, "civil-servants-social-media-pakistan")
    form(page).get_by_role("textbox", name="Comment").fill("Typed, then off to another story at once")
    page.get_by_role("region", name="You may also like").get_by_role("article").first.get_by_role("link").last.click()
    expect(page).not_to_have_url(re.compile("civil-servants"))
    page.go_back()
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("Typed, then off to another story at once")
    # Closing or reloading the tab right after typing keeps it too.
    form(page).get_by_role("textbox", name="Comment").fill("A second thought, then reload")
    page.reload()
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("A second thought, then reload")
