"""Newsroom tools in the browser at 1280 px: trash, featuring a story, the live
moderation queue with "Approve and reply", and adding a category from the article form."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services.accounts import auth
from tests.e2e.test_newsroom import EDITOR_PASSWORD
from tests.e2e.test_newsroom import sign_in as sign_in_as

TOOLS_EDITOR = "tools.desk@artisan.test"

FEATURED = "How Instagram and YouTube Gave Urdu Poetry a Second Youth"


@pytest.fixture(scope="module")
def editor_account(e2e_db_url, app_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=TOOLS_EDITOR, name="Tools Desk", password=EDITOR_PASSWORD, role=Role.editor)
        session.commit()
    engine.dispose()
    return TOOLS_EDITOR


def sign_in(page: Page) -> None:
    sign_in_as(page, TOOLS_EDITOR, EDITOR_PASSWORD)


def open_article_in_editor(page: Page, headline: str) -> None:
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Articles").click()
    page.get_by_label("Search titles").fill(headline[:20])
    page.get_by_role("link", name=headline).click()
    expect(page.get_by_label("Headline")).to_have_value(headline)


def test_draft_moved_to_trash_is_restored_and_live_articles_must_be_unpublished_first(new_page, editor_account):
    page = new_page(1280)
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.goto("/editor/article/new")
    page.get_by_label("Headline").fill("A Draft Made by Mistake")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"), timeout=15_000)

    panel = page.get_by_role("complementary", name="Publishing")
    panel.get_by_role("button", name="Move to trash").click()
    expect(page).to_have_url(re.compile("/editor/trash$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trash")
    expect(page.get_by_role("status").filter(has_text="Moved “A Draft Made by Mistake” to the trash")).to_be_visible()
    expect(page.get_by_role("table", name="Articles in the trash")).to_contain_text("A Draft Made by Mistake")
    # Not in the article list any more ...
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Articles").click()
    page.get_by_label("Search titles").fill("Made by Mistake")
    expect(page.get_by_text("No articles match these filters.")).to_be_visible()
    # ... until restored from the Trash view.
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Trash").click()
    page.get_by_role("button", name="Restore A Draft Made by Mistake").click()
    expect(page.get_by_role("status").filter(has_text="Restored “A Draft Made by Mistake” as a draft.")).to_be_visible()
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Articles").click()
    page.get_by_label("Search titles").fill("Made by Mistake")
    expect(page.get_by_role("link", name="A Draft Made by Mistake")).to_be_visible()

    # A published article offers no trash, only the way there.
    open_article_in_editor(page, FEATURED)
    expect(panel.get_by_role("button", name="Move to trash")).to_have_count(0)
    expect(panel).to_contain_text("To delete this article, unpublish it first")


def test_featured_story_leads_the_front_page_in_the_first_view_and_the_app(new_page, editor_account):
    page = new_page(1280)
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    open_article_in_editor(page, FEATURED)
    panel = page.get_by_role("complementary", name="Publishing")
    panel.get_by_role("button", name="Feature on the front page").click()
    expect(page.get_by_role("status").filter(has_text="Featured: this story now leads the front page.")).to_be_visible()
    try:
        reader = new_page(1280)
        # The first view (the HTML the server sends) leads with it ...
        html = reader.request.get("/").text()
        lead = html.split('class="lead-story"', 1)[1].split("</article>", 1)[0]
        assert FEATURED in lead
        # ... and so does the app once it has taken over.
        reader.goto("/")
        expect(reader.locator("main .lead-story .lead-title")).to_have_text(FEATURED)
        expect(reader.get_by_role("region", name="Latest").get_by_role("link", name=FEATURED)).to_have_count(0)
    finally:
        panel.get_by_role("button", name="Remove from the front page").click()
        expect(page.get_by_role("status").filter(has_text="Removed from the front page")).to_be_visible()


def held_count(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM comment WHERE status = 'pending'")).scalar()
    finally:
        engine.dispose()


def test_queue_and_badge_update_live_then_approve_and_reply_reaches_the_reader(new_page, editor_account, e2e_db_url):
    from artisan_app.services.comments.submission import MIN_SECONDS_TO_SUBMIT

    page = new_page(1280)
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Comments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments")
    badge = page.get_by_role("navigation", name="Newsroom").locator(".nav-badge")
    held_before = held_count(e2e_db_url)
    if held_before:
        expect(badge).to_have_text(str(held_before))

    reader = new_page(1280)
    reader.goto("/article/pakistan-call-centres-ai-agents")
    form = reader.get_by_role("form", name="Leave a comment")
    form.get_by_role("textbox", name="Name").fill("Live Queue Reader")
    form.get_by_role("textbox", name="Email").fill("live.queue@example.com")
    form.get_by_role("textbox", name="Comment").fill("Will the agents speak Urdu as well?")
    time.sleep(MIN_SECONDS_TO_SUBMIT + 0.5)  # the form refuses posts faster than a person types
    form.get_by_role("button", name="Post comment").click()
    expect(reader.get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible()

    # The open queue and the navigation badge show it without a reload.
    item = page.get_by_role("article", name="Comment by Live Queue Reader")
    expect(item).to_be_visible(timeout=15_000)
    expect(badge).to_have_text(str(held_before + 1))

    item.get_by_role("button", name="Approve and reply to Live Queue Reader as Artisan Times").click()
    item.get_by_role("button", name="Approve and publish reply").click()
    expect(item.get_by_text("Write a reply before sending.")).to_be_visible()
    item.get_by_label("Reply as Artisan Times").fill("Yes: Urdu, Punjabi and English from launch.")
    item.get_by_role("button", name="Approve and publish reply").click()
    expect(page.get_by_role("status").filter(has_text="Comment approved and reply published as Artisan Times.")).to_be_visible()
    if held_before:
        expect(badge).to_have_text(str(held_before))
    else:
        expect(badge).to_have_count(0)

    # The reader's own page says it is published now, and shows the reply.
    expect(reader.get_by_role("status").filter(has_text="Your comment has been approved and is now published.")).to_be_visible(
        timeout=15_000
    )
    expect(reader.get_by_role("article", name="Comment by Live Queue Reader")).not_to_contain_text("awaiting moderation")
    expect(reader.get_by_text("Yes: Urdu, Punjabi and English from launch.")).to_be_visible()


def test_editor_adds_a_category_from_the_article_form(new_page, editor_account, e2e_db_url):
    page = new_page(1280)
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.goto("/editor/article/new")
    page.get_by_label("Headline").fill("Glaciers Retreat Faster Than Forecast")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"), timeout=15_000)
    page.get_by_role("button", name="New category…").click()
    new = page.get_by_role("form", name="New category")
    new.get_by_label("Name of the new category").fill("Technology")
    new.get_by_role("button", name="Add category").click()
    expect(new.get_by_text("A category with that name already exists.")).to_be_visible()
    # Typing a category name is not an unsaved change to the article: leaving asks nothing.
    new.get_by_role("button", name="Cancel").click()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article_url = page.url
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Articles").click()
    expect(page).to_have_url(re.compile("/editor$"))
    assert dialogs == []
    page.goto(article_url)
    page.get_by_role("button", name="New category…").click()
    new.get_by_label("Name of the new category").fill("Climate Desk")
    new.get_by_role("button", name="Add category").click()
    category = page.get_by_label("Category", exact=True)
    expect(category).to_have_value("climate-desk")
    expect(category.locator("option:checked")).to_have_text("Climate Desk")
    # The article was saved with it (autosave, as for any change of category).
    article_id = int(page.url.rsplit("/", 1)[1])
    engine = create_engine(e2e_db_url)
    query = text("SELECT c.slug FROM article a JOIN category c ON c.id = a.category_id WHERE a.id = :id")
    deadline = time.monotonic() + 15
    try:
        while True:
            with engine.connect() as conn:
                if conn.execute(query, {"id": article_id}).scalar() == "climate-desk":
                    break
            assert time.monotonic() < deadline, "the new category was never saved with the article"
            page.wait_for_timeout(200)
    finally:
        engine.dispose()
