"""``python -m artisan_app.seed``: load the bundled content; safe to run repeatedly."""

from __future__ import annotations

import sys

from artisan_app import db
from artisan_app.services.seed import SeedError, load_seed


def main() -> int:
    try:
        with db.session_scope() as session:
            report = load_seed(session)
    except SeedError as exc:
        print(f"seed failed: {exc}", file=sys.stderr)
        return 1
    print(f"seeded {db.current_url()}: {report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
