from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import Session

from artisan_app.models import Article
from artisan_app.services.common.text import date_label, reading_minutes, slugify, word_count
from tests.factories import make_article, make_author, make_category


def test_slugify_transliterates_and_trims():
    assert slugify("Civil Servants’ Social Media Use in Pakistan!") == "civil-servants-social-media-use-in-pakistan"
    assert slugify("Ärger über Café") == "arger-uber-cafe"
    assert len(slugify("word " * 50, max_length=30)) <= 30


def test_reading_time_rounds_up_and_is_never_zero():
    assert reading_minutes(0) == 1
    assert reading_minutes(225) == 1
    assert reading_minutes(226) == 2
    assert word_count("Pakistan’s civil-service rules, 1964.") == 4


def test_date_label_house_style():
    assert date_label(datetime(2025, 8, 5, tzinfo=UTC)) == "5 August 2025"
    assert date_label(None) == ""


def test_timestamps_come_back_timezone_aware_in_utc(any_session: Session):
    c, a = make_category(any_session), make_author(any_session)
    karachi = timezone(timedelta(hours=5))
    art = make_article(any_session, category=c, author=a, published_at=datetime(2026, 3, 1, 14, 0, tzinfo=karachi))
    any_session.commit()
    any_session.expire_all()
    loaded = any_session.get(Article, art.id)
    assert loaded.published_at.tzinfo is not None
    assert loaded.published_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused(session: Session):
    c, a = make_category(session), make_author(session)
    with pytest.raises(Exception, match="naive datetime"):
        make_article(session, category=c, author=a, published_at=datetime(2026, 1, 1))
