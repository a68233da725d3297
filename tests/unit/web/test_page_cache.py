"""The cached first HTML (``web/page_cache.py``): what a reader (or a CDN) gets,
and that every change a reader could notice shows on the very next request."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import ArticleStatus, Role, utcnow
from artisan_app.services.articles import featured
from artisan_app.services.comments import moderation, submission
from artisan_app.services.editorial import newsroom as editorial
from artisan_app.services.editorial import saving, trash, workflow
from artisan_app.web import http_app
from artisan_app.web import shell as web_shell
from artisan_app.web.middleware.security_headers import ScriptAllowlist, SecurityHeaders, inline_scripts, script_hash
from artisan_app.web.page_cache import PageCache
from tests.factories import make_article, make_author, make_category, make_user, sections
from tests.harness import TEST_REDIS_URL
from tests.page_shells import SHELL


@pytest.fixture
def site(session: Session):
    pol = make_category(session, "Politics", slug="politics")
    ann = make_author(session, "Ann Writer", slug="ann")
    story = make_article(
        session,
        category=pol,
        author=ann,
        slug="story",
        hours=1,
        headline="The Story of the Day",
        body=sections(("First trend", ["Opening paragraph."])),
    )
    older = make_article(session, category=pol, author=ann, slug="older", hours=0, headline="An Older Story")
    draft = make_article(
        session, category=pol, author=ann, slug="draft", status=ArticleStatus.draft, headline="A Draft Nobody Sees"
    )
    editor = make_user(session, Role.editor)
    for article in (story, older, draft):
        article.excerpt = "An excerpt long enough to publish."
    session.commit()
    return dict(session=session, story=story, older=older, draft=draft, editor=editor)


@pytest.fixture
def shell(tmp_path):
    path = tmp_path / "__spa-fallback.html"
    path.write_text(SHELL, "utf-8")
    return path


@pytest.fixture
def client(site, shell, monkeypatch) -> TestClient:
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, page_cache=True, redis_url=""))
    return TestClient(http_app.build_api(shell_path=shell))


def page_work(counter) -> list[str]:
    """The queries a request made beyond reading the content generation (one primary-key read)."""
    return [s for s in counter.statements if "contentgeneration" not in s]


def again(client: TestClient, path: str, first) -> int:
    """The status of a conditional request carrying ``first``'s validator."""
    return client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code


