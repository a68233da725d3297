"""The loader of the browser scripts the app runs outside React: the ``*.js`` files here.

Each file is a plain script, linted and formatted by Biome (``make lint-js``, ``tools/js/``)
and, where it holds logic, unit-tested with Node's test runner (``tests/js/``). A script that
needs configuration from Python reads it from the token ``__CONFIG__`` (once per file; a global
for the linter), which ``script`` replaces with the configuration as JSON that cannot close the
``<script>`` element it sits in. A file's leading ``/* ... */`` comment documents it and is not
served. ``script`` returns exactly the text served, so the Content-Security-Policy
(``web/middleware/security_headers.py``) hashes what it returns (``render/scripts.py`` names every script).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from artisan_app.services.site.seo import json_for_script

CONFIG_TOKEN = "__CONFIG__"
FOLDER = Path(__file__).parent
_LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.DOTALL)


@functools.cache
def source(name: str) -> str:
    """The file ``name.js`` as served (without its leading comment), read once."""
    return _LEADING_COMMENT.sub("", (FOLDER / f"{name}.js").read_text("utf-8"), count=1).strip()


def script(name: str, /, **config: object) -> str:
    """The script ``name.js`` with ``config`` (a JSON object) in place of its ``__CONFIG__``."""
    text = source(name)
    uses = text.count(CONFIG_TOKEN)
    if uses != (1 if config else 0):
        raise ValueError(f"{name}.js reads {CONFIG_TOKEN} {uses} times; it is given {sorted(config)}")
    return text.replace(CONFIG_TOKEN, json_for_script(config)) if config else text
