"""Queue and deliver one newsletter to N subscribers through a local SMTP server.

Builds a fresh SQLite site (migrated and seeded) with N confirmed subscribers,
starts a local aiosmtpd server (``tests/smtp_sink.py``, messages
counted, not kept), then measures, in this run:

- **artisan**: the real path. ``queue_send`` + enqueue (the editor's click),
  then a Huey consumer subprocess (``huey_consumer artisan_app.jobs.huey``, one
  worker thread) fixes the audience, and sends batch by batch with a delivery
  record committed per message; time until the newsletter is ``done`` and the
  SMTP server has N messages; peak RSS of the consumer (sampled every 50 ms).
- **reference**: the floor for the same messages: a subprocess that renders the
  article once and sends N personalised copies over one ``smtplib`` connection
  with no queue and no records; its time and peak RSS.

    python benchmarks/newsletter_send.py [--messages 10000] [--batch 200]
    python benchmarks/newsletter_send.py --quick          # 300 messages
    python benchmarks/newsletter_send.py --quick --postgres   # PostgreSQL at 127.0.0.1:5432/test

``--postgres`` uses a scratch schema (``artisan_bench_letters``, dropped afterwards).

Rate pacing is off (``ARTISAN_MAIL_RATE=0``): this measures the machinery.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from artisan_app.core.db import engine_for  # noqa: E402
from artisan_app.models import Article, Newsletter, Subscriber, utcnow  # noqa: E402
from tests.harness import app_env, prepare_database, rss_bytes  # noqa: E402
from tests.smtp_sink import MailCatcher  # noqa: E402

REFERENCE = """
import smtplib, sys, time
from sqlmodel import Session, select
from artisan_app.core.db import engine_for
from artisan_app.models import Subscriber
from artisan_app.services import newsletters
from artisan_app.services.mail.sending import build_message
url, article_id, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with Session(engine_for(url)) as session:
    rendered = newsletters.render_article(session, article_id)
    people = session.exec(select(Subscriber.email, Subscriber.key)).all()
start = time.perf_counter()
with smtplib.SMTP("127.0.0.1", port) as smtp:
    for email, key in people:
        smtp.send_message(build_message(newsletters.newsletter_mail(rendered, email=email, key=key)))
print(time.perf_counter() - start)
"""


class PeakRss:
    """Samples a process's RSS every 50 ms; ``peak`` in bytes."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, rss_bytes([self.pid]))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


POSTGRES = os.environ.get("ARTISAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SCHEMA = "artisan_bench_letters"


def postgres_schema(create: bool) -> str:
    admin = create_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        if create:
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()
    return f"{POSTGRES}?options=-csearch_path%3D{SCHEMA}"


def build_site(tmp: Path, n: int, smtp_url: str, batch: int, db_url: str) -> tuple[dict[str, str], int]:
    env = app_env(
        ARTISAN_DB_URL=db_url or f"sqlite:///{tmp / 'site.db'}",
        ARTISAN_QUEUE_URL=f"sqlite:///{tmp / 'queue.db'}",
        ARTISAN_SMTP_URL=smtp_url,
        ARTISAN_MAIL_RATE="0",
        ARTISAN_MAIL_BATCH=str(batch),
        ARTISAN_SITE_URL="https://news.example",
    )
    prepare_database(env)
    engine = engine_for(env["ARTISAN_DB_URL"])
    with Session(engine) as session:
        session.exec(
            insert(Subscriber),
            params=[
                {
                    "email": f"reader{i}@example.com",
                    "key": f"key-{i:08d}",
                    "status": "active",
                    "all_categories": True,
                    "created_at": utcnow(),
                }
                for i in range(n)
            ],
        )
        article_id = session.exec(select(Article.id).where(Article.status == "published")).first()
        session.commit()
    return env, article_id


def run_artisan(env: dict[str, str], article_id: int, smtp: MailCatcher, n: int) -> dict[str, float]:
    engine = engine_for(env["ARTISAN_DB_URL"])
    worker = subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "artisan_app.jobs.huey", "-w", "1", "-k", "thread", "-q"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sampler = PeakRss(worker.pid)
    time.sleep(1.0)  # the consumer has started (not part of the measurement)
    start = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import time\n"
                "from artisan_app.core import db; from artisan_app.jobs import tasks; from artisan_app.models import Newsletter\n"
                "t = time.perf_counter()\n"
                "with db.session_scope() as s:\n"
                f"    n = Newsletter(article_id={article_id}, subject='bench'); s.add(n); s.flush(); nid = n.id\n"
                "tasks.send_newsletter(nid); print(time.perf_counter() - t)"
            ),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    queued = float(out.stdout.strip())
    smtp.wait_for(n, timeout=3600)
    while True:
        with Session(engine) as session:
            if session.exec(select(Newsletter.status)).first() == "done":
                break
        time.sleep(0.05)
    total = time.perf_counter() - start
    peak = sampler.stop()
    worker.terminate()
    worker.wait(timeout=30)
    return {"queue_s": queued, "total_s": total, "peak_mib": peak / 2**20}


def run_reference(env: dict[str, str], article_id: int, smtp: MailCatcher) -> dict[str, float]:
    proc = subprocess.Popen(
        [sys.executable, "-c", REFERENCE, env["ARTISAN_DB_URL"], str(article_id), str(smtp.port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    sampler = PeakRss(proc.pid)
    out, _ = proc.communicate()
    return {"total_s": float(out.strip()), "peak_mib": sampler.stop() / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="300 messages")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of a SQLite file")
    args = parser.parse_args()
    n = 300 if args.quick else args.messages
    db_url = postgres_schema(True) if args.postgres else ""
    try:
        with tempfile.TemporaryDirectory() as tmp, MailCatcher(keep_messages=False) as smtp:
            env, article_id = build_site(Path(tmp), n, smtp.url, args.batch, db_url)
            ours = run_artisan(env, article_id, smtp, n)
            assert smtp.count == n, f"{smtp.count} messages for {n} subscribers"
            smtp.count = 0
            ref = run_reference(env, article_id, smtp)
            assert smtp.count == n
    finally:
        engine_for(db_url).dispose() if db_url else None
        if db_url:
            postgres_schema(False)
    database = "PostgreSQL" if args.postgres else "SQLite (WAL, a file in the temp dir)"
    print(f"messages: {n} (batch {args.batch}, no rate limit), local aiosmtpd, {database}, {os.cpu_count()} cores")
    print("| path | queue (editor's click) | queue + deliver all | messages/s | peak RSS |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| artisan (Huey worker, a committed record per message) | {ours['queue_s'] * 1000:.0f} ms | "
        f"{ours['total_s']:.1f} s | {n / ours['total_s']:.0f} | {ours['peak_mib']:.0f} MiB |"
    )
    print(
        f"| reference (one smtplib connection, no queue, no records) | — | {ref['total_s']:.1f} s | "
        f"{n / ref['total_s']:.0f} | {ref['peak_mib']:.0f} MiB |"
    )
    print(f"ratio: {ours['total_s'] / ref['total_s']:.2f}x the reference's time")


if __name__ == "__main__":
    main()
