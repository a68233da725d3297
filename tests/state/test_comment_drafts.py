"""``state/comment_drafts.parse_saved``: the browser's stored drafts, untrusted."""

from __future__ import annotations

import json

import pytest

from artisan_app.services.comments import submission as svc
from artisan_app.state.reader.comment_drafts import parse_saved


def test_well_formed_drafts_come_back_cut_to_the_forms_limits():
    raw = json.dumps(
        {
            "who": {"name": "Ann", "email": 7, "extra": "x"},
            "drafts": {"one": {"body": "b" * (svc.MAX_BODY * 3)}, "two": {"body": 5}},
        }
    )
    saved = parse_saved(raw)
    assert saved["who"] == {"name": "Ann"}
    assert list(saved["drafts"]) == ["one"] and len(saved["drafts"]["one"]["body"]) == svc.MAX_BODY * 2


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", json.dumps({"who": [], "drafts": "x"}), "{" * 300_000])
def test_anything_malformed_is_dropped(raw):
    assert parse_saved(raw) == {"who": {}, "drafts": {}}
