"""``python -m artisan_app.wordpress import ...``: the same command as ``artisan wordpress import``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from artisan_app.cli.common import run
from artisan_app.cli.wordpress import wordpress


def main(argv: Sequence[str] = ()) -> int:
    return run(wordpress, argv, prog_name="python -m artisan_app.wordpress")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
