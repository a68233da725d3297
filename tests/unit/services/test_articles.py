from datetime import timedelta

from sqlmodel import Session

from artisan_app.models import ArticleStatus
from artisan_app.services.articles import queries
from tests.factories import BASE_TIME, make_article, make_author, make_category, sections

NOW = BASE_TIME + timedelta(days=30)


def _world(s: Session):
    pol, tech = make_category(s, "Politics", slug="politics"), make_category(s, "Technology", slug="technology")
    ann, bob = make_author(s, "Ann", slug="ann"), make_author(s, "Bob", slug="bob")
    return pol, tech, ann, bob


def test_latest_is_newest_first_and_hides_drafts_and_scheduled(any_session: Session):
    pol, tech, ann, _ = _world(any_session)
    make_article(any_session, category=pol, author=ann, slug="old", hours=1)
    make_article(any_session, category=tech, author=ann, slug="new", hours=5)
    make_article(any_session, category=pol, author=ann, slug="draft", status=ArticleStatus.draft)
    make_article(any_session, category=pol, author=ann, slug="future", published_at=NOW + timedelta(hours=1))
    page = queries.latest_articles(any_session, now=NOW)
    assert [c.slug for c in page.items] == ["new", "old"]
    assert page.has_more is False
    # The scheduled one goes live once its time has come.
    later = queries.latest_articles(any_session, now=NOW + timedelta(hours=2))
    assert [c.slug for c in later.items] == ["future", "new", "old"]


def test_filters_by_category_author_and_tag(any_session: Session):
    pol, tech, ann, bob = _world(any_session)
    make_article(any_session, category=pol, author=ann, slug="p-ann", tags=["elections"])
    make_article(any_session, category=tech, author=bob, slug="t-bob", tags=["ai", "elections"])
    make_article(any_session, category=tech, author=ann, slug="t-ann", tags=["ai"])
    slugs = lambda **kw: [c.slug for c in queries.latest_articles(any_session, now=NOW, **kw).items]  # noqa: E731
    assert slugs(category_slug="technology") == ["t-ann", "t-bob"]
    assert slugs(author_slug="ann") == ["t-ann", "p-ann"]
    assert slugs(tag_slug="elections") == ["t-bob", "p-ann"]
    assert slugs(category_slug="nope") == []


def test_pagination_has_more_and_no_overlap(any_session: Session):
    pol, _, ann, _ = _world(any_session)
    for h in range(7):
        make_article(any_session, category=pol, author=ann, slug=f"a{h}", hours=h)
    first = queries.latest_articles(any_session, limit=3, now=NOW)
    second = queries.latest_articles(any_session, limit=3, offset=3, now=NOW)
    third = queries.latest_articles(any_session, limit=3, offset=6, now=NOW)
    assert [c.slug for c in first.items] == ["a6", "a5", "a4"] and first.has_more
    assert [c.slug for c in second.items] == ["a3", "a2", "a1"] and second.has_more
    assert [c.slug for c in third.items] == ["a0"] and not third.has_more


def test_article_detail_has_numbered_sections_quote_author_and_card(any_session: Session):
    pol, _, ann, _ = _world(any_session)
    body = sections(("Alpha", ["p1", "p2"]), ("Beta", ["p3"]), ("Gamma", ["p4"]), quote=("Said it.", "A columnist"))
    make_article(any_session, category=pol, author=ann, slug="story", headline="The Story", body=body, tags=["x-y"])
    detail = queries.get_article(any_session, "story", now=NOW)
    assert detail.card.headline == "The Story"
    assert detail.card.category_name == "Politics"
    assert detail.author.name == "Ann" and detail.author.slug == "ann"
    assert [(s.number, s.heading) for s in detail.sections] == [(1, "Alpha"), (2, "Beta"), (3, "Gamma")]
    assert [(b.kind, b.text) for b in detail.sections[0].blocks] == [
        ("paragraph", "p1"),
        ("paragraph", "p2"),
        ("quote", "Said it."),
    ]
    assert detail.sections[0].blocks[2].attribution == "A columnist"
    assert [t.slug for t in detail.tags] == ["x-y"]
    assert detail.card.published_label.endswith("2026")


def test_unknown_draft_and_future_articles_are_not_found(any_session: Session):
    pol, _, ann, _ = _world(any_session)
    make_article(any_session, category=pol, author=ann, slug="draft", status=ArticleStatus.draft)
    make_article(any_session, category=pol, author=ann, slug="future", published_at=NOW + timedelta(days=1))
    for slug in ("draft", "future", "missing", "", "' OR 1=1 --"):
        assert queries.get_article(any_session, slug, now=NOW) is None


def test_related_ranks_category_and_tags_then_recency_never_self(any_session: Session):
    pol, tech, ann, _ = _world(any_session)
    src = make_article(any_session, category=pol, author=ann, slug="src", tags=["a", "b"], hours=10)
    # Scores worked out by hand: category match = 2, each shared tag = 1.
    make_article(any_session, category=pol, author=ann, slug="pol-ab", tags=["a", "b"], hours=1)  # 4
    make_article(any_session, category=tech, author=ann, slug="tech-ab", tags=["a", "b"], hours=2)  # 2
    make_article(any_session, category=pol, author=ann, slug="pol-none-new", hours=9)  # 2, newer
    make_article(any_session, category=pol, author=ann, slug="pol-a", tags=["a"], hours=3)  # 3
    make_article(any_session, category=tech, author=ann, slug="tech-none", hours=20)  # 0
    make_article(any_session, category=pol, author=ann, slug="pol-draft", tags=["a", "b"], status=ArticleStatus.draft)
    related = [c.slug for c in queries.related_articles(any_session, src.id, limit=5, now=NOW)]
    assert related == ["pol-ab", "pol-a", "pol-none-new", "tech-ab", "tech-none"]


def test_related_falls_back_gracefully_with_few_articles(any_session: Session):
    pol, tech, ann, _ = _world(any_session)
    only = make_article(any_session, category=pol, author=ann, slug="only")
    assert queries.related_articles(any_session, only.id, now=NOW) == []
    make_article(any_session, category=tech, author=ann, slug="other")
    assert [c.slug for c in queries.related_articles(any_session, only.id, now=NOW)] == ["other"]


def test_query_count_is_constant_whatever_the_archive_size(engine, session: Session, count_queries):
    pol, _, ann, _ = _world(session)
    make_article(session, category=pol, author=ann, slug="target")
    session.commit()

    def measure():
        with count_queries(engine) as counter:
            d = queries.get_article(session, "target", now=NOW)
            queries.related_articles(session, d.id, now=NOW)
            queries.latest_articles(session, now=NOW)
        return counter.count

    small = measure()
    for _ in range(40):
        make_article(session, category=pol, author=ann, tags=["t"])
    session.commit()
    session.expire_all()
    assert measure() == small
