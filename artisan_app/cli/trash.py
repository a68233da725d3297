"""``artisan trash purge``: delete for good what has been in the newsroom's trash for 30 days.

Run it from cron or a systemd timer if you like; every backend worker also purges by
itself (``artisan_app/jobs/trash_purge.py``, a lifespan task). The purge is idempotent.
"""

from __future__ import annotations

import click

from artisan_app.cli.common import progress, stderr
from artisan_app.core import db
from artisan_app.services.editorial import trash as trash_service

BATCH = 50  # articles deleted per transaction


@click.group()
def trash() -> None:
    """The newsroom's trash."""


@trash.command()
def purge() -> None:
    """Delete articles that have been in the trash for 30 days (with their revisions and comments)."""
    with db.session_scope() as session:
        ids = trash_service.expired_ids(session)
    purged = 0
    with progress("Purging", stderr()) as bar:
        task = bar.add_task("purge", total=len(ids))
        for start in range(0, len(ids), BATCH):
            with db.session_scope() as session:
                purged += trash_service.purge_articles(session, ids=ids[start : start + BATCH])
            bar.update(task, completed=min(start + BATCH, len(ids)))
    click.echo(f"Purged {purged} article(s) from the trash.")
