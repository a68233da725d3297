"""Approval holds: what goes live is what someone not on the byline reviewed (services/editorial/approval.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from artisan_app.models import Article, StatusChange, User
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import coauthors, queries
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import review, saving
from artisan_app.services.editorial.approval import BACK_TO_REVIEW, UNSCHEDULED
from artisan_app.services.editorial.status_history import history
from tests.factories import make_author
from tests.unit.services.test_editorial import NOW, full_form
from tests.unit.services.test_review import desk  # noqa: F401 - the fixture


def _approved(d, article_id: int) -> None:
    review.submit_for_review(d["s"], user=d["ann"], article_id=article_id, now=NOW)
    review.approve(d["s"], user=d["ed2"], article_id=article_id, now=NOW + timedelta(minutes=1))


def _edit(d, user, article_id: int, text: str, minutes: int = 2):
    form = ed.load_form(d["s"], user=user, article_id=article_id)
    first = form.sections[0]
    edited = replace(first, blocks=[replace(first.blocks[0], text=text), *first.blocks[1:]])
    return saving.save_article(
        d["s"], user=user, form=replace(form, sections=[edited, *form.sections[1:]]), now=NOW + timedelta(minutes=minutes)
    )


def _eves(d) -> int:
    """An article on Eve's byline (Eve is an editor), submitted for review."""
    i = saving.save_article(d["s"], user=d["eve"], form=full_form(author_slug="eve"), now=NOW).article_id
    review.submit_for_review(d["s"], user=d["eve"], article_id=i, now=NOW)
    return i


def test_an_authors_edit_after_approval_sends_the_article_back_to_review(desk):  # noqa: F811
    s, i = desk["s"], desk["id"]
    _approved(desk, i)
    result = _edit(desk, desk["ann"], i, "It passed by forty votes, unreviewed.")
    assert result.review_notice == BACK_TO_REVIEW
    assert ed.load_form(s, user=desk["admin"], article_id=i).status == "review"
    assert (history(s, i)[0].from_label, history(s, i)[0].to_label, history(s, i)[0].by) == (
        "Approved",
        "In review",
        "Ann Author",
    )


def test_a_save_that_changes_nothing_keeps_the_approval(desk):  # noqa: F811
    s, i = desk["s"], desk["id"]
    _approved(desk, i)
    form = ed.load_form(s, user=desk["ann"], article_id=i)
    assert saving.save_article(s, user=desk["ann"], form=form, now=NOW + timedelta(minutes=2)).review_notice == ""
    assert ed.load_form(s, user=desk["admin"], article_id=i).status == "approved"


def test_an_editor_on_the_byline_cannot_publish_or_schedule_their_own_unapproved_story(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    with pytest.raises(PermissionDenied, match="byline"):
        review.publish(s, user=desk["eve"], article_id=i, now=NOW)
    with pytest.raises(PermissionDenied, match="byline"):
        review.publish(s, user=desk["eve"], article_id=i, at=NOW + timedelta(days=1), now=NOW)
    assert s.get(Article, i).status == "review"


def test_an_approval_lets_the_byline_editor_publish_and_is_recorded(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=1))
    review.publish(s, user=desk["eve"], article_id=i, now=NOW + timedelta(minutes=2))
    published, approved = history(s, i)[:2]
    assert (approved.to_label, approved.by, published.to_label, published.by) == (
        "Approved",
        "Ed Second",
        "Published",
        "Eve Editor",
    )
    assert published.detail == f"{approved.detail}, approved by Ed Second" and approved.detail.startswith("version ")


def test_an_edit_after_approval_voids_it_for_the_byline_editor(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=1))
    _edit(desk, desk["eve"], i, "Rewritten after approval.")
    with pytest.raises(PermissionDenied, match="byline"):
        review.publish(s, user=desk["eve"], article_id=i, now=NOW + timedelta(minutes=3))


def test_an_approver_later_put_on_the_byline_no_longer_counts(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=1))
    ed2_byline = make_author(s, "Ed Second", slug="ed2")
    account = s.get(User, desk["ed2"].id)
    account.author_id = ed2_byline.id
    s.add(account)
    coauthors.set_authors(s, user=desk["admin"], article_id=i, author_slugs=["eve", "ed2"])
    s.get(Article, i).status = "approved"  # the byline change left it approved
    with pytest.raises(PermissionDenied, match="byline"):
        review.publish(s, user=desk["eve"], article_id=i, now=NOW + timedelta(minutes=3))


def test_only_an_admin_publishes_without_review_and_it_is_recorded(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    with pytest.raises(PermissionDenied, match="Only an admin"):
        review.publish(s, user=desk["eve"], article_id=i, now=NOW, without_review=True)
    review.publish(s, user=desk["admin"], article_id=i, now=NOW, without_review=True)
    [move] = [m for m in history(s, i) if m.to_status == "published"]
    assert move.by == "Ada Admin" and move.detail.startswith("published without review")
    row = s.exec(select(StatusChange).where(StatusChange.article_id == i, StatusChange.to_status == "published")).one()
    assert row.without_review and row.revision_id


def test_an_editor_off_the_byline_reviews_by_publishing(desk):  # noqa: F811
    s, i = desk["s"], desk["id"]
    review.publish(s, user=desk["ed2"], article_id=i, now=NOW)
    assert history(s, i)[0].detail.endswith("reviewed by the publisher")


def test_the_byline_editor_cannot_change_a_live_article_unreviewed(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=1))
    review.publish(s, user=desk["eve"], article_id=i, now=NOW + timedelta(minutes=2))
    with pytest.raises(PermissionDenied, match="byline"):
        _edit(desk, desk["eve"], i, "Slipped in after publication.", minutes=3)
    slug = s.get(Article, i).slug
    assert "Slipped" not in queries.get_article(s, slug, now=NOW + timedelta(minutes=4)).sections[0].blocks[0].text
    _edit(desk, desk["ed2"], i, "An editor off the byline may update it.", minutes=5)


def test_a_scheduled_article_changed_by_its_author_leaves_the_schedule(desk):  # noqa: F811
    s = desk["s"]
    i = _eves(desk)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=1))
    review.publish(s, user=desk["eve"], article_id=i, at=NOW + timedelta(days=1), now=NOW + timedelta(minutes=2))
    # Moving the time keeps the review the schedule had.
    review.publish(s, user=desk["eve"], article_id=i, at=NOW + timedelta(days=2), now=NOW + timedelta(minutes=3))
    result = _edit(desk, desk["eve"], i, "Changed while scheduled.", minutes=4)
    assert result.review_notice == UNSCHEDULED
    article = s.get(Article, i)
    assert (article.status, article.published_at) == ("review", None)
    # Nothing goes live at the scheduled time, and it cannot be scheduled again unreviewed.
    assert queries.get_article(s, article.slug, now=NOW + timedelta(days=3)) is None
    with pytest.raises(PermissionDenied, match="byline"):
        review.publish(s, user=desk["eve"], article_id=i, at=NOW + timedelta(days=2), now=NOW + timedelta(minutes=5))
    assert history(s, i)[0].from_label == "Scheduled"
