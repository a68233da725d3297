"""An article with thousands of comments: first render, state per reader, memory.

Measures, in the same run, a seed article given ``--comments`` comments (default
5,000: 70% top-level, the rest replies up to four deep) against a reference
article with 10, on a fresh migrated and seeded SQLite database:

* the first page of the thread (``services.comments.thread.thread_page``): time;
* a reader opening the article (``ArticleState.load_article`` +
  ``CommentState.load_comments``): time, Python memory allocated (tracemalloc
  peak), the comment state sent to the browser (JSON) and the tab's pickled
  state (what Reflex keeps per reader in Redis or on disk);
* for comparison, the old unpaged read (``services.comments.thread.article_comments``, capped at 500);
* with ``--browser``: the production build in Chromium, time until the first
  comment is on screen (server's first view) and until the app has taken over
  with its own thread, median of ``--runs`` cold loads.

    PYTHONPATH=. python benchmarks/comment_thread.py [--comments 5000] [--browser] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/harness.py lives beside the package, not in it

from tests.harness import CHROMIUM, CHROMIUM_ARGS, WANT_APP, RunningApp, app_env, prepare_database  # noqa: E402

BIG = "civil-servants-social-media-pakistan"
SMALL = "pakistan-inflation-household-budgets"


def add_comments(url: str, slug: str, count: int, seed: int = 1) -> None:
    from artisan_app.core import db
    from artisan_app.models import Article, Comment, CommentStatus, utcnow

    rng = random.Random(seed)
    engine = db.engine_for(url)
    with Session(engine) as session:
        article = session.exec(select(Article).where(Article.slug == slug)).one()
        start = utcnow() - timedelta(days=30)
        made: list[Comment] = []
        for i in range(count):
            parent = rng.choice(made) if made and rng.random() < 0.3 else None
            c = Comment(
                article_id=article.id,
                parent_id=parent.id if parent else None,
                depth=min(parent.depth + 1, 3) if parent else 0,
                name=f"Reader {i}",
                email=f"r{i}@example.com",
                email_normalized=f"r{i}@example.com",
                body=f"Comment {i}: " + "a considered opinion about the story " * rng.randint(1, 6),
                status=CommentStatus.approved.value,
                fingerprint=f"bench-{slug}-{i}",
                created_at=start + timedelta(seconds=30 * i),
                approved_at=start + timedelta(seconds=30 * i),
            )
            session.add(c)
            session.flush()
            made.append(c)
        session.commit()


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


async def open_as_reader(slug: str):
    import reflex as rx
    from reflex.istate.data import RouterData

    from artisan_app.state.reader.article import ArticleState
    from artisan_app.state.reader.comments import CommentState

    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data(
        {
            "headers": {},
            "asPath": f"/article/{slug}",
            "pathname": "/article/[slug]",
            "query": {},
            "ip": "127.0.0.1",
            "token": "bench",
        }
    )
    await (await root.get_state(ArticleState)).load_article()
    state = await root.get_state(CommentState)
    await state.load_comments()
    return root, state


def in_process(url: str) -> None:
    from reflex_base.registry import RegistrationContext

    RegistrationContext.ensure_context()  # as Reflex (or pytest's plugin) does before states are defined
    from artisan_app.core import db
    from artisan_app.models import Article
    from artisan_app.services.comments import thread

    db.use_database(url)
    print(
        f"{'article':<10}{'comments':>9}{'page ms':>9}{'open ms':>9}{'alloc KiB':>11}{'state→browser KiB':>19}"
        f"{'stored state KiB':>17}{'shown':>7}{'old read KiB (≤500)':>21}"
    )
    for label, slug in (("reference", SMALL), ("big", BIG)):
        with db.session_scope() as session:
            article_id = session.exec(select(Article.id).where(Article.slug == slug)).one()
            count = thread.approved_count(session, article_id)
            page_ms = median_ms(lambda article_id=article_id: thread.thread_page(session, article_id), 15)
            old = thread.article_comments(session, article_id)
            old_kib = len(json.dumps([dataclasses.asdict(c) for c in old.comments])) / 1024
        open_ms = median_ms(lambda slug=slug: asyncio.run(open_as_reader(slug)), 5)
        tracemalloc.start()
        root, state = asyncio.run(open_as_reader(slug))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        browser_kib = len(json.dumps([dataclasses.asdict(c) for c in state.comments])) / 1024
        pickled_kib = len(state._serialize()) / 1024  # as the state manager stores this substate
        print(
            f"{label:<10}{count:>9}{page_ms:>9.1f}{open_ms:>9.1f}{peak / 1024:>11.0f}{browser_kib:>19.1f}"
            f"{pickled_kib:>17.1f}{len(state.comments):>7}{old_kib:>21.1f}"
        )
    db.use_database()


def in_browser(env: dict, tmp: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with RunningApp(env, tmp / "reflex.log") as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"\n{'article':<10}{'first comment on screen ms':>28}{'app took over ms':>18}  (median of {runs} cold loads)")
        for label, slug in (("reference", SMALL), ("big", BIG)):
            shown, took_over = [], []
            for _ in range(runs + 1):  # the first load warms the server
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                start = time.perf_counter()
                page.goto(f"{app.url}/article/{slug}", wait_until="commit")
                page.locator(".comment-list li").first.wait_for(state="attached", timeout=60_000)
                shown.append((time.perf_counter() - start) * 1000)
                # The app, asked for (as the thread coming near would: it loads only when needed).
                page.wait_for_function(WANT_APP, timeout=60_000, polling=50)
                page.locator("#main .comment-list li").first.wait_for(state="attached", timeout=60_000)
                took_over.append((time.perf_counter() - start) * 1000)
                ctx.close()
            print(f"{label:<10}{statistics.median(shown[1:]):>28.0f}{statistics.median(took_over[1:]):>18.0f}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--browser", action="store_true", help="also time the production build in Chromium")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-comments-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    env = app_env(ARTISAN_DB_URL=url)
    prepare_database(env)
    add_comments(url, SMALL, 10)
    add_comments(url, BIG, args.comments)
    print(f"comment thread: {args.comments:,} comments vs 10 (SQLite, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    in_process(url)
    if args.browser:
        in_browser(env, tmp, args.runs)


if __name__ == "__main__":
    main()
