"""Two sign-ups of one address at the same moment (a double click, two tabs), each in its own
transaction as the sign-up form runs it, on a SQLite file and on PostgreSQL: one subscriber,
pending, with the sections chosen, and both requests answered normally."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session, select

from artisan_app.core import db
from artisan_app.models import Subscriber, SubscriberCategory
from artisan_app.services.newsletter import subscriptions
from tests.factories import make_category


def test_two_sign_ups_of_one_address_at_once_make_one_subscriber(shared_engine, monkeypatch):
    with Session(shared_engine) as s:
        make_category(s, "Politics", slug="politics")
        make_category(s, "Economy", slug="economy")
        s.commit()

    # Both requests look the address up only once both are about to (neither has added it yet).
    both_ready = threading.Barrier(2, timeout=30)
    real_category_ids = subscriptions._category_ids

    def category_ids_then_wait(session, slugs):
        found = real_category_ids(session, slugs)
        both_ready.wait()
        return found

    monkeypatch.setattr(subscriptions, "_category_ids", category_ids_then_wait)

    def sign_up(address: str) -> str:
        with db.session_scope() as session:
            mail = subscriptions.subscribe(
                session, email=address, sections=["politics", "economy"], client_key=f"client-{address}"
            )
            return mail.kind if mail else "none"

    with ThreadPoolExecutor(max_workers=2) as pool:
        kinds = list(pool.map(sign_up, ["Reader@Example.com", " reader@example.com "]))

    assert sorted(kinds) in (["confirm", "confirm"], ["confirm", "none"])  # the second mail may be rate limited
    with Session(shared_engine) as s:
        [subscriber] = s.exec(select(Subscriber)).all()
        chosen = s.exec(select(SubscriberCategory).where(SubscriberCategory.subscriber_id == subscriber.id)).all()
    assert subscriber.email == "reader@example.com" and subscriber.status == "pending"
    assert len(chosen) == 2 and not subscriber.all_categories
