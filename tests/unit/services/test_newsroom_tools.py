"""Trash and purge, the featured story, categories added by editors, staff replies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from artisan_app.models import Article, ArticleRevision, ArticleStatus, Category, Comment, Role
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import catalog, featured, queries
from artisan_app.services.comments import moderation, submission
from artisan_app.services.comments.submission import CommentValidationError
from artisan_app.services.editorial import newsroom as editorial
from artisan_app.services.editorial import saving, trash, workflow
from artisan_app.services.search import index
from artisan_app.services.search import queries as search
from artisan_app.services.site import feeds
from artisan_app.web.registry import sitemap_sources
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user

NOW = BASE_TIME + timedelta(days=5)


@pytest.fixture
def desk(any_session: Session):
    s = any_session
    cat, other_cat = make_category(s, "Politics", slug="politics"), make_category(s, "Economy", slug="economy")
    ann, bob = make_author(s, "Ann", slug="ann"), make_author(s, "Bob", slug="bob")
    older = make_article(s, category=cat, author=ann, slug="older", headline="Older story", hours=-48)
    middle = make_article(s, category=other_cat, author=ann, slug="middle", headline="Middle story", hours=-24)
    newest = make_article(s, category=cat, author=ann, slug="newest", headline="Newest story", hours=-1)
    draft = make_article(s, category=cat, author=ann, slug="ann-draft", headline="Ann's draft", status=ArticleStatus.draft)
    bobs = make_article(s, category=cat, author=bob, slug="bob-draft", headline="Bob's draft", status=ArticleStatus.draft)
    return {
        "s": s,
        "older": older,
        "middle": middle,
        "newest": newest,
        "draft": draft,
        "bobs": bobs,
        "editor": make_user(s, Role.editor),
        "admin": make_user(s, Role.admin),
        "author": make_user(s, Role.author, author=ann),
    }


# --- trash ----------------------------------------------------------------------------------


def test_a_draft_goes_to_the_trash_and_comes_back(desk):
    s, editor, draft = desk["s"], desk["editor"], desk["draft"]
    trash.move_to_trash(s, user=editor, article_id=draft.id, now=NOW)
    rows, _ = editorial.list_articles(s, user=editor, now=NOW)
    assert "Ann's draft" not in [r.headline for r in rows]
    [row] = [r for r in trash.list_trash(s, user=editor, now=NOW) if r.id == draft.id]
    assert row.trashed_label.endswith("UTC") and row.purge_label == f"{(NOW + timedelta(days=30)):%-d %B %Y}"
    with pytest.raises(PermissionDenied):  # nobody edits a trashed article
        editorial.load_form(s, user=editor, article_id=draft.id)
    trash.restore(s, user=editor, article_id=draft.id, now=NOW)
    assert s.get(Article, draft.id).status == ArticleStatus.draft.value
    assert trash.list_trash(s, user=editor) == []
    assert editorial.load_form(s, user=editor, article_id=draft.id).headline == "Ann's draft"


def test_published_and_scheduled_articles_must_be_unpublished_first(desk):
    s, editor = desk["s"], desk["editor"]
    with pytest.raises(trash.TrashRefused, match="Unpublish this article"):
        trash.move_to_trash(s, user=editor, article_id=desk["newest"].id, now=NOW)
    draft = desk["draft"]
    draft.status, draft.published_at = ArticleStatus.published.value, NOW + timedelta(days=2)  # scheduled
    s.add(draft)
    with pytest.raises(trash.TrashRefused):
        trash.move_to_trash(s, user=editor, article_id=draft.id, now=NOW)
    workflow.unpublish(s, user=editor, article_id=desk["newest"].id, now=NOW)
    trash.move_to_trash(s, user=editor, article_id=desk["newest"].id, now=NOW)
    assert s.get(Article, desk["newest"].id).status == ArticleStatus.trashed.value


def test_authors_trash_only_their_own_and_only_admins_empty_the_trash(desk):
    s, author = desk["s"], desk["author"]
    with pytest.raises(PermissionDenied):
        trash.move_to_trash(s, user=author, article_id=desk["bobs"].id, now=NOW)
    with pytest.raises(PermissionDenied):
        trash.move_to_trash(s, user=None, article_id=desk["draft"].id, now=NOW)
    trash.move_to_trash(s, user=author, article_id=desk["draft"].id, now=NOW)
    trash.move_to_trash(s, user=desk["editor"], article_id=desk["bobs"].id, now=NOW)
    assert [r.headline for r in trash.list_trash(s, user=author)] == ["Ann's draft"]  # their own only
    with pytest.raises(PermissionDenied):
        trash.restore(s, user=author, article_id=desk["bobs"].id)
    for user in (author, desk["editor"], None):
        with pytest.raises(PermissionDenied):
            trash.empty_trash(s, user=user)
    assert trash.empty_trash(s, user=desk["admin"]) == 2
    assert s.get(Article, desk["draft"].id) is None and s.get(Article, desk["bobs"].id) is None
    assert s.get(Article, desk["newest"].id) is not None


def test_purge_deletes_after_thirty_days_with_everything_attached(desk):
    s, editor, draft, bobs = desk["s"], desk["editor"], desk["draft"], desk["bobs"]
    saving.save_article(s, user=editor, form=editorial.load_form(s, user=editor, article_id=draft.id), now=NOW)
    s.add(
        Comment(
            article_id=draft.id,
            name="R",
            email="r@example.com",
            email_normalized="r@example.com",
            body="Hi",
            fingerprint="f" * 64,
        )
    )
    index.reindex_article(s, draft.id)
    trash.move_to_trash(s, user=editor, article_id=draft.id, now=NOW)
    trash.move_to_trash(s, user=editor, article_id=bobs.id, now=NOW + timedelta(days=10))

    assert trash.purge_expired(s, now=NOW + timedelta(days=30) - timedelta(seconds=1)) == 0
    assert trash.purge_expired(s, now=NOW + timedelta(days=30)) == 1
    s.expire_all()
    assert s.get(Article, draft.id) is None and s.get(Article, bobs.id) is not None
    assert s.exec(select(ArticleRevision).where(ArticleRevision.article_id == draft.id)).all() == []
    assert s.exec(select(Comment).where(Comment.article_id == draft.id)).all() == []
    if s.get_bind().dialect.name == "sqlite":
        assert s.exec(text(f"SELECT count(*) FROM {index.SEARCH_TABLE} WHERE rowid = {draft.id}")).one()[0] == 0
    assert trash.purge_expired(s, now=NOW + timedelta(days=40)) == 1  # Bob's, 30 days after it was trashed


def test_trashed_articles_never_reach_readers(desk):
    s, editor, newest = desk["s"], desk["editor"], desk["newest"]
    index.reindex_article(s, newest.id)
    workflow.unpublish(s, user=editor, article_id=newest.id, now=NOW)
    trash.move_to_trash(s, user=editor, article_id=newest.id, now=NOW)
    assert queries.get_article(s, "newest", now=NOW) is None
    assert "newest" not in [c.slug for c in queries.latest_articles(s, now=NOW).items]
    assert "newest" not in [i.slug for i in feeds.feed_items(s, now=NOW)]
    assert search.search_articles(s, "Newest", now=NOW).items == []
    assert "/article/newest" not in [e.path for e in feeds.sitemap_entries(s, sitemap_sources(), now=NOW)]
    # Restoring brings it back as a draft, never straight onto the site.
    trash.restore(s, user=editor, article_id=newest.id, now=NOW)
    assert queries.get_article(s, "newest", now=NOW) is None


# --- featured -----------------------------------------------------------------------------------


def test_the_featured_story_leads_the_front_page_then_the_newest(desk):
    s, editor = desk["s"], desk["editor"]
    before = featured.front_page(s, limit=2, now=NOW)
    assert [c.slug for c in before.items] == ["newest", "middle"]
    featured.feature(s, user=editor, article_id=desk["older"].id, now=NOW)
    first = featured.front_page(s, limit=2, now=NOW)
    assert [c.slug for c in first.items] == ["older", "newest"] and first.has_more
    second = featured.front_page(s, limit=2, offset=2, now=NOW)
    assert [c.slug for c in second.items] == ["middle"] and not second.has_more  # the featured one is not repeated
    assert [c.slug for c in featured.front_page(s, category_slug="economy", limit=5, now=NOW).items] == ["middle"]
    # One at a time: featuring another replaces it; removing it restores newest-first.
    featured.feature(s, user=editor, article_id=desk["middle"].id, now=NOW)
    assert featured.front_page(s, limit=1, now=NOW).items[0].slug == "middle"
    assert not featured.is_featured(s, user=editor, article_id=desk["older"].id)
    featured.unfeature(s, user=editor, article_id=desk["middle"].id)
    assert featured.front_page(s, limit=1, now=NOW).items[0].slug == "newest"


def test_only_editors_feature_and_only_published_articles(desk):
    s = desk["s"]
    for user in (None, desk["author"]):
        with pytest.raises(PermissionDenied):
            featured.feature(s, user=user, article_id=desk["older"].id, now=NOW)
        with pytest.raises(PermissionDenied):
            featured.unfeature(s, user=user, article_id=desk["older"].id)
    with pytest.raises(featured.FeatureRefused):
        featured.feature(s, user=desk["admin"], article_id=desk["draft"].id, now=NOW)
    featured.feature(s, user=desk["admin"], article_id=desk["older"].id, now=NOW)
    workflow.unpublish(s, user=desk["editor"], article_id=desk["older"].id, now=NOW)  # unpublishing un-features
    assert featured.front_page(s, limit=1, now=NOW).items[0].slug == "newest"
    assert not featured.is_featured(s, user=desk["editor"], article_id=desk["older"].id)


# --- categories ---------------------------------------------------------------------------------


def test_editors_add_categories_admins_rename_and_order(desk):
    s = desk["s"]
    added = catalog.add_category(s, user=desk["editor"], name="  Climate  ")
    assert added.slug == "climate" and added.name == "Climate"
    assert [c.slug for c in catalog.list_categories(s)][-1] == "climate"
    with pytest.raises(ValueError, match="already exists"):
        catalog.add_category(s, user=desk["admin"], name="climate")
    with pytest.raises(ValueError, match="at most 80"):
        catalog.add_category(s, user=desk["editor"], name="")
    for user in (None, desk["author"]):
        with pytest.raises(PermissionDenied):
            catalog.add_category(s, user=user, name="Sport")
    with pytest.raises(PermissionDenied):
        catalog.save_category(s, user=desk["editor"], slug="climate", name="Weather")
    with pytest.raises(PermissionDenied):
        catalog.move_category(s, user=desk["editor"], slug="climate", step=-1)
    assert catalog.save_category(s, user=desk["admin"], name="Sport").slug == "sport"  # admins' own form still adds
    assert s.exec(select(Category).where(Category.slug == "sport")).one().position > added_position(s, "climate")


def added_position(s: Session, slug: str) -> int:
    return s.exec(select(Category.position).where(Category.slug == slug)).one()


# --- staff replies ------------------------------------------------------------------------------


def test_staff_reply_error_speaks_to_staff_and_approves_the_held_comment(desk):
    s = desk["s"]
    held = submission.submit_comment(
        s,
        article_id=desk["newest"].id,
        name="Reader",
        email="r@example.com",
        body="A question",
        client_key="c",
        form_age_seconds=60,
        now=NOW,
    ).comment_id
    with pytest.raises(CommentValidationError) as caught:
        moderation.reply_as_publication(s, user=desk["editor"], comment_id=held, body="   ")
    assert caught.value.errors == {"body": "Write a reply before sending."}
    assert s.get(Comment, held).status == "pending"
    moderation.reply_as_publication(s, user=desk["editor"], comment_id=held, body="Thanks for asking.", now=NOW)
    assert s.get(Comment, held).status == "approved"


# --- the scheduled purge ------------------------------------------------------------------------


def test_purge_command_and_lifespan_task(engine, capsys, monkeypatch):
    import asyncio

    from artisan_app import trash as trash_command
    from artisan_app.jobs import trash_purge as trash_job
    from artisan_app.models import utcnow

    with Session(engine, expire_on_commit=False) as s:
        cat, author = make_category(s), make_author(s)
        old = make_article(s, category=cat, author=author, status=ArticleStatus.draft)
        recent = make_article(s, category=cat, author=author, status=ArticleStatus.draft)
        editor = make_user(s, Role.editor)
        trash.move_to_trash(s, user=editor, article_id=old.id, now=utcnow() - timedelta(days=31))
        trash.move_to_trash(s, user=editor, article_id=recent.id, now=utcnow() - timedelta(days=29))
        s.commit()
        old_id, recent_id = old.id, recent.id
    assert trash_command.main(["purge"]) == 0
    assert "Purged 1 article(s)" in capsys.readouterr().out
    with Session(engine) as s:
        assert s.get(Article, old_id) is None and s.get(Article, recent_id) is not None

    # The lifespan task purges on its own schedule, again and again, and survives a failing round.
    calls: list[str] = []

    def fake_purge():
        calls.append("purge")
        if len(calls) == 1:
            raise RuntimeError("database away")
        return 0

    monkeypatch.setattr(trash_job, "purge", fake_purge)

    async def run() -> bool:
        task = asyncio.create_task(trash_job.purge_periodically(every=0.01, first_after=0))
        while len(calls) < 3 and not task.done():
            await asyncio.sleep(0.01)
        still_running = not task.done()
        task.cancel()
        return still_running

    assert asyncio.run(asyncio.wait_for(run(), 30)), "the task died with its failing round"
    assert calls == ["purge", "purge", "purge"]  # a failed round, then two more on schedule
