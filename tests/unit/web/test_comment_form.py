"""The article's first HTML has the "Leave a comment" form, and it works without JavaScript: posted to
``/comments/post`` (``web/endpoints/comments.py``) under the comment service's rules, then back to the
article with the outcome, the typed text kept (in a signed cookie, never the URL), cross-site posts
refused."""

from __future__ import annotations

import dataclasses
import time

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import Comment
from artisan_app.services.comments import submission as svc
from artisan_app.services.common import clients
from artisan_app.web import http_app, same_origin
from artisan_app.web.endpoints import comments as comment_form
from tests.factories import make_article, make_author, make_category
from tests.page_shells import SHELL
from tests.unit.services.test_seo import SITE, meta, parse

OWN = {"Origin": "http://testserver"}
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="alert(1)">'
SLUG = "comment-form-story"


@pytest.fixture
def article(session: Session):
    story = make_article(
        session, category=make_category(session, "Politics", slug="politics"), author=make_author(session), slug=SLUG
    )
    session.commit()
    return story


@pytest.fixture
def client(session: Session, article, monkeypatch, tmp_path) -> TestClient:
    # The page cache on (in this process's memory), as in production.
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE, page_cache=True, redis_url=""))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell))


def typed(story, **fields) -> dict:
    """A post of the form as a reader sends it a minute after the page was made."""
    data = {
        "article": str(story.id),
        "opened": comment_form.form_stamp(time.time() - 60),
        "company": "",
        "name": "Ann Reader",
        "email": "ann@example.com",
        "website": "",
        "body": "A fair point, well made.",
    }
    return {**data, **fields}


def post(client: TestClient, data: dict, headers: dict | None = None, **kw):
    return client.post("/comments/post", data=data, headers=OWN if headers is None else headers, **kw)


def the_form(document: str):
    tree = parse(document)
    (section,) = tree.xpath("//*[@id='first-view']//section[@class='comments-section']/section[@class='comment-form-section']")
    return tree, section


def field(section, name: str):
    (box,) = section.xpath(f".//*[@name='{name}' and (self::input or self::textarea)]")
    return box


def body_of(section) -> str:
    """The textarea's value as a browser reads it (the HTML parser drops one newline after the tag)."""
    text = field(section, "body").text_content()
    return text[1:] if text.startswith("\n") else text


def error_of(section, name: str) -> str:
    box = field(section, name)
    return " ".join(box.getparent().xpath("./p[@class='field-error']/text()"))


def notices(section) -> list[tuple[str, str]]:
    return [(p.get("class"), p.text_content()) for p in section.xpath("./div[@role='status']/p")]


def comments(session: Session) -> list[Comment]:
    session.expire_all()
    return list(session.exec(select(Comment)).all())


def test_the_first_html_of_an_article_has_the_comment_form(client: TestClient, article):
    res = client.get(f"/article/{SLUG}")
    assert res.status_code == 200
    tree, section = the_form(res.text)
    assert section.xpath("./h2/text()") == ["Leave a comment"]
    assert (
        " ".join(section.xpath("string(./p[@class='form-intro'])").split())
        == "Your email address will not be published. Required fields are marked *"
    )
    (form,) = section.xpath("./form")
    assert (form.get("method"), form.get("action")) == ("post", "/comments/post")
    assert form.get("aria-labelledby") == section.get("aria-labelledby") == "first-view-leave-comment"
    labels = {label.get("for"): " ".join(label.text_content().split()) for label in form.xpath(".//label")}
    assert labels == {
        "first-view-comment-name": "Name *",
        "first-view-comment-email": "Email *",
        "first-view-comment-website": "Website",
        "first-view-comment-body": "Comment *",
        "first-view-comment-company": "Company (leave this empty)",
    }
    for name, required, autocomplete in (
        ("name", True, "name"),
        ("email", True, "email"),
        ("website", False, "url"),
        ("body", True, "off"),
    ):
        box = field(section, name)
        assert box.get("id") == f"first-view-comment-{name}"  # the app's twin is "comment-<name>"
        assert ("required" in box.attrib, box.get("autocomplete")) == (required, autocomplete)
    assert field(section, "body").tag == "textarea"
    assert section.xpath(".//p[@id='first-view-comment-body-hint']/text()") == ["Plain text; line breaks are kept."]
    assert form.xpath(".//input[@name='article']/@value") == [str(article.id)]
    assert form.xpath(".//button[@type='submit']/text()") == ["Post comment"]
    assert notices(section) == []
    assert meta(tree, "robots") != ["noindex"]
    # Links to the app's #comments (and WordPress's #respond) land here without the app.
    assert section.xpath("../a[@name='comments']") and section.xpath("./a[@name='respond']")


