"""``python -m artisan_app.trash purge``: the same command as ``artisan trash purge``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from artisan_app.cli.common import run
from artisan_app.cli.trash import trash as trash_command


def main(argv: Sequence[str] = ()) -> int:
    return run(trash_command, argv, prog_name="python -m artisan_app.trash")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
