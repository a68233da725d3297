"""The "Leave a comment" form of the article's first HTML (``web/endpoints/comments.py``): posted by a
reader without JavaScript, and taken over by the app with what was typed."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from artisan_app.services.comments import submission as svc
from tests.e2e.test_first_view import TAKE_OVER_MS, wait_until
from tests.harness import wait_for_app

MIN_WAIT = svc.MIN_SECONDS_TO_SUBMIT + 0.5
SLUG = "tiktok-uk-moderation-jobs-ai"
HOSTILE = '<img src=x onerror="window.__pwned = 1"> <b>not bold</b>'


def form(page: Page):
    return page.get_by_role("form", name="Leave a comment")


def write(page: Page, **fields: str) -> None:
    labels = {"name": "Name", "email": "Email", "website": "Website", "body": "Comment"}
    for key, value in fields.items():
        form(page).get_by_role("textbox", name=labels[key]).fill(value)


def test_a_reader_without_javascript_posts_a_comment(new_page):
    page = new_page(375, 800, wait_for_app=False, java_script_enabled=False)
    page.goto(f"/article/{SLUG}#comments")  # the app's own link to the comments, without the app
    expect(page.get_by_role("heading", name=re.compile(r"^Comments"))).to_be_in_viewport()
    section = page.get_by_role("region", name="Leave a comment")
    expect(section).to_contain_text("Your email address will not be published. Required fields are marked *")
    for label in ("Name", "Email", "Comment"):
        expect(form(page).get_by_role("textbox", name=label)).to_have_attribute("required", "")

    # Empty email and a javascript: website: each error next to its field, everything typed kept.
    write(page, name="Nora No-Script", website="javascript:alert(1)", body=f"Plain HTML works. {HOSTILE}")
    time.sleep(MIN_WAIT)
    form(page).get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(rf"/article/{SLUG}\?comment=invalid#first-view-leave-comment$"))
    expect(section.get_by_role("status")).to_have_text("Please correct the highlighted fields.")
    email = form(page).get_by_role("textbox", name="Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Please enter your email address.")
    website = form(page).get_by_role("textbox", name="Website")
    expect(website).to_have_accessible_description("Website must be a web address starting with http:// or https://.")
    expect(website).to_have_value("javascript:alert(1)")
    expect(form(page).get_by_role("textbox", name="Name")).to_have_value("Nora No-Script")
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value(f"Plain HTML works. {HOSTILE}")

    # Corrected and posted again: held for moderation, and the reader is told so.
    write(page, email="nora@example.com", website="https://nora.example")
    time.sleep(MIN_WAIT)
    form(page).get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(rf"/article/{SLUG}\?comment=held#first-view-leave-comment$"))
    expect(section.get_by_role("status")).to_have_text("Thanks! Your comment is awaiting moderation.")
    expect(form(page).get_by_role("textbox", name="Comment")).to_have_value("")
    mine = page.get_by_role("article", name="Comment by Nora No-Script")  # held: shown to its author only
    expect(mine).to_contain_text("Your comment is awaiting moderation.")
    expect(mine.locator(".comment-body")).to_have_text(f"Plain HTML works. {HOSTILE}")  # as text
    assert mine.locator(".comment-body img, .comment-body b").count() == 0


def test_the_app_takes_the_form_over_with_what_was_typed(new_page):
    page = new_page(1280, 900, wait_for_app=False)
    held = []  # the app's websocket waits here until the reader has typed
    page.route_web_socket(re.compile(r"/_event"), lambda ws: held.append(ws))
    page.goto(f"/article/{SLUG}")
    view = page.locator("#first-view")
    view_form = view.get_by_role("form", name="Leave a comment")
    view_form.get_by_role("textbox", name="Name").fill("Tess Typist")
    view_form.get_by_role("textbox", name="Comment").fill("Typed before the app was here,\nkept after.")
    wait_until(page, lambda: held, "the app to open its websocket")
    held[-1].connect_to_server()
    expect(view).to_have_count(0, timeout=TAKE_OVER_MS)
    app_form = page.get_by_role("main").get_by_role("form", name="Leave a comment")
    expect(app_form.get_by_role("textbox", name="Name")).to_have_value("Tess Typist")
    expect(app_form.get_by_role("textbox", name="Comment")).to_have_value("Typed before the app was here,\nkept after.")
    # The app's own form posts it (and checks it: no email yet).
    app_form.get_by_role("button", name="Post comment").click()
    expect(app_form.get_by_text("Please enter your email address.")).to_be_visible()
    expect(app_form.get_by_role("textbox", name="Comment")).to_have_value("Typed before the app was here,\nkept after.")


def test_a_comment_posted_before_the_app_came_is_shown_to_its_author_by_the_app(new_page):
    """With JavaScript, posted from the first view (the app not there yet): the form carries the
    browser's reader id, so once the app is there it shows the author their held comment."""
    page = new_page(1280, 900, wait_for_app=False)
    app_wanted = [False]
    page.route_web_socket(re.compile(r"/_event"), lambda ws: ws.connect_to_server() if app_wanted[0] else None)  # held until then
    page.goto(f"/article/{SLUG}")
    view_form = page.locator("#first-view").get_by_role("form", name="Leave a comment")
    view_form.get_by_role("textbox", name="Name").fill("Early Bird")
    view_form.get_by_role("textbox", name="Email").fill("early.bird@example.com")
    view_form.get_by_role("textbox", name="Comment").fill("Posted before the app arrived.")
    time.sleep(MIN_WAIT)
    view_form.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(rf"/article/{SLUG}\?comment=held#first-view-leave-comment$"))
    assert page.evaluate("localStorage.getItem('artisan_reader')")  # made at the post, kept for the app
    app_wanted[0] = True
    wait_for_app(page, timeout=TAKE_OVER_MS)
    main = page.get_by_role("main")
    expect(main.get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible(timeout=TAKE_OVER_MS)
    mine = main.get_by_role("article", name="Comment by Early Bird")
    expect(mine).to_contain_text("Your comment is awaiting moderation.", timeout=TAKE_OVER_MS)
    expect(mine).to_contain_text("Posted before the app arrived.")
    expect(main.get_by_role("form", name="Leave a comment").get_by_role("textbox", name="Comment")).to_have_value("")
