"""Alias of ``artisan serve`` (the production command): ``python scripts/serve.py --port 8000``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from artisan_app.cli.serve import serve_command  # noqa: E402

if __name__ == "__main__":
    serve_command(prog_name="artisan serve")
