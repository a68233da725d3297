"""An editor's day, in the browser: sign in, write, preview, publish; a reader sees it."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine

from artisan_app.models import Role
from artisan_app.services.accounts import auth
from tests.e2e.saving import wait_until_saved

EDITOR_EMAIL = "desk@artisan.test"
EDITOR_PASSWORD = "a long and unguessable passphrase"


@pytest.fixture(scope="module")
def editor_account(e2e_db_url, app_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=EDITOR_EMAIL, name="Desk Editor", password=EDITOR_PASSWORD, role=Role.editor)
        session.commit()
    engine.dispose()
    return EDITOR_EMAIL


def sign_in(page: Page, email: str = EDITOR_EMAIL, password: str = EDITOR_PASSWORD) -> None:
    page.goto("/editor")
    expect(page).to_have_url(re.compile("/editor/login$"))
    form = page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()


def test_newsroom_requires_sign_in_and_wrong_password_is_refused(page: Page, editor_account):
    sign_in(page, password="not the password")
    expect(page.get_by_role("alert")).to_have_text("That email and password don’t match an account.")
    expect(page).to_have_url(re.compile("/editor/login$"))
    expect(page.get_by_label("Email")).to_have_value(EDITOR_EMAIL)
    page.goto("/editor/comments")
    expect(page).to_have_url(re.compile("/editor/login$"))


def test_editor_writes_previews_publishes_and_a_reader_sees_it(new_page, editor_account, e2e_db_url):
    page = new_page()
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="New article").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New article")

    page.get_by_label("Category").select_option(label="Technology")
    page.get_by_label("Author", exact=True).select_option(label="Hannah Okafor")
    page.get_by_label("Kicker (short title)").fill("Machines, minds and the grid")
    page.get_by_label("Headline").fill("Robots Learn to Read the Weather")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"), timeout=15_000)
    page.get_by_label("Excerpt").fill("A new forecasting model reads satellite images the way meteorologists do.")
    page.get_by_label("Heading of section 1").fill("How it works")
    page.get_by_label("Paragraph text (section 1, block 1)").fill("The model compares each image with decades of archives.")
    page.get_by_role("button", name="Add a quote to section 1").click()
    page.get_by_label("Quote text (section 1, block 2)").fill("It sees storms we would have missed.")
    page.get_by_label("Attribution (section 1, block 2)").fill("A forecaster")
    page.get_by_role("button", name="+ Add section").click()
    page.get_by_label("Heading of section 2").fill("What could go wrong")
    page.get_by_label("Paragraph text (section 2, block 1)").fill("Rare events are, by definition, rare in the data.")
    wait_until_saved(page, e2e_db_url, "Rare events are, by definition, rare in the data.")  # debounced, then autosaved
    expect(page.get_by_role("status").filter(has_text="Saved just now")).to_be_visible(timeout=15_000)

    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Robots Learn to Read the Weather")
    trends = preview.get_by_role("region", name="Key Trends & Concerns")
    expect(trends.get_by_role("heading", level=3)).to_have_text(["1. How it works", "2. What could go wrong"])
    expect(trends.locator("blockquote")).to_contain_text("It sees storms we would have missed.")
    expect(trends.locator("figcaption")).to_have_text("— A forecaster")
    page.get_by_role("button", name="Back to editing").click()

    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_role("status").filter(has_text="Published")).to_be_visible()
    expect(page.get_by_role("complementary", name="Publishing")).to_contain_text("published")

    reader = new_page()
    reader.goto("/")
    reader.get_by_role("link", name="Robots Learn to Read the Weather").first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Robots Learn to Read the Weather")
    expect(reader.get_by_role("region", name="Key Trends & Concerns").get_by_role("heading", level=3)).to_have_count(2)
    expect(reader.locator("blockquote")).to_contain_text("It sees storms we would have missed.")


def test_editor_moderates_a_held_comment(new_page, editor_account):
    import time

    from artisan_app.services.comments.submission import MIN_SECONDS_TO_SUBMIT

    reader = new_page()
    reader.goto("/article/ai-data-centres-power-grid-strain")
    form = reader.get_by_role("form", name="Leave a comment")
    form.get_by_role("textbox", name="Name").fill("Queue Tester")
    form.get_by_role("textbox", name="Email").fill("queue.tester@example.com")
    form.get_by_role("textbox", name="Comment").fill("Grid operators should publish their forecasts.")
    time.sleep(MIN_SECONDS_TO_SUBMIT + 0.5)
    form.get_by_role("button", name="Post comment").click()
    expect(reader.get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible()

    page = new_page()
    sign_in(page)
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Comments").click()
    item = page.get_by_role("article", name="Comment by Queue Tester")
    expect(item).to_contain_text("queue.tester@example.com")  # editors, and only editors, see the address
    item.get_by_role("button", name="Approve comment by Queue Tester").click()
    expect(page.get_by_role("status").filter(has_text="1 comment approved")).to_be_visible()
    expect(reader.get_by_role("article", name="Comment by Queue Tester")).not_to_contain_text(
        "awaiting moderation", timeout=15_000
    )


def test_cover_image_is_checked_reencoded_and_needs_alt_text(new_page, editor_account, tmp_path, e2e_db_url):
    import io

    from PIL import Image

    good = tmp_path / "harbour.png"
    Image.new("RGB", (2000, 1000), (20, 80, 160)).save(good)
    fake = tmp_path / "not-really.png"
    fake.write_bytes(b"<?php echo 'hello'; ?>")

    page = new_page()
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.goto("/editor/article/new")
    page.get_by_label("Headline").fill("Harbour Cranes Return to Work")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"), timeout=15_000)

    upload = page.locator("#cover-upload input[type=file]")
    upload.set_input_files(str(fake))
    expect(page.locator("#err-cover")).to_have_text(
        "That file is not an image (it is text or markup). Upload a JPEG, PNG, WebP, GIF or AVIF image."
    )
    upload.set_input_files(str(good))
    # Through the photograph pipeline (#14): renditions made at upload, the editor shows a small JPEG.
    thumb = page.locator("img.cover-thumb")
    expect(thumb).to_have_attribute("src", re.compile(r"^/media/[0-9a-f]+-640\.jpg$"))
    served = page.request.get(thumb.get_attribute("src"))
    assert served.ok
    with Image.open(io.BytesIO(served.body())) as img:
        assert img.format == "JPEG" and img.size == (640, 320)

    # Publishing needs a description of the image.
    page.get_by_label("Category").select_option(label="Economy")
    page.get_by_label("Author", exact=True).select_option(label="Amira Siddiqui")
    page.get_by_label("Kicker (short title)").fill("Ports")  # else a content check asks first (issue #18)
    page.get_by_label("Excerpt").fill("Port workers are back after a month-long dispute over automation.")
    page.get_by_label("Heading of section 1").fill("Back at the quay")
    page.get_by_label("Paragraph text (section 1, block 1)").fill("The first ships were unloaded at dawn.")
    wait_until_saved(page, e2e_db_url, "The first ships were unloaded at dawn.")  # debounced, then autosaved
    expect(page.get_by_role("status").filter(has_text="Saved just now")).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator("#err-cover_alt")).to_have_text("Describe the cover image for readers who can’t see it.")
    page.get_by_label("Cover image description (alt text)").fill("Blue cranes over an empty quay at dawn")
    wait_until_saved(page, e2e_db_url, "Blue cranes over an empty quay at dawn")  # debounced, then autosaved
    expect(page.get_by_role("status").filter(has_text="Saved just now")).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_role("status").filter(has_text="Published")).to_be_visible()


def test_leaving_with_unsaved_changes_asks_first(new_page, editor_account):
    page = new_page()
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.get_by_role("link", name=re.compile("^TikTok to Slash UK Moderation Jobs")).click()
    expect(page.get_by_label("Headline")).to_have_value("TikTok to Slash UK Moderation Jobs as AI Takes Over")
    # A published article is not autosaved: the change waits for "Update".
    page.get_by_label("Kicker (short title)").fill("An unsaved thought")
    expect(page.get_by_role("status").filter(has_text="Unsaved changes")).to_be_visible(timeout=10_000)
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Articles").click()
    deadline = time.monotonic() + 15
    while not dialogs:  # the question is asked (and dismissed by the handler above)
        assert time.monotonic() < deadline, "no question before leaving"
        page.wait_for_timeout(50)
    assert dialogs == ["You have unsaved changes. Leave this page anyway?"]
    expect(page.get_by_label("Kicker (short title)")).to_have_value("An unsaved thought")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"))
