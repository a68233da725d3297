"""The core reader and newsroom flows on the stack production runs: PostgreSQL for the
content, Redis for Reflex's state (two backend workers sharing it) and the rate limits.

The tests themselves are the ones the shared SQLite app runs (imported below); this module's
``app_url`` and ``e2e_db_url`` give them an app of their own on PostgreSQL + Redis.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_URL
from tests.e2e.test_comments import (  # noqa: F401 - collected here, against this module's app
    approve,
    test_comment_is_held_then_approved_and_appears_live_elsewhere,
    test_draft_survives_navigation_and_reload,
)
from tests.e2e.test_discovery import test_masthead_search_shows_highlighted_results_that_follow_typing  # noqa: F401
from tests.e2e.test_newsroom import (  # noqa: F401
    editor_account,
    test_editor_writes_previews_publishes_and_a_reader_sees_it,
)
from tests.e2e.test_reader import test_follow_category_then_open_the_seed_article  # noqa: F401
from tests.harness import TEST_REDIS_URL, RunningApp, app_env, prepare_database

pytestmark = [pytest.mark.own_app, pytest.mark.postgres]

SCHEMA = f"artisan_e2e_{os.getpid()}"


@pytest.fixture(scope="module")
def e2e_db_url() -> Iterator[str]:
    """A schema of its own on the tests' PostgreSQL, dropped afterwards."""
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    try:
        yield POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?") + f"options=-csearch_path%3D{SCHEMA}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, e2e_db_url) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("pg-redis")
    state = redis.Redis.from_url(TEST_REDIS_URL)
    state.flushdb()  # the tests' own Redis database
    env = app_env(
        ARTISAN_DB_URL=e2e_db_url, ARTISAN_COMMENT_RATE_LIMIT="200/minute", ARTISAN_QUEUE_URL=f"sqlite:///{tmp / 'queue.db'}"
    )
    prepare_database(env)
    app = RunningApp(env, tmp / "reflex.log", extra_env={"REFLEX_REDIS_URL": TEST_REDIS_URL, "GRANIAN_WORKERS": "2"})
    try:
        app.wait_ready()
        yield app.url
    finally:
        app.stop()
        state.flushdb()
        state.close()
