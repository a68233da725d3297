"""A newsroom you can trust on deadline (issue #13, items 1–11 and 16; #12 item 8), in the browser.

Stories are prepared through the services on the app's own database; everything
the test checks is what an editor sees (or a reader, or the stored article).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article, Role, User
from artisan_app.services.accounts import auth
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import saving, workflow
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm

EMAIL = "trust@artisan.test"
PASSWORD = "a long and unguessable passphrase"
NEW = "/editor/article/new"


@pytest.fixture(scope="module")
def db(e2e_db_url, app_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=EMAIL, name="Trusty Editor", password=PASSWORD, role=Role.editor)
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def patient_expect():
    """Saves go through the server: on a loaded machine give each expectation 15 s, not 5."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def story(engine, headline: str, *, sections: int = 1, publish: bool = False, edits: int = 0) -> int:
    """A complete article (published if asked), saved ``edits`` more times with new headlines."""
    with Session(engine) as session:
        account = session.exec(select(User).where(User.email == EMAIL)).one()
        user = auth.resolve_session(session, auth.start_session(session, user_id=account.id))
        form = ArticleForm(
            headline=headline,
            kicker="On deadline",
            category_slug="technology",
            author_slug="hannah-okafor",
            excerpt="A story prepared for the newsroom's browser tests, long enough.",
            sections=[
                SectionForm(f"Part {n}", [BlockForm("paragraph", f"Paragraph of part {n}.")]) for n in range(1, sections + 1)
            ],
        )
        saved = saving.save_article(session, user=user, form=form)
        for n in range(edits):
            current = ed.load_form(session, user=user, article_id=saved.article_id)
            saving.save_article(session, user=user, form=replace(current, headline=f"{headline} (take {n + 2})"))
        if publish:
            workflow.publish(session, user=user, article_id=saved.article_id)
        session.commit()
        return saved.article_id


def stored(engine, article_id: int) -> Article:
    with Session(engine) as session:
        return session.get(Article, article_id)


def sign_in(page: Page) -> None:
    page.goto("/editor")
    form = page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill(EMAIL)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")


def panel(page: Page):
    return page.get_by_role("complementary", name="Publishing")


def save_status(page: Page):
    """The save indicator (the panel's other live regions are the trash/feature tools' notices)."""
    return panel(page).locator(".save-status")