def test_a_comment_posted_without_javascript_is_held_and_its_author_told(client: TestClient, session: Session):
    answer = post(client, typed(article_of(session)), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/article/{SLUG}?comment=held#first-view-leave-comment"
    assert answer.headers["set-cookie"].startswith(f"{comment_form.POSTED_COOKIE}=")  # its id, signed: no text
    page = client.get(answer.headers["location"])
    tree, section = the_form(page.text)
    assert notices(section) == [("notice ok", svc.AWAITING_MESSAGE)]
    assert meta(tree, "robots") == ["noindex"]
    (stored,) = comments(session)
    assert (stored.status, stored.held_reason, stored.owner_key) == ("pending", "first comment", "")
    assert body_of(section) == ""
    # Its author sees it in the thread, held (the signed id of what this browser just posted)...
    (mine,) = tree.xpath("//*[@id='first-view']//ol[@class='comment-list']/li/article")
    assert mine.get("aria-label") == "Comment by Ann Reader"
    assert mine.xpath(".//p[@class='comment-awaiting']/text()") == ["Your comment is awaiting moderation."]
    assert mine.xpath(".//p[@class='comment-body']/text()") == ["A fair point, well made."]
    assert mine.xpath(".//button") == []  # no replies to a held comment
    # ...nobody else does, not even with the same link, and the article's own address is still the
    # cached page for everybody, without an answer.
    other = TestClient(client.app)
    assert "A fair point" not in other.get(answer.headers["location"]).text
    _, bare = the_form(client.get(f"/article/{SLUG}").text)
    assert notices(bare) == [] and "A fair point" not in client.get(f"/article/{SLUG}").text


def article_of(session: Session):
    from artisan_app.models import Article

    return session.exec(select(Article).where(Article.slug == SLUG)).one()


def test_empty_name_and_email_come_back_with_errors_next_to_them_and_the_text_kept(client, session, article):
    body = f"Line one\nline two {HOSTILE}"
    answer = post(client, typed(article, name="  ", email="", body=body), follow_redirects=False)
    location = answer.headers["location"]
    assert location == f"/article/{SLUG}?comment=invalid#first-view-leave-comment"
    assert "Line" not in location and "Line" not in answer.headers.get("set-cookie", "")  # signed, not readable
    page = client.get(location)
    assert page.status_code == 200
    _, section = the_form(page.text)
    assert notices(section) == [("notice error", svc.FIX_FIELDS_MESSAGE)]
    assert error_of(section, "name") == "Please enter your name."
    assert error_of(section, "email") == "Please enter your email address."
    assert error_of(section, "body") == ""
    assert field(section, "email").get("aria-invalid") == "true"
    assert field(section, "email").get("aria-describedby") == "first-view-comment-email-error"
    assert body_of(section) == body  # kept as typed, line break and all
    assert HOSTILE not in page.text and "&lt;script&gt;" in page.text  # hostile markup is text
    assert comments(session) == []


def test_a_javascript_website_is_refused_with_a_message_and_the_typed_text_kept(client, session, article):
    website = "javascript:alert(document.cookie)"
    page = post(client, typed(article, website=website, body="Have a look at my site."))
    _, section = the_form(page.text)
    assert error_of(section, "website") == "Website must be a web address starting with http:// or https://."
    assert field(section, "website").get("value") == website
    assert field(section, "name").get("value") == "Ann Reader"
    assert field(section, "email").get("value") == "ann@example.com"
    assert body_of(section) == "Have a look at my site."
    assert 'href="javascript:' not in page.text
    assert comments(session) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://evil.example"},
        {},  # a browser always says where a form comes from
    ],
)
def test_a_cross_site_post_is_refused(client: TestClient, session: Session, article, headers):
    answer = post(client, typed(article), headers=headers, follow_redirects=False)
    assert answer.status_code == 403
    assert comments(session) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},  # the host the request was sent to
        {"Origin": SITE},  # behind a proxy that rewrites Host: the site's own address
    ],
)
def test_a_post_from_the_site_itself_is_accepted(client, session, article, monkeypatch, headers):
    monkeypatch.setattr(same_origin, "settings", dataclasses.replace(settings, site_url=SITE))
    answer = post(client, typed(article), headers=headers, follow_redirects=False)
    assert answer.status_code == 303 and "comment=held" in answer.headers["location"]


