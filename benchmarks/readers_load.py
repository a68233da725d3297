"""Concurrent readers against the production build, compared with a blank Reflex app.

Every simulated reader is a real socket.io client speaking Reflex's protocol
(as the browser's ``state.js`` does): it connects to ``/_event`` with its own
session token and sends ``hydrate_and_load`` for the article page in the
CONNECT packet; the backend sends the state and runs the page's on_load
handlers (navigation, article, comments). Once ``is_hydrated`` arrives the
reader is "on the page". Then every reader sends a few cheap events (typing a
comment draft: ``CommentState.set_field``), with think time, each waiting for
its delta. All readers stay connected while the backend's memory is read.

For each level N it prints the round trips (hydrate + on_load, and cheap
event: p50/p95/p99), errors, and backend RSS per connected reader, for the
Artisan Times build and for a blank Reflex app (one state, one on_load, one
setter) run the same way in the same run, with the ratios.

    python benchmarks/readers_load.py                 # levels 10,100,500,1000
    python benchmarks/readers_load.py --quick         # levels 10,50
    python benchmarks/readers_load.py --levels 10,100 --redis --workers 3
    python benchmarks/readers_load.py --redis --workers 2 --rate 15 --events 3 --think 2.5

By default readers arrive in a burst: ``--ramp`` of them connecting at a time,
and once all are on the page, all of them type at once. ``--rate R`` has them
arrive R per second instead, each typing as soon as it is on the page (think
time first) and staying connected to the end: a steady stream of readers, as
after a link from a busy front page. The issue's target (p95 under 200 ms at
1000 readers, Redis, 2 workers) is measured that way (``make bench-readers-redis``).

``--redis`` keeps state in Redis (``REFLEX_REDIS_URL``, database 6 by default,
flushed first) and so runs several backend workers (Reflex's default is
2 x cores + 1; ``--workers`` sets ``GRANIAN_WORKERS``). The load generator runs
on the same machine as the server and competes with it for the CPU: its own
CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import resource
import shutil
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's artisan_app, not another editable install

import socketio  # noqa: E402

from tests.harness import BENCH_REDIS_URL, RunningApp, app_env, prepare_database  # noqa: E402

ARTICLE = "/article/civil-servants-social-media-pakistan"
ROOT_STATE = "reflex___state____state"
HYDRATE_TIMEOUT = 120.0
EVENT_TIMEOUT = 60.0
BLANK_DIR = Path(tempfile.gettempdir()) / "artisan-bench-blank-app"
LOG_DIR = Path(tempfile.gettempdir()) / "artisan-bench-logs"


def state_name(module: str, cls: str) -> str:
    """The frontend name of a state class, as Reflex compiles it."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls).lower()
    return f"{ROOT_STATE}.{module.replace('.', '___')}____{snake}"


@dataclass(frozen=True)
class Target:
    """What one reader does on one app."""

    name: str
    path: str
    event_state: str
    event_handler: str
    event_var: str

    def event(self, value: str) -> dict:
        return {
            "name": f"{self.event_state}.{self.event_handler}",
            "payload": self.event_payload(value),
            "router_data": {"pathname": self.path, "asPath": self.path},
        }

    def event_payload(self, value: str) -> dict:
        if self.event_handler == "set_field":
            return {"field": "body", "value": value}
        return {"value": value}


ARTISAN = Target(
    name="artisan",
    path=ARTICLE,
    event_state=state_name("artisan_app.state.reader.comments", "CommentState"),
    event_handler="set_field",
    event_var="body_rx_state_",
)
BLANK = Target(
    name="blank",
    path="/",
    event_state=state_name("blank.blank", "BenchState"),
    event_handler="set_text",
    event_var="text_rx_state_",
)

BLANK_RXCONFIG = """\
import reflex as rx

config = rx.Config(
    app_name="blank",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
"""
BLANK_APP = '''\
"""A blank Reflex app: the framework's own cost per reader, for comparison."""

import reflex as rx


class BenchState(rx.State):
    text: str = ""
    loaded: bool = False

    @rx.event
    def load(self):
        self.loaded = True

    @rx.event
    def set_text(self, value: str):
        self.text = value


def index() -> rx.Component:
    return rx.el.main(rx.el.h1("Blank"), rx.el.p(BenchState.text), rx.cond(BenchState.loaded, rx.el.p("ready")))


app = rx.App(theme=None)
app.add_page(index, route="/", on_load=BenchState.load)
'''


