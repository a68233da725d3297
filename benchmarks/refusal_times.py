"""How fast things that must not hang give up: the numbers the tests only bound.

Prints, each as the median of ``--runs`` tries, beside a reference measured in the same run:

* the WordPress import refusing an entity-expansion bomb, against importing the small
  test export (``tests/fixtures/wordpress/export.xml``);
* ``/healthz`` when PostgreSQL and Redis accept connections and never answer, against
  ``/healthz`` when both are fine, and the check timeout it should stay near;
* ``/healthz`` when Redis refuses connections (the service is down).

    python benchmarks/refusal_times.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/ lives beside the package, not in it

import httpx  # noqa: E402
from starlette.applications import Starlette  # noqa: E402

from artisan_app.core import db  # noqa: E402
from artisan_app.core.settings import settings  # noqa: E402
from artisan_app.web.endpoints import health  # noqa: E402
from artisan_app.wordpress import wxr  # noqa: E402
from artisan_app.wordpress.importer import import_export  # noqa: E402
from tests.conftest import POSTGRES_URL, sqlite_memory_engine  # noqa: E402
from tests.harness import TEST_REDIS_URL, HangingListener, free_port  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "wordpress"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_of(source: Path) -> Callable[[], object]:
    def run() -> object:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                return import_export(sqlite_memory_engine(), source, upload_dir=Path(tmp), now=NOW)
            except wxr.WxrError as exc:
                return exc

    return run


async def healthz_seconds(database: str, redis_url: str, runs: int) -> float:
    """Median time of ``/healthz``, timed inside one running event loop (as in a worker: a check
    that gives up leaves its thread behind, which a fresh loop per request would wait for)."""
    db.use_database(database)
    health.settings = dataclasses.replace(settings, redis_url=redis_url, state_redis_url="")
    app = Starlette(routes=health.health_routes())
    times = []
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            for _ in range(runs):
                start = time.perf_counter()
                await client.get("/healthz")
                times.append(time.perf_counter() - start)
    finally:
        db.use_database()
    return statistics.median(times)


def healthz(database: str, redis_url: str, runs: int) -> float:
    return asyncio.run(healthz_seconds(database, redis_url, runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    logging.disable(logging.ERROR)  # the expected "unreachable" warnings

    print(f"WordPress import ({runs} runs, median)")
    print(f"  the test export, imported:    {median_seconds(import_of(FIXTURES / 'export.xml'), runs):7.3f} s")
    print(f"  an entity bomb, refused:      {median_seconds(import_of(FIXTURES / 'bomb.xml'), runs):7.3f} s")

    print(
        f"/healthz ({runs} runs, median; check timeout {health.CHECK_TIMEOUT_SECONDS} s, "
        f"connect timeout {db.CONNECT_TIMEOUT_SECONDS} s)"
    )
    print(f"  both fine:                    {healthz(POSTGRES_URL, TEST_REDIS_URL, runs):7.3f} s")
    with HangingListener() as hung:
        pg, rd = f"postgresql+psycopg://postgres@127.0.0.1:{hung.port}/hung", f"redis://127.0.0.1:{hung.port}"
        print(f"  both hung (accept, no reply): {healthz(pg, rd, runs):7.3f} s")
    refused = f"redis://127.0.0.1:{free_port()}"
    print(f"  Redis refusing connections:   {healthz(POSTGRES_URL, refused, runs):7.3f} s")


if __name__ == "__main__":
    main()
