"""``python -m artisan_app.users create|list|deactivate``: the same commands as ``artisan users``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from artisan_app.cli.common import run
from artisan_app.cli.users import users


def main(argv: Sequence[str] = ()) -> int:
    return run(users, argv, prog_name="python -m artisan_app.users")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
