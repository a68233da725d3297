"""The first view: each public page's content as server-rendered HTML, shown
until the app takes over (``artisan_app/render``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from lxml import html as lxml_html
from sqlmodel import Session

from artisan_app import render
from artisan_app.render import wording
from artisan_app.services.articles import catalog, queries
from artisan_app.services.comments.thread import ThreadPage
from tests.factories import BASE_TIME, make_article, make_author, make_category, sections

NOW = BASE_TIME + timedelta(days=30)
EVIL = '</div><script>alert("x")</script><img src=x onerror=alert(1)> & “quotes”'


def parse(markup: str):
    return lxml_html.fragment_fromstring(markup, create_parent="body")


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


@pytest.fixture
def desk(session: Session):
    pol = make_category(session, "Politics", slug="politics", position=1)
    make_category(session, "Culture", slug="culture", position=2)
    ann = make_author(session, "Ann Writer", slug="ann")
    body = sections(("First trend", ["Opening paragraph."]), ("Second trend", ["More."]), quote=("A quoted line.", "A columnist"))
    for i in range(8):
        make_article(
            session,
            category=pol,
            author=ann,
            slug=f"story-{i}",
            hours=20 - i,
            headline=f"Story {i}",
            body=body,
            tags=["elections"],
        )
    make_article(
        session,
        category=pol,
        author=ann,
        slug="evil",
        hours=1,
        headline=EVIL,
        excerpt=EVIL,
        body=sections((EVIL, [EVIL]), quote=(EVIL, EVIL)),
        tags=[EVIL],
    )
    session.commit()
    return session


def test_article_view_has_the_seed_layout_in_order(desk: Session):
    detail = queries.get_article(desk, "story-0", now=NOW)
    categories = catalog.list_categories(desk)
    tree = parse(render.article_page(detail, related=[], categories=categories, thread=ThreadPage(approved_count=1)))
    (view,) = tree.xpath("div[@id='first-view']")
    assert texts(view, ".//nav[@aria-label='Sections']//a") == ["Front page", "Politics", "Culture", "اردو"]  # + Urdu
    (article,) = view.xpath(".//main//article[@class='article']")
    assert texts(article, ".//a[@class='category-label']") == ["Politics"]
    assert texts(article, ".//h1[@class='headline']") == ["Story 0"]
    assert texts(article, ".//p[@class='byline']")[0].startswith("By Ann Writer · ")
    assert texts(article, ".//a[@class='byline-comments']") == ["1 comment"]
    assert texts(article, ".//h2[@class='section-label']") == ["Key Trends & Concerns", "About Author"]
    assert texts(article, ".//h3[@class='trend-heading']") == ["1. First trend", "2. Second trend"]
    assert texts(article, ".//figure[@class='pull-quote']") == ["A quoted line.— A columnist"]
    assert texts(article, ".//a[@class='tag']") == ["#elections"]
    assert texts(article, ".//p[@class='author-name']") == ["Ann Writer"]
    # Ids never clash with the app's (the app's own nodes are in the same document).
    assert all(i.startswith("first-view") for i in tree.xpath("//@id"))


def test_database_text_is_text_never_markup(desk: Session):
    detail = queries.get_article(desk, "evil", now=NOW)
    categories = catalog.list_categories(desk)
    markup = render.article_page(detail, related=[], categories=categories, thread=ThreadPage(approved_count=0))
    assert "<script>alert" not in markup and "<img src=x" not in markup
    tree = parse(markup)
    assert tree.xpath("//script") and all("alert" not in s.text for s in tree.xpath("//script"))
    assert texts(tree, "//h1") == [" ".join(EVIL.split())]
    assert texts(tree, "//blockquote") == [" ".join(EVIL.split())]
    assert not tree.xpath("//img[@onerror]")


def test_front_view_leads_with_the_newest_story_then_the_first_page(desk: Session):
    page = queries.latest_articles(desk, limit=6, now=NOW)
    tree = parse(
        render.front_page(page.items[0], page.items[1:], has_more=page.has_more, categories=catalog.list_categories(desk))
    )
    assert texts(tree, "//article[@class='lead-story']//h2") == ["Story 0"]
    assert texts(tree, "//div[@class='card-grid']//h3") == ["Story 1", "Story 2", "Story 3", "Story 4", "Story 5"]
    assert tree.xpath("//div[@class='card-grid']//h3/a/@href")[0] == "/article/story-1"
    assert texts(tree, "//button[@class='chip']") == ["All sections", "Politics", "Culture"]
    assert texts(tree, "//div[@class='load-more']") == ["Load more stories"]


def test_empty_front_page_says_so():
    tree = parse(render.front_page(None, [], has_more=False, categories=[]))
    assert texts(tree, "//p[@class='empty-list']") == [wording.FRONT_EMPTY]
    assert not tree.xpath("//div[@class='load-more']")


@pytest.mark.parametrize(
    "kind, lookup, slug, title",
    [
        ("Section", catalog.get_category, "politics", "Politics"),
        ("Author", catalog.get_author, "ann", "Ann Writer"),
        ("Topic", catalog.get_tag, "elections", "#elections"),
    ],
)
def test_listing_views(desk: Session, kind, lookup, slug, title):
    subject = lookup(desk, slug)
    filters = {"Section": "category_slug", "Author": "author_slug", "Topic": "tag_slug"}
    page = queries.latest_articles(desk, limit=6, now=NOW, **{filters[kind]: slug})
    tree = parse(render.listing_page(kind, subject, page.items, has_more=page.has_more, categories=catalog.list_categories(desk)))
    assert texts(tree, "//p[@class='eyebrow']") == [kind]
    assert texts(tree, "//h1[@class='page-title']") == [title]
    assert texts(tree, "//div[@class='card-grid']//h2")[:2] == ["Story 0", "Story 1"]
    empty = parse(render.listing_page(kind, subject, [], has_more=False, categories=[]))
    assert texts(empty, "//p[@class='empty-list']") == [wording.LISTINGS[kind][1]]


@pytest.mark.parametrize(
    "kind, title",
    [
        ("Article", wording.ARTICLE_MISSING[0]),
        ("Section", "Section not found"),
        ("Topic", "Topic not found"),
    ],
)
def test_not_found_views_say_what_the_app_says(kind, title):
    tree = parse(render.not_found_page(kind, categories=[]))
    assert texts(tree, "//h1") == [title]
    assert tree.xpath("//a[@class='button']/@href") == ["/"]


def test_newsletter_view_has_the_plain_form_and_the_answer_given_to_it(desk: Session):
    categories = catalog.list_categories(desk)
    tree = parse(render.newsletter_page(categories=categories))
    (view,) = tree.xpath("div[@id='first-view']")
    assert texts(view, ".//main/h1") == [wording.NEWSLETTER_TITLE]
    (form,) = view.xpath(".//main//form[@class='newsletter-form']")
    assert (form.get("method"), form.get("action")) == ("post", "/newsletter/subscribe")
    assert texts(form, ".//label[@class='newsletter-choice']") == ["Politics", "Culture"]
    assert not form.xpath(".//p[contains(@class, 'notice')]")
    assert all(i.startswith("first-view") for i in tree.xpath("//@id"))
    answered = parse(render.newsletter_page(categories=categories, answer="Thank you.", error=EVIL))
    assert texts(answered, "//form//p[@role='status']") == ["Thank you."]
    assert texts(answered, "//form//p[@role='alert']") == [" ".join(EVIL.split())]  # text, never markup
    assert not answered.xpath("//img[@onerror]")