def write_blank_app(directory: Path) -> Path:
    (directory / "blank").mkdir(parents=True, exist_ok=True)
    (directory / "rxconfig.py").write_text(BLANK_RXCONFIG)
    (directory / "blank" / "__init__.py").write_text("")
    (directory / "blank" / "blank.py").write_text(BLANK_APP)
    return directory


# --- one reader -------------------------------------------------------------------


@dataclass
class Reader:
    target: Target
    base_url: str
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    sio: socketio.AsyncClient | None = None
    hydrated: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: tuple[str, asyncio.Future] | None = None
    hydrate_ms: float | None = None
    event_ms: list[float] = field(default_factory=list)
    error: str = ""

    def _on_update(self, data) -> None:
        delta = data.get("delta", {}) if isinstance(data, dict) else {}
        if delta.get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True:
            self.hydrated.set()
        if self.waiting is not None:
            value, fut = self.waiting
            if delta.get(self.target.event_state, {}).get(self.target.event_var) == value and not fut.done():
                fut.set_result(True)

    async def connect(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_update, namespace="/_event")
        boot = {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {},
            "router_data": {"pathname": self.target.path, "asPath": self.target.path},
        }
        start = time.perf_counter()
        try:
            await self.sio.connect(
                f"{self.base_url}?token={self.token}",
                socketio_path="/_event",
                transports=["websocket"],
                namespaces=["/_event"],
                auth={"event": boot},
                wait_timeout=HYDRATE_TIMEOUT,
            )
            await asyncio.wait_for(self.hydrated.wait(), HYDRATE_TIMEOUT)
            self.hydrate_ms = (time.perf_counter() - start) * 1000
        except Exception as exc:  # noqa: BLE001 - counted as an error
            self.error = f"connect/hydrate: {type(exc).__name__}: {exc}"[:200]

    async def type_draft(self, events: int, think: float) -> None:
        if self.error or self.sio is None:
            return
        loop = asyncio.get_running_loop()
        for i in range(events):
            await asyncio.sleep(random.uniform(0, 2 * think))
            value = f"draft {self.token[:8]} {i} {time.perf_counter_ns()}"
            fut = loop.create_future()
            self.waiting = (value, fut)
            start = time.perf_counter()
            try:
                await self.sio.emit("event", self.target.event(value), namespace="/_event")
                await asyncio.wait_for(fut, EVENT_TIMEOUT)
                self.event_ms.append((time.perf_counter() - start) * 1000)
            except Exception as exc:  # noqa: BLE001
                self.error = f"event: {type(exc).__name__}: {exc}"[:200]
                return
            finally:
                self.waiting = None

    async def close(self) -> None:
        if self.sio is None:
            return
        try:
            if self.sio.connected:
                await asyncio.wait_for(self.sio.disconnect(), 10)
            http = getattr(self.sio.eio, "http", None)
            if http is not None and not http.closed:
                await http.close()
        except Exception:  # noqa: BLE001
            pass


# --- one level ---------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


@dataclass
class LevelResult:
    app: str
    readers: int
    hydrate: list[float]
    events: list[float]
    errors: int
    error_samples: list[str]
    rss_before: int
    rss_connected: int
    seconds: float
    server_cpu: float  # seconds of CPU the app's processes used during the level

    @property
    def rss_per_reader_kib(self) -> float:
        return (self.rss_connected - self.rss_before) / max(1, self.readers) / 1024


