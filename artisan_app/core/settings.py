"""Environment-driven configuration.

Every knob is read from the environment once, here, so the app, the Alembic
migrations, the seed command and the tests agree. Nothing else reads
``os.environ`` for configuration.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Everything the app writes while it runs (the SQLite database, the job queue, image files)
# lives in one folder, by default ``var/`` in the project. The dev server's hot reload must
# not watch it: rxconfig.py excludes it, or every write would restart the backend.
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
# Development-only signing secret; production refuses it (see check_production).
DEV_SECRET_KEY = "artisan-dev-secret-not-for-production"
MIN_SECRET_KEY_LENGTH = 32
# Environments where local-only conveniences (the demo editor) may exist.
DEVELOPMENT_ENVIRONMENTS = frozenset({"dev", "development", "test"})


class InsecureProductionConfig(RuntimeError):
    """Raised at startup when production would run with an unsafe configuration."""


def _reflex_prod_requested(argv: Sequence[str]) -> bool:
    """``reflex run --env prod`` (or ``--env=prod``): Reflex only sets
    ``REFLEX_ENV_MODE`` after it has loaded rxconfig.py, so read the command line."""
    args = list(argv)
    if not args or "reflex" not in args[0] or "run" not in args:
        return False
    for i, arg in enumerate(args):
        if arg == "--env" and i + 1 < len(args) and args[i + 1] == "prod":
            return True
        if arg == "--env=prod":
            return True
    return False


def _var_dir(env: dict[str, str]) -> Path:
    """``ARTISAN_VAR_DIR`` (relative to the project), else ``var/`` in the project."""
    raw = env.get("ARTISAN_VAR_DIR", "").strip()
    return (PROJECT_ROOT / raw).resolve() if raw else DEFAULT_VAR_DIR


def _database_url(env: dict[str, str]) -> str:
    """``ARTISAN_DB_URL`` wins, then Reflex's own ``REFLEX_DB_URL``, then SQLite in the var folder."""
    return env.get("ARTISAN_DB_URL") or env.get("REFLEX_DB_URL") or f"sqlite:///{_var_dir(env) / 'artisan.db'}"


def _proxy_hops(raw: str) -> int:
    if not raw.strip().isdigit():
        raise ValueError(f"ARTISAN_TRUSTED_PROXY_HOPS must be a whole number of proxies (0 or more), not {raw!r}.")
    return int(raw)


