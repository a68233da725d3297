"""``python -m artisan_app.seed``: load the bundled content; safe to run repeatedly."""

from __future__ import annotations

import sys

from artisan_app.core import db
from artisan_app.core.settings import settings
from artisan_app.services import auth
from artisan_app.services.seed import SeedError, load_seed


def main() -> int:
    try:
        with db.session_scope() as session:
            report = load_seed(session)
            demo = settings.development_declared() and auth.ensure_demo_editor(session)
            if not settings.development_declared():
                auth.retire_demo_editor(session)
    except SeedError as exc:
        print(f"seed failed: {exc}", file=sys.stderr)
        return 1
    print(f"seeded {db.current_url()}: {report}")
    if demo:
        print(f"local demo editor: {auth.DEMO_EDITOR_EMAIL} / {auth.DEMO_EDITOR_PASSWORD} (never in production)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
