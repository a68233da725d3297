"""What an import did, for the command line and the newsroom alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_DETAILS = 2000  # per list: the counts stay exact, the details stop growing


@dataclass(frozen=True)
class Entry:
    post: str  # "Title (WordPress #12)"
    kind: str
    detail: str


@dataclass
class ImportReport:
    dry_run: bool = False
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    comments_imported: int = 0
    comments_updated: int = 0
    redirects: int = 0
    authors_created: int = 0
    accounts_created: int = 0
    categories_created: int = 0
    skipped: list[Entry] = field(default_factory=list)  # pages, attachments, other types; failures
    unmapped: list[Entry] = field(default_factory=list)
    missing_media: list[Entry] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)  # flattened categories, sticky posts, pingbacks…
    refused: list[Entry] = field(default_factory=list)  # old addresses that are this site's own pages
    counts: Counter = field(default_factory=Counter)  # exact totals for each list above
    updated_posts: list[str] = field(default_factory=list)

    def add(self, name: str, post: str, kind: str, detail: str) -> None:
        self.counts[name] += 1
        items = getattr(self, name)
        if len(items) < MAX_DETAILS:
            items.append(Entry(post, kind, detail))

    def summary(self) -> list[tuple[str, int]]:
        return [
            ("posts imported", self.imported),
            ("posts updated", self.updated),
            ("posts unchanged", self.unchanged),
            ("items skipped", self.counts["skipped"]),
            ("posts failed", self.failed),
            ("comments imported", self.comments_imported),
            ("comments updated", self.comments_updated),
            ("unmapped blocks", self.counts["unmapped"]),
            ("missing media", self.counts["missing_media"]),
            ("redirects added or changed", self.redirects),
            ("redirects refused", self.counts["refused"]),
            ("author profiles created", self.authors_created),
            ("staff accounts created (inactive)", self.accounts_created),
            ("categories created", self.categories_created),
        ]

    def lines(self) -> list[str]:
        """The whole report as text lines (the command prints them, the newsroom shows them)."""
        out = [("Dry run: nothing was saved." if self.dry_run else "Import finished.")]
        out += [f"{label}: {value:,}" for label, value in self.summary()]
        for title, name in (("Updated posts", "updated_posts"),):
            if getattr(self, name):
                out += ["", f"{title}:"] + [f"  {p}" for p in getattr(self, name)[:MAX_DETAILS]]
        for title, name in (
            ("Skipped", "skipped"),
            ("Unmapped", "unmapped"),
            ("Missing media", "missing_media"),
            ("Refused redirects", "refused"),
            ("Notes", "notes"),
        ):
            items = getattr(self, name)
            if items:
                more = self.counts[name] - len(items)
                out += ["", f"{title} ({self.counts[name]:,}):"]
                out += [f"  {e.post} — {e.kind}: {e.detail}" for e in items]
                if more > 0:
                    out.append(f"  … and {more:,} more")
        return out
