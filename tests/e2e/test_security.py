"""Issue #12 in the production build (`reflex run --env prod`, as `make prod` runs it)."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Role, User
from artisan_app.services import auth
from tests.e2e.test_newsroom import sign_in


def test_the_demo_editor_cannot_sign_in_to_a_production_build(new_page, e2e_db_url):
    # The account a development seed made (`make run` on the same database before `make prod`).
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        demo = session.exec(select(User).where(User.email == auth.DEMO_EDITOR_EMAIL)).first()
        if demo is None:
            auth.create_user(session, email=auth.DEMO_EDITOR_EMAIL, name="Demo Editor",
                             password=auth.DEMO_EDITOR_PASSWORD, role=Role.editor)
        else:  # (a seed that retired it: bring it back, as an old database would have it)
            demo.is_active = True
            session.add(demo)
        session.commit()
    engine.dispose()
    page = new_page()
    sign_in(page, auth.DEMO_EDITOR_EMAIL, auth.DEMO_EDITOR_PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(auth.BAD_LOGIN)
    expect(page).to_have_url(re.compile("/editor/login$"))
