"""Issue #18: the review workflow (every move and who may make it), notes anchored to stable
section/block keys, and co-authors' permissions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from artisan_app.models import Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import coauthors
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import review, saving
from artisan_app.services.editorial.forms import EditValidationError
from artisan_app.services.editorial.status_history import author_updates, history
from tests.factories import make_author, make_category, make_user
from tests.unit.services.test_editorial import NOW, full_form


@pytest.fixture
def desk(any_session):
    s = any_session
    make_category(s, "Politics", slug="politics")
    ann, bob = make_author(s, "Ann Author", slug="ann"), make_author(s, "Bob Byline", slug="bob")
    eve_byline = make_author(s, "Eve Editor", slug="eve")
    d = {
        "s": s,
        "ann_byline": ann,
        "bob_byline": bob,
        "ann": make_user(s, Role.author, name="Ann Author", author=ann),
        "bob": make_user(s, Role.author, name="Bob Byline", author=bob),
        "eve": make_user(s, Role.editor, name="Eve Editor", author=eve_byline),
        "ed2": make_user(s, Role.editor, name="Ed Second"),
        "admin": make_user(s, Role.admin, name="Ada Admin"),
    }
    d["id"] = saving.save_article(s, user=d["ann"], form=full_form(), now=NOW).article_id
    return d


def status(d):
    return ed.load_form(d["s"], user=d["admin"], article_id=d["id"]).status


def test_every_move_is_recorded_with_who_and_when(desk):
    s, i = desk["s"], desk["id"]
    review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW)
    review.request_changes(s, user=desk["ed2"], article_id=i, note="Tighten the top.", now=NOW + timedelta(minutes=1))
    assert status(desk) == "changes"
    [note] = review.notes_for(s, user=desk["ann"], article_id=i)
    review.resolve(s, user=desk["ann"], note_id=note.id, now=NOW + timedelta(minutes=2))
    review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW + timedelta(minutes=2))
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=3))
    review.publish(s, user=desk["ed2"], article_id=i, now=NOW + timedelta(minutes=4))
    moves = [(m.from_label, m.to_label, m.by) for m in reversed(history(s, i))]
    assert moves == [
        ("Draft", "In review", "Ann Author"),
        ("In review", "Changes requested", "Ed Second"),
        ("Changes requested", "In review", "Ann Author"),
        ("In review", "Approved", "Ed Second"),
        ("Approved", "Published", "Ed Second"),
    ]
    assert history(s, i)[0].at_label == "4 January 2026, 09:04 UTC"
    # Ann sees in the newsroom that changes were requested and that it was published.
    assert [u.message for u in author_updates(s, desk["ann"])] == ["Published by Ed Second", "Changes requested by Ed Second"]


def test_scheduling_is_a_move_too(desk):
    s, i = desk["s"], desk["id"]
    review.publish(s, user=desk["ed2"], article_id=i, at=NOW + timedelta(days=1), now=NOW)
    assert history(s, i)[0].to_status == "scheduled"


def test_authors_cannot_approve_request_changes_or_publish(desk):
    s, i = desk["s"], desk["id"]
    review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW)
    for move in (review.approve, review.request_changes, review.publish):
        with pytest.raises(PermissionDenied):
            move(s, user=desk["ann"], article_id=i, now=NOW)
    with pytest.raises(PermissionDenied):  # another author cannot even see it
        review.submit_for_review(s, user=desk["bob"], article_id=i, now=NOW)
    assert status(desk) == "review"


def test_an_editor_cannot_approve_an_article_they_wrote(desk):
    s = desk["s"]
    mine = saving.save_article(s, user=desk["eve"], form=full_form(author_slug="eve"), now=NOW).article_id
    review.submit_for_review(s, user=desk["eve"], article_id=mine, now=NOW)
    with pytest.raises(PermissionDenied, match="other than its authors"):
        review.approve(s, user=desk["eve"], article_id=mine, now=NOW)
    # Nor as a co-author.
    review.submit_for_review(s, user=desk["ann"], article_id=desk["id"], now=NOW)
    coauthors.set_authors(s, user=desk["admin"], article_id=desk["id"], author_slugs=["ann", "eve"])
    with pytest.raises(PermissionDenied):
        review.approve(s, user=desk["eve"], article_id=desk["id"], now=NOW)
    review.approve(s, user=desk["ed2"], article_id=desk["id"], now=NOW)
    assert status(desk) == "approved"


def test_moves_only_from_the_right_status(desk):
    s, i = desk["s"], desk["id"]
    with pytest.raises(EditValidationError):
        review.approve(s, user=desk["ed2"], article_id=i, now=NOW)  # still a draft
    with pytest.raises(EditValidationError):
        review.request_changes(s, user=desk["ed2"], article_id=i, now=NOW)
    review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW)
    with pytest.raises(EditValidationError):
        review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW)


def test_open_notes_block_approval_until_resolved(desk):
    s, i = desk["s"], desk["id"]
    review.submit_for_review(s, user=desk["ann"], article_id=i, now=NOW)
    note = review.add_note(s, user=desk["ed2"], article_id=i, body="Source?", now=NOW)
    with pytest.raises(EditValidationError, match="open notes"):
        review.approve(s, user=desk["ed2"], article_id=i, now=NOW)
    with pytest.raises(PermissionDenied):  # authors reply and resolve; they don't write notes
        review.add_note(s, user=desk["ann"], article_id=i, body="Me too", now=NOW)
    review.reply(s, user=desk["ann"], note_id=note.id, body="Added the ministry's figures.", now=NOW)
    review.resolve(s, user=desk["ann"], note_id=note.id, now=NOW)
    review.approve(s, user=desk["ed2"], article_id=i, now=NOW)
    [kept] = review.notes_for(s, user=desk["ed2"], article_id=i)
    assert kept.resolved and kept.resolved_label.startswith("Resolved by Ann Author")
    assert kept.replies == [("Ann Author", "4 January 2026, 09:00 UTC", "Added the ministry's figures.")]


def test_a_note_on_section_two_follows_it_through_reordering_and_edits(desk):
    s, i, ann = desk["s"], desk["id"], desk["ann"]
    form = ed.load_form(s, user=ann, article_id=i)
    second = form.sections[1]
    assert second.key and form.sections[0].key != second.key
    note = review.add_note(s, user=desk["ed2"], article_id=i, body="Needs a date.", anchor_key=second.key, now=NOW)
    assert review.notes_for(s, user=ann, article_id=i)[0].anchor_label == "Section 2: What next"
    # The author edits section 1 and moves section 2 to the top; the note stays on its section.
    first = replace(form.sections[0], heading="The vote, counted")
    saving.save_article(s, user=ann, form=replace(form, sections=[second, first]), now=NOW)
    [view] = review.notes_for(s, user=ann, article_id=i)
    assert (view.id, view.anchor_key, view.anchor_label) == (note.id, second.key, "Section 1: What next")
    # And a block keeps its key through edits of its own text.
    form = ed.load_form(s, user=ann, article_id=i)
    block = form.sections[1].blocks[0]
    edited = replace(form.sections[1], blocks=[replace(block, text="Changed words."), *form.sections[1].blocks[1:]])
    saving.save_article(s, user=ann, form=replace(form, sections=[form.sections[0], edited]), now=NOW)
    assert ed.load_form(s, user=ann, article_id=i).sections[1].blocks[0].key == block.key


def test_a_note_cannot_point_at_a_part_that_does_not_exist(desk):
    with pytest.raises(EditValidationError):
        review.add_note(desk["s"], user=desk["ed2"], article_id=desk["id"], body="x", anchor_key="nope")


def test_co_authors_edit_the_draft_and_keep_the_primary_author(desk):
    s, i = desk["s"], desk["id"]
    with pytest.raises(PermissionDenied):
        ed.load_form(s, user=desk["bob"], article_id=i)
    with pytest.raises(PermissionDenied):  # only editors set the byline
        coauthors.set_authors(s, user=desk["ann"], article_id=i, author_slugs=["ann", "bob"])
    coauthors.set_authors(s, user=desk["eve"], article_id=i, author_slugs=["ann", "bob"])
    form = ed.load_form(s, user=desk["bob"], article_id=i)
    saving.save_article(s, user=desk["bob"], form=replace(form, kicker="Bob's kicker"), now=NOW)
    assert [a.slug for a in coauthors.authors_of(s, i)] == ["ann", "bob"]
    assert any(r.id == i for r in ed.list_articles(s, user=desk["bob"])[0])
    review.submit_for_review(s, user=desk["bob"], article_id=i, now=NOW)
    review.publish(s, user=desk["ed2"], article_id=i, now=NOW)
    with pytest.raises(PermissionDenied):  # published: editors only, as for the primary author
        ed.load_form(s, user=desk["bob"], article_id=i)


def test_an_editor_changing_the_primary_author_keeps_co_authors(desk):
    s, i = desk["s"], desk["id"]
    coauthors.set_authors(s, user=desk["eve"], article_id=i, author_slugs=["ann", "bob"])
    form = ed.load_form(s, user=desk["eve"], article_id=i)
    saving.save_article(s, user=desk["eve"], form=replace(form, author_slug="bob"), now=NOW)
    assert [a.slug for a in coauthors.authors_of(s, i)] == ["bob", "ann"]


def test_byline_wording():
    a, b, c = "A", "B", "C"
    assert [sep for _, sep in coauthors.byline([a])] == [""]
    assert [sep for _, sep in coauthors.byline([a, b])] == [" and ", ""]
    assert [sep for _, sep in coauthors.byline([a, b, c])] == [", ", " and ", ""]
