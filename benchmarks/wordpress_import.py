"""Import a generated WordPress export: time, throughput and memory, with a parse-only reference.

    python benchmarks/wordpress_import.py                      # 10,000 posts, 100,000 comments, SQLite
    python benchmarks/wordpress_import.py --posts 500          # quick: 500 posts, 5,000 comments
    python benchmarks/wordpress_import.py --postgres           # a scratch schema in ARTISAN_TEST_POSTGRES_URL's database
    python benchmarks/wordpress_import.py --chain 90000        # only the reply tree of one 90,000-deep comment chain

The export (``wxr_export.py``) has realistic block markup, authors, categories
(some nested), tags, statuses and comment reply trees. Printed: the import's
wall and CPU time, posts/s and comments/s, the time of a second import of the
same file (nothing changes), the process's peak RSS and its RSS at 10 % and
100 % of the posts (bounded memory: it must not grow with the file), and the
reference: the time to stream the same file through the importer's own parser
(``wxr.read``) in the same run, so that the ratio import/parse means
something on a machine shared with other work. The load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import text  # noqa: E402
from sqlmodel import SQLModel, create_engine  # noqa: E402
from wxr_export import write_export  # noqa: E402

import artisan_app.models  # noqa: E402,F401
from artisan_app.core import db  # noqa: E402
from artisan_app.services.search import index  # noqa: E402
from artisan_app.wordpress import wxr  # noqa: E402
from artisan_app.wordpress.importer import import_export  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def parse_only(export: Path) -> tuple[float, float]:
    """(wall, CPU) seconds to stream ``export`` through the importer's parser."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in wxr.read(export):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def chain_tree(n: int) -> None:
    """Time the reply tree (``wordpress.comments._tree``) of one chain of ``n`` comments, listed newest first."""
    from artisan_app.wordpress.comments import _tree
    from artisan_app.wordpress.wxr import WxrComment

    chain = [WxrComment(id=i, parent=i - 1) for i in range(n, 0, -1)]
    for size in (n // 4, n // 2, n):
        started = time.perf_counter()
        _tree(chain[-size:])
        print(f"reply tree of a {size:,}-deep chain: {time.perf_counter() - started:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--comments", type=int, help="in all (default: 10 per post)")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-again", action="store_true", help="skip the second import of the same file")
    parser.add_argument("--chain", type=int, help="time only the reply tree of one chain this deep")
    args = parser.parse_args()
    if args.chain:
        chain_tree(args.chain)
        return
    comments = args.comments if args.comments is not None else args.posts * 10
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.xml"
        written = write_export(export, args.posts, comments)
        if args.postgres:
            url = os.environ.get("ARTISAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
            schema = f"bench_wxr_{os.getpid()}"
            admin = create_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
        else:
            engine = db.engine_for(f"sqlite:///{tmp}/bench.db")  # the app's engine: WAL, as in production
        try:
            SQLModel.metadata.create_all(engine)
            with engine.begin() as conn:
                index.ensure_search_index(conn)
            load_before = os.getloadavg()[0]
            parse_before = parse_only(export)
            rss: dict[str, float] = {"before": rss_mib()}

            def progress(done: int, total: int) -> None:
                if done == max(total // 10, 1) or done == total:
                    rss["10 %" if done < total else "100 %"] = rss_mib()

            started, cpu = time.perf_counter(), time.process_time()
            report = import_export(engine, export, upload_dir=Path(tmp) / "up", progress=progress)
            first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
            load_during = os.getloadavg()[0]
            second = again = None
            if not args.no_again:
                started = time.perf_counter()
                again = import_export(engine, export, upload_dir=Path(tmp) / "up")
                second = time.perf_counter() - started
            parse_after = parse_only(export)
        finally:
            engine.dispose()
            if args.postgres:
                with admin.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        size = export.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parse = (parse_before[0] + parse_after[0]) / 2
    parse_cpu = (parse_before[1] + parse_after[1]) / 2
    backend = "postgresql" if args.postgres else "sqlite"
    print(f"backend: {backend}; export: {args.posts:,} posts, {written:,} comments, {size:.0f} MB")
    print(f"load average (1 min) before: {load_before:.1f}, after the first import: {load_during:.1f} (2 cores, shared)")
    print(
        f"first import: {first:.1f} s wall ({first / 60:.2f} min), {first_cpu:.1f} s CPU of this process; "
        f"{args.posts / first:.0f} posts/s, {report.comments_imported / first:.0f} comments/s"
    )
    print(
        f"  imported {report.imported:,}, failed {report.failed}, skipped {report.counts['skipped']:,}, "
        f"comments {report.comments_imported:,}, redirects {report.redirects:,}, unmapped blocks {report.counts['unmapped']:,}"
    )
    print(
        f"reference, parse only (wxr.read over the same file): {parse_before[0]:.1f} s wall before the import, "
        f"{parse_after[0]:.1f} s after ({parse_cpu:.1f} s CPU); import / parse = {first / parse:.1f}x wall, "
        f"{first_cpu / parse_cpu:.1f}x CPU"
    )
    if again is not None:
        print(
            f"same file again: {second:.1f} s; unchanged {again.unchanged:,}, updated {again.updated}, "
            f"comments imported {again.comments_imported}, updated {again.comments_updated}"
        )
    print(
        f"RSS: {rss['before']:.0f} MiB before the import, {rss.get('10 %', 0):.0f} MiB at 10 % of the posts, "
        f"{rss.get('100 %', 0):.0f} MiB at 100 %; peak RSS of the process {peak:.0f} MiB"
    )
    print(
        f"target (10,000 posts + 100,000 comments under 5 min): "
        f"{'measured at full size' if args.posts >= 10000 else 'extrapolated linearly'}: "
        f"{first * 10000 / args.posts / 60:.1f} min"
    )


if __name__ == "__main__":
    main()
