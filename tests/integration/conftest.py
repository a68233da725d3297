"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from artisan_app.core import db
from tests.conftest import clean_postgres, create_schema


@pytest.fixture(params=["sqlite-file", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_engine(request, tmp_path) -> Iterator[Engine]:
    """The app's database for concurrency tests: a SQLite file (several connections, unlike the
    in-memory one) and PostgreSQL, each with the schema; the app's sessions use it."""
    if request.param == "sqlite-file":
        engine = db.engine_for(f"sqlite:///{tmp_path / 'shared.db'}")
        create_schema(engine)
    else:
        engine = clean_postgres(request)
    db.use_database(engine=engine)
    yield engine
    db.use_database()
