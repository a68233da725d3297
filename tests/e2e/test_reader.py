"""A reader's walk through the publication, by roles and labels."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

SEED_HEADLINE = re.compile(r"^Civil Servants’ Social Media Use in Pakistan")
SEED_PATH = "/article/civil-servants-social-media-pakistan"


def article_main(page: Page):
    return page.get_by_role("main")


def test_front_page_has_masthead_lead_and_latest(page: Page):
    page.goto("/")
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name=re.compile("Artisan Times"))).to_be_visible()
    expect(banner.get_by_text("Beyond the Headlines")).to_be_visible()
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    for name in ("Social Media", "Politics", "Technology", "Economy"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_contain_text("Artisan Times")
    latest = page.get_by_role("region", name="Latest")
    expect(latest.get_by_role("article").first).to_be_visible()


def test_front_page_filters_by_category(page: Page):
    page.goto("/")
    chip = page.get_by_role("button", name="Technology")
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    labels = page.get_by_role("region", name="Latest").locator(".category-label")
    expect(labels.first).to_have_text("Technology")
    assert set(labels.all_text_contents()) == {"Technology"}


def test_follow_category_then_open_the_seed_article(page: Page):
    page.goto("/")
    page.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="Social Media").click()
    expect(page).to_have_url(re.compile("/category/social-media$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Social Media")
    page.get_by_role("link", name=SEED_HEADLINE).first.click()
    expect(page).to_have_url(re.compile(SEED_PATH + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_HEADLINE)


def test_seed_article_layout(page: Page):
    page.goto(SEED_PATH)
    main = article_main(page)
    expect(main.get_by_role("heading", level=1)).to_have_text(SEED_HEADLINE)
    expect(page).to_have_title(re.compile("Civil Servants’ Social Media Use in Pakistan.*Artisan Times"))
    expect(main.get_by_role("link", name="Social Media").first).to_have_attribute("href", "/category/social-media")
    expect(main.get_by_text("Beurocracy, social media and the erosion of neutral in Pakistan civil science.")).to_be_visible()
    trends = main.get_by_role("region", name="Key Trends & Concerns")
    headings = trends.get_by_role("heading", level=3)
    expect(headings).to_have_count(3)
    expect(headings.nth(0)).to_have_text("1. From Faceless Bureaucracy to Personal Branding")
    expect(headings.nth(1)).to_have_text("2. Official Restrictions vs. Contemporary Practice")
    expect(headings.nth(2)).to_have_text("3. Citizen Engagement vs. Self-Promotion")
    quote = trends.locator("blockquote")
    expect(quote).to_contain_text("Building a social media presence can overshadow public service priorities")
    expect(trends.locator("figcaption")).to_have_text("— Dawn columnist")
    author = main.get_by_role("complementary", name="About Author")
    expect(author.get_by_role("link", name="Artisan Times")).to_have_attribute("href", "/author/artisan-times")
    expect(author.get_by_role("img", name="Portrait of Artisan Times")).to_be_visible()
    recs = main.get_by_role("region", name="You may also like").get_by_role("article")
    expect(recs).to_have_count(3)
    # As on the publication's own page: the Milei scandal and TikTok's moderation cuts come first.
    expect(recs.nth(0).get_by_role("heading")).to_have_text(re.compile("^Corruption scandal threatens Argentina"))
    expect(recs.nth(1).get_by_role("heading")).to_have_text("TikTok to Slash UK Moderation Jobs as AI Takes Over")
    expect(recs.nth(1).locator(".category-label")).to_have_text("Social Media")


def test_follow_a_recommendation(page: Page):
    page.goto(SEED_PATH)
    recs = page.get_by_role("region", name="You may also like")
    first = recs.get_by_role("article").first.get_by_role("heading").get_by_role("link")
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).not_to_have_url(re.compile(SEED_PATH + "$"))
    expect(page.get_by_role("region", name="You may also like")).not_to_contain_text(title)


def test_author_page_lists_their_articles(page: Page):
    page.goto(SEED_PATH)
    page.get_by_role("complementary", name="About Author").get_by_role("link", name="Artisan Times").click()
    expect(page).to_have_url(re.compile("/author/artisan-times$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Artisan Times")
    expect(page.get_by_role("link", name=SEED_HEADLINE)).to_be_visible()


def test_unknown_article_shows_not_found_with_a_way_back(page: Page):
    page.goto("/article/no-such-story")
    expect(page.get_by_role("heading", level=1)).to_have_text("Article not found")
    page.get_by_role("link", name="Back to the front page").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("region", name="Latest")).to_be_visible()


def test_unknown_page_and_category_show_not_found(page: Page):
    page.goto("/no/such/page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto("/category/no-such-section")
    expect(page.get_by_role("heading", level=1)).to_have_text("Section not found")


def test_article_on_a_phone_has_no_horizontal_scroll(new_page):
    page = new_page(width=375, height=800)
    page.goto(SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_HEADLINE)
    expect(page.get_by_role("region", name="You may also like")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_dark_mode_follows_the_system_and_the_toggle_persists(new_page):
    page = new_page(color_scheme="dark")
    page.goto(SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    bg = lambda: page.evaluate("getComputedStyle(document.body).backgroundColor")  # noqa: E731
    assert bg() == "rgb(18, 18, 18)"
    page.get_by_role("button", name="Switch between light and dark theme").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert bg() == "rgb(251, 250, 247)"


def test_keyboard_skip_link_reaches_main(page: Page):
    page.goto(SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
