"""Load the bundled seed content (YAML + markdown files) into the database.

Idempotent: categories, authors and articles are matched by slug. Missing ones
are created; existing ones are left alone, so running the loader again never
duplicates anything and never overwrites an editor's later changes.

Covers: an article whose front matter names a ``cover`` (a file in
``seed/images/``, drawn by ``scripts/seed_images.py``) gets it through the
photograph pipeline (checks, renditions, crops around ``cover_focal``), with
``cover_alt`` and ``cover_credit``; only while the article has no cover, so an
editor's choice stands. The image itself is imported on every run, which costs
nothing once its files exist and remakes any that went missing.

Body images (``![alt](file.jpg "Caption | Credit")`` in the markdown, also drawn by
``scripts/seed_images.py``) are imported the same way when the article is created.

Editions: ``language: ur`` puts an article in the Urdu edition (default ``en``);
``translation_of: <slug>`` links it to that article as its translation (a shared
``translation_group``), on every run while neither has another translation in its language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from sqlmodel import Session, select

from artisan_app.core.i18n import is_language
from artisan_app.models import Article, ArticleAuthor, ArticleStatus, Author, Category, Correction, Image
from artisan_app.services.articles.body import SectionDraft, parse_body
from artisan_app.services.articles.coauthors import author_ids
from artisan_app.services.editorial.authoring import create_article
from artisan_app.services.media.checks import ImageRejected
from artisan_app.services.media.library import import_image, set_cover
from artisan_app.services.media.storage import MediaStorage

CONTENT_DIR = Path(__file__).resolve().parent.parent / "seed" / "content"
IMAGES_DIR = Path(__file__).resolve().parent.parent / "seed" / "images"

# An article's front matter as YAML gives it: every value is checked (or converted) where it is read.
FrontMatter = dict[str, Any]


@dataclass
class SeedReport:
    created: dict[str, int]
    existing: dict[str, int]

    def __str__(self) -> str:
        parts = [f"{kind}: {self.created[kind]} created, {self.existing[kind]} already present" for kind in self.created]
        return "; ".join(parts)


class SeedError(ValueError):
    """A seed file is malformed; the message names the file."""


def _as_utc(value: object) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):
        raise SeedError(f"not a timestamp: {value!r}")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _cover(session: Session, article_id: int, meta: FrontMatter, images_dir: Path, storage: MediaStorage | None) -> bool:
    """Import the front matter's cover and set it if the article has none; True if set."""
    name = str(meta["cover"])
    path = images_dir / name
    if Path(name).name != name or not path.is_file():
        raise SeedError(f"cover {name!r} is not a file in {images_dir}")
    focal = meta.get("cover_focal") or (0.5, 0.5)
    ref = import_image(
        session,
        data=path.read_bytes(),
        filename=name,
        alt=str(meta.get("cover_alt", "")),
        credit=str(meta.get("cover_credit", "")),
        focal=(float(focal[0]), float(focal[1])),
        storage=storage,
    )
    article = session.get(Article, article_id)
    if article is None or article.cover_image_id is not None or article.cover_image:
        return False
    image_id = session.exec(select(Image.id).where(Image.hash == ref.hash)).one()
    set_cover(session, article_id=article_id, image_id=image_id, alt=str(meta.get("cover_alt", "")))
    return True


def _listed(value: object) -> list[object]:
    """A front-matter list (``tags: [a, b]``), or nothing."""
    return list(value) if isinstance(value, list) else []


def load_seed(
    session: Session, content_dir: Path = CONTENT_DIR, *, images_dir: Path = IMAGES_DIR, storage: MediaStorage | None = None
) -> SeedReport:
    report = SeedReport(
        created={"categories": 0, "authors": 0, "articles": 0, "covers": 0},
        existing={"categories": 0, "authors": 0, "articles": 0, "covers": 0},
    )
    categories: dict[str, Category] = {}
    for position, item in enumerate(yaml.safe_load((content_dir / "categories.yaml").read_text("utf-8"))):
        category_row = session.exec(select(Category).where(Category.slug == item["slug"])).first()
        if category_row is None:
            category_row = Category(
                name=item["name"], slug=item["slug"], description=item.get("description", ""), position=position
            )
            session.add(category_row)
            report.created["categories"] += 1
        else:
            report.existing["categories"] += 1
        categories[category_row.slug] = category_row

    authors: dict[str, Author] = {}
    for item in yaml.safe_load((content_dir / "authors.yaml").read_text("utf-8")):
        author_row = session.exec(select(Author).where(Author.slug == item["slug"])).first()
        if author_row is None:
            author_row = Author(name=item["name"], slug=item["slug"], bio=item.get("bio", ""), avatar=item.get("avatar", ""))
            session.add(author_row)
            report.created["authors"] += 1
        else:
            report.existing["authors"] += 1
        authors[author_row.slug] = author_row
    session.flush()

    for path in sorted((content_dir / "articles").glob("*.md")):
        post = frontmatter.load(path)
        meta = post.metadata
        slug = str(meta.get("slug") or path.stem)
        existing = session.exec(select(Article.id).where(Article.slug == slug)).first()
        if existing is not None:
            report.existing["articles"] += 1
            _seed_cover(session, existing, meta, path, images_dir, storage, report)
            _seed_craft(session, existing, meta, authors, path)
            _seed_translation(session, existing, meta, path)
            continue
        try:
            category = categories[str(meta["category"])]
            author = authors[str(meta["author"])]
            article = create_article(
                session,
                slug=slug,
                kicker=str(meta.get("kicker", "")),
                headline=str(meta["headline"]),
                excerpt=str(meta.get("excerpt", "")),
                category_id=category.id,
                author_id=author.id,
                sections=_with_images(session, parse_body(post.content), images_dir, storage),
                tags=[str(t) for t in _listed(meta.get("tags"))],
                status=ArticleStatus.published,
                published_at=_as_utc(meta["published_at"]),
                language=_language(meta, path),
            )
        except (KeyError, ValueError) as exc:
            raise SeedError(f"{path.name}: {exc}") from exc
        report.created["articles"] += 1
        _seed_cover(session, article.id, meta, path, images_dir, storage, report)
        _seed_craft(session, article.id, meta, authors, path)
        _seed_translation(session, article.id, meta, path)
    session.flush()
    return report


