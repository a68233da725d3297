"""Migrating a database that has content keeps every row, and the search index
is rebuilt from what is there (SQLite: batch table rebuilds with foreign keys on
used to cascade-delete every section, block, tag link and comment)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from alembic import command
from artisan_app.core import db
from artisan_app.models import Article, Newsletter
from artisan_app.services.search import queries
from artisan_app.services.seed import loader
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("article", "section", "block", "articletag", "tag", "category", "author")


def _config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["url"] = url
    cfg.attributes["configure_logger"] = False
    return cfg


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in TABLES}


def test_down_and_up_again_on_sqlite_keeps_content_and_reindexes(tmp_path):
    url = f"sqlite:///{tmp_path / 'content.db'}"
    command.upgrade(_config(url), "head")
    engine = db.engine_for(url)
    with Session(engine) as s:
        loader.load_seed(s)
        s.commit()
    before = _counts(engine)
    assert before["section"] > 0 and before["block"] > 0 and before["articletag"] > 0

    command.downgrade(_config(url), "0002")  # drops the search index (and anything newer)
    command.upgrade(_config(url), "head")  # 0003 indexes the articles already there

    assert _counts(engine) == before
    with Session(engine) as s:
        page = queries.search_articles(s, "inflation")
        assert {hit.card.slug for hit in page.items} == {
            "argentina-inflation-peso-households",
            "pakistan-inflation-household-budgets",
        }
    with engine.connect() as conn:  # the pooled connection has its foreign keys back on
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A schema of its own on the tests' PostgreSQL, dropped afterwards."""
    schema = f"artisan_keep_data_{os.getpid()}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@pytest.mark.postgres
def test_down_and_up_again_on_postgres_keeps_content_and_reindexes(postgres_url):
    """As production runs it: every migration since 0002 undone and redone on a seeded database."""
    command.upgrade(_config(postgres_url), "head")
    engine = create_engine(postgres_url)
    try:
        with Session(engine) as s:
            loader.load_seed(s)
            s.commit()
        before = _counts(engine)
        assert before["section"] > 0 and before["block"] > 0 and before["articletag"] > 0

        command.downgrade(_config(postgres_url), "0002")
        command.upgrade(_config(postgres_url), "head")

        assert _counts(engine) == before
        with Session(engine) as s:
            page = queries.search_articles(s, "inflation")
            assert {hit.card.slug for hit in page.items} == {
                "argentina-inflation-peso-households",
                "pakistan-inflation-household-budgets",
            }
    finally:
        engine.dispose()


def _two_sends_of_one_article(engine) -> int:
    with Session(engine) as s:
        article_id = s.exec(select(Article.id).where(Article.status == "published")).first()
        for _ in range(2):  # what two simultaneous "Send" requests could leave before 0018
            s.exec(
                text(
                    "INSERT INTO newsletter (article_id, subject, status, created_by_name, prepared, total, "
                    "lease_owner, temporary_failures, last_error, created_at) VALUES "
                    "(:a, 'Twice', 'done', '', true, 0, '', 0, '', CURRENT_TIMESTAMP)"
                ).bindparams(a=article_id)
            )
        s.commit()
    return article_id


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_one_send_per_article_migrates_a_database_that_has_two(database, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'sends.db'}" if database == "sqlite" else request.getfixturevalue("postgres_url")
    command.upgrade(_config(url), "0017")
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            loader.load_seed(s)
            s.commit()
        article_id = _two_sends_of_one_article(engine)
        command.upgrade(_config(url), "head")
        with Session(engine) as s:
            sends = s.exec(select(Newsletter).order_by(Newsletter.id)).all()
        assert [n.article_id for n in sends] == [article_id, None]  # the history stays, detached
        assert [n.subject for n in sends] == ["Twice", "Twice"]
    finally:
        engine.dispose()
