"""Run the production build in a subprocess and drive Debian's Chromium.

Shared by the browser tests, the benchmarks and the screenshot script. Never
imported by the app itself.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BOOT_TIMEOUT = 900  # a first build installs the npm packages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(**extra: str) -> dict[str, str]:
    """Environment for anything that starts Reflex: the venv's bin first on PATH,
    npm instead of bun, and no inherited ARTISAN_/REFLEX_ settings."""
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTISAN_", "REFLEX_"))}
    env.update(PATH=f"{venv_bin}{os.pathsep}{env.get('PATH', '')}", REFLEX_USE_NPM="1", **extra)
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Migrate and seed the database named in ``env``."""
    for cmd in ([sys.executable, "-m", "alembic", "upgrade", "head"], [sys.executable, "-m", "artisan_app.seed"]):
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


class RunningApp:
    """``reflex run --env prod --single-port`` on a free port, in its own process group."""

    def __init__(self, env: dict[str, str], log: Path, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc = subprocess.Popen(
            ["reflex", "run", "--env", "prod", "--single-port", "--backend-port", str(self.port)],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, timeout: float = BOOT_TIMEOUT) -> "RunningApp":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"reflex exited early:\n{self.log.read_text()[-4000:]}")
            try:
                if httpx.get(self.url + "/ping", timeout=2).status_code == 200 and httpx.get(self.url + "/", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise RuntimeError(f"app did not start in {timeout}s:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def __enter__(self) -> "RunningApp":
        return self.wait_ready()

    def __exit__(self, *exc) -> None:
        self.stop()
