"""Upload of a 24-megapixel JPEG: time to all renditions and crops, and peak memory.

    .venv/bin/python benchmarks/image_upload.py            # 6000×4000, 3 runs each
    .venv/bin/python benchmarks/image_upload.py --quick    # 3000×2000, 1 run (a smoke test)

Generates a camera-like JPEG (gradients, shapes and sensor-like noise, quality 95,
with EXIF), then measures, each in a fresh process so the peaks are its own:

* reference: decoding that JPEG once at full size (``Image.open(...).load()``);
* upload: ``services.media.library.import_image`` into an in-memory SQLite database and a
  temporary ``LocalStorage``: checks, master, 5 widths × AVIF/WebP/JPEG, card crops
  × 3 formats, the 1200×630 social crop.

Memory: peak RSS (``VmHWM``, reset just before the work) above the process's RSS before the work, and the
``tracemalloc`` peak, which sees Python objects only (the encoded bytes), not
Pillow's pixel buffers; RSS is the number that matters.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_jpeg(path: Path, width: int, height: int) -> None:
    from PIL import Image, ImageDraw, ImageFilter

    base = Image.merge("RGB", [Image.linear_gradient("L").resize((width, height)).rotate(r, expand=False) for r in (0, 90, 180)])
    d = ImageDraw.Draw(base)
    for i in range(40):
        x, y = (i * 7919) % width, (i * 104729) % height
        d.ellipse((x, y, x + width // 6, y + height // 6), fill=((i * 37) % 255, (i * 91) % 255, (i * 53) % 255))
    base = base.filter(ImageFilter.GaussianBlur(6))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    img = Image.blend(base, noise, 0.3)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Benchmark", "24 MP camera", 1
    img.save(path, "JPEG", quality=95, exif=exif.tobytes())


def status_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_rss() -> None:
    """Linux: writing 5 to clear_refs resets VmHWM (the peak RSS) to the current RSS."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def child(kind: str, path: str) -> dict:
    from PIL import Image  # noqa: F401  (imports before the baseline)
    from sqlmodel import Session, SQLModel, create_engine

    import artisan_app.models  # noqa: F401
    from artisan_app.services.media.library import import_image
    from artisan_app.services.media.storage import LocalStorage

    data = Path(path).read_bytes()
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with tempfile.TemporaryDirectory() as tmp:
        store = LocalStorage(tmp)
        reset_peak_rss()
        baseline = status_kib("VmRSS")
        tracemalloc.start()
        start = time.perf_counter()
        if kind == "decode":
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                size = img.size
            files = 0
        else:
            with Session(engine) as session:
                ref = import_image(session, data=data, filename="camera.jpg", alt="x", storage=store)
                session.commit()
            size = (ref.width, ref.height)
            files = len(list(Path(tmp).rglob("*.*")))
        elapsed = time.perf_counter() - start
        _, py_peak = tracemalloc.get_traced_memory()
        peak = status_kib("VmHWM")
    return {
        "kind": kind,
        "seconds": elapsed,
        "rss_peak_mib": (peak - baseline) / 1024,
        "tracemalloc_peak_mib": py_peak / 2**20,
        "size": size,
        "files": files,
    }


def run(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="3000×2000, one run each")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    width, height, runs = (3000, 2000, 1) if args.quick else (6000, 4000, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "camera.jpg"
        made = time.perf_counter()
        make_jpeg(path, width, height)
        print(
            f"test image: {width}×{height} ({width * height / 1e6:.0f} MP), "
            f"{path.stat().st_size / 2**20:.1f} MiB JPEG, made in {time.perf_counter() - made:.1f} s; "
            f"{os.cpu_count()} CPUs; {runs} run(s) each, fresh process per run"
        )
        results: dict[str, list[dict]] = {"decode": [], "upload": []}
        for _ in range(runs):
            for kind in results:
                results[kind].append(run(kind, path))
    print(f"{'':34}{'time (median)':>15}{'peak RSS above start':>24}{'tracemalloc peak':>20}")
    for kind, label in (("decode", "reference: decode the JPEG once"), ("upload", "upload: checks + all renditions")):
        rows = results[kind]
        t = statistics.median(r["seconds"] for r in rows)
        rss = statistics.median(r["rss_peak_mib"] for r in rows)
        py = statistics.median(r["tracemalloc_peak_mib"] for r in rows)
        print(f"{label:34}{t:>13.2f} s{rss:>20.0f} MiB{py:>16.1f} MiB")
    up, dec = results["upload"], results["decode"]
    time_ratio = statistics.median(r["seconds"] for r in up) / statistics.median(r["seconds"] for r in dec)
    rss_ratio = statistics.median(r["rss_peak_mib"] for r in up) / max(1, statistics.median(r["rss_peak_mib"] for r in dec))
    print(f"upload wrote {up[0]['files']} files; time {time_ratio:.1f}x one decode, peak RSS {rss_ratio:.2f}x")


if __name__ == "__main__":
    main()
