"""The Urdu edition's first HTML (issue #17): /ur/ and /ur/article/<slug> from the seed, in Urdu,
right to left, with the language switch and hreflang; the English pages as they were."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.services.seed.loader import load_seed
from artisan_app.web import http_app

SITE = "https://news.example"
SHELL = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/></head><body><div id="root"></div></body></html>'
EN, UR = "civil-servants-social-media-pakistan", "sarkari-afsar-aur-social-media"


@pytest.fixture
def client(session: Session, monkeypatch, tmp_path) -> TestClient:
    load_seed(session)
    session.commit()
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE, page_cache=False))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell))


def test_the_urdu_front_page_lists_urdu_stories_in_urdu(client: TestClient):
    page = client.get("/ur/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="ur" dir="rtl">' in html and 'font-family: "Artisan Nastaliq"' in html
    assert "آرٹیزن ٹائمز" in html and "سرخیوں سے آگے" in html and "تازہ ترین" in html  # masthead, "Latest"
    assert "کتاب میلوں میں نوجوانوں کا ہجوم" in html and "/ur/article/kitab-melon-mein-naujawan" in html
    assert "Civil Servants" not in html  # no English story in the Urdu edition
    assert ">ثقافت<" in html and "منٹ کا مطالعہ" in html  # section names and reading time
    assert 'hreflang="en" lang="en">English</a>' in html  # the other edition's front page
    english = client.get("/").text
    assert '<html lang="en">' in english and "urdu.css" not in english and "کتاب میلوں" not in english


def test_the_urdu_article_reads_in_urdu_and_switches_to_its_english_original(client: TestClient):
    html = client.get(f"/ur/article/{UR}").text
    assert '<html lang="ur" dir="rtl">' in html
    assert "پاکستان میں سرکاری افسران اور سوشل میڈیا" in html
    for label in ("اہم رجحانات اور خدشات", "مصنف کا تعارف", "تحریر:", "25 اگست 2025", '<span class="trend-number">1.</span>'):
        assert label in html
    assert f'<a href="/article/{EN}" hreflang="en" lang="en" dir="ltr">This article in English</a>' in html
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/article/{EN}"/>' in html
    assert '<a class="byline-author" href="/ur/author/artisan-times"><bdi>Artisan Times</bdi></a>' in html  # isolated
    assert '<meta property="og:locale" content="ur_PK"/>' in html and re.search(r'"inLanguage":\s*"ur"', html)
    english = client.get(f"/article/{EN}").text
    assert f'<a href="/ur/article/{UR}" hreflang="ur" lang="ur" dir="rtl">یہ مضمون اردو میں</a>' in english
    assert f'<link rel="alternate" hreflang="ur" href="{SITE}/ur/article/{UR}"/>' in english
    assert "About Author" in english and "مصنف کا تعارف" not in english


def test_each_edition_answers_404_for_the_others_stories(client: TestClient):
    missing = client.get(f"/ur/article/{EN}")
    assert missing.status_code == 404 and "مضمون نہیں ملا" in missing.text and 'dir="rtl"' in missing.text
    assert client.get(f"/article/{UR}").status_code == 404


def test_the_urdu_feed(client: TestClient):
    feed = client.get("/ur/feed.xml")
    assert feed.status_code == 200 and f"/ur/article/{UR}" in feed.text and EN not in feed.text


def test_urdu_sections_and_search(client: TestClient):
    section = client.get("/ur/category/culture")
    assert section.status_code == 200 and '<h1 class="page-title">ثقافت</h1>' in section.text
    assert "kitab-melon-mein-naujawan" in section.text and "urdu-poetry-revival" not in section.text
    found = client.get("/ur/search", params={"q": "طلبہ یونین"})
    assert found.status_code == 200 and "/ur/article/talaba-union-par-pabandi" in found.text
    assert "“طلبہ یونین” سے متعلق 1 خبر ملی۔" in found.text and 'dir="auto"' in found.text
    assert "Search articles" not in found.text and "مضامین تلاش کریں" in found.text
    with_harakat = client.get("/ur/search", params={"q": "اِنتخابات"}).text
    assert "/ur/article/talaba-union-par-pabandi" in with_harakat  # the query's zer is folded away
