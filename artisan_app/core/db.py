"""The one place a database engine is created and a session opened."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, create_engine

from artisan_app.core.settings import settings

# A database that is down must fail fast (and be retried on the next request)
# instead of hanging a page load: short connect timeout, a bounded wait for a
# pooled connection, and a liveness check before a pooled connection is reused.
CONNECT_TIMEOUT_SECONDS = 3
POOL_TIMEOUT_SECONDS = 10
PING_TIMEOUT_SECONDS = 2.0

_override_url: str | None = None
_override_engine: Engine | None = None


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """Create (once per URL) an engine with sensible per-backend options."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)  # the var folder on a fresh clone
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:  # pragma: no cover - driver hook
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if url.startswith("postgresql") else {}
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        pool_recycle=1800,
        connect_args=connect_args,
    )


def use_database(url: str | None = None, *, engine: Engine | None = None) -> None:
    """Point the app at another database (tests, benchmarks); no argument resets."""
    global _override_url, _override_engine
    _override_url = str(engine.url) if engine is not None else url
    _override_engine = engine


def current_url() -> str:
    return _override_url or settings.database_url


def get_engine() -> Engine:
    return _override_engine or engine_for(current_url())


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def ping() -> None:
    """``SELECT 1`` on the current database; raises when it cannot be reached."""
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


async def ping_async(timeout: float = PING_TIMEOUT_SECONDS) -> None:
    """``ping`` off the event loop, giving up after ``timeout`` seconds
    (raises ``TimeoutError`` then, or whatever the driver raised)."""
    await asyncio.wait_for(asyncio.to_thread(ping), timeout)
