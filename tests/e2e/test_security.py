"""Issue #12 in the production build (`reflex run --env prod`, as `make prod` runs it)."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article, Role, User
from artisan_app.services.accounts import auth
from artisan_app.services.comments import moderation
from artisan_app.services.comments import submission as comment_svc
from artisan_app.services.comments.names import RESERVED_NAME_MESSAGE
from tests.e2e.test_newsroom import sign_in
from tests.factories import moderate_as_editor


def test_the_demo_editor_cannot_sign_in_to_a_production_build(new_page, e2e_db_url):
    # The account a development seed made (`make run` on the same database before `make prod`).
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        demo = session.exec(select(User).where(User.email == auth.DEMO_EDITOR_EMAIL)).first()
        if demo is None:
            auth.create_user(
                session, email=auth.DEMO_EDITOR_EMAIL, name="Demo Editor", password=auth.DEMO_EDITOR_PASSWORD, role=Role.editor
            )
        else:  # (a seed that retired it: bring it back, as an old database would have it)
            demo.is_active = True
            session.add(demo)
        session.commit()
    engine.dispose()
    page = new_page()
    sign_in(page, auth.DEMO_EDITOR_EMAIL, auth.DEMO_EDITOR_PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(auth.BAD_LOGIN)
    expect(page).to_have_url(re.compile("/editor/login$"))


def test_staff_replies_are_badged_and_readers_cannot_sign_as_the_publication(new_page, e2e_db_url):
    slug = "urdu-poetry-revival-social-media"
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        article_id = session.exec(select(Article.id).where(Article.slug == slug)).one()
        reader = comment_svc.submit_comment(
            session,
            article_id=article_id,
            name="Zara Reader",
            email="zara@example.com",
            body="Who were the poets?",
            reader_id="zara",
            client_key="e2e-zara",
            form_age_seconds=60,
        )
        moderate_as_editor(session, comment_ids=[reader.comment_id], action="approve")
        desk = auth.create_user(
            session,
            email="badge-desk@artisan.test",
            name="Badge Desk",
            password="a long and unguessable passphrase",
            role=Role.editor,
        )
        moderation.reply_as_publication(
            session,
            user=auth.resolve_session(session, auth.start_session(session, user_id=desk.id)),
            comment_id=reader.comment_id,
            body="Faiz and Faraz, mostly.",
        )
        session.commit()
    engine.dispose()

    page = new_page()
    page.goto(f"/article/{slug}")
    # Other browser tests comment on this story too: the thread is paged, the new one is the newest.
    page.get_by_role("button", name="Newest first").click()
    staff = page.get_by_role("article", name="Comment by Artisan Times")
    expect(staff).to_contain_text("Faiz and Faraz, mostly.")
    expect(staff.locator(".comment-staff-badge")).to_have_text("Staff")
    expect(page.get_by_role("article", name="Comment by Zara Reader").locator(".comment-staff-badge")).to_have_count(0)

    form = page.get_by_role("form", name="Leave a comment")
    form.get_by_role("textbox", name="Name").fill("The Artisan Times")
    form.get_by_role("textbox", name="Email").fill("impostor@example.com")
    form.get_by_role("textbox", name="Comment").fill("Official: we retract everything.")
    form.get_by_role("button", name="Post comment").click()
    expect(form.get_by_text(RESERVED_NAME_MESSAGE)).to_be_visible()
    expect(form.get_by_role("textbox", name="Name")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_role("textbox", name="Comment")).to_have_value("Official: we retract everything.")


def test_a_session_that_ends_under_the_tab_says_so(new_page, e2e_db_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        desk = auth.create_user(
            session,
            email="ending@artisan.test",
            name="Ending Desk",
            password="a long and unguessable passphrase",
            role=Role.editor,
        )
        session.commit()
        desk_id = desk.id
    page = new_page()
    sign_in(page, "ending@artisan.test", "a long and unguessable passphrase")
    expect(page.get_by_text("Ending Desk · editor")).to_be_visible()
    with Session(engine) as session:  # deactivated elsewhere, or idle too long: the same to the tab
        auth.revoke_all_sessions(session, user_id=desk_id)
        session.commit()
    engine.dispose()
    # The tab's next request notices. (Not a click on a newsroom link: the tab's own live badge
    # may notice first and take the links away, so the click would race it.)
    page.goto("/editor/article/new")
    expect(page).to_have_url(re.compile("/editor/login$"))
    expect(page.get_by_role("alert")).to_contain_text("Your session has ended")
    expect(page.get_by_text("Ending Desk · editor")).to_have_count(0)
