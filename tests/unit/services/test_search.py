"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN): ranking,
highlighting, live-only results, paging, index upkeep and hostile queries."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import Session

from artisan_app.models import ArticleStatus
from artisan_app.services.editorial.authoring import replace_body
from artisan_app.services.search import index, queries
from artisan_app.services.search.queries import Segment, SortOrder
from tests.factories import BASE_TIME, make_article, make_author, make_category, sections

# Factories publish at BASE_TIME + ``hours``; every live article here passes ``hours``
# (the default grows with each factory call across the whole test run).
NOW = BASE_TIME + timedelta(days=30)

HOSTILE = [
    '"',
    '""',
    "'",
    "AND",
    "OR",
    "NOT",
    "*",
    "NEAR(",
    "NEAR(a b",
    "-",
    "--",
    "- inflation",
    "inflation -",
    "^",
    ":",
    "col:inflation",
    "headline:inflation",
    "a:*",
    "&",
    "|",
    "!",
    "!!",
    "<->",
    "()",
    "(",
    ")",
    "{x}",
    "\\",
    "\\\\",
    "' OR 1=1 --",
    "'; DROP TABLE article; --",
    "\x00",
    "infl\x00ation",
    "🙂",
    "🙂🙂 inflation",
    "\u202e",
    "\ufeff",
    "𝕏",
    "日本語",
    "ﷺ",
    "e\u0301",
    "\u0301",
    "\ud800",
    "x" * 5000,
    " " * 50,
    'inflation" OR "a',
    "inflation AND",
    "AND AND AND",
    "NEAR(inflation households, 2)",
    "inflation*",
    "*inflation",
    "%",
    "_",
    "%_%",
    "$1",
    "?",
    ":q",
    "\n\t\r",
]


def world(s: Session):
    econ = make_category(s, "Economy", slug="economy")
    pol = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann", slug="ann")
    return econ, pol, ann


@pytest.fixture
def corpus(any_session: Session):
    """Four live articles mention "inflation" in different places; one does not;
    a draft and a scheduled article mention it in the headline."""
    s = any_session
    econ, pol, ann = world(s)
    body = lambda *paras: sections(("Background", list(paras)))  # noqa: E731
    make_article(
        s,
        category=econ,
        author=ann,
        slug="in-headline",
        hours=1,
        headline="Inflation squeezes households",
        excerpt="Prices rose again.",
        body=body("Shoppers paid more for bread."),
    )
    make_article(
        s,
        category=econ,
        author=ann,
        slug="in-excerpt",
        hours=2,
        headline="Budgets under pressure",
        excerpt="How inflation changes the weekly shop.",
        body=body("Families cut back."),
    )
    make_article(
        s,
        category=pol,
        author=ann,
        slug="in-body",
        hours=3,
        headline="A quiet election",
        excerpt="Turnout was low.",
        body=body("Voters worried about inflation more than anything else."),
    )
    make_article(
        s,
        category=pol,
        author=ann,
        slug="in-quote",
        hours=4,
        headline="Parliament returns",
        excerpt="A new session opens.",
        body=sections(("Agenda", ["Bills are waiting."]), quote=("Inflation is the first test.", "A minister")),
    )
    make_article(
        s,
        category=pol,
        author=ann,
        slug="unrelated",
        hours=5,
        headline="Judges on the ballot",
        excerpt="Mexico votes for its judiciary.",
    )
    make_article(s, category=econ, author=ann, slug="draft", status=ArticleStatus.draft, headline="Inflation draft headline")
    make_article(
        s,
        category=econ,
        author=ann,
        slug="scheduled",
        published_at=NOW + timedelta(days=1),
        headline="Inflation scheduled headline",
    )
    s.commit()
    return s


def slugs(page) -> list[str]:
    return [hit.card.slug for hit in page.items]


# ---------------------------------------------------------------- ranking


def test_relevance_ranks_headline_then_excerpt_then_body_and_hides_unpublished(corpus: Session):
    page = queries.search_articles(corpus, "inflation", now=NOW)
    # Headline (weight A / bm25 10) beats excerpt (B / 3) beats body text (C / 1).
    # The two body matches (a paragraph, a quote) differ only by length, which
    # bm25 counts and ts_rank does not: either order is right.
    assert slugs(page)[:2] == ["in-headline", "in-excerpt"]
    assert set(slugs(page)[2:]) == {"in-quote", "in-body"}
    assert page.total == 4 and page.has_more is False
    assert "draft" not in slugs(page) and "scheduled" not in slugs(page)


