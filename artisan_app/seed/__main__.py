"""``python -m artisan_app.seed``: the same command as ``artisan seed``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from artisan_app.cli.common import run
from artisan_app.cli.seed import seed


def main(argv: Sequence[str] = ()) -> int:
    return run(seed, argv, prog_name="python -m artisan_app.seed")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
