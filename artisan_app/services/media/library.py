"""The photograph library: import an upload once, move its focal point, attach it.

An ``Image`` is shared by every article that uses the same bytes. Alt text belongs to each use
(``Article.cover_alt``, ``Block.alt``); the focal point is the picture's, so only someone who may
edit every article using it moves it (``services.editorial.media``), and no crop or rendition is ever deleted.

``import_image`` is idempotent: the same bytes give the same ``Image`` row (found by
content hash) and missing files are made again, present ones left alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, Image
from artisan_app.models.types import utcnow
from artisan_app.services.media import names, renditions
from artisan_app.services.media.checks import ImageRejected, check_image, content_hash
from artisan_app.services.media.names import ImageRef
from artisan_app.services.media.storage import MediaStorage, default_storage

LIMITS = {"alt": 300, "caption": 1000, "credit": 300}
ALT_REQUIRED = "Describe the image for readers who can’t see it (alt text)."


def ref_of(row: Image, *, alt: str | None = None) -> ImageRef:
    return ImageRef(
        hash=row.hash,
        width=row.width,
        height=row.height,
        focal_x=row.focal_x,
        focal_y=row.focal_y,
        alt=row.alt if alt is None else alt,
        caption=row.caption,
        credit=row.credit,
    )


def _text(value: str, field: str) -> str:
    value = " ".join(str(value or "").split())
    if len(value) > LIMITS[field]:
        raise ImageRejected(f"The {field.replace('alt', 'alt text')} must be {LIMITS[field]} characters or fewer.")
    return value


def require_alt(alt: str) -> str:
    """Images attached to content must say what they show."""
    alt = _text(alt, "alt")
    if not alt:
        raise ImageRejected(ALT_REQUIRED)
    return alt


def _missing(storage: MediaStorage, wanted: list[str]) -> bool:
    return any(not storage.exists(name) for name in wanted)


def import_image(
    session: Session,
    *,
    data: bytes,
    filename: str = "",
    alt: str = "",
    caption: str = "",
    credit: str = "",
    focal: tuple[float, float] = (0.5, 0.5),
    uploader_id: int | None = None,
    storage: MediaStorage | None = None,
    now: datetime | None = None,
) -> ImageRef:
    """Check ``data``, store its master, renditions and crops, and record it (or find it).

    ``focal`` is used for a new image only; a known one keeps its own focal point."""
    storage = storage or default_storage()
    alt, caption, credit = _text(alt, "alt"), _text(caption, "caption"), _text(credit, "credit")
    row = session.exec(select(Image).where(Image.hash == content_hash(data))).first()
    if row is not None:  # the same bytes again: fill in what the first upload left empty
        row.alt, row.caption, row.credit = row.alt or alt, row.caption or caption, row.credit or credit
        session.add(row)
        ref = ref_of(row)
        if not _missing(storage, names.all_names(ref)):
            return ref
    checked = check_image(data, filename)
    if row is None:
        row = Image(
            hash=checked.digest,
            width=checked.width,
            height=checked.height,
            format=checked.format,
            alt=alt,
            caption=caption,
            credit=credit,
            uploader_id=uploader_id,
            created_at=now or utcnow(),
            focal_x=round(names.clamp01(focal[0]), 3),
            focal_y=round(names.clamp01(focal[1]), 3),
        )
        session.add(row)
        session.flush()
    ref = ref_of(row)
    if not storage.exists(names.master_name(ref.hash)):
        storage.save(names.master_name(ref.hash), renditions.master_bytes(checked.image))
    if _missing(storage, names.rendition_names(ref)):
        renditions.make_renditions(checked.image, ref, storage)
    if _missing(storage, names.crop_names(ref)):
        renditions.make_crops(checked.image, ref, storage)
    return ref


def get_image(session: Session, image_id: int) -> Image | None:
    return session.get(Image, image_id)


def image_refs(session: Session, image_ids: Iterable[int | None]) -> dict[int, ImageRef]:
    """``{id: ImageRef}`` for many images in one query (covers on a list of cards)."""
    wanted = {i for i in image_ids if i is not None}
    if not wanted:
        return {}
    return {row.id: ref_of(row) for row in session.exec(select(Image).where(col(Image.id).in_(wanted)))}


def cover_ref(session: Session, article: Article) -> ImageRef | None:
    """The article's cover with the article's own alt text, or None."""
    if article.cover_image_id is None:
        return None
    row = session.get(Image, article.cover_image_id)
    return None if row is None else ref_of(row, alt=article.cover_alt)


def set_focal_point(session: Session, *, image_id: int, x: float, y: float, storage: MediaStorage | None = None) -> ImageRef:
    """Move the focal point: new crops are cut (new names); the renditions are untouched.
    The old crops stay: cached pages, feeds and link previews elsewhere still point at them.
    Authorisation is the caller's (``services.editorial.media.move_focal_point``)."""
    storage = storage or default_storage()
    row = session.get(Image, image_id)
    if row is None:
        raise ImageRejected("That image no longer exists.")
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
        raise ImageRejected("The focal point must be a position on the image.")
    old = ref_of(row)
    row.focal_x, row.focal_y = round(names.clamp01(x), 3), round(names.clamp01(y), 3)
    new = ref_of(row)
    if names.crop_names(new) != names.crop_names(old) or _missing(storage, names.crop_names(new)):
        renditions.make_crops(renditions.open_master(storage, new), new, storage)
    session.add(row)
    session.flush()
    return new


def set_cover(session: Session, *, article_id: int, image_id: int | None, alt: str = "") -> Article:
    """Attach (or with ``image_id=None`` remove) an article's cover; alt text required.

    Sets ``cover_image_id`` and ``cover_alt``, and empties ``cover_image`` (today's single
    URL, which the reader markup shows as a bare ``<img>``): pages show the cover once they
    render it from the Image row with ``markup.picture`` (sizes, width/height, no layout
    shift). Authorisation is the caller's (the editorial service checks who may edit).
    """
    article = session.get(Article, article_id)
    if article is None:
        raise ImageRejected("That article no longer exists.")
    if image_id is None:
        article.cover_image_id, article.cover_alt = None, ""
    else:
        row = session.get(Image, image_id)
        if row is None:
            raise ImageRejected("That image no longer exists.")
        article.cover_alt = require_alt(alt)
        article.cover_image_id = row.id
    article.cover_image = ""
    session.add(article)
    session.flush()
    return article
