"""``artisan wordpress import EXPORT.xml [--dry-run] [--media-dir DIR] [--staff-accounts]``."""

from __future__ import annotations

from pathlib import Path

import click

from artisan_app.cli.common import Refused, progress, stderr
from artisan_app.core import db
from artisan_app.wordpress.importer import import_export
from artisan_app.wordpress.wxr import WxrError


def _upload_dir() -> Path:
    import reflex as rx  # only here: where the app keeps uploads

    return rx.get_upload_dir()


@click.group()
def wordpress() -> None:
    """Move a WordPress site in."""


@wordpress.command(name="import")
@click.argument("export", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="report what would happen; save nothing")
@click.option("--media-dir", type=click.Path(path_type=Path), help="a copy of wp-content/uploads (featured images)")
@click.option(
    "--staff-accounts", is_flag=True, help="also create inactive staff accounts for WordPress authors (an admin sets them up)"
)
def import_command(export: Path, dry_run: bool, media_dir: Path | None, staff_accounts: bool) -> None:
    """Import EXPORT, the .xml file from WordPress's Tools → Export (WXR).

    Safe to repeat: what the export says again changes nothing, edited posts are updated.
    Prints a report; exits 1 when a post failed or the file was refused.
    """
    if not export.is_file():
        raise Refused(f"No such file: {export}")
    if media_dir is not None and not media_dir.is_dir():
        raise Refused(f"No such folder: {media_dir}")
    console = stderr()
    with progress("Importing", console) as bar:
        task = bar.add_task("import", total=None)
        try:
            report = import_export(
                db.get_engine(),
                export,
                media_dir=media_dir,
                upload_dir=_upload_dir(),
                dry_run=dry_run,
                staff_accounts=staff_accounts,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except WxrError as exc:
            console.print(f"Refused: {exc}")
            raise click.exceptions.Exit(1) from exc
    for line in report.lines():
        click.echo(line)
    if report.failed:
        raise click.exceptions.Exit(1)
