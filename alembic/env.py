"""Alembic environment: one metadata (SQLModel's), one URL (artisan_app.core.settings)."""

from __future__ import annotations

from logging.config import fileConfig

from sqlmodel import SQLModel

import artisan_app.models  # noqa: F401  (registers every table)
from alembic import context
from artisan_app.core import db
from artisan_app.models.types import UTCDateTime
from artisan_app.services.search.index import include_name

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def _url() -> str:
    return config.attributes.get("url") or config.get_main_option("sqlalchemy.url") or db.current_url()


def _render_item(type_, obj, autogen_context):
    """Render our column types with an import the migration file can use."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        autogen_context.imports.add("from artisan_app.models.types import UTCDateTime")
        return "UTCDateTime()"
    if type_ == "type" and obj.__class__.__module__.startswith("sqlmodel"):
        autogen_context.imports.add("import sqlmodel")
        return f"sqlmodel.sql.sqltypes.{obj.__class__.__name__}(length={getattr(obj, 'length', None)!r})"
    return False


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
        # The full-text search mirror is created by its migration, not the models.
        include_name=include_name,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = db.engine_for(_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch operations rebuild a table (copy, drop, rename). With foreign keys
            # on, dropping "article" would cascade-delete every section, block, tag
            # link and comment, so they are off while migrating (outside a transaction,
            # where SQLite honours the pragma) and back on for the pooled connection.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
