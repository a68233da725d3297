"""``artisan serve``: the production command, the built app on one port and the job queue's
worker beside it.

Starts ``reflex run --env prod --single-port --backend-port PORT`` and
``huey_consumer artisan_app.jobs.huey -w N -k thread`` (the mail: sign-up
confirmations, newsletters, review notices) with the same environment, in
which ``ARTISAN_ENV`` is ``prod`` unless given. Production's checks run first
(``ARTISAN_SECRET_KEY``, ``ARTISAN_SITE_URL``): nothing starts without them.

A worker that exits is started again; when the app exits, or on SIGTERM or
SIGINT, both are stopped (each child runs in its own process group, so the app's
server workers go with it). ``--no-worker`` when the workers run as their own
service. ``make prod`` runs this command.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from artisan_app.core.settings import PROJECT_ROOT, InsecureProductionConfig, Settings

ROOT = PROJECT_ROOT

STOP_GRACE_SECONDS = 15.0
WORKER_RESTART_SECONDS = 5.0


def _bin(name: str) -> str:
    """A console script of this interpreter's environment (the project's virtualenv)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def app_command(port: int) -> list[str]:
    return [_bin("reflex"), "run", "--env", "prod", "--single-port", "--backend-port", str(port)]


def worker_command(threads: int) -> list[str]:
    return [sys.executable, "-m", "huey.bin.huey_consumer", "artisan_app.jobs.huey", "-w", str(threads), "-k", "thread"]


def check(env: dict[str, str]) -> str:
    """Production's refusal (missing secret, missing site address), or ""."""
    try:
        Settings.from_env(env).check_production(env=env, argv=[])
    except InsecureProductionConfig as exc:
        return str(exc)
    return ""


def _start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def _signal(proc: subprocess.Popen | None, sig: int) -> None:
    if proc is not None:
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def stop(*procs: subprocess.Popen | None) -> None:
    """SIGTERM to each child's process group, SIGKILL to what is left after the grace time."""
    for proc in procs:
        _signal(proc, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for proc in procs:
        if proc is None:
            continue
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        _signal(proc, signal.SIGKILL)  # the group's leftovers (the app's server workers)
        proc.wait()


def serve(port: int, threads: int, with_worker: bool) -> int:
    env = {**os.environ, "ARTISAN_ENV": os.environ.get("ARTISAN_ENV") or "prod"}
    refused = check(env)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    stopping: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    worker = _start(worker_command(threads), env) if with_worker else None
    app = _start(app_command(port), env)
    restart_at = 0.0
    try:
        while not stopping and app.poll() is None:
            if worker is not None and worker.poll() is not None:
                if not restart_at:
                    print(f"serve: the job worker exited ({worker.returncode}); starting another", file=sys.stderr)
                    restart_at = time.monotonic() + WORKER_RESTART_SECONDS
                elif time.monotonic() >= restart_at:
                    worker, restart_at = _start(worker_command(threads), env), 0.0
            time.sleep(0.5)
    finally:
        stop(app, worker)
    return 0 if stopping else (app.returncode or 0)


@click.command()
@click.option(
    "--port",
    type=int,
    default=lambda: int(os.environ.get("BACKEND_PORT", "8000")),
    show_default="8000",
    help="The one port of the app (pages, API, websocket).",
)
@click.option("--worker-threads", type=int, default=4, show_default=True, help="The job worker's threads.")
@click.option("--no-worker", is_flag=True, help="Start no job worker: the workers run as their own service.")
def serve_command(port: int, worker_threads: int, no_worker: bool) -> None:
    """Run the production build on one port with the job queue's worker beside it."""
    sys.exit(serve(port, worker_threads, not no_worker))
