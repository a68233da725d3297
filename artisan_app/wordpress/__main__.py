"""``python -m artisan_app.wordpress import EXPORT.xml [--dry-run] [--media-dir DIR] [--staff-accounts]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from artisan_app.core import db
from artisan_app.wordpress.importer import import_export
from artisan_app.wordpress.wxr import WxrError


def _upload_dir() -> Path:
    import reflex as rx  # only here: where the app keeps uploads

    return rx.get_upload_dir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artisan_app.wordpress", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("import", help="import a WordPress export (WXR) file")
    run.add_argument("export", type=Path, help="the .xml file from WordPress's Tools → Export")
    run.add_argument("--dry-run", action="store_true", help="report what would happen; save nothing")
    run.add_argument("--media-dir", type=Path, help="a copy of wp-content/uploads (featured images)")
    run.add_argument("--staff-accounts", action="store_true",
                     help="also create inactive staff accounts for WordPress authors (an admin sets them up)")
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    if not args.export.is_file():
        console.print(f"No such file: {args.export}")
        return 2
    if args.media_dir is not None and not args.media_dir.is_dir():
        console.print(f"No such folder: {args.media_dir}")
        return 2
    columns = (TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("import", total=None)
        try:
            report = import_export(db.get_engine(), args.export, media_dir=args.media_dir, upload_dir=_upload_dir(),
                                   dry_run=args.dry_run, staff_accounts=args.staff_accounts,
                                   progress=lambda done, total: bar.update(task, completed=done, total=total))
        except WxrError as exc:
            console.print(f"Refused: {exc}")
            return 1
    for line in report.lines():
        print(line)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
