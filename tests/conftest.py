"""Shared fixtures: a fresh database per test (SQLite in memory, and PostgreSQL
at 127.0.0.1:5432/test for tests that ask for ``any_engine``), wired into
``artisan_app.core.db`` so states and services use it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import artisan_app.models  # noqa: F401  (register tables)
from artisan_app.core import db
from artisan_app.services.common import ratelimit
from artisan_app.services.search import index

POSTGRES_URL = os.environ.get("ARTISAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def sqlite_memory_engine() -> Engine:
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    create_schema(engine)
    return engine


def create_schema(engine: Engine) -> None:
    """The models' tables plus the search index (not in the metadata: FTS5 / tsvector)."""
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        index.ensure_search_index(conn)


def clean_postgres(request) -> Engine:
    """This run's PostgreSQL schema, emptied."""
    engine = request.getfixturevalue("postgres_engine")
    _truncate(engine)
    return engine


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_directory(tmp_path_factory):
    """Image files (seed covers, uploads) go to this run's own directory, shared by its
    tests: content-hashed names make a second import of the same picture free."""
    from artisan_app.services.media.storage import LocalStorage, use_storage

    use_storage(LocalStorage(tmp_path_factory.mktemp("media")))
    yield
    use_storage(None)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters are per process; every test starts with none."""
    ratelimit.reset_all()
    yield


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # the machine's PostgreSQL must be running
        pytest.fail(f"PostgreSQL is required at {POSTGRES_URL}: {exc}")
    # A schema of this process's own: isolated from anything else in the shared
    # `test` database, including another test run going on at the same time.
    schema = f"artisan_tests_{os.getpid()}"
    admin = engine
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(POSTGRES_URL, pool_pre_ping=True, connect_args={"options": f"-csearch_path={schema}"})
    create_schema(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_engine(request) -> Iterator[Engine]:
    """The same test on SQLite and on PostgreSQL."""
    engine = sqlite_memory_engine() if request.param == "sqlite" else clean_postgres(request)
    db.use_database(engine=engine)
    yield engine
    db.use_database()


@pytest.fixture
def engine() -> Iterator[Engine]:
    """SQLite in memory, for tests where the backend does not matter."""
    engine = sqlite_memory_engine()
    db.use_database(engine=engine)
    yield engine
    db.use_database()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def any_session(any_engine) -> Iterator[Session]:
    with Session(any_engine, expire_on_commit=False) as s:
        yield s


class QueryCounter:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.statements: list[str] = []

    def _count(self, conn, cursor, statement, *args):
        self.statements.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries():
    return QueryCounter


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, tests/e2e/ at the very end: Playwright's sync API keeps
    an event loop running in the main thread while tests/e2e's session-wide browser
    is open, and the async state tests (and other Playwright users) cannot share it."""

    def rank(item) -> int:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            # Modules that start a production build of their own come after every test of the
            # shared one: a build rewrites .web/build, whose bundle names its own server's port.
            return 3 if item.get_closest_marker("own_app") else 2
        return 1 if item.get_closest_marker("e2e") else 0

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _fresh_page_data():
    """Each test starts with nothing remembered (``services/site/page_data.py`` keys by engine and
    content generation; tests that share an engine start their data, and generation, afresh)."""
    from artisan_app.services.site import page_data

    page_data.forget()
    yield
