""" "You may also like": shared category and tags first, then recency; never the
article itself, never a draft or a scheduled article; falls back to the latest
stories when little is related."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from artisan_app.models import ArticleStatus
from artisan_app.services.articles import queries
from tests.factories import BASE_TIME, make_article, make_author, make_category

NOW = BASE_TIME + timedelta(days=30)


@pytest.fixture
def related_world(any_session: Session):
    """The source story is in Politics, tagged elections, pakistan and media.

    Score = 2 for the same category + 1 per shared tag; ties go to the newer story
    (``hours`` = hours after BASE_TIME, so larger is newer):

    | slug       | category   | shared tags                | score     | hours |
    |------------|------------|----------------------------|-----------|-------|
    | same-2tags | Politics   | elections, pakistan        | 2 + 2 = 4 | 1     |
    | same-1tag  | Politics   | elections                  | 2 + 1 = 3 | 3     |
    | other-3tag | Technology | elections, pakistan, media | 0 + 3 = 3 | 2     |
    | same-0tag  | Politics   | —                          | 2 + 0 = 2 | 8     |
    | other-1tag | Economy    | media                      | 0 + 1 = 1 | 9     |
    | unrelated  | Culture    | — (tagged "sport")         | 0 + 0 = 0 | 12    |
    | draft      | Politics   | all three                  | hidden    | —     |
    | scheduled  | Politics   | all three                  | hidden    | NOW+1d|

    So: same-2tags (4); then the two 3s, newer first: same-1tag (hours 3) before
    other-3tag (hours 2); then same-0tag (2), other-1tag (1), unrelated (0).
    The newest story (unrelated) comes last: recency only breaks ties.
    """
    s = any_session
    pol, tech = make_category(s, "Politics", slug="politics"), make_category(s, "Technology", slug="technology")
    econ, culture = make_category(s, "Economy", slug="economy"), make_category(s, "Culture", slug="culture")
    ann = make_author(s, "Ann", slug="ann")
    all_tags = ["elections", "pakistan", "media"]
    source = make_article(s, category=pol, author=ann, slug="source", hours=10, tags=all_tags)
    make_article(s, category=pol, author=ann, slug="same-2tags", hours=1, tags=["elections", "pakistan"])
    make_article(s, category=pol, author=ann, slug="same-1tag", hours=3, tags=["elections", "sport"])
    make_article(s, category=tech, author=ann, slug="other-3tag", hours=2, tags=all_tags)
    make_article(s, category=pol, author=ann, slug="same-0tag", hours=8)
    make_article(s, category=econ, author=ann, slug="other-1tag", hours=9, tags=["media"])
    make_article(s, category=culture, author=ann, slug="unrelated", hours=12, tags=["sport"])
    make_article(s, category=pol, author=ann, slug="draft", status=ArticleStatus.draft, tags=all_tags)
    make_article(s, category=pol, author=ann, slug="scheduled", published_at=NOW + timedelta(days=1), tags=all_tags)
    s.commit()
    return s, source


def related(session: Session, article_id: int, **kw) -> list[str]:
    return [c.slug for c in queries.related_articles(session, article_id, now=kw.pop("now", NOW), **kw)]


def test_order_is_worked_out_by_hand(related_world):
    s, source = related_world
    assert related(s, source.id, limit=12) == [
        "same-2tags",
        "same-1tag",
        "other-3tag",
        "same-0tag",
        "other-1tag",
        "unrelated",
    ]


def test_default_limit_takes_the_top_three(related_world):
    s, source = related_world
    assert related(s, source.id) == ["same-2tags", "same-1tag", "other-3tag"]


def test_never_itself_a_draft_or_a_scheduled_story(related_world):
    s, source = related_world
    slugs = related(s, source.id, limit=12)
    assert {"source", "draft", "scheduled"}.isdisjoint(slugs)


def test_a_scheduled_story_joins_once_live(related_world):
    s, source = related_world
    # Politics + 3 shared tags = 5: straight to the top once its time has come.
    assert related(s, source.id, now=NOW + timedelta(days=2))[0] == "scheduled"


def test_falls_back_to_the_latest_when_nothing_is_related(any_session: Session):
    s = any_session
    pol, culture = make_category(s, "Politics", slug="politics"), make_category(s, "Culture", slug="culture")
    ann = make_author(s, "Ann", slug="ann")
    source = make_article(s, category=pol, author=ann, slug="source", hours=1, tags=["elections"])
    make_article(s, category=culture, author=ann, slug="older", hours=2)
    make_article(s, category=culture, author=ann, slug="newer", hours=3)
    s.commit()
    # Both score 0: newest first, and fewer than the limit is fine.
    assert related(s, source.id) == ["newer", "older"]


def test_a_lone_article_has_no_recommendations(any_session: Session):
    s = any_session
    source = make_article(s, category=make_category(s), author=make_author(s), slug="alone", hours=1)
    s.commit()
    assert related(s, source.id) == []
    assert related(s, 999_999) == []


def test_recommendations_for_a_draft_being_previewed_are_live_stories(related_world):
    s, _ = related_world
    from sqlmodel import select

    from artisan_app.models import Article

    draft = s.exec(select(Article).where(Article.slug == "draft")).one()
    slugs = related(s, draft.id, limit=12)
    assert slugs[0] == "source"  # Politics + 3 shared tags = 5
    assert "draft" not in slugs and "scheduled" not in slugs


def test_only_a_recent_window_is_scored(related_world, monkeypatch):
    """With a window of 2: the two newest live stories (unrelated, other-1tag) and the two
    newest in Politics (same-0tag, same-1tag) are candidates; same-2tags and other-3tag,
    older, are not, so the page's cost does not grow with the archive."""
    s, source = related_world
    monkeypatch.setattr(queries, "RELATED_WINDOW", 2)
    assert related(s, source.id, limit=10) == ["same-1tag", "same-0tag", "other-1tag", "unrelated"]
