"""The comment drafts a reader's browser keeps (``render/js/comment_drafts.js``), read defensively.

Everything in local storage is the reader's own typing, and untrusted: ``parse_saved`` keeps
only well-formed strings, cut to the form's limits, for at most ``MAX_SAVED_DRAFTS`` articles.
"""

from __future__ import annotations

import json

from artisan_app.render.scripts import DRAFTS_KEY, MAX_SAVED_DRAFTS
from artisan_app.services.comments import submission as svc

IDENTITY_FIELDS = ("name", "email", "website")
READ_DRAFTS_JS = f"window.localStorage.getItem({json.dumps(DRAFTS_KEY)}) || ''"


def parse_saved(raw: str) -> dict:
    """The browser's saved drafts, defensively: anything malformed is dropped."""
    try:
        data = json.loads(raw) if raw and len(raw) < 200_000 else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    who_raw, drafts_raw = data.get("who"), data.get("drafts")
    who: dict = who_raw if isinstance(who_raw, dict) else {}
    drafts: dict = drafts_raw if isinstance(drafts_raw, dict) else {}
    return {
        "who": {k: who[k][: svc.MAX_BODY] for k in IDENTITY_FIELDS if isinstance(who.get(k), str)},
        "drafts": {
            slug: {"body": d.get("body", "")[: svc.MAX_BODY * 2]}
            for slug, d in list(drafts.items())[-MAX_SAVED_DRAFTS:]
            if isinstance(slug, str) and isinstance(d, dict) and isinstance(d.get("body", ""), str)
        },
    }
