"""Issue #18: corrections in the open (append-only, dated, in JSON-LD, feeds and the sitemap),
co-authors on the reader side, and the editor's content checks on crafted articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from artisan_app.models import ArticleRevision, Correction, Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import coauthors, corrections, queries
from artisan_app.services.editorial import corrections as editor_corrections
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import saving, workflow
from artisan_app.services.editorial.content_checks import checks_for, run_checks
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, EditValidationError, SectionForm
from artisan_app.services.site import feeds, seo
from artisan_app.web.registry import sitemap_sources
from tests.factories import make_author, make_category, make_user
from tests.unit.services.test_editorial import NOW, full_form

SITE = "https://artisan.test"


@pytest.fixture
def live(session):
    make_category(session, "Politics", slug="politics")
    make_author(session, "Ann Author", slug="ann")
    make_author(session, "Bob Byline", slug="bob")
    make_author(session, "Cy Third", slug="cy")
    editor = make_user(session, Role.editor, name="Eve Editor")
    saved = saving.save_article(session, user=editor, form=full_form(), now=NOW)
    workflow.publish(session, user=editor, article_id=saved.article_id, now=NOW)
    return {"s": session, "editor": editor, "id": saved.article_id, "slug": saved.slug}


def test_a_correction_shows_dated_at_the_end_with_a_marker_and_moves_date_modified(live):
    s, later = live["s"], NOW + timedelta(days=2)
    editor_corrections.add_correction(
        s,
        user=live["editor"],
        article_id=live["id"],
        kind="correction",
        text="An earlier version misstated the margin.",
        now=later,
    )
    detail = queries.get_article(s, live["slug"], now=later)
    assert [(c.kind_label, c.date_label, c.text) for c in detail.corrections] == [
        ("Correction", "6 January 2026", "An earlier version misstated the margin.")
    ]
    assert detail.correction_marker == "Corrected 6 January 2026"
    ld = seo.article_meta(detail, site_url=SITE).json_ld
    assert ld["dateModified"] == later.isoformat()
    [item] = feeds.feed_items(s, now=later)
    assert item.updated_at == later
    notes = [r.note for r in s.exec(select(ArticleRevision).where(ArticleRevision.article_id == live["id"])).all()]
    assert "Correction added" in notes  # part of the revision history
    [row] = corrections.recent_corrections(s, now=later)
    assert (row.slug, row.correction.kind_label) == (live["slug"], "Correction")
    assert any(e.path == "/corrections" and e.lastmod == later for e in feeds.sitemap_entries(s, sitemap_sources(), now=later))


def test_editing_the_article_never_removes_a_correction(live):
    s = live["s"]
    editor_corrections.add_correction(
        s, user=live["editor"], article_id=live["id"], kind="update", text="Added reaction.", now=NOW + timedelta(hours=1)
    )
    form = ed.load_form(s, user=live["editor"], article_id=live["id"])
    saving.save_article(
        s, user=live["editor"], form=replace(form, headline="Budget passes, narrowly"), now=NOW + timedelta(hours=2)
    )
    assert len(s.exec(select(Correction)).all()) == 1
    assert not hasattr(corrections, "delete_correction") and not hasattr(corrections, "edit_correction")
    assert corrections.marker(s, live["id"]) == "Updated 4 January 2026"


def test_only_editors_add_corrections_and_only_to_live_articles(live):
    s = live["s"]
    author = make_user(s, Role.author, name="Ann", author=None)
    with pytest.raises(PermissionDenied):
        editor_corrections.add_correction(s, user=author, article_id=live["id"], kind="correction", text="x", now=NOW)
    draft = saving.save_article(s, user=live["editor"], form=full_form(headline="Another"), now=NOW).article_id
    with pytest.raises(PermissionDenied):
        editor_corrections.add_correction(s, user=live["editor"], article_id=draft, kind="correction", text="x", now=NOW)
    with pytest.raises(EditValidationError):
        editor_corrections.add_correction(s, user=live["editor"], article_id=live["id"], kind="retraction", text="x", now=NOW)
    with pytest.raises(EditValidationError):
        editor_corrections.add_correction(s, user=live["editor"], article_id=live["id"], kind="update", text="  ", now=NOW)


def test_co_authors_in_the_byline_json_ld_feed_and_author_pages(live):
    s = live["s"]
    coauthors.set_authors(s, user=live["editor"], article_id=live["id"], author_slugs=["ann", "bob", "cy"])
    detail = queries.get_article(s, live["slug"], now=NOW)
    assert [(b.name, b.sep) for b in detail.byline] == [("Ann Author", ", "), ("Bob Byline", " and "), ("Cy Third", "")]
    ld = seo.article_meta(detail, site_url=SITE).json_ld
    assert [a["name"] for a in ld["author"]] == ["Ann Author", "Bob Byline", "Cy Third"]
    assert ld["author"][1]["url"] == SITE + "/author/bob"
    xml = feeds.site_feed(s, site_url=SITE, now=NOW).decode()
    assert xml.count("<name>Bob Byline</name>") == 1 and xml.count("<name>Cy Third</name>") == 1
    assert [c.slug for c in queries.latest_articles(s, author_slug="cy", now=NOW).items] == [live["slug"]]
    assert any(e.path == "/author/cy" for e in feeds.sitemap_entries(s, sitemap_sources(), now=NOW))


# --- content checks -----------------------------------------------------------------------


def _levels(form: ArticleForm) -> dict[str, str]:
    return {c.key: c.level for c in run_checks(form).checks}


def test_a_well_made_article_passes_every_check():
    report = run_checks(full_form())
    assert not report.failing and {c.level for c in report.checks} == {"pass"}
    assert report.words > 10 and report.minutes == 1
    assert report.readability == ""  # too short for a sound score


def test_each_check_finds_its_problem():
    form = full_form(
        kicker="",
        excerpt="",
        headline="H" * 61,
        cover_image="/media/1/cover.jpg",
        cover_alt="",
        sections=[
            SectionForm("Lead", [BlockForm("paragraph", "Read the report [here](https://example.org).")]),
            SectionForm("", [BlockForm("quote", "We will not back down.", "")]),
            SectionForm("Empty", [BlockForm("paragraph", "")]),
        ],
    )
    levels = _levels(form)
    assert {k for k, v in levels.items() if v == "fail"} == {
        "kicker",
        "excerpt",
        "alt-text",
        "empty-sections",
        "quote-attribution",
        "heading-order",
        "link-text",
    }
    assert levels["headline-length"] == "warn"
    details = {c.key: c.detail for c in run_checks(form).checks}
    assert details["empty-sections"] == "Section 3 has no text."
    assert details["quote-attribution"] == "A quote in section 2 says nobody said it."
    assert "“here”" in details["link-text"]
    assert _levels(replace(form, excerpt="Too short."))["excerpt-length"] == "warn"
    assert _levels(replace(form, excerpt="x" * 161))["excerpt-length"] == "warn"


def test_the_remembered_checks_follow_every_change_of_the_form():
    """``checks_for`` (the editor's computed vars) answers from memory only for the same content."""
    form = full_form(kicker="")
    assert "kicker" in {c.key for c in checks_for(form).failing}
    assert checks_for(replace(form)) is checks_for(form)  # an equal form: the same report
    assert "kicker" not in {c.key for c in checks_for(replace(form, kicker="Analysis")).failing}
    form.sections[0].blocks.append(BlockForm("quote", "Unsaid.", ""))  # changed in place
    assert "quote-attribution" in {c.key for c in checks_for(form).failing}
    assert checks_for(form, language="ur").readability == "" and checks_for(form) == run_checks(form)


def test_readability_for_english_articles_of_some_length_only():
    text = " ".join(["The council met on Monday. It voted to fix the roads before winter."] * 10)
    form = full_form(sections=[SectionForm("Roads", [BlockForm("paragraph", text)])])
    assert run_checks(form).readability.startswith("Flesch reading ease")
    assert run_checks(form, language="ur").readability == ""


def test_the_seed_has_a_co_authored_article_and_a_corrected_one_loaded_once(session):
    from artisan_app.services.seed.loader import load_seed

    load_seed(session)
    load_seed(session)  # idempotent
    session.commit()
    shared = queries.get_article(session, "ai-data-centres-power-grid-strain")
    assert [b.name for b in shared.byline] == ["Hannah Okafor", "Tomasz Nowak"]
    corrected = queries.get_article(session, "argentina-inflation-peso-households")
    assert [c.date_label for c in corrected.corrections] == ["12 August 2025"]
    assert corrected.correction_marker == "Corrected 12 August 2025"
    assert corrected.updated_iso.startswith("2025-08-12")
    assert len(session.exec(select(Correction)).all()) == 1


def test_an_article_with_only_a_primary_author_row_still_lists_and_bylines(live):
    """Imports (WordPress) set ``author_id`` alone: the author page, byline and sitemap still find it."""
    from artisan_app.models import ArticleAuthor

    s = live["s"]
    s.exec(ArticleAuthor.__table__.delete())  # as an import leaves it
    assert [c.slug for c in queries.latest_articles(s, author_slug="ann", now=NOW).items] == [live["slug"]]
    assert [b.name for b in queries.get_article(s, live["slug"], now=NOW).byline] == ["Ann Author"]
    assert any(e.path == "/author/ann" for e in feeds.sitemap_entries(s, sitemap_sources(), now=NOW))
