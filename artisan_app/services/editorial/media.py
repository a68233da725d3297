"""Photographs in the article editor: upload (cover or image block) and focal point.

The caller's right to edit the article is checked here, from the server-side
user, before anything is stored (``/_upload`` reaches the handler directly).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, Block, Image, Section, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles.coauthors import author_ids
from artisan_app.services.editorial import approval
from artisan_app.services.editorial.access import editable_article, may_edit
from artisan_app.services.editorial.authoring import new_key
from artisan_app.services.editorial.forms import BlockForm
from artisan_app.services.media.checks import ImageRejected
from artisan_app.services.media.library import import_image, set_focal_point
from artisan_app.services.media.markup import jpeg_url
from artisan_app.services.media.names import ImageRef

MAX_BYTES = 8 * 1024 * 1024
SHARED = "This photo is also used by an article you can’t change, so its focal point stays where it is. Ask an editor to move it."


def upload_image(
    session: Session, *, user: StaffUser | None, article_id: int, data: bytes, filename: str = ""
) -> tuple[int, ImageRef]:
    """Check and import an upload for an article this user may edit: (Image id, ref)."""
    staff, _article = editable_article(session, user, article_id)
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"Images must be {MAX_BYTES // (1024 * 1024)} MB or smaller.")
    ref = import_image(session, data=data, filename=filename, uploader_id=staff.id)
    return session.exec(select(Image.id).where(Image.hash == ref.hash)).one(), ref


def parse_focal(value: str) -> tuple[float, float] | None:
    """ "0.25,0.6" -> (0.25, 0.6); None unless two numbers between 0 and 1."""
    try:
        x, y = (float(part) for part in str(value).split(","))
    except (TypeError, ValueError):
        return None
    return (x, y) if 0 <= x <= 1 and 0 <= y <= 1 else None


def articles_using(session: Session, image_id: int) -> list[Article]:
    """Every article whose cover or one of whose image blocks is this picture."""
    covers = select(Article.id).where(Article.cover_image_id == image_id)
    blocks = select(Section.article_id).join(Block, col(Block.section_id) == col(Section.id)).where(Block.image_id == image_id)
    return list(
        session.exec(
            select(Article).where(col(Article.id).in_(covers) | col(Article.id).in_(blocks)).order_by(col(Article.id))
        ).all()
    )


def move_focal_point(
    session: Session, *, user: StaffUser | None, article_id: int, image_id: int, value: str, now: datetime | None = None
) -> ImageRef | None:
    """Set the cover's focal point from "x,y" (what a click on the picture writes);
    None while the value is not a point yet (someone typing).

    The picture is shared by every article using the same photo, so the user must be free to
    change each of them (an author cannot move the crops of a live article, an editor on a live
    article's byline neither); an approved or scheduled one changed by it goes back to review."""
    staff, _article = editable_article(session, user, article_id)
    point = parse_focal(value)
    if point is None:
        return None
    now = now or utcnow()
    uses = articles_using(session, image_id)
    for article in uses:
        if not may_edit(staff, article, author_ids(session, article.id)):
            raise PermissionDenied(SHARED)
        approval.check_update(session, staff, article, now)
    row = session.get(Image, image_id)
    before = (row.focal_x, row.focal_y) if row else None
    ref = set_focal_point(session, image_id=image_id, x=point[0], y=point[1])
    if before != (ref.focal_x, ref.focal_y):
        for article in uses:
            approval.after_content_change(session, article, staff, now)
    return ref


def preview_url(ref: ImageRef) -> str:
    return jpeg_url(ref, max_width=640)


def image_block(image_id: int, ref: ImageRef) -> BlockForm:
    """A new image block for an upload: caption, credit and alt text as the picture carried them
    (alt text is still required before the article is public), normal width."""
    return BlockForm(
        kind="image",
        text=ref.caption,
        attribution=ref.credit,
        image_id=image_id,
        alt=ref.alt,
        preview=preview_url(ref),
        key=new_key(),
    )
