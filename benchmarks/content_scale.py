"""Does a page cost the same with 100 articles as with 100,000?

Seeds each size into a fresh temporary SQLite database (bulk inserts through
SQLAlchemy core: articles with two sections of two blocks and three tags each,
comments on the newest articles), then runs the service calls of one page load
the way the states do, counting SQL statements (``before_cursor_execute``) and
timing them (median of ``--runs``):

- front page: ``catalog.list_categories`` + ``featured.front_page`` (the featured story, then the latest)
- article page: ``list_categories`` + ``get_article`` + ``related_articles``
  + ``services.comments.thread.article_comments`` + ``services.comments.thread.comments_version``
  (for a new, a middle and an old article in turn)
- category and tag pages: ``latest_articles`` filtered

    python benchmarks/content_scale.py [--sizes 100,100000] [--runs 30] [--postgres]

``--postgres`` runs the same on PostgreSQL at 127.0.0.1:5432/test in a scratch
schema (``artisan_bench_scale``, dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, insert, text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import Session, SQLModel, create_engine  # noqa: E402

import artisan_app.models  # noqa: E402,F401
from artisan_app.core import db  # noqa: E402
from artisan_app.models import Article, ArticleTag, Author, Block, Category, Comment, Section, Tag  # noqa: E402
from artisan_app.services.articles import catalog, featured, queries  # noqa: E402
from artisan_app.services.comments import thread  # noqa: E402

PAGE_SIZE = 6
CATEGORIES, AUTHORS, TAGS = 5, 20, 200
CHUNK = 5000
NOW = datetime.now(UTC)
PG_URL = os.environ.get("ARTISAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_SCHEMA = "artisan_bench_scale"

PARAGRAPH = ("Officials say the rules are clear; the feeds say otherwise. " * 8).strip()


def _chunks(rows: list[dict], size: int = CHUNK):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def seed(engine: Engine, n: int) -> None:
    """``n`` published articles (newest = id n) with bodies, tags and a few comments."""
    rnd = random.Random(7)
    with engine.begin() as conn:
        conn.execute(
            insert(Category),
            [
                {"id": i, "name": f"Section {i}", "slug": f"section-{i}", "description": "", "position": i}
                for i in range(1, CATEGORIES + 1)
            ],
        )
        conn.execute(
            insert(Author),
            [{"id": i, "name": f"Author {i}", "slug": f"author-{i}", "bio": "", "avatar": ""} for i in range(1, AUTHORS + 1)],
        )
        conn.execute(insert(Tag), [{"id": i, "name": f"Topic {i}", "slug": f"topic-{i}"} for i in range(1, TAGS + 1)])
        section_id = block_id = 0
        for start in range(1, n + 1, CHUNK):
            ids = range(start, min(n, start + CHUNK - 1) + 1)
            art, sec, blk, tags = [], [], [], []
            for i in ids:
                published = NOW - timedelta(hours=(n - i) + 1)
                art.append(
                    {
                        "id": i,
                        "slug": f"article-{i}",
                        "kicker": f"Kicker {i}",
                        "headline": f"Headline number {i}",
                        "excerpt": "A short excerpt.",
                        "category_id": 1 + i % CATEGORIES,
                        "author_id": 1 + i % AUTHORS,
                        "status": "published",
                        "word_count": 900,
                        "version": 1,
                        "cover_image": "",
                        "cover_alt": "",
                        "published_at": published,
                        "created_at": published,
                        "updated_at": published,
                    }
                )
                for pos in (1, 2):
                    section_id += 1
                    sec.append({"id": section_id, "article_id": i, "position": pos, "heading": f"Trend {pos}"})
                    block_id += 1
                    blk.append(
                        {
                            "id": block_id,
                            "section_id": section_id,
                            "position": 1,
                            "kind": "paragraph",
                            "text": PARAGRAPH,
                            "attribution": "",
                        }
                    )
                    block_id += 1
                    blk.append(
                        {
                            "id": block_id,
                            "section_id": section_id,
                            "position": 2,
                            "kind": "quote",
                            "text": "We are told to be neutral.",
                            "attribution": "A civil servant",
                        }
                    )
                for tag in rnd.sample(range(1, TAGS + 1), 3):
                    tags.append({"article_id": i, "tag_id": tag})
            conn.execute(insert(Article), art)
            conn.execute(insert(Section), sec)
            conn.execute(insert(Block), blk)
            conn.execute(insert(ArticleTag), tags)
        # Approved comments on the 50 newest articles (5 each).
        rows = []
        for i in range(max(1, n - 49), n + 1):
            for k in range(5):
                rows.append(
                    {
                        "article_id": i,
                        "parent_id": None,
                        "depth": 0,
                        "name": f"Reader {k}",
                        "email": f"r{k}@example.com",
                        "email_normalized": f"r{k}@example.com",
                        "website": "",
                        "body": "Well argued.",
                        "status": "approved",
                        "held_reason": "",
                        "owner_key": "",
                        "fingerprint": f"{i}-{k}",
                        "created_at": NOW - timedelta(minutes=k + 1),
                        "approved_at": NOW - timedelta(minutes=k),
                    }
                )
        for part in _chunks(rows):
            conn.execute(insert(Comment), part)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


# --- page loads ------------------------------------------------------------------


def front_page(session: Session, n: int) -> None:
    catalog.list_categories(session)
    featured.front_page(session, limit=PAGE_SIZE)


def article_page_for(which: str) -> Callable[[Session, int], None]:
    def load(session: Session, n: int) -> None:
        number = {"new": n, "middle": max(1, n // 2), "old": 1}[which]
        catalog.list_categories(session)
        detail = queries.get_article(session, f"article-{number}")
        assert detail is not None
        queries.related_articles(session, detail.id, limit=3)
        thread.article_comments(session, detail.id, reader_id="bench-reader")
        thread.comments_version(session, detail.id)

    return load


def category_page(session: Session, n: int) -> None:
    catalog.list_categories(session)
    catalog.get_category(session, "section-3")
    queries.latest_articles(session, category_slug="section-3", limit=PAGE_SIZE)


def tag_page(session: Session, n: int) -> None:
    catalog.list_categories(session)
    catalog.get_tag(session, "topic-42")
    queries.latest_articles(session, tag_slug="topic-42", limit=PAGE_SIZE)


def related_only(session: Session, n: int) -> None:
    """The "You may also like" ranking on its own (part of every article page)."""
    queries.related_articles(session, max(1, n // 2), limit=3)


def article_without_related(session: Session, n: int) -> None:
    number = max(1, n // 2)
    catalog.list_categories(session)
    detail = queries.get_article(session, f"article-{number}")
    thread.article_comments(session, detail.id, reader_id="bench-reader")
    thread.comments_version(session, detail.id)


PAGES: dict[str, Callable[[Session, int], None]] = {
    "front page": front_page,
    "article page (newest)": article_page_for("new"),
    "article page (middle)": article_page_for("middle"),
    "article page (oldest)": article_page_for("old"),
    "category page": category_page,
    "tag page": tag_page,
    "  of which related_articles": related_only,
    "  article page without related": article_without_related,
}


def measure(engine: Engine, n: int, runs: int) -> dict[str, tuple[int, float]]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    out = {}
    for name, load in PAGES.items():
        with Session(engine, expire_on_commit=False) as s:  # warm-up (caches, pages)
            load(s, n)
        timings = []
        for _ in range(runs):
            statements.clear()
            event.listen(engine, "before_cursor_execute", count)
            start = time.perf_counter()
            with db.session_scope() as session:  # as the states do: a session per load
                load(session, n)
            timings.append((time.perf_counter() - start) * 1000)
            event.remove(engine, "before_cursor_execute", count)
        out[name] = (len(statements), statistics.median(timings))
    return out


def run_size(n: int, runs: int, postgres: bool, tmp: Path) -> dict[str, tuple[int, float]]:
    if postgres:
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        admin.dispose()
        engine = create_engine(PG_URL, pool_pre_ping=True, connect_args={"options": f"-csearch_path={PG_SCHEMA}"})
    else:
        engine = db.engine_for(f"sqlite:///{tmp / f'scale-{n}.db'}")
    SQLModel.metadata.create_all(engine)
    start = time.perf_counter()
    seed(engine, n)
    print(f"  seeded {n:,} articles in {time.perf_counter() - start:.1f} s", flush=True)
    db.use_database(engine=engine)
    try:
        return measure(engine, n, runs)
    finally:
        db.use_database()
        engine.dispose()
        if postgres:
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,100000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (scratch schema) instead of SQLite")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    backend = "PostgreSQL" if args.postgres else "SQLite (file, WAL)"
    print(f"content_scale on {backend}, {args.runs} runs per page (median)", flush=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="artisan-scale-") as tmp:
        for n in sizes:
            results[n] = run_size(n, args.runs, args.postgres, Path(tmp))
    small, large = sizes[0], sizes[-1]
    print()
    print(f"| page | queries ({small:,}) | queries ({large:,}) | median ms ({small:,}) | median ms ({large:,}) | time ratio |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in PAGES:
        q1, t1 = results[small][name]
        q2, t2 = results[large][name]
        print(f"| {name} | {q1} | {q2} | {t1:.2f} | {t2:.2f} | {t2 / t1:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
