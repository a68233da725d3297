"""Run the production build in a subprocess and drive Debian's Chromium.

Shared by the browser tests, the benchmarks and the screenshot script. Never
imported by the app itself.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent  # the project root (tests/..)
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
# Production refuses the development secret; every app the tests start gets this one.
TEST_SECRET_KEY = "artisan-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"
# Redis database reserved for the tests (flushed by them) and for the benchmarks,
# so nothing collides with other users of the machine's shared Redis.
TEST_REDIS_URL = os.environ.get("ARTISAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
BENCH_REDIS_URL = os.environ.get("ARTISAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(**extra: str) -> dict[str, str]:
    """Environment for anything that starts Reflex: the venv's bin first on PATH,
    npm instead of bun, and no inherited ARTISAN_/REFLEX_ settings."""
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTISAN_", "REFLEX_", "GRANIAN_"))}
    env.update(PATH=f"{venv_bin}{os.pathsep}{env.get('PATH', '')}", REFLEX_USE_NPM="1", ARTISAN_SECRET_KEY=TEST_SECRET_KEY)
    env.update(extra)
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Migrate and seed the database named in ``env``."""
    for cmd in ([sys.executable, "-m", "alembic", "upgrade", "head"], [sys.executable, "-m", "artisan_app.seed"]):
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


class RunningApp:
    """``reflex run --env prod --single-port`` on a free port, in its own process group.

    ``extra_env`` is added to ``env`` (e.g. ``REFLEX_REDIS_URL`` and
    ``GRANIAN_WORKERS``); ``cwd`` defaults to this checkout; ``restart()`` stops
    the whole app and starts it again on the same port with the same environment.
    """

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        port: int | None = None,
        *,
        extra_env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        # Production refuses to start without a site address: the app's own, unless the test names one.
        self.env = {"ARTISAN_SITE_URL": self.url, **env, **(extra_env or {})}
        self.cwd = cwd or ROOT
        self.starts = 0
        self.proc = self._start()

    def command(self) -> list[str]:
        """What this app is started with (each kind of app says its own)."""
        return ["reflex", "run", "--env", "prod", "--single-port", "--backend-port", str(self.port)]

    def _start(self) -> subprocess.Popen:
        self.starts += 1
        log = self.log.open("w" if self.starts == 1 else "a")
        if self.starts > 1:
            log.write(f"\n----- restart #{self.starts - 1} -----\n")
            log.flush()
        return subprocess.Popen(
            self.command(),
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def restart(self, timeout: float = BOOT_TIMEOUT) -> RunningApp:
        """Stop every process of the app and start it again (same port, same env)."""
        self.stop()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # wait until the old workers released the port
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) != 0:
                    break
            time.sleep(0.2)
        self.proc = self._start()
        return self.wait_ready(timeout)

    def pids(self) -> list[int]:
        """The app's processes: the reflex command and every descendant (workers)."""
        return process_tree(self.proc.pid)

    def rss_bytes(self) -> int:
        return rss_bytes(self.pids())

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pids())

    def wait_ready(self, timeout: float = BOOT_TIMEOUT) -> RunningApp:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"reflex exited early:\n{self.log.read_text()[-4000:]}")
            try:
                if self._ready():
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise RuntimeError(f"app did not start in {timeout}s:\n{self.log.read_text()[-4000:]}")

    def _ready(self) -> bool:
        ping = httpx.get(self.url + "/ping", timeout=2)
        return ping.status_code == 200 and httpx.get(self.url + "/", timeout=5).status_code == 200

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        # Workers that outlived the reflex command (same process group).
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def __enter__(self) -> RunningApp:
        return self.wait_ready()

    def __exit__(self, *exc) -> None:
        self.stop()


class ProductionCommand(RunningApp):
    """``artisan serve`` as ``make prod`` and the docs' deployment run it: the production
    build and the job queue's worker, stopped together."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "artisan_app.cli", "serve", "--port", str(self.port)]


class DevApp(RunningApp):
    """``reflex run`` as the README runs it (development server with hot reload) on
    free ports; ``url`` is the dev server's, the one ``reflex run`` prints."""

    def __init__(self, env: dict[str, str], log: Path):
        self.backend_port = free_port()
        super().__init__(env, log)

    def command(self) -> list[str]:
        return ["reflex", "run", "--frontend-port", str(self.port), "--backend-port", str(self.backend_port)]

    def _ready(self) -> bool:
        # Through the dev server's proxy: both servers are up and wired together.
        response = httpx.get(self.url + "/robots.txt", timeout=5)
        return response.status_code == 200 and response.headers["content-type"].startswith("text/plain")