async def run_level(
    app: RunningApp, target: Target, n: int, events: int, think: float, ramp: int, rate: float = 0.0
) -> LevelResult:
    """``rate`` > 0: readers arrive ``rate`` per second and each starts reading (and
    typing) as soon as it is on the page. ``rate`` = 0 (a burst): all readers
    arrive as fast as ``ramp`` concurrent connections allow, then all type at once."""
    await asyncio.sleep(2)
    rss_before = app.rss_bytes()
    cpu_before = app.cpu_seconds()
    readers = [Reader(target, app.url) for _ in range(n)]
    gate = asyncio.Semaphore(ramp)
    start = time.perf_counter()

    async def arrive(i: int, r: Reader) -> None:
        if rate > 0:
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        async with gate:
            await r.connect()
        if rate > 0:
            await r.type_draft(events, think)

    await asyncio.gather(*(arrive(i, r) for i, r in enumerate(readers)))
    if rate <= 0:
        await asyncio.gather(*(r.type_draft(events, think) for r in readers))
    await asyncio.sleep(1)
    rss_connected = app.rss_bytes()  # every reader is still connected
    server_cpu = app.cpu_seconds() - cpu_before
    seconds = time.perf_counter() - start
    await asyncio.gather(*(r.close() for r in readers))
    if app.proc.poll() is not None:
        print(
            f"  !! {target.name} app exited (code {app.proc.returncode}); log {app.log}:\n" + app.log.read_text()[-3000:],
            flush=True,
        )
    errors = [r.error for r in readers if r.error]
    return LevelResult(
        app=target.name,
        readers=n,
        hydrate=[r.hydrate_ms for r in readers if r.hydrate_ms is not None],
        events=[ms for r in readers for ms in r.event_ms],
        errors=len(errors),
        error_samples=sorted(set(errors))[:3],
        rss_before=rss_before,
        rss_connected=rss_connected,
        seconds=seconds,
        server_cpu=server_cpu,
    )


def describe(r: LevelResult) -> str:
    return (
        f"{r.app:>8} N={r.readers:<5} "
        f"hydrate+on_load p50/p95/p99 {pct(r.hydrate, 50):7.1f} {pct(r.hydrate, 95):7.1f} {pct(r.hydrate, 99):7.1f} ms | "
        f"event p50/p95/p99 {pct(r.events, 50):6.1f} {pct(r.events, 95):6.1f} {pct(r.events, 99):6.1f} ms | "
        f"errors {r.errors:<4} | RSS {r.rss_before / 2**20:6.0f} -> {r.rss_connected / 2**20:6.0f} MiB, "
        f"{r.rss_per_reader_kib:6.1f} KiB/reader | {r.seconds:5.1f} s, server CPU {r.server_cpu:5.1f} s"
    )


def ratio(a: float, b: float) -> str:
    return f"{a / b:5.2f}x" if b and b == b and a == a and b > 0 else "  n/a"


# --- main ------------------------------------------------------------------------------


def start_apps(tmp: Path, args) -> dict[str, RunningApp]:
    extra: dict[str, str] = {}
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        extra["REFLEX_REDIS_URL"] = args.redis_url
    if args.workers:
        extra["GRANIAN_WORKERS"] = str(args.workers)
    apps: dict[str, RunningApp] = {}
    env = app_env(ARTISAN_DB_URL=f"sqlite:///{tmp / 'readers.db'}", ARTISAN_COMMENT_RATE_LIMIT="100000/minute")
    prepare_database(env)
    print("starting the Artisan Times production build ...", flush=True)
    apps["artisan"] = RunningApp(env, LOG_DIR / "artisan.log", extra_env=extra).wait_ready()
    if not args.no_blank:
        blank_dir = write_blank_app(BLANK_DIR)
        shutil.rmtree(blank_dir / ".states", ignore_errors=True)
        print(f"starting the blank app in {blank_dir} (first build installs npm packages) ...", flush=True)
        blank_env = app_env()
        apps["blank"] = RunningApp(blank_env, LOG_DIR / "blank.log", extra_env=extra, cwd=blank_dir).wait_ready()
    for app in apps.values():
        print(f"  {app.log.stem}: {app.url}, {len(app.pids())} processes", flush=True)
    return apps


