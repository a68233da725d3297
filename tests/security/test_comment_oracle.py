"""Item 2 of issue #12: posting a comment tells nothing about who wrote which
comment or whether an address was ever approved, and a typed address alone
never publishes at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from artisan_app.models import Comment, CommentStatus
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments import thread
from artisan_app.services.comments.submission import CommentRefused
from tests.factories import BASE_TIME, make_article, make_author, make_category, moderate_as_editor

NOW = BASE_TIME + timedelta(days=10)
VICTIM = "source@example.com"


@pytest.fixture
def article(any_session: Session):
    cat, author = make_category(any_session), make_author(any_session)
    return make_article(any_session, category=cat, author=author, slug="story", hours=1)


def post(session, article, *, email, body, reader_id, client):
    return svc.submit_comment(
        session,
        article_id=article.id,
        name="Someone",
        email=email,
        body=body,
        reader_id=reader_id,
        client_key=client,
        form_age_seconds=30,
        now=NOW,
    )


@pytest.fixture
def approved(any_session: Session, article):
    first = post(
        any_session, article, email=VICTIM, body="I was there that night.", reader_id="victim-browser", client="10.0.0.1"
    )
    moderate_as_editor(any_session, comment_ids=[first.comment_id], action="approve", now=NOW)
    return first


def _answer(result_or_error) -> tuple[str, bool]:
    """What the attacker's browser is told."""
    if isinstance(result_or_error, CommentRefused):
        return result_or_error.message, False
    return result_or_error.message, True


def test_reposting_an_approved_comment_under_a_guessed_address_reveals_nothing(any_session, article, approved):
    answers = {}
    for i, guess in enumerate([VICTIM, "nobody@example.com"]):
        try:
            answers[guess] = _answer(
                post(
                    any_session, article, email=guess, body="I was there that night.", reader_id="attacker", client=f"66.0.0.{i}"
                )
            )
        except CommentRefused as exc:
            answers[guess] = _answer(exc)
    # The right guess and a wrong one get the same answer, the ordinary "awaiting moderation".
    assert answers[VICTIM] == answers["nobody@example.com"] == (svc.AWAITING_MESSAGE, True)
    # And the attacker's own view of the thread differs in nothing but the name they typed.
    mine = thread.article_comments(any_session, article.id, reader_id="attacker", now=NOW).comments
    assert [(c.body, c.awaiting) for c in mine] == [
        ("I was there that night.", False),
        ("I was there that night.", True),
        ("I was there that night.", True),
    ]


def test_the_duplicate_check_is_behind_the_rate_limit(any_session, article, approved):
    for i in range(5):
        post(
            any_session,
            article,
            email=f"guess{i}@example.com",
            body="I was there that night.",
            reader_id="attacker",
            client="66.6.6.6",
        )
    with pytest.raises(CommentRefused) as err:
        post(any_session, article, email=VICTIM, body="I was there that night.", reader_id="attacker", client="66.6.6.6")
    assert err.value.message == svc.RATE_LIMITED_MESSAGE


def test_a_known_address_from_another_browser_is_held(any_session, article, approved):
    impostor = post(any_session, article, email=VICTIM, body="I take it all back.", reader_id="attacker", client="66.0.0.9")
    assert impostor.status == CommentStatus.pending.value and impostor.message == svc.AWAITING_MESSAGE
    assert thread.article_comments(any_session, article.id, reader_id="", now=NOW).approved_count == 1
    # The browser that earned the approval still posts at once with that address.
    own = post(
        any_session, article, email=VICTIM.upper(), body="And one more thing.", reader_id="victim-browser", client="10.0.0.1"
    )
    assert own.published
    # Without a reader id nothing is ever approved automatically.
    assert (
        post(any_session, article, email=VICTIM, body="No browser id.", reader_id="", client="10.0.0.7").status
        == CommentStatus.pending.value
    )


def test_the_same_browser_resubmitting_stores_one_comment(any_session, article):
    for _ in range(2):
        result = post(
            any_session, article, email="ann@example.com", body="Twice by accident.", reader_id="ann", client="10.0.0.2"
        )
        assert result.message == svc.AWAITING_MESSAGE
    assert len(any_session.exec(select(Comment)).all()) == 1
