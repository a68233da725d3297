"""Backend CPU per reader visit, in one process, without sockets: where a visit's time goes.

``readers_load.py`` measures visits over real sockets against the production
server (with the load generator on the same cores). This script runs the same
visit inside one process through Reflex's own event processor
(``BaseStateEventProcessor``) and the Redis state manager, so its CPU time is
the backend's alone and can be profiled:

1. ``hydrate_and_load`` of the article page (the state snapshot), which chains
   ``on_load_internal`` -> the page's on_load (``PageVisit.article``) and
   ``set_is_hydrated``, and starts the comment watcher (background);
2. three keystrokes (``CommentState.set_field``), each waiting for its delta.

The deltas are serialised as the socket would send them (Reflex's ``_sio_dumps``).
The blank Reflex app of ``readers_load.py`` (one state, one on_load, one setter)
is run the same way in a child process, for the ratio.

    PYTHONPATH=. python benchmarks/visit_cost.py                  # 200 visits each, artisan and blank
    PYTHONPATH=. python benchmarks/visit_cost.py --profile 25     # and the top 25 functions (cProfile)
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readers_load import ARTICLE, ARTISAN, BLANK, BLANK_DIR, ROOT_STATE, Target, write_blank_app  # noqa: E402
from tests.harness import BENCH_REDIS_URL, app_env, prepare_database  # noqa: E402

SETTLE_SECONDS = 6.0  # longer than Reflex's default lease (half the 10 s lock expiration)
ROUTES = {ARTICLE: "/article/[slug]", "/": "/"}


class Collector:
    """Stands in for the socket: serialises every update and wakes whoever waits for a value."""

    def __init__(self, target: Target):
        from reflex.app import _sio_dumps

        self.dumps = _sio_dumps
        self.target = target
        self.waiting: dict[str, tuple[str, asyncio.Future]] = {}  # token -> (what, future)
        self.bytes_sent = 0

    async def emit_update(self, update, token: str) -> None:
        self.bytes_sent += len(self.dumps(["event", update]))
        delta = update.delta or {}
        want = self.waiting.get(token)
        if want is None:
            return
        what, fut = want
        hit = (
            delta.get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True
            if what == "hydrated"
            else delta.get(self.target.event_state, {}).get(self.target.event_var) == what
        )
        if hit and not fut.done():
            fut.set_result(True)


def router_data(target: Target, token: str) -> dict:
    path = target.path
    return {
        "pathname": ROUTES.get(path, path),
        "asPath": path,
        "query": {},
        "token": token,
        "sid": f"sid-{token}",
        "headers": {"origin": "http://localhost:3000"},
        "ip": "127.0.0.1",
    }


async def one_visit(processor, collector: Collector, target: Target, events: int) -> None:
    from reflex_base.event import Event

    loop = asyncio.get_running_loop()
    token = str(uuid.uuid4())

    async def send(name: str, payload: dict, what: str) -> None:
        fut = loop.create_future()
        collector.waiting[token] = (what, fut)
        await processor.enqueue(token, Event(name=name, payload=payload, router_data=router_data(target, token)))
        await asyncio.wait_for(fut, 30)

    await send(f"{ROOT_STATE}.hydrate_and_load", {}, "hydrated")
    for i in range(events):
        value = f"draft {token[:8]} {i}"
        ev = target.event(value)
        await send(ev["name"], ev["payload"], value)
    collector.waiting.pop(token, None)


async def run(target: Target, visits: int, events: int, profile: int) -> dict:
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor

    if target is ARTISAN:
        from artisan_app.artisan_app import app
    else:
        from blank.blank import app  # type: ignore[import-not-found]  # written by readers_load
    manager = app.state_manager
    assert isinstance(manager, StateManagerRedis), type(manager)
    collector = Collector(target)
    processor = BaseStateEventProcessor(middleware=app, backend_exception_handler=app.backend_exception_handler)
    names: Counter[str] = Counter()
    enqueue = processor.enqueue

    async def counted(token, event, ev_ctx=None):
        names[event.name.rpartition(".")[2]] += 1
        return await enqueue(token, event, ev_ctx)

    processor.enqueue = counted  # type: ignore[method-assign]
    spent: Counter[str] = Counter()  # CPU inside each kind of event (process time, all threads)
    execute_event = processor._execute_event

    async def timed(*, entry, registered_handler):
        start = time.process_time()
        try:
            return await execute_event(entry=entry, registered_handler=registered_handler)
        finally:
            spent[entry.event.name.rpartition(".")[2]] += time.process_time() - start

    processor._execute_event = timed  # type: ignore[method-assign]
    commands: Counter[str] = Counter()
    execute = type(manager.redis).execute_command

    async def counted_command(self, *args, **options):
        commands[str(args[0]).split()[0].upper()] += 1
        return await execute(self, *args, **options)

    type(manager.redis).execute_command = counted_command  # type: ignore[method-assign]
    async with processor.configure(state_manager=manager, event_namespace=collector):  # type: ignore[arg-type]
        for _ in range(5):  # warm: imports, connections, remembered page data
            await one_visit(processor, collector, target, events)
        await asyncio.sleep(0.2)
        profiler = cProfile.Profile() if profile else None
        cpu0, wall0, sent0 = time.process_time(), time.perf_counter(), collector.bytes_sent
        names.clear()
        commands.clear()
        spent.clear()
        if profiler:
            profiler.enable()
        for _ in range(visits):
            await one_visit(processor, collector, target, events)
        # Counted too: writing the states back (with REFLEX_OPLOCK_ENABLED, when each tab's lease ends).
        await asyncio.sleep(SETTLE_SECONDS)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        sent = collector.bytes_sent - sent0
        keys = len(await manager.redis.keys("*"))
    out = {
        "app": target.name,
        "visits": visits,
        "cpu_ms": cpu * 1000 / visits,
        "wall_ms": (wall - SETTLE_SECONDS) * 1000 / visits,
        "sent_kib": sent / 1024 / visits,
        "redis_keys_per_visit": keys / (visits + 5),
        "events": {k: round(v / visits, 2) for k, v in names.most_common()},
        "redis": {k: round(v / visits, 2) for k, v in commands.most_common()},
        "event_cpu_ms": {k: round(v * 1000 / visits, 2) for k, v in spent.most_common()},
    }
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(profile)
        buf.write("\n--- by own time ---\n")
        pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(profile)
        out["profile"] = buf.getvalue()
    return out


def child(args) -> int:
    target = ARTISAN if args.child == "artisan" else BLANK
    res = asyncio.run(run(target, args.visits, args.events, args.profile))
    print(
        f"{res['app']:>8}: {res['cpu_ms']:6.1f} ms CPU per visit ({res['wall_ms']:.1f} ms wall), "
        f"{res['sent_kib']:.1f} KiB sent, {res['redis_keys_per_visit']:.0f} Redis keys per visit",
        flush=True,
    )
    print(
        f"          events per visit: {res['events']}\n          Redis commands per visit: {res['redis']}\n"
        f"          CPU ms per visit inside each kind of event (overlaps; background ones to their end): "
        f"{res['event_cpu_ms']}"
    )
    if "profile" in res:
        print(res["profile"], flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--events", type=int, default=3, help="keystrokes per visit")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions (cProfile)")
    parser.add_argument("--redis-url", default=BENCH_REDIS_URL)
    parser.add_argument("--no-blank", action="store_true")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for both apps (e.g. REFLEX_OPLOCK_ENABLED=1)",
    )
    parser.add_argument("--child", choices=("artisan", "blank"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    import redis

    with tempfile.TemporaryDirectory(prefix="artisan-visit-cost-") as tmp:
        env = app_env(
            ARTISAN_DB_URL=f"sqlite:///{tmp}/visits.db",
            REFLEX_REDIS_URL=args.redis_url,
            ARTISAN_COMMENT_RATE_LIMIT="100000/minute",
            REFLEX_ENV_MODE="prod",
        )
        env.update(dict(item.split("=", 1) for item in args.env))
        prepare_database(env)
        passed = ["--visits", str(args.visits), "--events", str(args.events), "--profile", str(args.profile)]
        runs = [("artisan", ROOT)] + ([] if args.no_blank else [("blank", write_blank_app(BLANK_DIR))])
        for name, cwd in runs:
            redis.Redis.from_url(args.redis_url).flushdb()
            child_env = {**env, "PYTHONPATH": os.pathsep.join([str(cwd), str(ROOT)])}
            subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--child", name, *passed], cwd=cwd, env=child_env, check=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
