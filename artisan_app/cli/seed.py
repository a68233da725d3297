"""``artisan seed``: load the bundled content (``artisan_app/services/seed/content``); safe to run repeatedly."""

from __future__ import annotations

import click

from artisan_app.core import db
from artisan_app.core.settings import settings
from artisan_app.services.accounts import auth
from artisan_app.services.seed.loader import SeedError, load_seed


@click.command()
def seed() -> None:
    """Load the seed content: categories, authors, articles and their pictures.

    Where the environment is explicitly development or test (ARTISAN_ENV=dev/test), also
    make sure the local demo editor exists; anywhere else, deactivate it.
    """
    try:
        with db.session_scope() as session:
            report = load_seed(session)
            demo = settings.development_declared() and auth.ensure_demo_editor(session)
            if not settings.development_declared():
                auth.retire_demo_editor(session)
    except SeedError as exc:
        raise click.ClickException(f"seed failed: {exc}") from exc
    click.echo(f"seeded {db.current_url()}: {report}")
    if demo:
        click.echo(f"local demo editor: {auth.DEMO_EDITOR_EMAIL} / {auth.DEMO_EDITOR_PASSWORD} (never in production)")
