"""Rich text and photographs in the browser: format with the toolbar and shortcuts,
paste from a word processor, upload a cover and set its focal point, publish, and
the reader gets the right srcset candidate at 375 and 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine

from artisan_app.models import Role
from artisan_app.services import auth
from tests.e2e.test_newsroom import sign_in

EMAIL, PASSWORD = "rich@artisan.test", "another long and unguessable passphrase"


@pytest.fixture(scope="module")
def rich_editor(e2e_db_url, app_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=EMAIL, name="Rich Editor", password=PASSWORD, role=Role.editor)
        session.commit()
    engine.dispose()
    return EMAIL

GOOGLE_DOCS = ('<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
               '<p dir="ltr"><span style="font-weight:700;">Bold</span><span> and </span>'
               '<span style="font-style:italic;">italic</span><span> with </span>'
               '<a href="https://source.example/doc"><span style="color:#1155cc;">a source</span></a>'
               '<span style="font-family:Comic Sans MS;color:red"> in red</span></p>'
               '<ul><li><span>first</span></li><li><span>second</span></li></ul>'
               '<p><img src="https://tracker.example/pixel.gif"><script>alert(1)</script>After the list.</p></b>')


def select_text(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(label)
    box.evaluate("(el, t) => { el.focus(); const i = el.value.indexOf(t); el.setSelectionRange(i, i + t.length); }", text)


def test_format_paste_upload_focal_point_publish_and_responsive_cover(new_page, rich_editor, tmp_path):
    from PIL import Image

    photo = tmp_path / "harbour.jpg"
    Image.new("RGB", (2000, 1000), (30, 90, 150)).save(photo, quality=90)

    page = new_page()
    sign_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    page.goto("/editor/article/new")
    page.get_by_label("Headline").fill("Harbour Authority Publishes Its Audit")
    expect(page).to_have_url(re.compile(r"/editor/article/\d+$"), timeout=15_000)
    page.get_by_label("Category").select_option(label="Economy")
    page.get_by_label("Author", exact=True).select_option(label="Amira Siddiqui")
    page.get_by_label("Excerpt").fill("The port's accounts are out, and they raise questions about the cranes.")
    page.get_by_label("Heading of section 1").fill("What the audit found")

    para = "Paragraph text (section 1, block 1)"
    page.get_by_label(para).fill("Officials denied the claim in the report.")
    select_text(page, para, "denied")
    page.keyboard.press("Control+b")
    expect(page.get_by_label(para)).to_have_value("Officials **denied** the claim in the report.")
    select_text(page, para, "claim")
    page.get_by_role("button", name="Italic (Ctrl/Cmd+I)").first.click()
    expect(page.get_by_label(para)).to_have_value("Officials **denied** the *claim* in the report.")
    page.once("dialog", lambda d: d.accept("https://audit.example/report"))
    select_text(page, para, "the report")
    page.keyboard.press("Control+k")
    expect(page.get_by_label(para)).to_have_value(
        "Officials **denied** the *claim* in [the report](https://audit.example/report).")

    page.get_by_role("button", name="Add a paragraph to section 1").click()
    pasted = "Paragraph text (section 1, block 2)"
    page.get_by_label(pasted).evaluate("""(el, html) => { el.focus();
        const dt = new DataTransfer(); dt.setData('text/html', html); dt.setData('text/plain', 'x');
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); }""",
                                       GOOGLE_DOCS)
    expect(page.get_by_label(pasted)).to_have_value(
        "**Bold** and *italic* with [a source](https://source.example/doc) in red\n\n- first\n- second\n\nAfter the list.")

    page.locator("#cover-upload input[type=file]").set_input_files(str(photo))
    thumb = page.locator("img.focal-target")
    expect(thumb).to_have_attribute("src", re.compile(r"^/media/[0-9a-f]+-640\.jpg$"))
    box = thumb.bounding_box()
    thumb.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.3})
    expect(page.get_by_label("Focal point (across, down; 0–1)")).to_have_value(re.compile(r"^0\.(79|80|81)\d*,0\.(29|30|31)\d*$"))
    expect(page.get_by_role("status").filter(has_text="Focal point set")).to_be_visible()
    page.get_by_label("Cover image description (alt text)").fill("Blue water in the harbour at noon")
    # An image block: by file picker (drag and drop feeds the same input), alt text required.
    page.locator("#image-upload input[type=file]").set_input_files(str(photo))
    expect(page.locator(".block-kind").filter(has_text="Image")).to_have_count(1)
    page.get_by_label("Alt text (required) (section 1, block 3)").fill("The harbour basin seen from the quay")
    page.get_by_label("Caption (section 1, block 3)").fill("The basin after the audit")
    page.get_by_label("Credit / source (section 1, block 3)").fill("Photo: Harbour Authority")
    page.wait_for_timeout(1_500)  # inputs are debounced (1.2 s) before they reach the server and autosave
    expect(page.get_by_role("status").filter(has_text="Saved just now")).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Publish now").click()
    # The content checks (issue #18) flag this short test story (no kicker, no excerpt rules met): confirm.
    page.get_by_role("alertdialog", name="Publish with failing checks?").get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_role("status").filter(has_text="Published")).to_be_visible()
    slug = "harbour-authority-publishes-its-audit"

    for width, candidate in ((375, "-640.avif"), (1280, "-1280.avif")):
        reader = new_page(width, 800)
        reader.goto(f"/article/{slug}")
        body = reader.get_by_role("region", name="Key Trends & Concerns")
        expect(body.locator("strong").first).to_have_text("denied")
        expect(body.locator("em").first).to_have_text("claim")
        expect(body.get_by_role("link", name="the report")).to_have_attribute("href", "https://audit.example/report")
        expect(body.get_by_role("link", name="a source")).to_have_attribute("rel", "noopener")
        expect(body.locator("ul.body-list li")).to_have_text(["first", "second"])
        expect(body.locator("p.body-text").last).to_have_text("After the list.")
        assert body.locator("script, img[src*='tracker']").count() == 0
        figure = body.locator("figure.figure")
        expect(figure.locator("img")).to_have_attribute("alt", "The harbour basin seen from the quay")
        expect(figure.locator("img")).to_have_attribute("loading", "lazy")
        expect(figure.locator("figcaption")).to_contain_text("The basin after the audit")
        expect(figure.locator(".credit")).to_have_text("Photo: Harbour Authority")
        cover = reader.locator(".cover-picture img")
        expect(cover).to_have_attribute("fetchpriority", "high")
        expect(cover).to_have_attribute("width", "1920")
        reader.wait_for_function(
            "() => { const i = document.querySelector('.cover-picture img'); return i && i.complete && i.currentSrc; }"
        )
        assert cover.evaluate("i => i.currentSrc").endswith(candidate), (width, cover.evaluate("i => i.currentSrc"))
