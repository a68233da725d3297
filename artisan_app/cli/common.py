"""What every command shares: refusals with exit code 2, progress bars, and running a
command from the old ``python -m`` entry points."""

from __future__ import annotations

from collections.abc import Sequence

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class Refused(click.ClickException):
    """The command cannot do what was asked (a missing file, an unknown account): exit code 2."""

    exit_code = 2


def stderr() -> Console:
    return Console(stderr=True)


def progress(label: str, console: Console) -> Progress:
    """A progress bar on standard error that disappears when the work is done."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    return Progress(*columns, console=console, transient=True)


def run(command: click.Command, argv: Sequence[str] | None, prog_name: str) -> int:
    """Run ``command`` as a program would and return its exit code instead of exiting."""
    try:
        result = command.main(args=list(argv) if argv is not None else None, prog_name=prog_name, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    return result if isinstance(result, int) else 0