def test_newest_first_sorts_by_publication_time(corpus: Session):
    page = queries.search_articles(corpus, "inflation", sort=SortOrder.newest, now=NOW)
    assert slugs(page) == ["in-quote", "in-body", "in-excerpt", "in-headline"]
    # The string form (what the state passes) works too; nonsense falls back to relevance.
    assert slugs(queries.search_articles(corpus, "inflation", sort="newest", now=NOW)) == slugs(page)
    assert slugs(queries.search_articles(corpus, "inflation", sort="bogus", now=NOW))[0] == "in-headline"


def test_scheduled_article_appears_once_live(corpus: Session):
    later = queries.search_articles(corpus, "inflation", now=NOW + timedelta(days=2))
    assert "scheduled" in slugs(later) and "draft" not in slugs(later)


def test_every_word_is_required_and_each_is_a_prefix(corpus: Session):
    assert slugs(queries.search_articles(corpus, "inflation households", now=NOW)) == ["in-headline"]
    assert slugs(queries.search_articles(corpus, "infl", now=NOW))[:1] == ["in-headline"]
    assert slugs(queries.search_articles(corpus, "househ", now=NOW)) == ["in-headline"]
    assert slugs(queries.search_articles(corpus, "inflation judges", now=NOW)) == []


def test_body_headings_quotes_and_attributions_are_searchable(corpus: Session):
    assert slugs(queries.search_articles(corpus, "bread", now=NOW)) == ["in-headline"]
    assert slugs(queries.search_articles(corpus, "agenda", now=NOW)) == ["in-quote"]
    assert slugs(queries.search_articles(corpus, "minister", now=NOW)) == ["in-quote"]


def test_case_accents_and_punctuation_do_not_matter(any_session: Session):
    econ, _, ann = world(any_session)
    make_article(
        any_session,
        category=econ,
        author=ann,
        slug="cafe",
        hours=1,
        headline="The Café economy of Kraków",
        excerpt="Naïve pricing, e-commerce and coöperation.",
    )
    any_session.commit()
    for query in ("cafe", "CAFÉ", "krakow", "KRAKÓW", "naive", "coop", "e commerce", "café!!!"):
        assert slugs(queries.search_articles(any_session, query, now=NOW)) == ["cafe"], query


# ---------------------------------------------------------------- highlighting


def test_matches_are_highlighted_in_headline_and_excerpt(corpus: Session):
    hit = queries.search_articles(corpus, "inflation house", now=NOW).items[0]
    assert hit.card.slug == "in-headline"
    assert [(s.text, s.match) for s in hit.headline] == [
        ("Inflation", True),
        (" squeezes ", False),
        ("households", True),
    ]
    assert hit.excerpt == [Segment("Prices rose again.", False)]
    excerpt_hit = queries.search_articles(corpus, "inflation", now=NOW).items[1]
    assert [(s.text, s.match) for s in excerpt_hit.excerpt] == [
        ("How ", False),
        ("inflation", True),
        (" changes the weekly shop.", False),
    ]
    # The segments always add up to the original text.
    assert "".join(s.text for s in excerpt_hit.excerpt) == "How inflation changes the weekly shop."


def test_highlighting_keeps_text_intact_and_marks_whole_words():
    terms = queries.query_terms("cafe <script>")
    segs = queries.highlight("<script>alert('Café')</script> cafés", terms)
    assert "".join(s.text for s in segs) == "<script>alert('Café')</script> cafés"
    assert [s.text for s in segs if s.match] == ["script", "Café", "script", "cafés"]
    # Decomposed accents stay attached to their word.
    assert queries.highlight("cafe\u0301 au lait", ["cafe"]) == [Segment("cafe\u0301", True), Segment(" au lait")]
    assert queries.highlight("", ["x"]) == []
    assert queries.highlight("no terms", []) == [Segment("no terms")]
    assert queries.highlight("elections, elected", ["elect"]) == [
        Segment("elections", True),
        Segment(", "),
        Segment("elected", True),
    ]


def test_query_terms_are_folded_deduplicated_and_bounded():
    assert queries.query_terms('  "Inflation" AND inflation NEAR(Café) -x* ') == ["inflation", "and", "near", "cafe", "x"]
    assert queries.query_terms(None) == [] and queries.query_terms(42) == [] and queries.query_terms("") == []
    assert queries.query_terms("🙂 -- ** ()") == []
    assert len(queries.query_terms(" ".join(f"w{i}" for i in range(50)))) == queries.MAX_TERMS
    assert queries.query_terms("x" * 500) == ["x" * queries.MAX_TERM_CHARS]
    assert queries.query_terms("a\x00b") == ["a", "b"]


# ---------------------------------------------------------------- messages, paging