class MakeRunApp(DevApp):
    """``make run``, the README's run command, as a newcomer types it (install, migrate,
    seed, the queue's worker and the dev server) on free ports."""

    def command(self) -> list[str]:
        return ["make", "run", f"PORT={self.port}", f"BACKEND_PORT={self.backend_port}"]

    def backend_workers(self) -> list[int]:
        """The dev server's backend processes: the children of the ``reflex run`` supervisor
        that run the app (hot reload replaces them with new processes)."""
        pids = self.pids()
        supervisors = [pid for pid in pids if _is_reflex_run(pid) and not _is_reflex_run(_parent(pid))]
        return [pid for pid in pids if _is_reflex_run(pid) and _parent(pid) in supervisors]


def _parent(pid: int) -> int:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else 0


def _is_reflex_run(pid: int) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(arg.endswith(b"/reflex") or arg == b"reflex" for arg in argv) and b"run" in argv


# --- processes -----------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name (state, ppid, ...);
    ``None`` once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))  # ppid
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (Linux /proc); vanished ones count 0."""
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_bytes(pids: list[int]) -> int:
    """Sum of resident set sizes (VmRSS) of ``pids``; vanished ones count 0."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            pass
    return total


# --- a TCP proxy to simulate an outage -----------------------------------------


class TcpProxy:
    """Forward ``127.0.0.1:<port>`` to ``target``; ``stop()`` closes the listener
    and cuts every open connection (the service "goes away"), ``start()`` brings
    it back on the same port. Lets tests take PostgreSQL or Redis away from one
    app without touching the shared servers.

    ``hang()`` makes the service hang instead: connections are still accepted
    but nothing is answered, on new connections or open ones, until ``resume()``
    (which delivers what waited, so the open connections carry on).
    """

    def __init__(self, target_port: int, target_host: str = "127.0.0.1", port: int | None = None):
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self._listener: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._running = False
        self._flowing = threading.Event()
        self._flowing.set()

    def hang(self) -> None:
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    def _wait_flowing(self) -> bool:
        """Block while hung; ``False`` once the proxy is stopped."""
        while not self._flowing.wait(0.2):
            if not self._running:
                return False
        return self._running

    def start(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener, self._running = listener, True
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._running = False
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def _accept(self, listener: socket.socket) -> None:
        while self._running:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            # Hung: the kernel completes further handshakes (the backlog); nobody answers them.
            if not self._wait_flowing():
                client.close()
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns.update((client, upstream))
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        socks = [a, b]
        try:
            while self._wait_flowing():
                ready, _, _ = select.select(socks, [], [], 0.5)
                if not self._flowing.is_set():
                    continue  # hung while waiting: leave the data where it is
                for src in ready:
                    data = src.recv(65536)
                    if not data:
                        return
                    (b if src is a else a).sendall(data)
        except OSError:
            pass
        finally:
            for sock in socks:
                try:
                    sock.close()
                except OSError:
                    pass
            with self._lock:
                self._conns.difference_update(socks)

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class HangingListener:
    """A server that accepts every connection and never answers (a hung PostgreSQL or
    Redis): the client's connect succeeds, then nothing comes back. ``accepted``
    counts the connections held open."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.accepted = 0
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []

    def start(self) -> HangingListener:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            self._conns.append(conn)  # held open, never read from or written to
            self.accepted += 1

    def stop(self) -> None:
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        for conn in self._conns:
            conn.close()
        self._conns.clear()

    def __enter__(self) -> HangingListener:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# Until the app has taken over, ask for it (again: the boot script may not have run yet).
WANT_APP = "() => !document.getElementById('first-view') || void window.dispatchEvent(new Event('artisan:app'))"


def wait_for_app(page, timeout: float | None = None) -> None:
    """Ask for the app and wait until it has taken over from the first view."""
    page.wait_for_function(WANT_APP, timeout=timeout, polling=100)
