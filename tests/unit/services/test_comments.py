"""Comment rules: validation, abuse checks, moderation and the threaded view."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from artisan_app.models import Comment, CommentStatus
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments import thread as comment_thread
from artisan_app.services.comments.moderation import ModerationAction
from artisan_app.services.comments.submission import CommentRefused, CommentValidationError
from tests.factories import BASE_TIME, make_article, make_author, make_category, moderate_as_editor

NOW = BASE_TIME + timedelta(days=10)


@pytest.fixture
def article(any_session: Session):
    cat, author = make_category(any_session), make_author(any_session)
    return make_article(any_session, category=cat, author=author, slug="story", hours=1)


def post(
    session: Session,
    article,
    *,
    body="A thoughtful comment.",
    email="reader@example.com",
    name="Reader",
    website="",
    reader_id="reader-1",
    client="10.0.0.1",
    now=NOW,
    **kw,
):
    return svc.submit_comment(
        session,
        article_id=article.id,
        name=name,
        email=email,
        website=website,
        body=body,
        reader_id=reader_id,
        client_key=client,
        form_age_seconds=30,
        now=now,
        **kw,
    )


# --- validation ---------------------------------------------------------------


def test_every_required_field_gets_its_own_message():
    with pytest.raises(CommentValidationError) as err:
        svc.validate_comment("  ", "\t", "", " \n ")
    assert set(err.value.errors) == {"name", "email", "body"}
    assert "name" in err.value.errors["name"].lower()
    assert "email" in err.value.errors["email"].lower()


@pytest.mark.parametrize(
    "field, value, fragment",
    [
        ("name", "x" * 81, "80 characters or fewer"),
        ("body", "y" * 5001, "5,000 characters or fewer"),
        ("website", "https://example.com/" + "a" * 190, "200 characters or fewer"),
        ("website", "javascript:alert(1)", "http:// or https://"),
        ("website", "ftp://example.com", "http:// or https://"),
        ("website", "https://", "full web address"),
        ("email", "not-an-email", "valid email"),
        ("email", "a@b", "valid email"),
        ("email", "name@example..com", "valid email"),
    ],
)
def test_limits_and_formats_say_what_to_fix(field, value, fragment):
    values = {"name": "Ann", "email": "ann@example.com", "website": "", "body": "Hello"} | {field: value}
    with pytest.raises(CommentValidationError) as err:
        svc.validate_comment(**values)
    assert list(err.value.errors) == [field]
    assert fragment in err.value.errors[field]


def test_valid_input_is_cleaned_but_keeps_line_breaks():
    clean = svc.validate_comment(
        " Ann  Lee ", " Ann@Example.COM ", "https://ann.example/blog", "First line\r\nsecond\x00 line\n\n\n\nend"
    )
    assert clean.name == "Ann Lee"
    assert clean.email_normalized == "ann@example.com"
    assert clean.body == "First line\nsecond line\n\nend"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    name=st.one_of(st.text(), st.text(min_size=70, max_size=400), st.integers(), st.none()),
    email=st.one_of(st.text(), st.emails(), st.text(alphabet="\x00\x01\u202e@.a ", max_size=50)),
    website=st.one_of(st.text(), st.from_regex(r"https?://[^\s]{0,250}", fullmatch=True)),
    body=st.one_of(st.text(), st.text(min_size=4990, max_size=5020), st.lists(st.text())),
)
def test_validator_never_raises_anything_but_a_validation_error(name, email, website, body):
    try:
        clean = svc.validate_comment(name, email, website, body)
    except CommentValidationError as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
    else:
        assert 0 < len(clean.name) <= svc.MAX_NAME and 0 < len(clean.body) <= svc.MAX_BODY
        assert "\x00" not in clean.name + clean.body + clean.email + clean.website
        assert clean.website == "" or clean.website.lower().startswith(("http://", "https://"))


# --- moderation rules -----------------------------------------------------------


def test_first_comment_is_held_then_approval_lets_later_ones_through(any_session: Session, article):
    first = post(any_session, article)
    assert first.status == CommentStatus.pending.value and "awaiting moderation" in first.message
    assert comment_thread.article_comments(any_session, article.id, reader_id="someone-else", now=NOW).comments == []

    assert moderate_as_editor(any_session, comment_ids=[first.comment_id], action=ModerationAction.approve, now=NOW) == 1
    second = post(any_session, article, body="A second thought.", email="READER@example.com")
    assert second.published
    thread = comment_thread.article_comments(any_session, article.id, reader_id="someone-else", now=NOW)
    assert [c.body for c in thread.comments] == ["A thoughtful comment.", "A second thought."]
    assert thread.approved_count == 2


def test_held_comment_is_visible_only_to_its_author(any_session: Session, article):
    post(any_session, article, reader_id="me")
    mine = comment_thread.article_comments(any_session, article.id, reader_id="me", now=NOW)
    assert [(c.body, c.awaiting) for c in mine.comments] == [("A thoughtful comment.", True)]
    assert mine.approved_count == 0
    assert comment_thread.article_comments(any_session, article.id, reader_id="", now=NOW).comments == []
    assert comment_thread.article_comments(any_session, article.id, reader_id="you", now=NOW).comments == []


def test_many_links_are_held_even_for_a_known_commenter(any_session: Session, article):
    moderate_as_editor(any_session, comment_ids=[post(any_session, article).comment_id], action="approve")
    linky = post(any_session, article, body="see https://a.example www.b.example and http://c.example")
    assert linky.status == CommentStatus.pending.value
    two_links = post(any_session, article, body="see https://a.example and https://b.example")
    assert two_links.published


def test_spam_and_trash_hide_a_comment(any_session: Session, article):
    cid = post(any_session, article).comment_id
    moderate_as_editor(any_session, comment_ids=[cid], action="approve", now=NOW)
    moderate_as_editor(any_session, comment_ids=[cid], action="spam", now=NOW)
    assert comment_thread.article_comments(any_session, article.id, now=NOW).approved_count == 0
    # A spammer's earlier approval no longer vouches for them.
    assert post(any_session, article, body="new one").status == CommentStatus.pending.value


# --- abuse checks ---------------------------------------------------------------


def test_honeypot_and_too_fast_are_refused_without_saying_why(any_session: Session, article):
    with pytest.raises(CommentRefused) as bot:
        post(any_session, article, honeypot="Acme Ltd")
    with pytest.raises(CommentRefused) as fast:
        svc.submit_comment(
            any_session,
            article_id=article.id,
            name="A",
            email="a@example.com",
            body="hi",
            client_key="x",
            form_age_seconds=0.5,
            now=NOW,
        )
    assert bot.value.message == fast.value.message == svc.REFUSED_MESSAGE
    assert "honeypot" not in bot.value.message.lower() and "fast" not in fast.value.message.lower()
    assert any_session.exec(select(Comment)).all() == []


def test_duplicate_comment_is_not_stored_twice(any_session: Session, article):
    post(any_session, article, body="Same   words here")
    again = post(any_session, article, body="same words HERE", client="10.0.0.2")
    assert again.message == svc.AWAITING_MESSAGE  # answered like any held comment
    assert len(any_session.exec(select(Comment)).all()) == 1
    # Another reader may say the same thing.
    assert post(any_session, article, body="Same words here", email="other@example.com", client="10.0.0.3")


def test_rate_limit_is_per_client(any_session: Session, article):
    for i in range(5):
        post(any_session, article, body=f"comment {i}", client="10.9.9.9")
    with pytest.raises(CommentRefused) as err:
        post(any_session, article, body="one too many", client="10.9.9.9")
    assert err.value.message == svc.RATE_LIMITED_MESSAGE
    assert post(any_session, article, body="someone else", client="10.9.9.10")


def test_unknown_or_unpublished_article_takes_no_comments(any_session: Session, article):
    with pytest.raises(CommentRefused):
        svc.submit_comment(
            any_session,
            article_id=article.id + 999,
            name="A",
            email="a@example.com",
            body="hi",
            client_key="c",
            form_age_seconds=10,
            now=NOW,
        )


# --- threads ----------------------------------------------------------------------


def _approved(session, article, **kw):
    result = post(session, article, **kw)
    moderate_as_editor(session, comment_ids=[result.comment_id], action="approve", now=NOW)
    return result.comment_id


def test_replies_nest_three_levels_then_continue_flat(any_session: Session, article):
    root = _approved(any_session, article, body="root", now=NOW)
    parent, ids = root, [root]
    for level in range(1, 6):
        parent = _approved(
            any_session,
            article,
            body=f"reply {level}",
            parent_id=parent,
            email=f"r{level}@example.com",
            client=f"10.1.0.{level}",
            now=NOW + timedelta(minutes=level),
        )
        ids.append(parent)
    other_root = _approved(
        any_session, article, body="second root", email="z@example.com", client="10.2.0.1", now=NOW + timedelta(minutes=1)
    )
    thread = comment_thread.article_comments(any_session, article.id, now=NOW + timedelta(hours=1)).comments
    assert [c.body for c in thread] == ["root", "reply 1", "reply 2", "reply 3", "reply 4", "reply 5", "second root"]
    assert [c.depth for c in thread] == [0, 1, 2, 3, 3, 3, 0]
    assert thread[1].parent_id == root and thread[-1].id == other_root


def test_reply_to_a_held_or_foreign_comment_is_refused(any_session: Session, article):
    held = post(any_session, article).comment_id
    with pytest.raises(CommentValidationError):
        post(any_session, article, body="reply", parent_id=held)


def test_view_carries_no_email_and_labels_dates(any_session: Session, article):
    _approved(any_session, article, email="secret@example.com", website="https://me.example", now=NOW)
    view = comment_thread.article_comments(any_session, article.id, now=NOW + timedelta(hours=2)).comments[0]
    assert "secret@example.com" not in repr(dataclasses.asdict(view))
    assert view.relative_label == "2 hours ago"
    assert view.created_label.endswith(f"{NOW:%Y}, 09:00 UTC")
    assert view.website == "https://me.example"


def test_version_changes_when_a_comment_is_approved(any_session: Session, article):
    before = comment_thread.comments_version(any_session, article.id)
    cid = post(any_session, article).comment_id
    assert comment_thread.comments_version(any_session, article.id) == before
    moderate_as_editor(any_session, comment_ids=[cid], action="approve", now=NOW)
    assert comment_thread.comments_version(any_session, article.id) != before


def test_versions_of_many_threads_in_one_query_match_one_by_one(any_session: Session, article):
    quiet = make_article(
        any_session, category=make_category(any_session, "Quiet"), author=make_author(any_session), slug="quiet", hours=2
    )
    before = comment_thread.comments_versions(any_session, [article.id, quiet.id])
    assert before == {article.id: "0:None:None", quiet.id: "0:None:None"}
    first = post(any_session, article)
    moderate_as_editor(any_session, comment_ids=[first.comment_id], action="approve", now=NOW)
    after = comment_thread.comments_versions(any_session, [article.id, quiet.id])
    assert after[article.id] != before[article.id] and after[quiet.id] == before[quiet.id]
    assert after == {a: comment_thread.comments_version(any_session, a) for a in (article.id, quiet.id)}