def test_empty_and_no_result_searches_say_what_to_do(corpus: Session):
    for query in ("", "   ", "?!", None):
        page = queries.search_articles(corpus, query, now=NOW)
        assert page.terms == [] and page.items == [] and page.total == 0
        assert "Type a word" in queries.summary(page, query)
    page = queries.search_articles(corpus, "zeppelin", now=NOW)
    assert page.terms == ["zeppelin"] and page.total == 0
    assert queries.summary(page, "zeppelin") == (
        "No stories match “zeppelin”. Try fewer or different words, or browse the sections."
    )
    assert queries.summary(queries.search_articles(corpus, "inflation", now=NOW), "inflation") == ("4 stories match “inflation”.")
    assert queries.summary(queries.search_articles(corpus, "bread", now=NOW), " bread\x00 ") == "1 story matches “bread”."


def test_pages_do_not_overlap(any_session: Session):
    econ, _, ann = world(any_session)
    for i in range(7):
        make_article(any_session, category=econ, author=ann, slug=f"p{i}", hours=i, headline=f"Budget story {i}")
    any_session.commit()
    seen: list[str] = []
    for offset in (0, 3, 6):
        page = queries.search_articles(any_session, "budget", sort="newest", limit=3, offset=offset, now=NOW)
        assert page.total == 7
        assert page.has_more is (offset < 6)
        seen += slugs(page)
    assert seen == [f"p{i}" for i in range(6, -1, -1)]


# ---------------------------------------------------------------- index upkeep


def test_editing_the_body_or_headline_reindexes(any_session: Session):
    econ, _, ann = world(any_session)
    article = make_article(
        any_session,
        category=econ,
        author=ann,
        slug="edited",
        hours=1,
        headline="Old headline",
        body=sections(("One", ["A paragraph about tariffs."])),
    )
    any_session.commit()
    assert slugs(queries.search_articles(any_session, "tariffs", now=NOW)) == ["edited"]

    replace_body(any_session, article, sections(("One", ["Now it is about subsidies."])))
    any_session.commit()
    assert slugs(queries.search_articles(any_session, "tariffs", now=NOW)) == []
    assert slugs(queries.search_articles(any_session, "subsidies", now=NOW)) == ["edited"]

    article.headline = "Fresh headline"
    index.reindex_article(any_session, article.id)
    any_session.commit()
    assert slugs(queries.search_articles(any_session, "fresh", now=NOW)) == ["edited"]
    assert slugs(queries.search_articles(any_session, "old", now=NOW)) == []


def test_deleted_articles_drop_out(any_session: Session):
    econ, _, ann = world(any_session)
    article = make_article(any_session, category=econ, author=ann, slug="gone", hours=1, headline="Ephemeral news")
    any_session.commit()
    assert queries.search_articles(any_session, "ephemeral", now=NOW).total == 1
    any_session.delete(article)
    any_session.commit()
    assert queries.search_articles(any_session, "ephemeral", now=NOW).total == 0


def test_rebuild_indexes_everything_again(corpus: Session):
    conn = corpus.connection()
    conn.execute(text(f"DELETE FROM {index.SEARCH_TABLE}"))
    assert queries.search_articles(corpus, "inflation", now=NOW).total == 0
    assert index.rebuild_search_index(conn) == 7
    assert slugs(queries.search_articles(corpus, "inflation", now=NOW))[0] == "in-headline"


def test_a_database_without_the_index_still_accepts_articles(caplog):
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel, create_engine

    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    SQLModel.metadata.create_all(engine)  # no ensure_search_index
    with Session(engine) as s, caplog.at_level(logging.WARNING):
        econ, _, ann = world(s)
        make_article(s, category=econ, author=ann, slug="unindexed")
        s.commit()
    assert "not indexed" in caplog.text


def test_alembic_skips_the_search_tables():
    assert not index.include_name("article_search", "table", {})
    assert not index.include_name("article_search_data", "table", {})
    assert index.include_name("article", "table", {})
    assert index.include_name("article_search", "column", {})


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(corpus: Session, query: str):
    page = queries.search_articles(corpus, query, now=NOW)
    assert isinstance(page.total, int)
    queries.summary(page, query)
    if query in FINDS_INFLATION:  # the operators are just separators
        assert slugs(page)[0] == "in-headline"


LIVE = {"in-headline", "in-excerpt", "in-body", "in-quote", "unrelated"}
FINDS_INFLATION = {"- inflation", "inflation -", "🙂🙂 inflation", "inflation*", "*inflation"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60))
def test_any_text_is_a_valid_query(corpus: Session, query: str):
    page = queries.search_articles(corpus, query, now=NOW)
    everything = queries.search_articles(corpus, query, now=NOW, limit=50)  # the corpus is smaller
    assert page.total == everything.total == len(everything.items)  # the count is of what it finds
    assert set(slugs(everything)) <= LIVE and slugs(page) == slugs(everything)[:10]
    assert page.has_more == (page.total > 10)
    for hit in page.items:
        assert "".join(s.text for s in hit.headline) == hit.card.headline
        assert "".join(s.text for s in hit.excerpt) == hit.card.excerpt