def test_second_request_comes_from_the_cache_and_a_conditional_one_gets_304(client, count_queries, engine):
    first = client.get("/article/story")
    assert first.status_code == 200 and "The Story of the Day" in first.text
    assert first.headers["etag"].startswith('W/"') and first.headers["last-modified"]
    assert "s-maxage=" in first.headers["cache-control"] and "stale-while-revalidate=" in first.headers["cache-control"]
    with count_queries(engine) as counter:
        second = client.get("/article/story")
        not_modified = client.get("/article/story", headers={"If-None-Match": first.headers["etag"]})
        since = client.get("/article/story", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert page_work(counter) == []  # no database work but the generation's one-row read
    assert second.text == first.text and second.headers["etag"] == first.headers["etag"]
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert since.status_code == 304
    assert client.get("/article/story", headers={"If-None-Match": 'W/"other"'}).status_code == 200
    # Browsers that do not take gzip get the same page.
    plain = client.get("/article/story", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == first.text


def test_an_edit_shows_on_the_next_request(client, site):
    s, editor = site["session"], site["editor"]
    first = client.get("/article/story")
    front = client.get("/")
    form = editorial.load_form(s, user=editor, article_id=site["story"].id)
    saving.save_article(s, user=editor, form=dataclasses.replace(form, headline="A Corrected Headline"))
    s.commit()
    edited = client.get("/article/story")
    assert "A Corrected Headline" in edited.text and "The Story of the Day" not in edited.text
    assert again(client, "/article/story", first) == 200
    assert "A Corrected Headline" in client.get("/").text and again(client, "/", front) == 200


def _publish(site):
    workflow.publish(site["session"], user=site["editor"], article_id=site["draft"].id)


def _unpublish(site):
    workflow.unpublish(site["session"], user=site["editor"], article_id=site["story"].id)


def _trash(site):
    workflow.unpublish(site["session"], user=site["editor"], article_id=site["story"].id)
    site["session"].commit()
    trash.move_to_trash(site["session"], user=site["editor"], article_id=site["story"].id)


def _feature(site):
    featured.feature(site["session"], user=site["editor"], article_id=site["older"].id)


@pytest.mark.parametrize(
    "event, path, expect",
    [
        (_publish, "/", lambda page: "A Draft Nobody Sees" in page.text),
        (_publish, "/category/politics", lambda page: "A Draft Nobody Sees" in page.text),
        (_unpublish, "/article/story", lambda page: page.status_code == 404),
        (_unpublish, "/author/ann", lambda page: "The Story of the Day" not in page.text),
        (_trash, "/article/story", lambda page: page.status_code == 404),
        (_feature, "/", lambda page: page.text.index("An Older Story") < page.text.index("The Story of the Day")),
    ],
    ids=["publish-front", "publish-section", "unpublish-article", "unpublish-author", "trash", "feature"],
)
def test_each_change_a_reader_would_notice_invalidates(client, site, event, path, expect):
    before = client.get(path)
    assert not expect(before)
    event(site)
    site["session"].commit()
    assert expect(client.get(path))


def _comment(site, body: str):
    return submission.submit_comment(
        site["session"],
        article_id=site["story"].id,
        name="New Reader",
        email="new@example.com",
        body=body,
        reader_id="reader-1",
        form_age_seconds=10,
    )


def test_a_held_comment_is_never_in_the_cached_page_and_its_approval_is(client, site, count_queries, engine):
    first = client.get("/article/story")
    result = _comment(site, "My first thoughts on this")
    site["session"].commit()
    assert not result.published  # a first comment is held for moderation
    # Nothing a reader sees changed: the cached page stands, with no trace of the held comment.
    with count_queries(engine) as counter:
        assert again(client, "/article/story", first) == 304
        assert "My first thoughts" not in client.get("/article/story").text
    assert page_work(counter) == []
    moderation.apply(site["session"], user=site["editor"], comment_ids=[result.comment_id], action="approve")
    site["session"].commit()
    assert "My first thoughts on this" in client.get("/article/story").text


def test_a_draft_save_leaves_the_cache_alone(client, site, count_queries, engine):
    first = client.get("/")
    s, editor = site["session"], site["editor"]
    form = editorial.load_form(s, user=editor, article_id=site["draft"].id)
    saving.save_article(s, user=editor, form=dataclasses.replace(form, headline="Still A Draft"))
    s.commit()
    with count_queries(engine) as counter:
        assert again(client, "/", first) == 304
    assert page_work(counter) == []


def test_a_page_is_kept_no_longer_than_until_the_next_scheduled_article_goes_live(site, shell, monkeypatch):
    monkeypatch.setattr(
        http_app, "settings", dataclasses.replace(settings, page_cache=True, redis_url="", page_cache_seconds=7200)
    )
    client = TestClient(http_app.build_api(shell_path=shell))
    workflow.publish(site["session"], user=site["editor"], article_id=site["draft"].id, at=utcnow() + timedelta(hours=1))
    site["session"].commit()
    page = client.get("/")
    assert "A Draft Nobody Sees" not in page.text
    max_age = int(page.headers["cache-control"].split("s-maxage=")[1].split(",")[0])
    assert 3500 <= max_age <= 3600


def test_missing_pages_are_not_cached(client, site):
    assert client.get("/article/nope").headers["cache-control"] == "no-cache"


def test_the_security_policy_allows_the_scripts_of_a_cached_page(client, site, shell):
    guarded = TestClient(SecurityHeaders(client.app, ScriptAllowlist(shell.parent, web_shell.ShellCache(shell))))
    first, cached = guarded.get("/article/story"), guarded.get("/article/story")
    assert cached.text == first.text
    policy = cached.headers["content-security-policy"]
    assert policy == first.headers["content-security-policy"]
    for code in inline_scripts(cached.text):
        assert script_hash(code) in policy


def test_a_304_leaves_the_pages_security_policy_alone(client, site, shell):
    """A browser merges a 304's headers into its stored page: a resource policy (``sandbox``) there
    would stop the page's scripts after every revalidation (seen in Chromium on reload)."""
    guarded = TestClient(SecurityHeaders(client.app, ScriptAllowlist(shell.parent, web_shell.ShellCache(shell))))
    first = guarded.get("/article/story")
    revalidated = guarded.get("/article/story", headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status_code == 304
    assert "content-security-policy" not in revalidated.headers
    assert revalidated.headers["x-frame-options"] == "DENY"


def test_with_redis_an_edit_in_one_worker_shows_in_another(site, shell):
    from redis import Redis

    # Two workers: a page one renders, the other serves from Redis; both see the next edit.

    Redis.from_url(TEST_REDIS_URL).flushdb()  # the tests' own database (harness.TEST_REDIS_URL)
    this_worker, other_worker = PageCache(TEST_REDIS_URL), PageCache(TEST_REDIS_URL)
    workers = [
        TestClient(Starlette(routes=http_app.api_routes(web_shell.ShellCache(shell), cache)))
        for cache in (this_worker, other_worker)
    ]
    first = workers[1].get("/article/story")
    assert workers[1].get("/article/story", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert workers[0].get("/article/story").text == first.text  # shared through Redis
    s, editor = site["session"], site["editor"]
    form = editorial.load_form(s, user=editor, article_id=site["story"].id)
    saving.save_article(s, user=editor, form=dataclasses.replace(form, headline="Edited Elsewhere"))
    s.commit()
    assert "Edited Elsewhere" in workers[1].get("/article/story").text


def test_a_drafts_byline_leaves_the_cache_alone_and_a_live_ones_does_not(session):
    """Co-authors (ArticleAuthor rows) are part of a page only once the article is live."""
    from artisan_app.models import ArticleAuthor, ContentGeneration
    from artisan_app.services.site import content_changes

    pol, ann = make_category(session, "Politics", slug="politics"), make_author(session, "Ann Writer", slug="ann")
    bea = make_author(session, "Bea Writer", slug="bea")
    draft = make_article(session, category=pol, author=ann, slug="draft", status=ArticleStatus.draft)
    live = make_article(session, category=pol, author=ann, slug="live", hours=1)
    session.commit()

    def generation() -> int:
        session.expire_all()
        return session.get(ContentGeneration, content_changes.GENERATION_ROW).value

    before = generation()
    session.add(ArticleAuthor(article_id=draft.id, author_id=bea.id, position=2))
    session.commit()
    assert generation() == before
    session.add(ArticleAuthor(article_id=live.id, author_id=bea.id, position=2))
    session.commit()
    assert generation() == before + 1