def _media_dir(env: dict[str, str]) -> str:
    """``ARTISAN_MEDIA_DIR``, else ``media/`` in the var folder. Never inside a folder served whole as static
    files (Reflex's upload directory, ``assets/``, ``.web/``): the masters there would be public;
    only ``/media/<name>`` serves images, and only renditions."""
    media = Path(env.get("ARTISAN_MEDIA_DIR") or _var_dir(env) / "media").resolve()
    uploads = PROJECT_ROOT / env.get("REFLEX_UPLOADED_FILES_DIR", "uploaded_files")
    for served in (uploads, PROJECT_ROOT / "assets", PROJECT_ROOT / ".web"):
        if media.is_relative_to(served.resolve()):
            raise ValueError(
                f"ARTISAN_MEDIA_DIR ({media}) must not be inside {served.resolve()}, which is "
                "served to anyone: its image masters would be public. Choose a folder outside it."
            )
    return str(media)


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    database_url: str
    environment: str
    # Files the app writes at run time (``ARTISAN_VAR_DIR``, default ``var/``).
    var_dir: Path
    site_url: str
    page_size: int
    redis_url: str
    comment_rate_limit: str
    # Signing secret (``ARTISAN_SECRET_KEY``); production refuses the dev default.
    secret_key: str = field(repr=False)
    # Reflex's own state-manager Redis (``REFLEX_REDIS_URL``); "" = not configured.
    state_redis_url: str
    # Reverse proxies in front of the app that append to X-Forwarded-For (Reflex's
    # ``trusted_proxy_hops``); 0 = use the connecting address, ignoring the header.
    trusted_proxy_hops: int = 0
    # The newsroom's time zone (``ARTISAN_NEWSROOM_TZ``, an IANA name): schedules are typed and shown in it.
    newsroom_tz: str = "Asia/Karachi"
    # Newsletters (README "Configuration"): SMTP server ("" = the outbox table), sender,
    # job queue ("" = a SQLite file in the var folder, or Redis when one is configured),
    # messages per second and per batch, days a confirmation link stays valid.
    smtp_url: str = field(default="", repr=False)
    mail_from: str = "Artisan Times <newsletter@localhost>"
    queue_url: str = ""
    mail_rate: float = 10.0
    mail_batch_size: int = 200
    mail_lease_seconds: int = 120
    mail_backoff_seconds: float = 5.0
    # Searches per client (``ARTISAN_SEARCH_RATE_LIMIT``, ``limits`` syntax).
    search_rate_limit: str = "30/minute;300/hour"
    # Image files (``ARTISAN_MEDIA_DIR``): renditions, crops and cleaned originals.
    media_dir: str = ""
    # Cached first HTML of public pages (``web/page_cache.py``): on/off, and the
    # Cache-Control a CDN may use (``s-maxage``, ``stale-while-revalidate``), in seconds.
    page_cache: bool = True
    page_cache_seconds: int = 60
    page_stale_seconds: int = 300
    # Whether ``ARTISAN_SITE_URL`` was given: production refuses the local default.
    site_url_configured: bool = False

    @property
    def is_production(self) -> bool:
        """Production as known at import time only; decisions use ``production_requested()``."""
        return self.environment == "prod"

    def production_requested(self, env: Mapping[str, str] | None = None, argv: Sequence[str] | None = None) -> bool:
        """Production by ``ARTISAN_ENV=prod``, ``REFLEX_ENV_MODE=prod`` (now or at
        load time) or a ``reflex run --env prod`` command line. Decided at call
        time: ``reflex run --env prod`` sets ``REFLEX_ENV_MODE`` after this module loads."""
        env = os.environ if env is None else env
        return (
            self.is_production
            or env.get("ARTISAN_ENV") == "prod"
            or env.get("REFLEX_ENV_MODE") == "prod"
            or _reflex_prod_requested(sys.argv if argv is None else argv)
        )

    def development_declared(self, env: Mapping[str, str] | None = None, argv: Sequence[str] | None = None) -> bool:
        """Fail closed: only an explicit development or test environment counts
        (``ARTISAN_ENV`` = dev/development/test, or Reflex's own dev mode when
        ``ARTISAN_ENV`` is unset), and never while production is requested."""
        env = os.environ if env is None else env
        declared = env.get("ARTISAN_ENV") or ("dev" if env.get("REFLEX_ENV_MODE") == "dev" else "")
        return declared in DEVELOPMENT_ENVIRONMENTS and not self.production_requested(env, argv)

    def check_production(self, env: Mapping[str, str] | None = None, argv: Sequence[str] | None = None) -> None:
        """Refuse to start production with a missing, default or short secret key,
        or without a site address (``ARTISAN_SITE_URL``, the base of every link
        sent out: canonical links, Open Graph, feeds, sitemap, mail).

        Called from rxconfig.py, so ``reflex run --env prod`` stops before building.
        Does nothing outside production.
        """
        if not self.production_requested(env, argv):
            return
        problem = hint = ""
        if not self.secret_key or self.secret_key == DEV_SECRET_KEY:
            problem = "ARTISAN_SECRET_KEY is not set (the development default is refused)"
        elif len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            problem = f"ARTISAN_SECRET_KEY is too short ({len(self.secret_key)} characters, need {MIN_SECRET_KEY_LENGTH}+)"
        if problem:
            hint = (
                "Generate one with `python -c 'import secrets; print(secrets.token_urlsafe(48))'` and export ARTISAN_SECRET_KEY"
            )
        elif not self.site_url_configured:
            problem = f"ARTISAN_SITE_URL is not set (links would point to {self.site_url})"
            hint = "Export the public address, e.g. ARTISAN_SITE_URL=https://www.example.com,"
        elif not self.site_url.startswith(("https://", "http://")):
            problem = f"ARTISAN_SITE_URL must start with https:// or http:// (got {self.site_url!r})"
            hint = "Export the public address, e.g. ARTISAN_SITE_URL=https://www.example.com,"
        if problem:
            raise InsecureProductionConfig(f"Refusing to start in production: {problem}. {hint} before `reflex run --env prod`.")

    def ensure_var_dir(self) -> Path:
        """Create the var folder (and its parents) if needed; returns it."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return self.var_dir

    def watch_excluded_folder(self) -> Path | None:
        """The top-level project folder that holds the var folder (``None`` when it lies
        outside the project): the dev server must not watch it for changes."""
        try:
            relative = self.var_dir.relative_to(PROJECT_ROOT)
        except ValueError:
            return None
        return PROJECT_ROOT / relative.parts[0] if relative.parts else None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        return cls(
            database_url=_database_url(env),
            var_dir=_var_dir(env),
            environment=env.get("ARTISAN_ENV", env.get("REFLEX_ENV_MODE", "dev")),
            site_url=(env.get("ARTISAN_SITE_URL", "").strip() or "http://localhost:3000").rstrip("/"),
            page_size=int(env.get("ARTISAN_PAGE_SIZE", "6")),
            redis_url=env.get("ARTISAN_REDIS_URL") or env.get("REFLEX_REDIS_URL", ""),
            comment_rate_limit=env.get("ARTISAN_COMMENT_RATE_LIMIT", "5/minute;30/hour"),
            secret_key=env.get("ARTISAN_SECRET_KEY") or DEV_SECRET_KEY,
            state_redis_url=env.get("REFLEX_REDIS_URL", ""),
            trusted_proxy_hops=_proxy_hops(env.get("ARTISAN_TRUSTED_PROXY_HOPS", "0")),
            newsroom_tz=env.get("ARTISAN_NEWSROOM_TZ", "Asia/Karachi"),
            smtp_url=env.get("ARTISAN_SMTP_URL", ""),
            mail_from=env.get("ARTISAN_MAIL_FROM", "Artisan Times <newsletter@localhost>"),
            queue_url=env.get("ARTISAN_QUEUE_URL") or env.get("ARTISAN_REDIS_URL") or env.get("REFLEX_REDIS_URL", ""),
            mail_rate=float(env.get("ARTISAN_MAIL_RATE", "10")),
            mail_batch_size=int(env.get("ARTISAN_MAIL_BATCH", "200")),
            mail_lease_seconds=int(env.get("ARTISAN_MAIL_LEASE_SECONDS", "120")),
            mail_backoff_seconds=float(env.get("ARTISAN_MAIL_BACKOFF", "5")),
            search_rate_limit=env.get("ARTISAN_SEARCH_RATE_LIMIT", "30/minute;300/hour"),
            media_dir=_media_dir(env),
            page_cache=env.get("ARTISAN_PAGE_CACHE", "1").strip().lower() not in {"0", "off", "false", "no"},
            page_cache_seconds=int(env.get("ARTISAN_PAGE_CACHE_SECONDS", "60")),
            page_stale_seconds=int(env.get("ARTISAN_PAGE_STALE_SECONDS", "300")),
            site_url_configured=bool(env.get("ARTISAN_SITE_URL", "").strip()),
        )


settings = Settings.from_env()