def more_options(page: Page, width: int) -> None:
    """On small screens the bar shows the main buttons; the rest is behind "More options"."""
    if width < 1000:
        panel(page).get_by_role("button", name="More options").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_every_valid_change_is_saved_and_each_error_sits_by_its_field(new_page, db, width):
    """Items 1 (partial save, errors by field + summary), 7 (slug), 8 (indicator), 9 (numbers)."""
    page = new_page(width, 800)
    sign_in(page)
    page.goto(NEW)
    page.get_by_label("Category").select_option(label="Technology")  # the first autosave: no headline yet
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"))
    expect(page.get_by_label("Slug")).to_have_value("untitled")
    page.get_by_label("Headline").fill(f"Rooftop Solar Doubles at {width}px")
    page.get_by_label("Headline").blur()
    expect(page.get_by_label("Slug")).to_have_value(f"rooftop-solar-doubles-at-{width}px")  # item 7

    page.get_by_label("Kicker (short title)").fill("k" * 201)
    page.get_by_label("Heading of section 1").fill("1. Panels on every roof")
    page.get_by_label("Paragraph text (section 1, block 1)").fill("Installers cannot keep up.")
    page.get_by_role("button", name="Add a paragraph to section 1").click()
    page.get_by_label("Paragraph text (section 1, block 2)").fill("p" * 10_001)
    page.get_by_label("Paragraph text (section 1, block 2)").blur()

    kicker_error = page.locator("#err-kicker")
    expect(kicker_error).to_have_text("Kicker: keep this to 200 characters or fewer (it is 201).")
    expect(page.get_by_label("Kicker (short title)")).to_have_attribute("aria-invalid", "true")
    block_error = page.locator("#err-block-1-2")
    expect(block_error).to_contain_text("Section 1, paragraph 2: keep this to 10,000 characters or fewer")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.get_by_label("Heading of section 1")).to_have_value("Panels on every roof")  # item 9
    expect(page.locator(".numbered-heading .section-number").first).to_have_text("1.")
    expect(panel(page).get_by_text("Saved just now")).to_be_visible()  # item 8
    expect(save_status(page)).to_contain_text("2 fields not saved")

    summary.get_by_role("link", name=re.compile("^Section 1, paragraph 2")).click()
    expect(page.get_by_label("Paragraph text (section 1, block 2)")).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Kicker: keep this")).click()
    expect(page.get_by_label("Kicker (short title)")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"))

    page.on("dialog", lambda d: d.accept())  # the kicker was not saved: leaving asks first
    page.reload()
    expect(page.get_by_label("Heading of section 1")).to_have_value("Panels on every roof")
    expect(page.get_by_label("Paragraph text (section 1, block 1)")).to_have_value("Installers cannot keep up.")
    expect(page.get_by_label("Headline")).to_have_value(f"Rooftop Solar Doubles at {width}px")
    expect(page.get_by_label("Kicker (short title)")).to_have_value("")  # over its limit: never stored


@pytest.mark.parametrize("width", [1280, 375])
def test_publish_now_gives_the_url_past_times_are_refused_and_scheduled_says_so(new_page, db, width):
    """Items 5 (URL after the first save), 3 (past schedule), 4 (scheduled is shown as scheduled)."""
    page = new_page(width, 800)
    sign_in(page)
    page.goto(NEW)
    expect(page.get_by_role("heading", level=1)).to_have_text("New article")
    panel(page).get_by_role("button", name="Publish now").click()
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"))  # item 5
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text("A headline is required.")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit article")

    article_id = story(db, f"Monsoon Plans Drawn Up {width}")
    page.goto(f"/editor/article/{article_id}")
    expect(page.get_by_label("Headline")).to_have_value(f"Monsoon Plans Drawn Up {width}")
    more_options(page, width)
    page.get_by_label(re.compile(r"^Schedule for \(Asia/Karachi time\)")).fill("2020-01-01T00:00")
    panel(page).get_by_role("button", name="Schedule", exact=True).click()
    expect(page.locator("#err-schedule")).to_contain_text("1 January 2020, 00:00 PKT (19:00 UTC) has already passed")
    expect(panel(page).locator(".badge")).to_have_text("draft")  # item 3
    assert stored(db, article_id).published_at is None

    page.get_by_label(re.compile(r"^Schedule for")).fill("2030-01-01T09:00")
    panel(page).get_by_role("button", name="Schedule", exact=True).click()
    expect(panel(page).locator(".badge")).to_have_text("scheduled")  # item 4
    expect(panel(page)).to_contain_text("Scheduled for 1 January 2030, 09:00 PKT (04:00 UTC)")
    page.reload()
    expect(panel(page).locator(".badge")).to_have_text("scheduled")
    expect(panel(page).get_by_role("button", name="Update")).to_be_visible()
    more_options(page, width)
    expect(panel(page).get_by_role("button", name="Cancel schedule")).to_be_visible()
    expect(panel(page).get_by_role("button", name=re.compile("Unpublish"))).to_have_count(0)
    expect(panel(page).get_by_role("link", name="View on the site")).to_have_count(0)
    panel(page).get_by_role("button", name="Cancel schedule").click()
    expect(panel(page).locator(".badge")).to_have_text("draft")
    assert stored(db, article_id).published_at is None


def test_live_article_restores_as_unsaved_asks_before_unpublishing_and_needs_alt_text(new_page, db, tmp_path):
    """Items 2 (restore), 8 (compare side by side, folded list), 6 (unpublish asks; slug kept), 11 (alt text)."""
    from PIL import Image

    article_id = story(db, "Harbour Strike Ends", publish=True, edits=6)
    headline = "Harbour Strike Ends (take 7)"
    page = new_page()
    sign_in(page)
    page.goto(f"/editor/article/{article_id}")
    expect(page.get_by_label("Headline")).to_have_value(headline)
    revisions = page.get_by_role("region", name="Revisions")
    expect(revisions.get_by_role("button", name=re.compile("^Compare version"))).to_have_count(5)  # folded
    revisions.get_by_text(re.compile(r"^Show \d+ older revisions$")).click()
    revisions.get_by_role("button", name="Compare version 1 with the current text").click()
    table = revisions.get_by_role("table")
    expect(table.get_by_role("columnheader").first).to_contain_text("Version 1")
    expect(table.get_by_role("columnheader").nth(1)).to_have_text("Current text in the editor")
    expect(table.get_by_role("row").filter(has_text="Headline: Harbour Strike Ends")).to_contain_text(headline)
    revisions.get_by_role("button", name="Restore this version").click()
    expect(page.get_by_label("Headline")).to_have_value("Harbour Strike Ends")
    expect(save_status(page)).to_have_text("Unsaved changes — choose Update to publish them")
    assert stored(db, article_id).headline == headline  # item 2: nothing went live

    # Item 11: a cover on a live article needs its description on "Update" too.
    image = tmp_path / "quay.png"
    Image.new("RGB", (1800, 900), (40, 90, 120)).save(image)
    page.locator("#cover-upload input[type=file]").set_input_files(str(image))
    expect(page.locator("img.cover-thumb")).to_be_visible()
    panel(page).get_by_role("button", name="Update").click()
    expect(page.locator("#err-cover_alt")).to_have_text("Describe the cover image for readers who can’t see it.")
    assert stored(db, article_id).cover_image == "" and stored(db, article_id).headline == headline
    page.get_by_label("Cover image description (alt text)").fill("Cranes idle on the quay")
    page.get_by_label("Cover image description (alt text)").blur()
    panel(page).get_by_role("button", name="Update").click()
    expect(page.get_by_role("status").filter(has_text="Updated. Readers see this version now.")).to_be_visible()
    row = stored(db, article_id)
    assert row.headline == "Harbour Strike Ends" and row.cover_alt == "Cranes idle on the quay"

    # Item 6: unpublishing asks first and keeps the address.
    slug = row.slug
    panel(page).get_by_role("button", name="Unpublish…").click()
    dialog = page.get_by_role("alertdialog", name="Take this article off the site?")
    expect(dialog).to_contain_text(f"Its address stays /article/{slug}.")
    assert stored(db, article_id).status == "published"
    dialog.get_by_role("button", name="Keep it live").click()
    expect(dialog).to_have_count(0)
    panel(page).get_by_role("button", name="Unpublish…").click()
    dialog.get_by_role("button", name="Yes, unpublish").click()
    expect(panel(page).locator(".badge")).to_have_text("draft")
    expect(page.get_by_label("Slug")).to_be_disabled()
    expect(page.get_by_label("Slug")).to_have_value(slug)
    page.get_by_label("Headline").fill("Harbour Strike Ends After Talks")
    page.get_by_label("Headline").blur()
    expect(panel(page).get_by_text("Saved just now")).to_be_visible()
    expect(page.get_by_label("Slug")).to_have_value(slug)
    assert stored(db, article_id).slug == slug


def test_focus_moves_with_the_section_and_an_autosave_session_keeps_one_revision(new_page, db):
    """Items 10 (focus follows the moved section) and 8 (one rolling autosave)."""
    article_id = story(db, "Three Parts Story", sections=3)
    page = new_page()
    sign_in(page)
    page.goto(f"/editor/article/{article_id}")
    expect(page.get_by_label("Heading of section 1")).to_have_value("Part 1")
    page.get_by_role("button", name="Move section 1 down").click()
    expect(page.get_by_label("Heading of section 2")).to_have_value("Part 1")
    expect(page.get_by_role("button", name="Move section 2 down")).to_be_focused()
    page.keyboard.press("Enter")  # the same section moves again, not back
    expect(page.get_by_label("Heading of section 3")).to_have_value("Part 1")
    expect(page.get_by_role("button", name="Move section 3 up")).to_be_focused()
    for n, text in enumerate(("a", "b", "c", "d"), start=1):
        page.get_by_label("Excerpt").fill(f"A story prepared for the newsroom, edit {n}{text}.")
        page.get_by_label("Excerpt").blur()
        expect(panel(page).get_by_text("Saved just now")).to_be_visible()
    revisions = page.get_by_role("region", name="Revisions")
    expect(revisions.get_by_text("Autosave")).to_have_count(1)
    expect(revisions.get_by_role("button", name=re.compile("^Compare version"))).to_have_count(2)  # saved + autosave


@pytest.mark.parametrize("width", [375, 1280])
def test_the_publishing_controls_stay_on_screen_with_large_targets(new_page, db, width):
    """Item 16: at 375 px the Publish/Update controls are on screen (a bar), not 7,500 px down;
    at 1280 px the panel stays beside the form."""
    article_id = story(db, f"A Long Story at {width}px", sections=12, publish=True, edits=8)
    page = new_page(width, 812)
    sign_in(page)
    page.goto(f"/editor/article/{article_id}")
    update = panel(page).get_by_role("button", name="Update")
    expect(update).to_be_in_viewport()
    for y in (0, 3000, 100_000):
        page.evaluate(f"window.scrollTo(0, {y})")
        expect(update).to_be_in_viewport()
    for button in panel(page).get_by_role("button").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, button.text_content()
    box = page.get_by_role("button", name="Move section 2 up").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    if width > 1000:
        return
    # Nothing is hidden behind the bar for good: at the bottom of the page the content ends above it.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    main = page.locator(".editor-main").bounding_box()
    assert main["y"] + main["height"] <= panel(page).bounding_box()["y"] + 1


def test_the_save_indicator_says_just_now_then_the_time(new_page, db):
    """Item 8: "Saving…" (state test), then "Saved just now", then "Saved at 10:52:31 PKT"."""
    article_id = story(db, "Clockwork Story")
    page = new_page()
    page.clock.install()  # the page's own clock, advanced by the test instead of waited for
    sign_in(page)
    page.goto(f"/editor/article/{article_id}")
    page.get_by_label("Excerpt").fill("A story prepared for the newsroom's browser tests, edited once.")
    page.get_by_label("Excerpt").blur()
    status = save_status(page)
    expect(status.get_by_text("Saved just now")).to_be_visible()
    expect(status.get_by_text(re.compile(r"^Saved at"))).to_be_hidden()
    page.clock.run_for(61_000)
    expect(status.get_by_text(re.compile(r"^Saved at \d\d:\d\d:\d\d PKT$"))).to_be_visible()
    expect(status.get_by_text("Saved just now")).to_be_hidden()
