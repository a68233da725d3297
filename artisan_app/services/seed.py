"""Load the bundled seed content (YAML + markdown files) into the database.

Idempotent: categories, authors and articles are matched by slug. Missing ones
are created; existing ones are left alone, so running the loader again never
duplicates anything and never overwrites an editor's later changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import frontmatter
import yaml
from sqlmodel import Session, select

from artisan_app.models import Article, ArticleStatus, Author, Category
from artisan_app.services.authoring import create_article
from artisan_app.services.body import parse_body

CONTENT_DIR = Path(__file__).resolve().parent.parent / "seed" / "content"


@dataclass
class SeedReport:
    created: dict[str, int]
    existing: dict[str, int]

    def __str__(self) -> str:
        parts = [f"{kind}: {self.created[kind]} created, {self.existing[kind]} already present" for kind in self.created]
        return "; ".join(parts)


class SeedError(ValueError):
    """A seed file is malformed; the message names the file."""


def _as_utc(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):
        raise SeedError(f"not a timestamp: {value!r}")
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def load_seed(session: Session, content_dir: Path = CONTENT_DIR) -> SeedReport:
    report = SeedReport(
        created={"categories": 0, "authors": 0, "articles": 0},
        existing={"categories": 0, "authors": 0, "articles": 0},
    )
    categories: dict[str, Category] = {}
    for position, item in enumerate(yaml.safe_load((content_dir / "categories.yaml").read_text("utf-8"))):
        row = session.exec(select(Category).where(Category.slug == item["slug"])).first()
        if row is None:
            row = Category(name=item["name"], slug=item["slug"], description=item.get("description", ""), position=position)
            session.add(row)
            report.created["categories"] += 1
        else:
            report.existing["categories"] += 1
        categories[row.slug] = row

    authors: dict[str, Author] = {}
    for item in yaml.safe_load((content_dir / "authors.yaml").read_text("utf-8")):
        row = session.exec(select(Author).where(Author.slug == item["slug"])).first()
        if row is None:
            row = Author(name=item["name"], slug=item["slug"], bio=item.get("bio", ""), avatar=item.get("avatar", ""))
            session.add(row)
            report.created["authors"] += 1
        else:
            report.existing["authors"] += 1
        authors[row.slug] = row
    session.flush()

    for path in sorted((content_dir / "articles").glob("*.md")):
        post = frontmatter.load(path)
        meta = post.metadata
        slug = meta.get("slug") or path.stem
        if session.exec(select(Article.id).where(Article.slug == slug)).first() is not None:
            report.existing["articles"] += 1
            continue
        try:
            category = categories[meta["category"]]
            author = authors[meta["author"]]
            create_article(
                session,
                slug=slug,
                kicker=str(meta.get("kicker", "")),
                headline=str(meta["headline"]),
                excerpt=str(meta.get("excerpt", "")),
                category_id=category.id,
                author_id=author.id,
                sections=parse_body(post.content),
                tags=[str(t) for t in meta.get("tags", [])],
                status=ArticleStatus.published,
                published_at=_as_utc(meta["published_at"]),
            )
        except (KeyError, ValueError) as exc:
            raise SeedError(f"{path.name}: {exc}") from exc
        report.created["articles"] += 1
    session.flush()
    return report
