"""Linked translations and the Urdu edition's search (issue #17), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from artisan_app.models import Article, ArticleStatus, Block, Role, Section
from artisan_app.render.scripts import FONTS_JS
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import queries
from artisan_app.services.editorial import translations
from artisan_app.services.search import index
from artisan_app.services.search import queries as search
from artisan_app.services.search.arabic_script import fold_letters
from artisan_app.services.site import feeds, seo
from artisan_app.web import shell as web_shell
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user, sections

SITE = "https://news.example"
NOW = BASE_TIME + timedelta(days=1)


@pytest.fixture
def desk(any_session: Session):
    s = any_session
    cat = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann Author", slug="ann")
    english = make_article(
        s,
        category=cat,
        author=ann,
        slug="inflation-bites",
        headline="Inflation bites household budgets",
        tags=["pakistan"],
        body=sections(
            ("Prices", ["Flour and fuel cost more."]),
            ("Wages", ["Pay has not kept up."]),
            quote=("Every rupee counts now.", "A shopkeeper"),
        ),
    )
    return {
        "s": s,
        "cat": cat,
        "ann": ann,
        "en": english,
        "editor": make_user(s, Role.editor),
        "author": make_user(s, Role.author, author=ann),
        "stranger": make_user(s, Role.author),
    }


def test_add_translation_copies_the_structure_as_a_linked_draft_in_urdu(desk):
    s, en = desk["s"], desk["en"]
    ur = translations.create_translation(s, user=desk["editor"], article_id=en.id, language="ur", now=NOW)
    assert ur.language == "ur" and ur.status == ArticleStatus.draft.value
    assert ur.translation_group and ur.translation_group == s.get(Article, en.id).translation_group
    assert ur.slug != en.slug and ur.slug.startswith("inflation-bites")
    assert (ur.category_id, ur.author_id) == (en.category_id, en.author_id)
    headings = s.exec(select(Section.heading).where(Section.article_id == ur.id).order_by(Section.position)).all()
    assert headings == ["Prices", "Wages"]
    quote = s.exec(select(Block).join(Section).where(Section.article_id == ur.id, Block.kind == "quote")).one()
    assert (quote.text, quote.attribution) == ("Every rupee counts now.", "A shopkeeper")
    # Its own sections: editing the translation leaves the English alone.
    assert set(s.exec(select(Section.id).where(Section.article_id == ur.id)).all()).isdisjoint(
        s.exec(select(Section.id).where(Section.article_id == en.id)).all()
    )
    assert translations.counterpart(s, en, "ur").id == ur.id
    assert translations.counterpart(s, ur, "en").id == en.id
    assert translations.languages_by_article(s, [en.id, ur.id]) == {en.id: ["ur"], ur.id: ["en"]}
    with pytest.raises(translations.TranslationError):  # one per language
        translations.create_translation(s, user=desk["editor"], article_id=en.id, language="ur", now=NOW)
    with pytest.raises(translations.TranslationError):
        translations.create_translation(s, user=desk["editor"], article_id=en.id, language="fr", now=NOW)


def test_only_people_who_may_edit_the_source_add_a_translation(desk):
    s, en = desk["s"], desk["en"]
    for user in (None, desk["stranger"], desk["author"]):  # the author's article is published: editors only
        with pytest.raises(PermissionDenied):
            translations.create_translation(s, user=user, article_id=en.id, language="ur", now=NOW)
    with pytest.raises(PermissionDenied):
        translations.create_translation(s, user=desk["editor"], article_id="1; drop", language="ur", now=NOW)
    assert s.exec(select(Article).where(Article.language == "ur")).all() == []


def test_language_switch_links_only_live_translations(desk):
    s, en = desk["s"], desk["en"]
    assert translations.live_translations(s, en.slug, now=NOW) == []
    ur = translations.create_translation(s, user=desk["editor"], article_id=en.id, language="ur", now=NOW)
    assert translations.live_translations(s, en.slug, now=NOW) == []  # a draft is nobody's business
    ur.status, ur.published_at = ArticleStatus.published.value, BASE_TIME
    s.add(ur)
    s.flush()
    assert translations.live_translations(s, en.slug, now=NOW) == [translations.TranslationLink("ur", ur.slug)]
    assert translations.live_translations(s, ur.slug, now=NOW) == [translations.TranslationLink("en", en.slug)]
    # hreflang in the head, og:locale and JSON-LD inLanguage of the Urdu page.
    detail = queries.get_article(s, ur.slug, now=NOW)
    meta = seo.article_meta(detail, site_url=SITE, translations=[("en", en.slug)])
    assert meta.url == f"{SITE}/ur/article/{ur.slug}" and meta.json_ld["inLanguage"] == "ur"
    head = seo.head_html(meta)
    assert '<meta property="og:locale" content="ur_PK"/>' in head
    assert '<meta property="og:locale:alternate" content="en_GB"/>' in head
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/article/{en.slug}"/>' in head
    assert f'<link rel="alternate" hreflang="ur" href="{SITE}/ur/article/{ur.slug}"/>' in head
    assert 'href="/ur/feed.xml"' in head
    # The sitemap pairs them both ways and lists both front pages.
    sources = [feeds.front_sitemap, feeds.article_sitemap]
    xml = feeds.sitemap_xml(s, sources, site_url=SITE, now=NOW).decode()
    assert f'hreflang="ur" href="{SITE}/ur/article/{ur.slug}"' in xml and f"<loc>{SITE}/ur/</loc>" in xml
    entry = next(e for e in feeds.sitemap_entries(s, sources, now=NOW) if e.path == f"/article/{en.slug}")
    assert entry.alternates == (("en", f"/article/{en.slug}"), ("ur", f"/ur/article/{ur.slug}"))


def test_each_edition_lists_and_feeds_only_its_own_stories(desk):
    s, cat, ann = desk["s"], desk["cat"], desk["ann"]
    ur = make_article(s, category=cat, author=ann, slug="mehngai", headline="مہنگائی نے گھریلو بجٹ بگاڑ دیا", language="ur")
    assert [c.slug for c in queries.latest_articles(s, now=NOW).items] == ["inflation-bites"]
    assert [c.slug for c in queries.latest_articles(s, now=NOW, language="ur").items] == ["mehngai"]
    assert queries.related_articles(s, ur.id, now=NOW) == []  # never the other edition's stories
    atom = feeds.site_feed(s, site_url=SITE, now=NOW, language="ur").decode()
    assert f"{SITE}/ur/article/mehngai" in atom and "inflation-bites" not in atom
    assert 'xml:lang="ur"' in atom or "<language>ur</language>" in atom or 'lang="ur"' in atom
    assert "آرٹیزن ٹائمز" in atom
    assert "mehngai" not in feeds.site_feed(s, site_url=SITE, now=NOW).decode()
    assert "Disallow: /ur/search" in feeds.robots_txt(site_url=SITE)


URDU_BODY = sections(
    ("مہنگائی اور گھریلو بجٹ", ["آٹے اور بجلی کی قیمتوں نے مزدور طبقے کی کمر توڑ دی ہے۔"]),
    ("حکومت کا مؤقف", ["وزارتِ خزانہ کے مطابق افراطِ زر اگلے سال کم ہو جائے گی۔"]),
    quote=("ہر روپیہ اب سوچ سمجھ کر خرچ ہوتا ہے۔", "کراچی کا ایک دکاندار"),
)


@pytest.fixture
def urdu_corpus(desk):
    s = desk["s"]
    make_article(
        s,
        category=desk["cat"],
        author=desk["ann"],
        slug="mehngai",
        language="ur",
        headline="مہنگائی نے گھریلو بجٹ بگاڑ دیا",
        excerpt="پاکستانی گھرانے قیمتوں کے بوجھ تلے دبے ہیں۔",
        body=URDU_BODY,
    )
    # Typed on an Arabic keyboard, with diacritics, kashida and Urdu digits.
    make_article(
        s,
        category=desk["cat"],
        author=desk["ann"],
        slug="intikhabat",
        language="ur",
        headline="بلدیاتی اِنتخابات ۲۰۲۵ میں بھی ملتوي",
        excerpt="كراچي کے شہری اپنے نمائندوں کے منتظر ہیں۔",
        body=sections(("تاخیر کی وجوہات", ["مردم شماری اور حلقہ بندیاں۔"])),
    )
    return s


def found(s, query: str, language: str = "ur") -> list[str]:
    return [h.card.slug for h in search.search_articles(s, query, now=NOW, language=language).items]


def test_urdu_search_finds_urdu_words_with_or_without_diacritics(urdu_corpus):
    s = urdu_corpus
    assert found(s, "مہنگائی") == ["mehngai"]
    assert found(s, "مَہنگائی") == ["mehngai"]  # a zabar typed in the query
    assert found(s, "مہنگا") == ["mehngai"]  # prefix, as readers type
    assert found(s, "وزارت خزانہ") == ["mehngai"]  # the body; the izafat zer in the text is ignored
    assert found(s, "وزارتِ") == ["mehngai"]
    assert found(s, "دکاندار") == ["mehngai"]  # the quote's attribution
    assert found(s, "انتخابات") == ["intikhabat"]  # stored with a zer: اِنتخابات
    assert found(s, "اِنْتِخابات") == ["intikhabat"]  # query with zer, jazm and another zer
    assert found(s, "ملتوی") == ["intikhabat"]  # stored with an Arabic yeh: ملتوي
    assert found(s, "کراچی شہری") == ["intikhabat"]  # stored with Arabic kaf and yeh: كراچي
    assert sorted(found(s, "كراچي")) == ["intikhabat", "mehngai"]  # and the other way round
    assert found(s, "2025") == ["intikhabat"] and found(s, "۲۰۲۵") == ["intikhabat"]  # Urdu digits
    assert found(s, "مؤقف") == ["mehngai"] and found(s, "موقف") == ["mehngai"]  # hamza on waw
    assert found(s, "مہنگائی", language="en") == []  # the English edition searches English stories
    assert found(s, "inflation") == []
    assert found(s, "inflation", language="en") == ["inflation-bites"]


def test_urdu_matches_are_highlighted_in_the_text_as_written(urdu_corpus):
    hit = search.search_articles(urdu_corpus, "انتخابات", now=NOW, language="ur").items[0]
    assert "".join(seg.text for seg in hit.headline) == "بلدیاتی اِنتخابات ۲۰۲۵ میں بھی ملتوي"
    assert [seg.text for seg in hit.headline if seg.match] == ["اِنتخابات"]


def test_arabic_script_folding_is_one_spelling_per_word():
    assert index.words("مَہنگائی") == index.words("مہنگائی")
    assert index.words("كراچي") == index.words("کراچی")
    assert index.words("پاکستان\u200cی") == index.words("پاکستانی")
    assert index.words("مـــہنگائی") == index.words("مہنگائی")  # kashida
    assert fold_letters("۱۲٣") == "123"
    assert index.words("ھ") != index.words("ہ")  # do-chashmi he is a letter of its own


def test_urdu_pages_get_lang_dir_their_own_meta_and_the_urdu_stylesheet():
    meta = seo.front_meta(site_url=SITE, language="ur")
    assert meta.url == f"{SITE}/ur/" and meta.title == "آرٹیزن ٹائمز — سرخیوں سے آگے"
    assert meta.json_ld["inLanguage"] == "ur" and meta.json_ld["potentialAction"]["target"].startswith(f"{SITE}/ur/search")
    page = web_shell.render('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/></head><body></body></html>', meta)
    assert '<html lang="ur" dir="rtl">' in page
    # The Urdu typography inline after the site's stylesheet; its Nastaliq face is not fetched before the
    # first paint (artisan_app/render/fonts.py: the fonts script decides), only the small Naskh stand-in is.
    preloads = re.findall(r'<link rel="preload"[^>]*>', page)
    assert (
        preloads
        == ['<link rel="preload" as="font" type="font/woff2" crossorigin="" href="/fonts/noto-naskh-arabic-urdu-400.woff2"/>']
        and FONTS_JS in page
    )
    assert "<style>/* The Urdu edition" in page and '<meta property="og:locale" content="ur_PK"/>' in page
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/"/>' in page
    english = web_shell.render('<!DOCTYPE html><html lang="en"><head></head><body></body></html>', seo.front_meta(site_url=SITE))
    # (The fonts script names every face; it fetches the Nastaliq one on Urdu pages only: tests/e2e/test_fonts.py.)
    assert '<html lang="en">' in english and "nastaliq" not in english.replace(FONTS_JS, "").lower()
    assert 'rel="preload"' not in english
    assert "hreflang" not in english
    missing = seo.not_found_meta(path="/ur/article/nope", site_url=SITE, what="Article", language="ur")
    assert missing.title.startswith("مضمون نہیں ملا") and missing.robots == "noindex"
    section = seo.category_meta(seo.CategoryLink(name="Politics", slug="politics", description=""), site_url=SITE, language="ur")
    assert section.title.startswith("سیاست |") and section.url == f"{SITE}/ur/category/politics"


def test_language_switch_goes_to_the_translation_or_the_other_front_page(desk):
    s, en = desk["s"], desk["en"]
    switch = translations.language_switch(s, language="en", slug=en.slug, now=NOW)
    assert (switch.href, switch.hreflang, switch.translated) == ("/ur/", "ur", False)
    assert switch.label == "یہ صفحہ اردو میں نہیں: اردو ایڈیشن کا سرورق"  # in the language of the page it leads to
    ur = translations.create_translation(s, user=desk["editor"], article_id=en.id, language="ur", now=NOW)
    ur.status, ur.published_at = ArticleStatus.published.value, BASE_TIME
    s.add(ur)
    s.flush()
    switch = translations.language_switch(s, language="ur", slug=ur.slug, now=NOW)
    assert switch == translations.LanguageSwitch("en", f"/article/{en.slug}", "This article in English", True)
    switch = translations.language_switch(s, language="en", slug=en.slug, now=NOW)
    assert (switch.href, switch.label) == (f"/ur/article/{ur.slug}", "یہ مضمون اردو میں")
    front = translations.language_switch(s, language="ur", now=NOW)  # not an article: the other front page
    assert (front.href, front.label) == ("/", "This page is not in English: the English edition’s front page")


def test_the_urdu_feed_is_served_at_ur_feed_xml(desk, monkeypatch):
    from contextlib import contextmanager

    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from artisan_app.core import db
    from artisan_app.web.endpoints.editions import edition_routes

    s = desk["s"]
    make_article(
        s,
        category=desk["cat"],
        author=desk["ann"],
        slug="mehngai",
        headline="مہنگائی",
        language="ur",
        published_at=BASE_TIME - timedelta(hours=1),
    )

    @contextmanager
    def same_session():
        yield s

    monkeypatch.setattr(db, "session_scope", same_session)
    response = TestClient(Starlette(routes=edition_routes())).get("/ur/feed.xml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    assert "/ur/article/mehngai" in response.text and "inflation-bites" not in response.text


def test_each_edition_features_its_own_lead_story(desk):
    from artisan_app.services.articles import featured

    s = desk["s"]
    ur = make_article(s, category=desk["cat"], author=desk["ann"], slug="mehngai", headline="مہنگائی", language="ur")
    later = make_article(s, category=desk["cat"], author=desk["ann"], slug="newer", headline="Newer", hours=2)
    featured.feature(s, user=desk["editor"], article_id=desk["en"].id, now=NOW)
    featured.feature(s, user=desk["editor"], article_id=ur.id, now=NOW)
    assert featured.front_page(s, now=NOW).items[0].slug == "inflation-bites"  # not unseated by the Urdu lead
    assert featured.front_page(s, now=NOW, language="ur").items[0].slug == "mehngai"
    assert later.slug in [c.slug for c in featured.front_page(s, now=NOW).items]


def test_the_editors_preview_of_an_urdu_translation_reads_as_the_urdu_page(desk):
    from artisan_app import render
    from artisan_app.services.editorial import newsroom as editorial

    s = desk["s"]
    ur = translations.create_translation(s, user=desk["editor"], article_id=desk["en"].id, language="ur", now=NOW)
    form = editorial.load_form(s, user=desk["editor"], article_id=ur.id)
    detail = editorial.preview(s, user=desk["editor"], form=form, now=NOW)
    assert detail.card.language == "ur"
    html = render.article(detail)
    assert "اہم رجحانات اور خدشات" in html and "مصنف کا تعارف" in html and "Key Trends" not in html
