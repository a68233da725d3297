"""Migrating a database that has content keeps every row, and the search index
is rebuilt from what is there (SQLite: batch table rebuilds with foreign keys on
used to cascade-delete every section, block, tag link and comment)."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import text
from sqlmodel import Session

from alembic import command
from artisan_app.core import db
from artisan_app.services import search, seed

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
        seed.load_seed(s)
        s.commit()
    before = _counts(engine)
    assert before["section"] > 0 and before["block"] > 0 and before["articletag"] > 0

    command.downgrade(_config(url), "0002")  # drops the search index (and anything newer)
    command.upgrade(_config(url), "head")  # 0003 indexes the articles already there

    assert _counts(engine) == before
    with Session(engine) as s:
        page = search.search_articles(s, "inflation")
        assert {hit.card.slug for hit in page.items} == {
            "argentina-inflation-peso-households", "pakistan-inflation-household-budgets",
        }
    with engine.connect() as conn:  # the pooled connection has its foreign keys back on
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
