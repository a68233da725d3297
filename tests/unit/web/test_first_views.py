"""``web/first_views.newsletter`` as served by ``web/http_app.py``: the sign-up page's first HTML, the answer to
a sign-up posted from its plain form, and the page cache never showing one reader's answer to another."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import Subscriber
from artisan_app.render import wording
from artisan_app.services.newsletter import subscriptions
from artisan_app.web import http_app
from tests.factories import make_category
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.page_shells import SHELL
from tests.unit.services.test_seo import SITE, meta, parse


@pytest.fixture
def client(session: Session, monkeypatch, tmp_path) -> TestClient:
    make_category(session, "Politics", slug="politics", position=1)
    make_category(session, "Culture", slug="culture", position=2)
    session.commit()
    # The page cache on (in this process's memory), as in production.
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE, page_cache=True, redis_url=""))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell), headers={"Origin": "http://testserver"})


def notices(tree) -> list[tuple[str, str]]:
    return [(p.get("role"), p.text_content()) for p in tree.xpath("//*[@id='first-view']//form//p[contains(@class, 'notice')]")]


def test_the_newsletter_page_has_a_first_view_with_a_plain_form(client: TestClient):
    res = client.get("/newsletter")
    assert res.status_code == 200
    tree = parse(res.text)
    assert tree.xpath("//head/title/text()") == ["Newsletter | Artisan Times"]
    assert tree.xpath("//head/link[@rel='canonical']/@href") == [f"{SITE}/newsletter"]
    assert meta(tree, "robots") == []
    (view,) = tree.xpath("//*[@id='first-view']")
    assert view.xpath(".//nav[@aria-label='Sections']//a/text()") == ["Front page", "Politics", "Culture", "اردو"]
    assert view.xpath(".//footer")
    (main,) = view.xpath(".//main")
    assert main.xpath("./h1[@class='page-title']/text()") == [wording.NEWSLETTER_TITLE]
    assert main.xpath("./p[@class='page-intro']/text()") == [wording.NEWSLETTER_INTRO]
    (form,) = main.xpath(".//section[@class='newsletter-signup']//form")
    assert (form.get("method"), form.get("action")) == ("post", "/newsletter/subscribe")
    (email,) = form.xpath(".//input[@type='email']")
    # The app's own field is "page-newsletter-email": the hand-over carries a typed address across.
    assert (email.get("name"), email.get("id")) == ("email", "first-view-page-newsletter-email")
    assert form.xpath(".//input[@name='section']/@value") == ["politics", "culture"]
    assert notices(tree) == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("subscribed=1", [("status", subscriptions.SUBSCRIBE_ANSWER)]),
        ("error=email", [("alert", subscriptions.BAD_EMAIL)]),
        ("error=busy", [("alert", subscriptions.TOO_MANY)]),
        ("error=<script>alert(1)</script>", []),  # only the fixed texts: a link cannot put words on the page
        ("subscribed=yes", []),
    ],
)
def test_the_answer_to_a_plain_post_is_shown_and_never_cached_for_others(client: TestClient, query, expected):
    tree = parse(client.get(f"/newsletter?{query}").text)
    assert notices(tree) == expected
    assert "<script>alert" not in client.get(f"/newsletter?{query}").text
    if expected:  # an answer page: not for search engines; canonical is the page itself
        assert meta(tree, "robots") == ["noindex"]
        assert tree.xpath("//head/link[@rel='canonical']/@href") == [f"{SITE}/newsletter"]
    # The bare address, asked after (and cached), shows no answer; an answer is never served from it.
    bare = client.get("/newsletter")
    assert notices(parse(bare.text)) == [] and "s-maxage=" in bare.headers["cache-control"]
    assert notices(parse(client.get(f"/newsletter?{query}").text)) == expected


def test_signing_up_with_the_plain_form_comes_back_to_the_answer_without_the_address(
    client: TestClient, mail_to_smtp, session: Session
):
    answer = client.post("/newsletter/subscribe", data={"email": "plain.form@example.com", "section": ["culture"]})
    assert answer.status_code == 200 and str(answer.url).endswith("/newsletter?subscribed=1")
    assert notices(parse(answer.text)) == [("status", subscriptions.SUBSCRIBE_ANSWER)]
    assert "plain.form" not in answer.text
    assert session.exec(select(Subscriber.status).where(Subscriber.email == "plain.form@example.com")).one() == "pending"
    wrong = client.post("/newsletter/subscribe", data={"email": "not an address"})
    assert str(wrong.url).endswith("/newsletter?error=email")
    assert notices(parse(wrong.text)) == [("alert", subscriptions.BAD_EMAIL)]
    assert "not an address" not in wrong.text