def _language(meta: FrontMatter, path: Path) -> str:
    language = str(meta.get("language", "en"))
    if not is_language(language):
        raise SeedError(f"{path.name}: unknown language {language!r}")
    return language


def _seed_translation(session: Session, article_id: int, meta: FrontMatter, path: Path) -> None:
    """Link the article to ``translation_of`` (another seed article) unless either is linked already."""
    if not meta.get("translation_of"):
        return
    source = session.exec(select(Article).where(Article.slug == str(meta["translation_of"]))).first()
    article = session.get(Article, article_id)
    assert article is not None  # just written by the caller
    if source is None or source.language == article.language:
        raise SeedError(f"{path.name}: translation_of {meta['translation_of']!r} is not an article in another language")
    if article.translation_group:
        return
    group = source.translation_group or uuid.uuid4().hex
    if (
        session.exec(select(Article.id).where(Article.translation_group == group, Article.language == article.language)).first()
        is not None
    ):
        return  # an editor linked another translation meanwhile
    source.translation_group = article.translation_group = group
    session.add_all([source, article])
    session.flush()


def _with_images(
    session: Session, sections: list[SectionDraft], images_dir: Path, storage: MediaStorage | None
) -> list[SectionDraft]:
    """Import the body's images (``![alt](file.jpg "Caption | Credit")``, files in
    seed/images) through the photograph pipeline and point their blocks at them."""
    for section in sections:
        for block in section.blocks:
            if block.kind != "image":
                continue
            path = images_dir / block.image_file
            if not block.image_file or not path.is_file():
                raise ValueError(f"image {block.image_file!r} is not a file in {images_dir}")
            ref = import_image(
                session,
                data=path.read_bytes(),
                filename=block.image_file,
                alt=block.alt,
                caption=block.text,
                credit=block.attribution,
                storage=storage,
            )
            block.image_id = session.exec(select(Image.id).where(Image.hash == ref.hash)).one()
    return sections


def _seed_cover(
    session: Session,
    article_id: int,
    meta: FrontMatter,
    path: Path,
    images_dir: Path,
    storage: MediaStorage | None,
    report: SeedReport,
) -> None:
    if not meta.get("cover"):
        return
    try:
        made = _cover(session, article_id, meta, images_dir, storage)
    except (ImageRejected, ValueError, TypeError, IndexError) as exc:
        raise SeedError(f"{path.name}: {exc}") from exc
    (report.created if made else report.existing)["covers"] += 1


def _seed_craft(session: Session, article_id: int, meta: FrontMatter, authors: dict[str, Author], path: Path) -> None:
    """Co-authors (``coauthors: [slug, …]``) and corrections (``corrections: [{kind, date, text}]``).

    Idempotent: co-authors are added to a byline that has only its first author (an editor's later
    change stands); a correction is added unless one with the same date and text exists."""
    try:
        extra = [authors[str(slug)].id for slug in meta.get("coauthors", [])]
        wanted = [
            (str(c.get("kind", "correction")), _as_utc(c["date"]), str(c["text"]).strip()) for c in meta.get("corrections", [])
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SeedError(f"{path.name}: {exc}") from exc
    article = session.get(Article, article_id)
    ids = author_ids(session, article_id)
    if extra and len(ids) <= 1:
        for position, author_id in enumerate([i for i in extra if i not in ids], start=len(ids) + 1):
            session.add(ArticleAuthor(article_id=article_id, author_id=author_id, position=position))
    for kind, at, text in wanted:
        if (
            session.exec(
                select(Correction.id).where(
                    Correction.article_id == article_id, Correction.created_at == at, Correction.text == text
                )
            ).first()
            is None
        ):
            session.add(Correction(article_id=article_id, kind=kind, text=text, user_name="Artisan Times", created_at=at))
            if article is not None and article.updated_at < at:  # dateModified follows the correction
                article.updated_at = at
                session.add(article)
    session.flush()
