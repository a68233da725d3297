"""Article HTML under load vs a static file from the same server (issue #19, the ``wrk`` row).

``wrk`` is not installed here, so this is a small asyncio load generator: C
keep-alive connections (raw HTTP/1.1 over asyncio streams, so the client costs
little), each sending GETs back to back for D seconds (or until N requests),
against 127.0.0.1. It measures, in the same run and on the same server:

* the article page (``/article/<seed slug>``), gzip accepted, as a browser asks;
* a static file of the build (``/styles.css``), the reference;
* a conditional GET of the article (``If-None-Match``), what a revalidating browser or CDN sends;

then restarts the app with ``ARTISAN_PAGE_CACHE=0`` and measures the article
uncached (the "before": every request renders). Prints one table row per
measure and the ratio article / static.

    PYTHONPATH=. python benchmarks/page_throughput.py [--connections 50] [--seconds 5] [--max-requests 20000] [--workers 1]

The load generator runs on the same machine: on 2 cores it competes with the
server, so the static-file rate is lower than ``wrk``'s and both rates are
lower bounds; the ratio, measured side by side, is the figure to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/harness.py lives beside the package, not in it

from tests.harness import RunningApp, app_env, prepare_database  # noqa: E402

ARTICLE = "/article/civil-servants-social-media-pakistan"
STATIC = "/styles.css"
LOG_DIR = Path(tempfile.gettempdir()) / "artisan-bench-logs"


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0"))) if status != 304 else b""
    return status, headers, body


def _request(path: str, port: int, extra: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Accept-Encoding: gzip", "Accept: text/html,*/*"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def load(
    port: int, path: str, *, connections: int, seconds: float, max_requests: int, headers: dict[str, str] | None = None
) -> dict:
    request = _request(path, port, headers or {})
    deadline = time.perf_counter() + seconds
    done, errors, statuses, sizes, latencies = 0, 0, {}, [], []

    async def worker() -> None:
        nonlocal done, errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline and done < max_requests:
                start = time.perf_counter()
                writer.write(request)
                try:
                    status, _, body = await _read_response(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                latencies.append(time.perf_counter() - start)
                statuses[status] = statuses.get(status, 0) + 1
                sizes.append(len(body))
                done += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "path": path,
        "requests": done,
        "seconds": elapsed,
        "rate": done / elapsed,
        "errors": errors,
        "statuses": statuses,
        "bytes": (sum(sizes) / len(sizes)) if sizes else 0,
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else 0,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0,
    }


async def etag_of(port: int, path: str) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(_request(path, port, {}))
    _, headers, _ = await _read_response(reader)
    writer.close()
    return headers.get("etag", "")


def row(label: str, r: dict, reference: float | None = None) -> str:
    ratio = f"{r['rate'] / reference:.0%}" if reference else "—"
    codes = ", ".join(f"{k}×{v}" for k, v in sorted(r["statuses"].items()))
    return (
        f"| {label} | {r['rate']:.0f} | {ratio} | {r['p50']:.1f} / {r['p99']:.1f} | {r['bytes'] / 1024:.1f} "
        f"| {codes} | {r['errors']} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=1, help="GRANIAN_WORKERS")
    parser.add_argument("--skip-uncached", action="store_true", help="no second start with ARTISAN_PAGE_CACHE=0")
    args = parser.parse_args()
    kw = dict(connections=args.connections, seconds=args.seconds, max_requests=args.max_requests)

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="artisan-throughput-"))
    env = app_env(ARTISAN_DB_URL=f"sqlite:///{tmp / 'throughput.db'}")
    prepare_database(env)
    print(
        f"{args.connections} connections, {args.seconds:g} s (at most {args.max_requests} requests) per measure, "
        f"{args.workers} worker(s), load generator on the same machine",
        flush=True,
    )
    print("| measure | req/s | of static | latency p50 / p99 (ms) | KiB per response | statuses | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    results = {}
    for cached in (True, False):
        if not cached and args.skip_uncached:
            break
        extra = {"GRANIAN_WORKERS": str(args.workers), "ARTISAN_PAGE_CACHE": "1" if cached else "0"}
        app = RunningApp(env, LOG_DIR / f"throughput-{'cached' if cached else 'uncached'}.log", extra_env=extra)
        try:
            app.wait_ready()
            port = app.port
            asyncio.run(load(port, ARTICLE, connections=5, seconds=1, max_requests=200))  # warm
            asyncio.run(load(port, STATIC, connections=5, seconds=1, max_requests=200))
            static = asyncio.run(load(port, STATIC, **kw))
            article = asyncio.run(load(port, ARTICLE, **kw))
            name = "cached" if cached else "uncached (ARTISAN_PAGE_CACHE=0)"
            print(row(f"static file {STATIC} ({'cached' if cached else 'uncached'} run)", static), flush=True)
            print(row(f"article HTML, {name}", article, static["rate"]), flush=True)
            if cached:
                tag = asyncio.run(etag_of(port, ARTICLE))
                revalidate = asyncio.run(load(port, ARTICLE, headers={"If-None-Match": tag}, **kw))
                print(row("article, If-None-Match (304)", revalidate, static["rate"]), flush=True)
            results[cached] = (static, article)
        finally:
            app.stop()
    if False in results:
        print(f"\ncached / uncached article: {results[True][1]['rate'] / results[False][1]['rate']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
