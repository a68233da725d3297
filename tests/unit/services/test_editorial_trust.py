"""Newsroom rules from "a newsroom you can trust on deadline" (issue #13) and the body cap (#12.8):
partial saves, the revision policy, schedules with a pinned clock, slugs, alt text on updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from artisan_app.models import Article, ArticleRevision, Role
from artisan_app.services.articles import queries
from artisan_app.services.common.newsroom_time import newsroom_zone, parse_local, schedule_label
from artisan_app.services.editorial import forms, saving, workflow
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm
from tests.factories import make_author, make_category, make_user
from tests.unit.services.test_editorial import NOW, full_form


@pytest.fixture
def newsroom(any_session):
    make_category(any_session, "Politics", slug="politics")
    make_author(any_session, "Ann Author", slug="ann")
    return {
        "s": any_session,
        "editor": make_user(any_session, Role.editor, name="Eve Editor"),
        "admin": make_user(any_session, Role.admin, name="Ada Admin"),
    }


def _revisions(s, article_id):
    return s.exec(select(ArticleRevision).where(ArticleRevision.article_id == article_id)).all()


def test_one_invalid_field_does_not_stop_the_others_being_saved(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    form = full_form(
        kicker="k" * 201,
        sections=[
            SectionForm("Panels", [BlockForm("paragraph", "Kept."), BlockForm("paragraph", "x" * 10_001)]),
            SectionForm("h" * 301, [BlockForm("quote", "A quote.", "a" * 301)]),
        ],
    )
    saved = saving.save_article(s, user=editor, form=form, now=NOW)
    assert set(saved.skipped) == {"kicker", "block-1-2", "heading-2", "attr-2-1"}
    assert saved.skipped["block-1-2"].startswith("Section 1, paragraph 2: keep this to 10,000 characters")
    stored = ed.load_form(s, user=editor, article_id=saved.article_id)
    assert stored.kicker == "" and stored.headline == "Parliament Passes the Budget"
    assert stored.sections[0] == SectionForm("Panels", [BlockForm("paragraph", "Kept.")])
    assert stored.sections[1].blocks[0].text == "A quote." and stored.sections[1].blocks[0].attribution == ""
    # A later fix is saved; a still-invalid field keeps what was stored before.
    again = saving.save_article(s, user=editor, form=replace(stored, kicker="Short", headline="y" * 301), now=NOW)
    assert set(again.skipped) == {"headline"}
    stored = ed.load_form(s, user=editor, article_id=saved.article_id)
    assert (stored.kicker, stored.headline) == ("Short", "Parliament Passes the Budget")


def test_the_whole_body_is_capped(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    big = [SectionForm(f"Part {i}", [BlockForm("paragraph", "w" * 9_999)] * 3) for i in range(8)]  # ~240,000
    form = full_form(sections=big)
    assert "the limit is 200,000" in forms.draft_errors(forms.clean_form(form))["body"]
    saved = saving.save_article(s, user=editor, form=form, now=NOW)
    assert "body" in saved.skipped
    assert forms.body_size(ed.load_form(s, user=editor, article_id=saved.article_id)) <= forms.BODY_LIMIT


def test_a_ten_minute_typing_session_makes_one_rolling_autosave(newsroom):
    s, editor, admin = newsroom["s"], newsroom["editor"], newsroom["admin"]
    saved = saving.save_article(s, user=editor, form=full_form(), note="Saved", now=NOW)
    form = ed.load_form(s, user=editor, article_id=saved.article_id)
    for tick in range(300):  # a debounced autosave every 2 seconds for 10 minutes
        result = saving.save_article(
            s,
            user=editor,
            form=replace(form, excerpt=form.excerpt + " more" * (tick % 5)),
            autosave=True,
            now=NOW + timedelta(seconds=2 * tick),
        )
        form = replace(form, version=result.version)
    rows = _revisions(s, saved.article_id)
    assert sorted(r.note for r in rows) == ["Autosave", "Saved"]
    # Another editor's autosave is their own rolling row.
    other = ed.load_form(s, user=admin, article_id=saved.article_id)
    saving.save_article(s, user=admin, form=replace(other, kicker="Theirs"), autosave=True, now=NOW + timedelta(minutes=11))
    assert len(_revisions(s, saved.article_id)) == 3
    # Explicit save, publish and schedule each add one; the saver's rolling autosave is folded into it.
    form = ed.load_form(s, user=editor, article_id=saved.article_id)
    saving.save_article(s, user=editor, form=form, note="Saved", now=NOW + timedelta(minutes=12))
    workflow.publish(s, user=editor, article_id=saved.article_id, at=NOW + timedelta(days=1), now=NOW + timedelta(minutes=13))
    notes = [r.note for r in _revisions(s, saved.article_id)]
    assert notes.count("Autosave") == 1 and notes.count("Saved") == 2 and len(notes) == 4
    assert notes[-1].startswith("Scheduled for ")


def test_a_time_in_the_past_cannot_be_scheduled(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    for past in (NOW - timedelta(days=365 * 6), NOW - timedelta(minutes=1), NOW):
        with pytest.raises(forms.EditValidationError) as err:
            workflow.publish(s, user=editor, article_id=saved.article_id, at=past, now=NOW)
        assert "has already passed" in err.value.errors["schedule"]
        assert s.get(Article, saved.article_id).status == "draft"
    assert queries.get_article(s, saved.slug, now=NOW) is None
    at = NOW + timedelta(minutes=1)
    workflow.publish(s, user=editor, article_id=saved.article_id, at=at, now=NOW)
    form = ed.load_form(s, user=editor, article_id=saved.article_id, now=NOW)
    assert form.phase == "scheduled" and form.schedule_label == schedule_label(at)


def test_schedule_is_typed_and_shown_in_the_newsroom_time_zone():
    zone = newsroom_zone("Asia/Karachi")
    at = parse_local("2026-11-29T09:00", zone)
    assert at.isoformat() == "2026-11-29T04:00:00+00:00"
    assert schedule_label(at, zone) == "29 November 2026, 09:00 PKT (04:00 UTC)"
    assert schedule_label(at, newsroom_zone("UTC")) == "29 November 2026, 04:00 UTC"
    assert parse_local("not a time", zone) is None
    assert parse_local("0001-01-01T00:00", zone) is None  # would be before year 1 in UTC


def test_cancel_schedule_and_unpublish(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, at=NOW + timedelta(hours=2), now=NOW)
    with pytest.raises(forms.EditValidationError):
        workflow.unpublish(s, user=editor, article_id=saved.article_id, now=NOW)  # not live: cancel the schedule instead
    workflow.cancel_schedule(s, user=editor, article_id=saved.article_id, now=NOW)
    form = ed.load_form(s, user=editor, article_id=saved.article_id, now=NOW)
    assert form.phase == "draft" and not form.slug_locked  # it never went live
    # Once live, unpublishing keeps the slug: shared links work again when it is republished.
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    workflow.unpublish(s, user=editor, article_id=saved.article_id, now=NOW)
    form = ed.load_form(s, user=editor, article_id=saved.article_id, now=NOW)
    assert form.phase == "draft" and form.slug_locked
    after = saving.save_article(s, user=editor, form=replace(form, headline="Another Headline", slug="another"), now=NOW)
    assert after.slug == "parliament-passes-the-budget"


def test_slug_follows_the_headline_until_typed_or_published(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    first = saving.save_article(s, user=editor, form=ArticleForm(category_slug="politics"), autosave=True, now=NOW)
    assert first.slug == "untitled"
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    second = saving.save_article(s, user=editor, form=replace(form, headline="Floods Reach the Capital"), autosave=True, now=NOW)
    assert second.slug == "floods-reach-the-capital"
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    third = saving.save_article(s, user=editor, form=replace(form, headline="Floods Reach Lahore"), autosave=True, now=NOW)
    assert third.slug == "floods-reach-lahore"
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    typed = saving.save_article(s, user=editor, form=replace(form, slug="lahore-floods", slug_custom=True), now=NOW)
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    assert typed.slug == "lahore-floods" and form.slug_custom
    kept = saving.save_article(s, user=editor, form=replace(form, headline="Floods Recede"), now=NOW)
    assert kept.slug == "lahore-floods"
    form = ed.load_form(s, user=editor, article_id=first.article_id)
    cleared = saving.save_article(s, user=editor, form=replace(form, slug="", slug_custom=False), now=NOW)
    assert cleared.slug == "floods-recede"


def test_a_typed_section_number_is_dropped():
    assert forms.strip_section_number("1. Panels and power") == "Panels and power"
    assert forms.strip_section_number("12) Costs") == "Costs"
    assert forms.strip_section_number("1.5 million jobs") == "1.5 million jobs"
    assert forms.strip_section_number("2024 was the year") == "2024 was the year"
    form = forms.clean_form(full_form(sections=[SectionForm("1. Panels", [BlockForm("paragraph", "Text.")])]))
    assert form.sections[0].heading == "Panels"


def test_every_save_that_makes_content_public_needs_alt_text(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    live = ed.load_form(s, user=editor, article_id=saved.article_id, now=NOW)
    with pytest.raises(forms.EditValidationError) as err:
        saving.save_article(s, user=editor, form=replace(live, cover_image="/_upload/cover.webp"), now=NOW)
    assert err.value.errors["cover_alt"].startswith("Describe the cover image")
    assert s.get(Article, saved.article_id).cover_image == ""
    with pytest.raises(forms.EditValidationError):  # an autosave never changes a live article
        saving.save_article(s, user=editor, form=replace(live, headline="Half-written"), autosave=True, now=NOW)
    assert s.get(Article, saved.article_id).headline == "Parliament Passes the Budget"
    saving.save_article(s, user=editor, form=replace(live, cover_image="/_upload/cover.webp", cover_alt="The chamber"), now=NOW)
    assert s.get(Article, saved.article_id).cover_alt == "The chamber"
