"""Issue #18 in the browser: an author submits, an editor asks for changes with a note on section 2,
the author resolves it, the editor approves and publishes, and a reader sees the byline with both
authors; after a correction, the marker under the headline and the note at the end."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Author, Role, utcnow
from artisan_app.services.accounts import auth
from artisan_app.services.articles import coauthors
from artisan_app.services.common.text import date_label
from artisan_app.services.editorial import saving
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm
from tests.e2e.test_newsroom import sign_in

PASSWORD = "a long and unguessable passphrase"
HEADLINE = "Harbour Towns Vote on Sea Walls"


@pytest.fixture(scope="module")
def draft(e2e_db_url, app_url) -> dict:
    engine = create_engine(e2e_db_url)
    with Session(engine) as s:
        hannah = s.exec(select(Author).where(Author.slug == "hannah-okafor")).one()
        auth.create_user(
            s, email="hannah@craft.test", name="Hannah Okafor", password=PASSWORD, role=Role.author, author_id=hannah.id
        )
        auth.create_user(s, email="chief@craft.test", name="Chief Editor", password=PASSWORD, role=Role.editor)
        s.commit()
    with Session(engine) as s:
        from artisan_app.models import User

        user = s.exec(select(User).where(User.email == "hannah@craft.test")).one()
        author = auth.resolve_session(s, auth.start_session(s, user_id=user.id))
        chief = s.exec(select(User).where(User.email == "chief@craft.test")).one()
        editor = auth.resolve_session(s, auth.start_session(s, user_id=chief.id))
        form = ArticleForm(
            headline=HEADLINE,
            kicker="Coasts",
            category_slug="economy",
            author_slug="hannah-okafor",
            excerpt="Three harbour towns decide this week whether to pay for new sea walls, and who pays.",
            sections=[
                SectionForm("The vote", [BlockForm("paragraph", "Councils meet on Thursday.")]),
                SectionForm("The bill", [BlockForm("paragraph", "The walls would cost millions.")]),
            ],
        )
        saved = saving.save_article(s, user=author, form=form)
        coauthors.set_authors(s, user=editor, article_id=saved.article_id, author_slugs=["hannah-okafor", "tomasz-nowak"])
        s.commit()
        slug = saved.slug
    engine.dispose()
    return {"id": saved.article_id, "slug": slug}


def test_submit_review_with_a_note_on_section_two_publish_and_correct(new_page, draft):
    url = f"/editor/article/{draft['id']}"
    author = new_page(1280, 900)
    sign_in(author, "hannah@craft.test", PASSWORD)
    expect(author.get_by_role("heading", level=1)).to_have_text("Articles")
    author.goto(url)
    author.get_by_role("button", name="Submit for review").click()
    expect(author.get_by_role("status").filter(has_text="Submitted to the editors")).to_be_visible()

    desk = new_page(1280, 900)
    sign_in(desk, "chief@craft.test", PASSWORD)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Articles")
    desk.get_by_label("Status").select_option(label="Waiting for me")
    expect(desk.get_by_role("link", name=HEADLINE)).to_be_visible()
    desk.goto(url)
    review = desk.get_by_role("region", name="Review")
    review.get_by_label("Note on").select_option(label="Section 2: The bill")
    review.get_by_label("Note", exact=True).fill("Who pays? Name the councils.")
    review.get_by_role("button", name="Add note").click()
    expect(review.locator(".note.open")).to_contain_text("Section 2: The bill")
    review.get_by_role("button", name="Request changes").click()
    expect(desk.get_by_role("status").filter(has_text="Sent back to the authors")).to_be_visible()

    author.get_by_role("banner").get_by_role("link", name=re.compile("Newsroom")).click()  # in-app, to /editor
    expect(author.get_by_role("region", name="Your articles")).to_contain_text("Changes requested by Chief Editor")
    # In-app navigation: a second full load of the same URL in one browser context trips over a
    # sandboxing CSP on the revalidated response (reported to the lead; not this feature).
    author.get_by_role("region", name="Your articles").get_by_role("link", name=HEADLINE).click()
    notes = author.get_by_role("region", name="Review")
    expect(notes.locator(".note.open")).to_contain_text("Who pays? Name the councils.")
    notes.get_by_role("button", name="Resolve the note on Section 2: The bill").click()
    expect(notes.locator(".note.resolved")).to_contain_text("Resolved by Hannah Okafor")
    author.get_by_role("button", name="Submit for review").click()
    expect(author.get_by_role("status").filter(has_text="Submitted to the editors")).to_be_visible()

    desk.get_by_role("banner").get_by_role("link", name=re.compile("Newsroom")).click()
    desk.get_by_role("link", name=HEADLINE).click()
    desk.get_by_role("region", name="Review").get_by_role("button", name="Approve").click()
    expect(desk.get_by_role("status").filter(has_text="Approved")).to_be_visible()
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.get_by_role("status").filter(has_text="Published. It is live now.")).to_be_visible()

    reader = new_page(1280, 900)
    reader.goto(f"/article/{draft['slug']}")
    byline = reader.locator("main .byline")
    expect(byline).to_contain_text("By Hannah Okafor and Tomasz Nowak")
    expect(byline.get_by_role("link", name="Tomasz Nowak")).to_have_attribute("href", "/author/tomasz-nowak")
    expect(reader.locator("main .correction-marker")).to_have_count(0)

    corrections = desk.get_by_role("region", name="Corrections and updates")
    corrections.get_by_label("What was wrong, and what is right").fill(
        "An earlier version said the walls would cost billions. They would cost millions."
    )
    corrections.get_by_role("button", name="Add correction").click()
    expect(corrections).to_contain_text("An earlier version said the walls would cost billions.")

    today = date_label(utcnow())
    reader = new_page(1280, 900)
    reader.goto(f"/article/{draft['slug']}")
    expect(reader.locator("main .correction-marker")).to_have_text(f"Corrected {today}")
    expect(reader.get_by_role("region", name="Corrections and updates")).to_contain_text(
        f"Correction, {today}: An earlier version said the walls would cost billions."
    )
    reader.goto("/corrections")
    expect(reader.get_by_role("link", name=HEADLINE)).to_have_attribute("href", re.compile(draft["slug"]))
