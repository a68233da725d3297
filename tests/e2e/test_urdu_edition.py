"""The Urdu edition in Chromium, by roles and labels in Urdu (issue #17): read, navigate,
switch language, comment."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from artisan_app.services import comments

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
    main.get_by_role("link", name="یہ مضمون انگریزی میں").click()
    expect(page).to_have_url(re.compile(EN_SEED + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Civil Servants")
    page.get_by_role("main").get_by_role("link", name="This article in Urdu").click()
    expect(page).to_have_url(re.compile(UR_SEED + "$"))


def test_comment_in_urdu_on_the_urdu_article(page: Page):
    page.goto(UR_SEED)
    form = page.get_by_role("form", name="اپنی رائے دیجیے")
    form.get_by_role("textbox", name="نام", exact=True).fill("عائشہ")
    form.get_by_role("textbox", name="ای میل", exact=True).fill("ayesha@example.com")
    body = form.get_by_role("textbox", name="تبصرہ", exact=True)
    body.fill("بہت عمدہ تحریر، شکریہ۔")
    expect(body).to_have_attribute("dir", "auto")
    time.sleep(comments.MIN_SECONDS_TO_SUBMIT + 0.5)  # a person takes a moment (the form's timing check)
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
    time.sleep(comments.MIN_SECONDS_TO_SUBMIT + 0.5)
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
