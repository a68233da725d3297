"""Newsroom rules: permissions, saving, conflicts, revisions, publishing, scheduling."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from artisan_app import models
from artisan_app.models import Article, ArticleRevision, Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import queries
from artisan_app.services.editorial import forms, saving, workflow
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import revisions as editorial_revisions
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user

NOW = BASE_TIME + timedelta(days=3)


@pytest.fixture
def newsroom(any_session: Session):
    s = any_session
    cat = make_category(s, "Politics", slug="politics")
    ann, bob = make_author(s, "Ann Author", slug="ann"), make_author(s, "Bob Byline", slug="bob")
    return {
        "s": s,
        "cat": cat,
        "ann": ann,
        "bob": bob,
        "admin": make_user(s, Role.admin, name="Ada Admin"),
        "editor": make_user(s, Role.editor, name="Eve Editor"),
        "author": make_user(s, Role.author, name="Ann Author", author=ann),
    }


def full_form(**overrides) -> ArticleForm:
    base = ArticleForm(
        headline="Parliament Passes the Budget",
        kicker="Money and power",
        category_slug="politics",
        author_slug="ann",
        excerpt="After weeks of wrangling, the budget passed with a narrow majority.",
        tags="budget, parliament",
        sections=[
            SectionForm(
                "The vote", [BlockForm("paragraph", "It passed by four votes."), BlockForm("quote", "A close call.", "A whip")]
            ),
            SectionForm("What next", [BlockForm("paragraph", "Implementation starts in July.")]),
        ],
    )
    return replace(base, **overrides)


def test_editor_creates_publishes_and_readers_see_it(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    assert saved.slug == "parliament-passes-the-budget" and saved.version == 1
    assert queries.get_article(s, saved.slug, now=NOW) is None  # a draft is not public
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    live = queries.get_article(s, saved.slug, now=NOW)
    assert [sec.heading for sec in live.sections] == ["The vote", "What next"]
    assert live.sections[0].blocks[1].attribution == "A whip"
    assert [t.slug for t in live.tags] == ["budget", "parliament"]


def test_slug_is_unique_and_fixed_once_published(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    first = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    second = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    assert second.slug == "parliament-passes-the-budget-2"
    custom = saving.save_article(
        s, user=editor, form=replace(ed.load_form(s, user=editor, article_id=second.article_id), slug="Budget Night!"), now=NOW
    )
    assert custom.slug == "budget-night"
    workflow.publish(s, user=editor, article_id=first.article_id, now=NOW)
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    assert form.slug_locked
    after = saving.save_article(s, user=editor, form=replace(form, headline="A New Headline", slug="other"), now=NOW)
    assert after.slug == "parliament-passes-the-budget"


def test_publish_validation_names_each_field(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=ArticleForm(kicker="just a kicker", excerpt="short"), now=NOW)
    with pytest.raises(forms.EditValidationError) as err:
        workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    assert {"headline", "excerpt", "sections"} <= set(err.value.errors)
    assert "20–300" in err.value.errors["excerpt"]
    assert s.get(Article, saved.article_id).status == "draft"


def test_draft_lengths_are_checked_even_when_saving(newsroom):
    saved = saving.save_article(newsroom["s"], user=newsroom["editor"], form=full_form(headline="x" * 301), now=NOW)
    assert "300 characters" in saved.skipped["headline"]
    assert newsroom["s"].get(Article, saved.article_id).headline == ""  # never stored over its limit


def test_authors_write_own_drafts_submit_for_review_but_cannot_publish(newsroom):
    s, author, editor = newsroom["s"], newsroom["author"], newsroom["editor"]
    saved = saving.save_article(s, user=author, form=full_form(author_slug="bob"), now=NOW)
    assert s.get(Article, saved.article_id).author_id == newsroom["ann"].id  # own byline, whatever was sent
    with pytest.raises(PermissionDenied):
        workflow.publish(s, user=author, article_id=saved.article_id, now=NOW)
    workflow.submit_for_review(s, user=author, article_id=saved.article_id, now=NOW)
    assert s.get(Article, saved.article_id).status == "review"
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    # Once published it is out of the author's hands.
    with pytest.raises(PermissionDenied):
        ed.load_form(s, user=author, article_id=saved.article_id)


def test_authors_cannot_touch_other_peoples_articles(newsroom):
    s, author = newsroom["s"], newsroom["author"]
    others = make_article(s, category=newsroom["cat"], author=newsroom["bob"], status=models.ArticleStatus.draft)
    for call in (
        lambda: ed.load_form(s, user=author, article_id=others.id),
        lambda: saving.save_article(s, user=author, form=full_form(id=others.id, version=others.version), now=NOW),
        lambda: editorial_revisions.list_revisions(s, user=author, article_id=others.id),
        lambda: ed.touch_presence(s, user=author, article_id=others.id),
        lambda: workflow.submit_for_review(s, user=author, article_id=others.id),
    ):
        with pytest.raises(PermissionDenied):
            call()
    rows, _ = ed.list_articles(s, user=author)
    assert others.id not in [r.id for r in rows]
    with pytest.raises(PermissionDenied):
        ed.list_articles(s, user=None)


def test_second_save_from_a_stale_version_is_refused_with_their_text(newsroom):
    s, editor, admin = newsroom["s"], newsroom["editor"], newsroom["admin"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    mine = ed.load_form(s, user=editor, article_id=saved.article_id)
    theirs = ed.load_form(s, user=admin, article_id=saved.article_id)
    saving.save_article(s, user=admin, form=replace(theirs, headline="Admin's headline"), now=NOW + timedelta(minutes=1))
    with pytest.raises(forms.EditConflict) as conflict:
        saving.save_article(s, user=editor, form=replace(mine, headline="Editor's headline"), now=NOW + timedelta(minutes=2))
    assert conflict.value.by == "Ada Admin"
    assert conflict.value.theirs.headline == "Admin's headline"
    assert s.get(Article, saved.article_id).headline == "Admin's headline"
    # Choosing to keep their own text overwrites deliberately, and is recorded.
    kept = saving.save_article(s, user=editor, form=replace(mine, headline="Editor's headline"), force=True, now=NOW)
    assert kept.version == 3 and s.get(Article, saved.article_id).headline == "Editor's headline"


def test_every_save_keeps_a_revision_compared_side_by_side_and_restored_as_a_form(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    form = ed.load_form(s, user=editor, article_id=saved.article_id)
    saving.save_article(s, user=editor, form=replace(form, headline="Budget Passes at Last"), now=NOW + timedelta(hours=1))
    revisions = editorial_revisions.list_revisions(s, user=editor, article_id=saved.article_id)
    assert [(r.version, r.user_name) for r in revisions] == [(2, "Eve Editor"), (1, "Eve Editor")]
    comparison = editorial_revisions.compare(s, user=editor, revision_id=revisions[1].id)
    assert (
        editorial_revisions.DiffRow("Headline: Parliament Passes the Budget", "Headline: Budget Passes at Last", "changed")
        in comparison.rows
    )
    restored, version = editorial_revisions.revision_form(s, user=editor, revision_id=revisions[1].id)
    assert version == 1 and restored.headline == "Parliament Passes the Budget"
    assert s.get(Article, saved.article_id).headline == "Budget Passes at Last"  # nothing written yet
    saving.save_article(s, user=editor, form=restored, note="Restored version 1", now=NOW + timedelta(hours=2))
    assert s.get(Article, saved.article_id).headline == "Parliament Passes the Budget"
    assert s.exec(select(ArticleRevision.note).where(ArticleRevision.version == 3)).one() == "Restored version 1"


def test_scheduled_article_goes_live_at_its_time(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    at = NOW + timedelta(hours=6)
    workflow.publish(s, user=editor, article_id=saved.article_id, at=at, now=NOW)
    rows, _ = ed.list_articles(s, user=editor, status="scheduled", now=NOW)
    assert [r.id for r in rows] == [saved.article_id]
    assert queries.get_article(s, saved.slug, now=NOW + timedelta(hours=5, minutes=59)) is None
    assert queries.get_article(s, saved.slug, now=at) is not None
    assert saved.slug in [c.slug for c in queries.latest_articles(s, now=at).items]


def test_unpublish_takes_it_down(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    workflow.unpublish(s, user=editor, article_id=saved.article_id, now=NOW)
    assert queries.get_article(s, saved.slug, now=NOW) is None


def test_presence_shows_who_else_has_it_open(newsroom):
    s, editor, admin = newsroom["s"], newsroom["editor"], newsroom["admin"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    assert ed.touch_presence(s, user=editor, article_id=saved.article_id, now=NOW) == []
    assert ed.touch_presence(s, user=admin, article_id=saved.article_id, now=NOW) == ["Eve Editor"]
    later = NOW + ed.PRESENCE_WINDOW + timedelta(seconds=1)
    assert ed.touch_presence(s, user=admin, article_id=saved.article_id, now=later) == []


def test_list_filters_by_status_category_author_and_title(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    a = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    saving.save_article(s, user=editor, form=full_form(headline="Weather Report", author_slug="bob"), now=NOW)
    workflow.publish(s, user=editor, article_id=a.article_id, now=NOW)
    ids = lambda **kw: [r.headline for r in ed.list_articles(s, user=editor, now=NOW, **kw)[0]]  # noqa: E731
    assert ids(status="published") == ["Parliament Passes the Budget"]
    assert ids(status="draft") == ["Weather Report"]
    assert ids(author_slug="bob") == ["Weather Report"]
    assert ids(query="weather") == ["Weather Report"]
    assert ids(category_slug="politics", query="budget") == ["Parliament Passes the Budget"]