@pytest.mark.parametrize("query", ["comment=invalid", "comment=limited", "comment=<b>hi</b>", "comment=held&x=1"])
def test_a_link_cannot_show_a_failure_without_the_posting_browser(client: TestClient, query):
    """A failure is shown only with the kept cookie of the browser that posted; a fixed thanks may show."""
    _, section = the_form(client.get(f"/article/{SLUG}?{query}").text)
    assert notices(section) == ([("notice ok", svc.AWAITING_MESSAGE)] if query.startswith("comment=held") else [])


def test_the_service_abuse_checks_apply(client: TestClient, session: Session, article):
    # The form's own stamp, posted at once: faster than a person types.
    fresh = the_form(client.get(f"/article/{SLUG}").text)[1].xpath(".//input[@name='opened']/@value")[0]
    for data in (typed(article, opened=fresh), typed(article, opened="forged"), typed(article, company="Acme")):
        _, section = the_form(post(client, data).text)
        assert notices(section) == [("notice error", svc.REFUSED_MESSAGE)]
        assert body_of(section) == "A fair point, well made."
    for i in range(10):  # then the per-client limit (5 a minute by default)
        page = post(client, typed(article, body=f"Comment number {i}"))
    _, section = the_form(page.text)
    assert notices(section) == [("notice error", svc.RATE_LIMITED_MESSAGE)]
    assert body_of(section) == "Comment number 9"
    assert len(comments(session)) == 5


def test_a_long_comment_is_kept_as_far_as_the_cookies_hold(client: TestClient, article):
    body = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(svc.MAX_BODY + 100))  # too long, hardly compressible
    answer = post(client, typed(article, body=body))
    _, section = the_form(answer.text)
    assert error_of(section, "body").startswith("Your comment must be 5,000 characters or fewer")
    kept = body_of(section)
    assert body.startswith(kept) and len(kept) > svc.MAX_BODY // 2  # what fits in the cookies
    english = "The committee met on Tuesday. " * 170  # 5,100 characters of ordinary prose
    _, section = the_form(post(client, typed(article, body=english)).text)
    assert body_of(section) == english


def test_an_article_that_is_not_live_takes_no_comment(client: TestClient, session: Session, article):
    for article_id in ("999999", "abc", "", "-1", "²"):
        answer = post(client, typed(article, article=article_id), follow_redirects=False)
        assert answer.status_code == 404
    assert comments(session) == []


def test_the_browsers_reader_id_counts_as_in_the_app(client: TestClient, session: Session, article):
    """The form carries the browser's reader id (its draft keeper fills it in): an address this
    browser had approved is published at once, as from the app's form; a forged id is no id."""
    from tests.factories import moderate_as_editor

    reader = "R" * 32
    post(client, typed(article, reader=reader, body="First, held."))
    (first,) = comments(session)
    assert first.owner_key == svc.owner_key(reader)
    moderate_as_editor(session, comment_ids=[first.id], action="approve")
    session.commit()
    answer = post(client, typed(article, reader=reader, body="Second, at once."), follow_redirects=False)
    assert "comment=published" in answer.headers["location"]
    for forged in ("short", "R" * 31 + "!", "R" * 65):
        answer = post(client, typed(article, reader=forged, body=f"Third, {forged}"), follow_redirects=False)
        assert "comment=held" in answer.headers["location"]


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(client, session, article, monkeypatch):
    """``ARTISAN_TRUSTED_PROXY_HOPS=1``: the limit counts the address the proxy saw, not the proxy's."""
    monkeypatch.setattr(clients, "settings", dataclasses.replace(settings, trusted_proxy_hops=1))

    def from_(address: str, i: int) -> str:
        headers = {**OWN, "X-Forwarded-For": f"203.0.113.99, {address}"}  # the first one is client-made
        answer = post(client, typed(article, body=f"From {address}, number {i}"), headers, follow_redirects=False)
        return answer.headers["location"].split("?")[1].split("#")[0]

    assert [from_("198.51.100.1", i) for i in range(6)] == ["comment=held"] * 5 + ["comment=limited"]
    assert from_("198.51.100.2", 0) == "comment=held"
