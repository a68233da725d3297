"""The ``artisan`` command: every subcommand put together."""

from __future__ import annotations

import click

from artisan_app.cli.seed import seed
from artisan_app.cli.serve import serve_command
from artisan_app.cli.trash import trash
from artisan_app.cli.users import users
from artisan_app.cli.wordpress import wordpress


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def artisan() -> None:
    """Artisan Times from the shell. Every command reads its configuration (ARTISAN_DB_URL, ...)
    from the environment, like the app."""


artisan.add_command(users)
artisan.add_command(seed)
artisan.add_command(wordpress)
artisan.add_command(trash)
artisan.add_command(serve_command, name="serve")
