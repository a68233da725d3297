"""Two "Send as newsletter" requests for one article at once (two clicks, two tabs, two
workers): one send is created, the other request is told the article was already sent.
On a SQLite file and on PostgreSQL, each request in its own transaction as the panel runs it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session, select

from artisan_app.core import db
from artisan_app.models import Newsletter, Role
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.newsletter import sends as newsletters
from tests.factories import make_article, make_author, make_category, make_user


def test_two_send_requests_at_once_create_one_send(shared_engine, monkeypatch):
    with Session(shared_engine) as s:
        article = make_article(s, category=make_category(s), author=make_author(s), slug="big-news", hours=1)
        editor: StaffUser = make_user(s, Role.editor)
        s.commit()
        article_id = article.id

    # Both requests look for an earlier send before either has created one (the race, made certain).
    both_looked = threading.Barrier(2, timeout=30)
    real_previous_send = newsletters.previous_send

    def previous_send_then_wait(session, article_id):
        found = real_previous_send(session, article_id)
        both_looked.wait()
        return found

    monkeypatch.setattr(newsletters, "previous_send", previous_send_then_wait)

    def request() -> str:
        try:
            with db.session_scope() as session:
                return f"queued {newsletters.queue_send(session, user=editor, article_id=article_id)}"
        except newsletters.NewsletterError as exc:
            return exc.message

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = sorted(pool.map(lambda _: request(), range(2)))

    with Session(shared_engine) as s:
        sends = s.exec(select(Newsletter).where(Newsletter.article_id == article_id)).all()
    assert len(sends) == 1, answers  # one send: every subscriber is mailed once
    assert answers[0].startswith("This article was already sent as a newsletter")
    assert answers[1] == f"queued {sends[0].id}"
