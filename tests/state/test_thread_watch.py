"""The worker-wide watch over open comment threads (``state/reader/thread_watch.py``):
one query per poll however many tabs wait, and every waiting tab woken on a change."""

from __future__ import annotations

import asyncio

import redis

from artisan_app.state.reader.thread_watch import ThreadWatch


class Versions:
    """What the database would say, and how often it was asked."""

    def __init__(self, **versions: str):
        self.now = {int(k.removeprefix("a")): v for k, v in versions.items()}
        self.reads: list[list[int]] = []
        self.down = False

    def __call__(self, article_ids):
        self.reads.append(sorted(article_ids))
        if self.down:
            raise redis.exceptions.ConnectionError("connection refused")
        return {i: self.now.get(i, "0:None:None") for i in article_ids}


async def until(condition, seconds: float = 10) -> None:
    """Wait (bounded) until ``condition()`` holds: however slowly a loaded machine polls."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_many_tabs_cost_one_query_per_poll_and_all_wake_on_a_change():
    db = Versions(a1="v1", a2="x1")
    watch = ThreadWatch(0.05, db)
    tabs = [asyncio.create_task(watch.wait_for_change(1, "v1", timeout=30)) for _ in range(200)]
    other = asyncio.create_task(watch.wait_for_change(2, "x1", timeout=2))
    await until(lambda: len(db.reads) >= 3)
    assert not any(t.done() for t in tabs)
    # One query per poll for every watched thread, not one per tab.
    assert all(read == [1, 2] for read in db.reads) and len(db.reads) < 20
    db.now[1] = "v2"  # a comment is approved
    results = await asyncio.wait_for(asyncio.gather(*tabs), 10)
    assert results == [True] * 200
    assert await other is False  # its thread did not change: it timed out


async def test_a_tab_that_missed_a_change_learns_at_once():
    db = Versions(a1="v2")
    watch = ThreadWatch(0.02, db)
    assert await watch.wait_for_change(1, "v1", timeout=2) is True  # loaded v1; the thread is at v2


async def test_an_outage_skips_polls_and_the_watch_recovers():
    db = Versions(a1="v1")
    db.down = True
    watch = ThreadWatch(0.02, db)
    tab = asyncio.create_task(watch.wait_for_change(1, "v1", timeout=30))
    await until(lambda: len(db.reads) >= 2)
    assert not tab.done()
    db.down, db.now[1] = False, "v2"
    assert await asyncio.wait_for(tab, 10) is True


async def test_the_poll_stops_when_nobody_watches():
    db = Versions(a1="v1")
    watch = ThreadWatch(0.02, db)
    assert await watch.wait_for_change(1, "v1", timeout=0.1) is False
    await asyncio.wait_for(watch._task, 10)  # the poller ends by itself: nothing can read any more
    reads = len(db.reads)
    # A new watcher starts it again.
    tab = asyncio.create_task(watch.wait_for_change(1, "v1", timeout=30))
    await until(lambda: len(db.reads) > reads)
    db.now[1] = "v2"
    assert await asyncio.wait_for(tab, 10) is True
