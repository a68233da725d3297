"""The Urdu edition's seed (issue #17): a faithful translation of the seed article, linked to it,
and original Urdu stories across the sections."""

from __future__ import annotations

from sqlmodel import Session, select

from artisan_app.models import Article, Category
from artisan_app.services.articles import queries
from artisan_app.services.editorial import translations
from artisan_app.services.search import queries as search
from artisan_app.services.seed.loader import load_seed

SEED_SLUG = "civil-servants-social-media-pakistan"
URDU_SLUG = "sarkari-afsar-aur-social-media"


def test_the_seed_article_has_a_linked_faithful_urdu_translation(session: Session):
    load_seed(session)
    english = queries.get_article(session, SEED_SLUG)
    urdu = queries.get_article(session, URDU_SLUG)
    assert urdu is not None and urdu.card.language == "ur" and english.card.language == "en"
    assert translations.live_translations(session, SEED_SLUG) == [translations.TranslationLink("ur", URDU_SLUG)]
    assert translations.live_translations(session, URDU_SLUG) == [translations.TranslationLink("en", SEED_SLUG)]
    # The same structure: three numbered sections, the paragraphs of each, and the one quote.
    assert [s.number for s in urdu.sections] == [1, 2, 3]
    assert [s.heading for s in urdu.sections] == [
        "بے چہرہ افسر شاہی سے ذاتی تشہیر تک",
        "سرکاری پابندیاں بمقابلہ موجودہ طرزِ عمل",
        "شہریوں سے رابطہ بمقابلہ خود نمائی",
    ]
    shape = [[b.kind for b in s.blocks] for s in urdu.sections]
    assert shape == [[b.kind for b in s.blocks] for s in english.sections]
    quote = next(b for s in urdu.sections for b in s.blocks if b.kind == "quote")
    assert quote.attribution == "ڈان کے ایک کالم نگار" and quote.text.startswith("سوشل میڈیا پر")
    assert "1964" in urdu.sections[1].blocks[0].text and "https://establishment.gov.pk/" in urdu.sections[1].blocks[0].markup
    assert urdu.card.category_slug == english.card.category_slug and urdu.author.slug == english.author.slug


def test_original_urdu_stories_cover_every_section_and_stay_in_their_edition(session: Session):
    load_seed(session)
    rows = session.exec(select(Article, Category).join(Category).where(Article.language == "ur")).all()
    assert len(rows) >= 6
    assert {c.slug for _a, c in rows} == {"social-media", "politics", "technology", "economy", "culture"}
    for article, _c in rows:
        detail = queries.get_article(session, article.slug)
        assert len(detail.sections) == 3 and detail.card.excerpt and detail.card.kicker
        assert any(b.kind == "quote" and b.attribution for s in detail.sections for b in s.blocks)
    urdu_front = [c.slug for c in queries.latest_articles(session, language="ur", limit=20).items]
    english_front = [c.slug for c in queries.latest_articles(session, limit=50).items]
    assert set(urdu_front) == {a.slug for a, _c in rows} and not set(urdu_front) & set(english_front)
    hits = [h.card.slug for h in search.search_articles(session, "طلبہ یونین", language="ur").items]
    assert hits == ["talaba-union-par-pabandi"]
    assert [h.card.slug for h in search.search_articles(session, "سولر", language="ur").items] == ["chhaton-par-solar-panel"]


def test_seeding_again_keeps_the_link(session: Session):
    load_seed(session)
    group = session.exec(select(Article.translation_group).where(Article.slug == SEED_SLUG)).one()
    load_seed(session)
    assert session.exec(select(Article.translation_group).where(Article.slug == URDU_SLUG)).one() == group
