"""What every imported post needs: the maps built from the export's header, and where media live."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from artisan_app.wordpress.report import ImportReport


@dataclass
class Context:
    """What every post needs: the maps built from the export's header, and where media live."""

    report: ImportReport
    now: datetime
    site_url: str = ""
    authors: dict[str, int] = field(default_factory=dict)  # login → Author.id
    categories: dict[str, int] = field(default_factory=dict)  # WordPress slug → Category.id
    tags: dict[str, int] = field(default_factory=dict)  # slug → Tag.id, for the tags the header declares
    attachments: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (relative file, alt)
    media_dir: Path | None = None
    upload_dir: Path | None = None
