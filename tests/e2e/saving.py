"""Waiting for the newsroom's autosave by its outcome: the article as stored."""

from __future__ import annotations

import re
import time

from sqlmodel import Session, col, create_engine, select

from artisan_app.models import Article, Block, Image, Section


def stored_text(session: Session, article_id: int) -> str:
    """Every stored value of an article, its sections, their blocks and images, as one string."""
    article = session.get(Article, article_id)
    if article is None:
        return ""
    sections = session.exec(select(Section).where(Section.article_id == article_id)).all()
    blocks = session.exec(select(Block).where(col(Block.section_id).in_([s.id for s in sections]))).all() if sections else []
    image_ids = [b.image_id for b in blocks if b.image_id]
    images = session.exec(select(Image).where(col(Image.id).in_(image_ids))).all() if image_ids else []
    rows = (article, *sections, *blocks, *images)
    return "\n".join(str(value) for row in rows for value in row.model_dump().values())


def wait_until_saved(page, db_url: str, *texts: str, timeout: float = 20) -> None:
    """Until the article open in the editor (its id is in the page's address) is stored with
    every one of ``texts``: the save of what was typed last, not an earlier one."""
    found = re.search(r"/editor/article/(\d+)", page.url)
    assert found, f"no article open in the editor at {page.url}"
    engine = create_engine(db_url)
    try:
        deadline = time.monotonic() + timeout
        while True:
            with Session(engine) as session:
                stored = stored_text(session, int(found.group(1)))
            if all(text in stored for text in texts):
                return
            assert time.monotonic() < deadline, f"not saved within {timeout} s: {[t for t in texts if t not in stored]}"
            time.sleep(0.2)
    finally:
        engine.dispose()
