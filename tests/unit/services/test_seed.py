"""The bundled seed content loads faithfully and idempotently."""

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from artisan_app.models import Article, Author, Block, Category, Section, Tag
from artisan_app.services.articles import queries
from artisan_app.services.seed.loader import CONTENT_DIR, SeedError, load_seed

SOURCE = (Path(__file__).resolve().parents[2] / "fixtures" / "artisan-times-article.txt").read_text("utf-8")
SEED_SLUG = "civil-servants-social-media-pakistan"


def _counts(s: Session) -> dict[str, int]:
    return {
        m.__name__: s.exec(select(func.count()).select_from(m)).one() for m in (Category, Author, Article, Section, Block, Tag)
    }


def test_seeding_twice_creates_nothing_twice(any_session: Session):
    first = load_seed(any_session)
    any_session.commit()
    before = _counts(any_session)
    second = load_seed(any_session)
    any_session.commit()
    assert first.created["articles"] == before["Article"] >= 12
    assert second.created == {"categories": 0, "authors": 0, "articles": 0, "covers": 0}
    assert second.existing["articles"] == before["Article"]
    assert _counts(any_session) == before


def test_seed_article_matches_the_publication_page(session: Session):
    load_seed(session)
    detail = queries.get_article(session, SEED_SLUG)
    assert detail is not None
    assert detail.card.category_name == "Social Media"
    assert detail.card.kicker == "Beurocracy, social media and the erosion of neutral in Pakistan civil science."
    assert detail.card.headline in SOURCE
    assert detail.author.name == "Artisan Times"
    assert [s.heading for s in detail.sections] == [
        "From Faceless Bureaucracy to Personal Branding",
        "Official Restrictions vs. Contemporary Practice",
        "Citizen Engagement vs. Self-Promotion",
    ]
    for number, section in enumerate(detail.sections, start=1):
        assert f"{number}. {section.heading}" in SOURCE
        for block in section.blocks:
            if block.kind == "paragraph":
                assert block.text in SOURCE, block.text
    quotes = [b for s in detail.sections for b in s.blocks if b.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].attribution == "Dawn columnist"
    assert quotes[0].text[1:].rstrip(".") in SOURCE  # same words; the quote starts with a capital


def test_you_may_also_like_articles_from_the_seed_page(session: Session):
    load_seed(session)
    detail = queries.get_article(session, SEED_SLUG)
    recs = queries.related_articles(session, detail.id, limit=3)
    headlines = [r.headline for r in recs]
    # The two the publication's page shows, first, in recency order.
    assert headlines[:2] == [
        "Corruption scandal threatens Argentina’s right-wing President Milei and his influential sister",
        "TikTok to Slash UK Moderation Jobs as AI Takes Over",
    ]
    assert SEED_SLUG not in [r.slug for r in recs]
    tiktok = next(r for r in recs if r.headline.startswith("TikTok"))
    assert tiktok.excerpt.startswith("TikTok is cutting hundreds of UK jobs in its content moderation teams")


def test_seed_is_a_real_publication(session: Session):
    load_seed(session)
    per_category = Counter(c.category_slug for c in queries.latest_articles(session, limit=50).items)
    assert len([c for c, n in per_category.items() if n >= 2]) >= 4, per_category
    for card in queries.latest_articles(session, limit=50).items:
        d = queries.get_article(session, card.slug)
        assert d.sections and all(s.blocks for s in d.sections), card.slug
        assert card.excerpt and card.kicker, card.slug


def test_malformed_seed_file_names_the_file(tmp_path, session: Session):
    (tmp_path / "articles").mkdir()
    for name in ("categories.yaml", "authors.yaml"):
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text("utf-8"), "utf-8")
    (tmp_path / "articles" / "broken.md").write_text(
        "---\nslug: broken\ncategory: politics\nauthor: artisan-times\nheadline: X\n"
        "published_at: 2026-01-01T00:00:00Z\n---\nno heading\n",
        "utf-8",
    )
    with pytest.raises(SeedError, match=re.escape("broken.md")):
        load_seed(session, tmp_path)


def test_seed_covers_come_through_the_photograph_pipeline_once(any_session: Session):
    from artisan_app.models import Image
    from artisan_app.services.media import names
    from artisan_app.services.media.storage import default_storage
    from tests.media_helpers import CountingStorage

    # The run's shared media directory: rendering the 15 covers once per run is enough.
    store = CountingStorage(default_storage().root)
    first = load_seed(any_session, storage=store)
    any_session.commit()
    covers = any_session.exec(select(Article).where(Article.cover_image_id.is_not(None))).all()
    assert first.created["covers"] == len(covers) >= 12  # most seeded stories have a cover
    pictures = {a.cover_image_id for a in covers}  # the Urdu edition's stories share the English ones' illustrations
    article = any_session.exec(select(Article).where(Article.slug == SEED_SLUG)).one()
    image = any_session.get(Image, article.cover_image_id)
    assert article.cover_alt.startswith("Illustration: a columned government building")
    assert "CC0" in image.credit and (image.width, image.height) == (1920, 1280)
    assert (image.focal_x, image.focal_y) == (0.62, 0.5)  # cover_focal from the front matter
    assert article.cover_image == ""  # no bare <img> in today's markup: pages render the Image row
    assert store.exists(f"{image.hash}-1280.jpg") and store.exists(f"{image.hash}-1920.avif")
    assert store.exists(names.crop_name(image.hash, "social", 0.62, 0.5, 1200, "jpg"))
    made = len(store.saved)

    # Again: nothing new, no file written; an editor's own cover is left alone.
    article.cover_image_id, article.cover_image, article.cover_alt = None, "/_upload/mine.webp", "Mine"
    any_session.add(article)
    any_session.commit()
    second = load_seed(any_session, storage=store)
    any_session.commit()
    assert second.created["covers"] == 0 and second.existing["covers"] == len(covers)
    assert len(store.saved) == made
    from artisan_app.models import Block

    body_images = set(any_session.exec(select(Block.image_id).where(Block.image_id.is_not(None))).all())
    assert len(body_images) >= 3  # inline images with captions and credits (#14)
    assert any_session.exec(select(func.count()).select_from(Image)).one() == len(pictures) + len(body_images)
    any_session.refresh(article)
    assert (article.cover_image, article.cover_alt) == ("/_upload/mine.webp", "Mine")


def test_missing_cover_file_names_the_article(tmp_path, session: Session):
    (tmp_path / "articles").mkdir()
    for name in ("categories.yaml", "authors.yaml"):
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text("utf-8"), "utf-8")
    (tmp_path / "articles" / "pic.md").write_text(
        "---\nslug: pic\ncategory: politics\nauthor: artisan-times\nheadline: X\npublished_at: 2026-01-01T00:00:00Z\n"
        "cover: ../secret.jpg\ncover_alt: A picture\n---\n## A heading\n\nText.\n",
        "utf-8",
    )
    with pytest.raises(SeedError, match=r"pic\.md: cover '\.\./secret\.jpg' is not a file"):
        load_seed(session, tmp_path, images_dir=tmp_path)
