"""The Urdu edition in Chromium, by roles and labels in Urdu (issue #17): read, navigate,
switch language (and <html lang dir> with it, in the app), comment, search, corrections."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article, Role, User
from artisan_app.services.accounts import auth
from artisan_app.services.comments import submission
from artisan_app.services.editorial import corrections
from tests.factories import PASSWORD

UR_SEED = "/ur/article/sarkari-afsar-aur-social-media"
EN_SEED = "/article/civil-servants-social-media-pakistan"


def test_read_the_urdu_front_page_and_open_a_story(page: Page):
    page.goto("/ur/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name=re.compile("آرٹیزن ٹائمز"))).to_be_visible()
    nav = page.get_by_role("navigation", name="حصے", exact=True)
    for name in ("سوشل میڈیا", "سیاست", "ٹیکنالوجی", "معیشت", "ثقافت"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    latest = page.get_by_role("region", name="تازہ ترین")
    expect(latest.get_by_role("button", name="تمام حصے")).to_have_attribute("aria-pressed", "true")
    chip = latest.get_by_role("button", name="ثقافت")
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("main").locator(".category-label").first).to_have_text("ثقافت")
    latest.get_by_role("button", name="تمام حصے").click()
    # The Nastaliq face is this page's: its stylesheet, and text set in it.
    family = page.get_by_role("heading", level=2).first.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Nastaliq Urdu" in family
    page.get_by_role("link", name="پاکستان میں سرکاری افسران اور سوشل میڈیا", exact=False).first.click()
    expect(page).to_have_url(re.compile(UR_SEED + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("پاکستان میں سرکاری افسران")


def test_the_urdu_article_and_its_language_switch(page: Page):
    page.goto(UR_SEED)
    main = page.get_by_role("main")
    for heading in ("اہم رجحانات اور خدشات", "مصنف کا تعارف", "اپنی رائے دیجیے"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    expect(main.get_by_text("آپ کا ای میل پتہ شائع نہیں کیا جائے گا۔")).to_be_visible()
    expect(main.locator(".trend-heading")).to_have_count(3)
    expect(main.get_by_text("ڈان کے ایک کالم نگار")).to_be_visible()
    main.get_by_role("link", name="This article in English").click()
    expect(page).to_have_url(re.compile(EN_SEED + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Civil Servants")
    page.get_by_role("main").get_by_role("link", name="یہ مضمون اردو میں").click()
    expect(page).to_have_url(re.compile(UR_SEED + "$"))


def test_comment_in_urdu_on_the_urdu_article(page: Page):
    page.goto(UR_SEED)
    form = page.get_by_role("form", name="اپنی رائے دیجیے")
    form.get_by_role("textbox", name="نام", exact=True).fill("عائشہ")
    form.get_by_role("textbox", name="ای میل", exact=True).fill("ayesha@example.com")
    body = form.get_by_role("textbox", name="تبصرہ", exact=True)
    body.fill("بہت عمدہ تحریر، شکریہ۔")
    expect(body).to_have_attribute("dir", "auto")
    time.sleep(submission.MIN_SECONDS_TO_SUBMIT + 0.5)  # a person takes a moment (the form's timing check)
    form.get_by_role("button", name="تبصرہ شائع کریں").click()
    # Held for moderation, shown to its writer at once, read right to left by itself.
    mine = page.locator(".comment-body", has_text="بہت عمدہ تحریر، شکریہ۔")
    expect(mine).to_be_visible()
    expect(mine).to_have_attribute("dir", "auto")
    expect(page.get_by_role("status").filter(has_text="شکریہ!")).to_contain_text("آپ کا تبصرہ منظوری کا منتظر ہے۔")


def test_comment_errors_in_urdu(page: Page):
    page.goto(UR_SEED)
    form = page.get_by_role("form", name="اپنی رائے دیجیے")
    form.get_by_role("textbox", name="تبصرہ", exact=True).fill("کچھ")
    time.sleep(submission.MIN_SECONDS_TO_SUBMIT + 0.5)
    form.get_by_role("button", name="تبصرہ شائع کریں").click()
    expect(form.get_by_text("براہِ کرم اپنا نام لکھیں۔")).to_be_visible()
    expect(form.get_by_role("textbox", name="تبصرہ", exact=True)).to_have_value("کچھ")  # what was typed stays


def test_search_the_urdu_edition(page: Page):
    page.goto("/ur/search")
    box = page.get_by_role("searchbox", name="مضامین تلاش کریں")
    expect(box).to_have_attribute("dir", "auto")
    box.fill("انتخابات")
    results = page.get_by_role("region", name="تلاش کے نتائج")
    expect(results.get_by_role("link", name=re.compile("طلبہ یونینوں پر پابندی"))).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("خبر ملی")


def test_html_lang_and_dir_follow_an_in_app_navigation_between_the_editions(page: Page):
    page.goto("/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    page.evaluate("window.artisanSameDocument = true")  # gone if the browser loads a new document
    edition = page.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="اردو")
    expect(edition).to_have_attribute("lang", "ur")
    edition.click()
    expect(page).to_have_url(re.compile(r"/ur/$"))
    expect(page.get_by_role("region", name="تازہ ترین")).to_be_visible()
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("window.artisanSameDocument") is True  # the app navigated: same document
    page.get_by_role("navigation", name="حصے", exact=True).get_by_role("link", name="English").click()
    expect(page.get_by_role("region", name="Latest")).to_be_visible()
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    assert page.evaluate("window.artisanSameDocument") is True


URDU_NOTE = "پہلے ورژن میں وزیر کا نام غلط لکھا گیا تھا۔"


@pytest.fixture(scope="module")
def urdu_correction(e2e_db_url, app_url) -> str:
    """An editor's correction on the Urdu seed article (straight into the app's database)."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as s:
        auth.create_user(s, email="urdu-desk@artisan.test", name="Urdu Desk", password=PASSWORD, role=Role.editor)
        s.commit()
        user = s.exec(select(User).where(User.email == "urdu-desk@artisan.test")).one()
        editor = auth.resolve_session(s, auth.start_session(s, user_id=user.id))
        article = s.exec(select(Article).where(Article.slug == UR_SEED.rsplit("/", 1)[-1])).one()
        corrections.add_correction(s, user=editor, article_id=article.id, kind="correction", text=URDU_NOTE)
        s.commit()
    engine.dispose()
    return URDU_NOTE


def test_the_urdu_corrections_page_from_the_urdu_footer(page: Page, urdu_correction: str):
    page.goto("/ur/")
    page.get_by_role("contentinfo").get_by_role("link", name="تصحیحات", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ur/corrections$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1, name="تصحیحات")).to_be_visible()
    item = main.get_by_role("listitem").filter(has_text=urdu_correction)
    expect(item).to_contain_text("تصحیح، ")
    expect(main.get_by_role("link", name="This page in English")).to_have_attribute("lang", "en")
    item.get_by_role("link", name=re.compile("پاکستان میں سرکاری افسران")).click()
    expect(page).to_have_url(re.compile(UR_SEED + "$"))
    expect(page.get_by_role("main").get_by_text(urdu_correction)).to_be_visible()  # at the end of the article
    page.goto("/corrections")
    expect(page.get_by_role("heading", level=1, name="Corrections")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(urdu_correction)).to_have_count(0)  # the English page's are English