async def measure(apps: dict[str, RunningApp], args) -> list[tuple[LevelResult, LevelResult | None]]:
    targets = {"artisan": ARTISAN, "blank": BLANK}
    # Warm both apps (imports, DB connections, first renders).
    for name, app in apps.items():
        await run_level(app, targets[name], 3, 1, 0.0, 3)
    results = []
    for n in args.levels:
        row = []
        for name in ("artisan", "blank"):
            if name not in apps:
                row.append(None)
                continue
            res = await run_level(apps[name], targets[name], n, args.events, args.think, args.ramp, args.rate)
            print(describe(res), flush=True)
            for sample in res.error_samples:
                print(f"         error: {sample}", flush=True)
            row.append(res)
        results.append(tuple(row))
    return results


def summary(results, args) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print()
    arrival = f"{args.rate:g} readers/s" if args.rate > 0 else f"a burst ({args.ramp} connecting at a time, then all type)"
    print(
        f"mode: {'Redis state, ' + str(args.workers or 'default') + ' workers' if args.redis else 'default state manager'}; "
        f"{args.events} cheap events per reader, think time 0..{2 * args.think:.1f} s, arrival: {arrival}"
    )
    print(
        "| readers | app | hydrate+on_load p50 / p95 / p99 (ms) | cheap event p50 / p95 / p99 (ms) | errors "
        "| RSS per reader (KiB) | server CPU per reader (ms) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in results:
        for r in row:
            if r is None:
                continue
            print(
                f"| {r.readers} | {r.app} | {pct(r.hydrate, 50):.0f} / {pct(r.hydrate, 95):.0f} / {pct(r.hydrate, 99):.0f} "
                f"| {pct(r.events, 50):.1f} / {pct(r.events, 95):.1f} / {pct(r.events, 99):.1f} | {r.errors} "
                f"| {r.rss_per_reader_kib:.1f} | {r.server_cpu * 1000 / r.readers:.1f} |"
            )
    if all(row[1] is not None for row in results):
        print()
        print("ratio artisan / blank:")
        for a, b in results:
            print(
                f"  N={a.readers:<5} hydrate p50 {ratio(pct(a.hydrate, 50), pct(b.hydrate, 50))} "
                f"p95 {ratio(pct(a.hydrate, 95), pct(b.hydrate, 95))} p99 {ratio(pct(a.hydrate, 99), pct(b.hydrate, 99))} | "
                f"event p50 {ratio(pct(a.events, 50), pct(b.events, 50))} p95 {ratio(pct(a.events, 95), pct(b.events, 95))} "
                f"p99 {ratio(pct(a.events, 99), pct(b.events, 99))} | "
                f"RSS/reader {ratio(a.rss_per_reader_kib, b.rss_per_reader_kib)}"
            )
    print(f"\nload generator CPU: {usage.ru_utime + usage.ru_stime:.1f} s (same machine as the server)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="10,100,500,1000", help="comma-separated reader counts")
    parser.add_argument("--quick", action="store_true", help="levels 10,50 and 3 events per reader")
    parser.add_argument("--events", type=int, default=5, help="cheap events per reader")
    parser.add_argument("--think", type=float, default=0.5, help="mean think time between events (s)")
    parser.add_argument("--ramp", type=int, default=50, help="readers connecting at the same time")
    parser.add_argument(
        "--rate", type=float, default=0.0, help="readers arriving per second, each typing once on the page (default 0: a burst)"
    )
    parser.add_argument("--redis", action="store_true", help="state in Redis, several backend workers")
    parser.add_argument("--redis-url", default=BENCH_REDIS_URL)
    parser.add_argument("--workers", type=int, default=0, help="GRANIAN_WORKERS (default: Reflex's choice)")
    parser.add_argument("--no-blank", action="store_true", help="skip the blank-app comparison")
    args = parser.parse_args()
    args.levels = [10, 50] if args.quick else [int(x) for x in args.levels.split(",") if x.strip()]
    if args.quick:
        args.events = min(args.events, 3)

    print(
        textwrap.dedent(f"""\
        readers_load: levels {args.levels}, {"Redis" if args.redis else "default"} state manager,
        {args.workers or "default"} workers, machine: {__import__("os").cpu_count()} cores"""),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="artisan-readers-") as tmp:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        print(f"app logs in {LOG_DIR}", flush=True)
        apps = start_apps(Path(tmp), args)
        try:
            results = asyncio.run(measure(apps, args))
        finally:
            for app in apps.values():
                app.stop()
        summary(results, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
