"""The schema comes from Alembic: upgrading an empty database must give exactly the models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import artisan_app.models  # noqa: F401
from alembic import command
from artisan_app.services.search.index import include_name
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = f"artisan_migrations_{os.getpid()}"  # this run's own: concurrent runs don't collide


def _config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["url"] = url
    cfg.attributes["configure_logger"] = False
    return cfg


def _diff(engine) -> list:
    with engine.connect() as conn:
        # The search mirror (FTS5 / tsvector) is not in the models; alembic/env.py skips it too.
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        return compare_metadata(ctx, SQLModel.metadata)


def test_upgrade_head_on_empty_sqlite_matches_models_and_downgrades(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    command.upgrade(_config(url), "head")
    engine = create_engine(url)
    assert _diff(engine) == []
    assert {"article", "section", "block", "category", "author"} <= set(inspect(engine).get_table_names())
    command.downgrade(_config(url), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


@pytest.mark.postgres
def test_upgrade_head_on_postgres_matches_models():
    base = POSTGRES_URL
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    url = base + f"?options=-csearch_path%3D{SCHEMA}"
    try:
        command.upgrade(_config(url), "head")
        engine = create_engine(url)
        assert _diff(engine) == []
        command.downgrade(_config(url), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))


def _search_migration():
    """Migration 0003, which keeps its own copy of the search mirror's DDL and folding."""
    import importlib.util

    [path] = (ROOT / "alembic" / "versions").glob("*_0003_search.py")
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_search_migration_builds_what_the_test_fixtures_build():
    """The fixtures create the mirror with ``services.search.index.ensure_search_index``; a migrated
    database must hold the same table, and fold text into it the same way."""
    from artisan_app.services.search import index

    migration = _search_migration()
    for dialect in ("sqlite", "postgresql"):
        assert migration.DDL[dialect] == index.search_index_ddl(dialect)
        assert migration.DROP == index.drop_search_index_ddl(dialect)
    for sample in ("Café ﬁeld", "Élections: 2026 — ÜBER-Straße!", "پاکستان کی سیاست", "", "a_b c-d"):
        assert migration._index_text(sample) == index.index_text(sample)
