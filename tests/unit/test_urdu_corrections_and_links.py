"""The Urdu edition's corrections page and the links between the editions in the first HTML (issue #17):
/ur/corrections lists the Urdu articles' corrections in Urdu, each edition's footer links its own
corrections page, the two pages are each other's hreflang alternates and both are in the sitemap;
every page has a way to the other edition (the masthead's edition link, and the page's own match)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import Article, Role
from artisan_app.services.editorial import corrections
from artisan_app.services.seed.loader import load_seed
from artisan_app.web import http_app
from tests.factories import make_user
from tests.page_shells import SHELL
from tests.unit.services.test_seo import SITE, parse

UR, EN_UNTRANSLATED, UR_UNTRANSLATED = (
    "sarkari-afsar-aur-social-media",
    "argentina-inflation-peso-households",
    "kitab-melon-mein-naujawan",
)
URDU_NOTE = "پہلے ورژن میں وزیر کا نام غلط لکھا گیا تھا۔"


@pytest.fixture
def client(session: Session, monkeypatch, tmp_path) -> TestClient:
    load_seed(session)
    editor = make_user(session, Role.editor, name="Eve")
    urdu = session.exec(select(Article).where(Article.slug == UR)).one()
    corrections.add_correction(session, user=editor, article_id=urdu.id, kind="correction", text=URDU_NOTE)
    session.commit()
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE, page_cache=False))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell))


def view(client: TestClient, path: str):
    res = client.get(path)
    assert res.status_code == 200, path
    tree = parse(res.text)
    return tree, tree.xpath("//*[@id='first-view']")[0]


def test_the_urdu_corrections_page_lists_the_urdu_articles_corrections_in_urdu(client: TestClient):
    tree, page = view(client, "/ur/corrections")
    assert tree.xpath("/html/@lang") == ["ur"] and tree.xpath("/html/@dir") == ["rtl"]
    assert tree.xpath("//head/title/text()") == ["تصحیحات | Artisan Times"]
    assert page.xpath(".//main//h1/text()") == ["تصحیحات"]
    (item,) = page.xpath(".//main//li[@class='correction']")
    assert item.xpath(".//a/@href") == [f"/ur/article/{UR}"]
    assert " ".join(item.text_content().split()).startswith("پاکستان میں سرکاری افسران")
    assert "تصحیح، " in item.text_content() and URDU_NOTE in item.text_content()
    assert item.xpath(".//time/text()")[0].split()[1] in {
        "جنوری",
        "فروری",
        "مارچ",
        "اپریل",
        "مئی",
        "جون",
        "جولائی",
        "اگست",
        "ستمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    }
    # Each page is the other's alternate; the English one is the way across, marked as English.
    alternates = dict(
        zip(tree.xpath("//head/link[@hreflang]/@hreflang"), tree.xpath("//head/link[@hreflang]/@href"), strict=True)
    )
    assert alternates == {"en": f"{SITE}/corrections", "ur": f"{SITE}/ur/corrections"}
    (switch,) = page.xpath(".//main//p[@class='language-switch']/a")
    assert (switch.get("href"), switch.get("lang"), switch.get("dir"), switch.text) == (
        "/corrections",
        "en",
        "ltr",
        "This page in English",
    )
    (footer,) = page.xpath(".//footer//a[@class='footer-link']")
    assert (footer.get("href"), footer.text) == ("/ur/corrections", "تصحیحات")


def test_the_english_corrections_page_keeps_to_english_articles_and_both_are_in_the_sitemap(client: TestClient):
    tree, page = view(client, "/corrections")
    assert [a.get("href") for a in page.xpath(".//main//li[@class='correction']//a")] == [
        f"/article/{EN_UNTRANSLATED}"
    ]  # the seed's corrected English story; the Urdu one is not here
    assert URDU_NOTE not in page.text_content()
    assert tree.xpath("//head/link[@hreflang='ur']/@href") == [f"{SITE}/ur/corrections"]
    (footer,) = page.xpath(".//footer//a[@class='footer-link']")
    assert (footer.get("href"), footer.text) == ("/corrections", "Corrections")
    sitemap = client.get("/sitemap.xml").text
    assert f"<loc>{SITE}/corrections</loc>" in sitemap and f"<loc>{SITE}/ur/corrections</loc>" in sitemap
    assert f'hreflang="ur" href="{SITE}/ur/corrections"' in sitemap


def switch_of(page) -> tuple:
    (link,) = page.xpath(".//main//p[@class='language-switch']/a")
    return link.get("href"), link.get("hreflang"), link.get("lang"), link.get("dir"), link.text


def test_an_article_without_a_translation_links_to_the_other_editions_front_page(client: TestClient):
    _tree, page = view(client, f"/article/{EN_UNTRANSLATED}")
    assert switch_of(page) == ("/ur/", "ur", "ur", "rtl", "یہ صفحہ اردو میں نہیں: اردو ایڈیشن کا سرورق")
    _tree, page = view(client, f"/ur/article/{UR_UNTRANSLATED}")
    assert switch_of(page) == ("/", "en", "en", "ltr", "This page is not in English: the English edition’s front page")


def test_every_masthead_links_the_other_edition_once(client: TestClient):
    for path, other in (
        ("/", ("/ur/", "ur", "rtl", "اردو")),
        ("/ur/", ("/", "en", "ltr", "English")),
        ("/category/politics", ("/ur/", "ur", "rtl", "اردو")),
    ):
        _tree, page = view(client, path)
        (link,) = page.xpath(".//header//a[contains(@class, 'edition-link')]")
        assert (link.get("href"), link.get("hreflang"), link.get("dir"), link.text) == other
        assert link.get("lang") == other[1]
    _tree, front = view(client, "/")
    assert front.xpath(".//main//p[@class='language-switch']") == []  # the masthead's link is the front page's match


def test_listings_and_search_link_to_the_other_editions_match(client: TestClient):
    _tree, page = view(client, "/category/culture")  # both editions have culture stories
    assert switch_of(page) == ("/ur/category/culture", "ur", "ur", "rtl", "یہ صفحہ اردو میں")
    _tree, page = view(client, "/ur/category/culture")
    assert switch_of(page) == ("/category/culture", "en", "en", "ltr", "This page in English")
    _tree, page = view(client, "/author/hannah-okafor")  # no Urdu story by her: only the masthead's link
    assert page.xpath(".//main//p[@class='language-switch']") == []
    _tree, page = view(client, "/author/amira-siddiqui")
    assert switch_of(page)[:2] == ("/ur/author/amira-siddiqui", "ur")
    _tree, page = view(client, "/search?q=budget")
    assert switch_of(page)[:2] == ("/ur/search?q=budget", "ur")
