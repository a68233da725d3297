"""Approval holds, in the browser: an author edits an approved article, and the editor says it is
back in review; the status history shows the approval, its version, and the return to review."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Author, Role, User
from artisan_app.services.accounts import auth
from artisan_app.services.editorial import review, saving
from artisan_app.services.editorial.approval import BACK_TO_REVIEW
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm
from tests.e2e.test_newsroom import sign_in

PASSWORD = "a long and unguessable passphrase"
HEADLINE = "Ferry Fares Frozen for Islanders"


@pytest.fixture(autouse=True)
def patient_expect():
    """Saves go through the server: on a loaded machine give each expectation 15 s, not 5."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def _signed_in(s: Session, email: str):
    account = s.exec(select(User).where(User.email == email)).one()
    return auth.resolve_session(s, auth.start_session(s, user_id=account.id))


@pytest.fixture(scope="module")
def approved(e2e_db_url, app_url) -> int:
    engine = create_engine(e2e_db_url)
    with Session(engine) as s:
        tomasz = s.exec(select(Author).where(Author.slug == "tomasz-nowak")).one()
        auth.create_user(
            s, email="tomasz@approval.test", name="Tomasz Nowak", password=PASSWORD, role=Role.author, author_id=tomasz.id
        )
        auth.create_user(s, email="desk@approval.test", name="Desk Editor", password=PASSWORD, role=Role.editor)
        s.commit()
    with Session(engine) as s:
        author, editor = _signed_in(s, "tomasz@approval.test"), _signed_in(s, "desk@approval.test")
        form = ArticleForm(
            headline=HEADLINE,
            kicker="Islands",
            category_slug="economy",
            author_slug="tomasz-nowak",
            excerpt="The island ferry's fares stay where they are for residents until the end of next year.",
            sections=[SectionForm("The decision", [BlockForm("paragraph", "The council froze the fares.")])],
        )
        article_id = saving.save_article(s, user=author, form=form).article_id
        review.submit_for_review(s, user=author, article_id=article_id)
        review.approve(s, user=editor, article_id=article_id)
        s.commit()
    engine.dispose()
    return article_id


def test_an_edit_after_approval_goes_back_to_review_and_says_so(new_page, approved):
    page = new_page(1280, 900)
    sign_in(page, "tomasz@approval.test", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.goto(f"/editor/article/{approved}")
    publishing = page.get_by_role("complementary", name="Publishing")
    expect(publishing.locator(".status-line")).to_contain_text("approved")
    paragraph = page.get_by_label("Paragraph text (section 1, block 1)")
    expect(paragraph).to_have_value("The council froze the fares.")
    paragraph.fill("The council froze the fares, and doubled them for visitors.")
    publishing.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("status").filter(has_text=BACK_TO_REVIEW)).to_be_visible()
    expect(publishing.locator(".status-line")).to_contain_text("review")
    history = page.get_by_role("region", name="Review").locator("details")
    history.locator("summary").click()
    moves = history.get_by_role("listitem")
    expect(moves.first).to_contain_text("Approved → In review by Tomasz Nowak")
    expect(moves.nth(1)).to_contain_text("In review → Approved by Desk Editor")
    expect(moves.nth(1)).to_contain_text("version ")

    # The editor finds it waiting again, with Approve offered for the new text.
    desk = new_page(1280, 900)
    sign_in(desk, "desk@approval.test", PASSWORD)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Articles")
    desk.goto(f"/editor/article/{approved}")
    expect(desk.get_by_role("region", name="Review").get_by_role("button", name="Approve")).to_be_visible()
