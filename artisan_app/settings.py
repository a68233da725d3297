"""Environment-driven configuration.

Every knob is read from the environment once, here, so the app, the Alembic
migrations, the seed command and the tests agree. Nothing else reads
``os.environ`` for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "artisan.db"


def _database_url(env: dict[str, str]) -> str:
    """``ARTISAN_DB_URL`` wins, then Reflex's own ``REFLEX_DB_URL``, then SQLite."""
    return (
        env.get("ARTISAN_DB_URL")
        or env.get("REFLEX_DB_URL")
        or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    )


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    database_url: str
    environment: str
    site_url: str
    page_size: int
    redis_url: str
    comment_rate_limit: str

    @property
    def is_production(self) -> bool:
        return self.environment == "prod"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        return cls(
            database_url=_database_url(env),
            environment=env.get("ARTISAN_ENV", env.get("REFLEX_ENV_MODE", "dev")),
            site_url=env.get("ARTISAN_SITE_URL", "http://localhost:3000").rstrip("/"),
            page_size=int(env.get("ARTISAN_PAGE_SIZE", "6")),
            redis_url=env.get("ARTISAN_REDIS_URL") or env.get("REFLEX_REDIS_URL", ""),
            comment_rate_limit=env.get("ARTISAN_COMMENT_RATE_LIMIT", "5/minute;30/hour"),
        )


settings = Settings.from_env()
