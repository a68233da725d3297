"""The newsletter in the browser: a reader signs up from the front page (the
app's form, and the first view's plain form), confirms from the email; an
editor previews, tests and sends an article and watches its progress. Mail
goes through a real Huey worker to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article, Category, Role, Subscriber, SubscriberCategory
from artisan_app.services.accounts import auth
from tests.e2e.test_first_view import wait_until, without_the_app
from tests.harness import ROOT, RunningApp, app_env, prepare_database
from tests.smtp_sink import MailCatcher

# Builds and starts its own production app: run after the shared app's tests (tests/conftest.py).
pytestmark = pytest.mark.own_app

EDITOR_EMAIL = "letters@artisan.test"
EDITOR_PASSWORD = "a long and unguessable passphrase"
LOYAL = 12  # confirmed subscribers; sent at 3 a second, so the progress can be watched


@pytest.fixture(scope="module")
def smtp():
    with MailCatcher() as catcher:
        yield catcher


@pytest.fixture(scope="module")
def e2e_db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('letters-db') / 'site.db'}"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, e2e_db_url, smtp):
    """This module's own app and worker: mail to ``smtp``, the queue in a temporary file."""
    tmp = tmp_path_factory.mktemp("letters")
    env = app_env(
        ARTISAN_DB_URL=e2e_db_url,
        ARTISAN_QUEUE_URL=f"sqlite:///{tmp / 'queue.db'}",
        ARTISAN_SMTP_URL=smtp.url,
        ARTISAN_MAIL_RATE="3",
    )
    prepare_database(env)
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=EDITOR_EMAIL, name="Letters Editor", password=EDITOR_PASSWORD, role=Role.editor)
        for i in range(LOYAL):
            session.add(Subscriber(email=f"loyal{i}@example.com", key=f"loyal-{i}", status="active"))
        session.commit()
    engine.dispose()
    log = (tmp / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "artisan_app.jobs.huey", "-w", "2", "-k", "thread"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    app = RunningApp(env, tmp / "reflex.log")
    try:
        app.wait_ready()
        yield app.url
    finally:
        app.stop()
        worker.terminate()
        worker.wait(timeout=30)
        log.close()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def confirm_link(smtp: MailCatcher, address: str) -> str:
    assert smtp.wait_for(1)
    for _ in range(100):
        mails = smtp.to(address)
        if mails:
            text = mails[-1].get_body(("plain",)).get_content()
            return re.search(r"\S+/newsletter/confirm\?token=\S+", text).group(0)
        smtp.wait_for(smtp.count + 1, timeout=0.2)
    raise AssertionError(f"no confirmation for {address}")


def test_a_reader_subscribes_from_the_front_page_and_confirms(new_page, smtp, e2e_db_url):
    page = new_page(375, 800)
    page.goto("/")
    signup = page.get_by_role("region", name="The newsletter")
    signup.get_by_text("Every story, or choose sections").click()
    signup.get_by_label("Politics").check()
    signup.get_by_label("Email address").fill("new.reader@example.com")
    signup.get_by_role("button", name="Subscribe").click()
    expect(signup.get_by_role("status")).to_contain_text("Please check your inbox")
    expect(signup.get_by_label("Email address")).to_have_value("")  # the address is not kept

    page.goto(path_of(confirm_link(smtp, "new.reader@example.com")))
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        sub = session.exec(select(Subscriber).where(Subscriber.email == "new.reader@example.com")).one()
        chosen = session.exec(
            select(Category.slug).join(SubscriberCategory).where(SubscriberCategory.subscriber_id == sub.id)
        ).all()
    engine.dispose()
    assert (sub.status, sub.all_categories, chosen) == ("active", False, ["politics"])


def test_the_first_view_form_works_before_the_app(new_page, smtp):
    page = without_the_app(new_page(1280, 800, wait_for_app=False))
    page.goto("/article/civil-servants-social-media-pakistan")
    signup = page.locator("#first-view").get_by_role("region", name="The newsletter")
    signup.get_by_label("Email address").fill("early.reader@example.com")
    signup.get_by_role("button", name="Subscribe").click()
    expect(page).to_have_url(re.compile(r"/newsletter/?\?subscribed=1$"), timeout=15_000)
    # Still without the app: the sign-up page's own first view gives the answer (issue #19).
    answer = page.locator("#first-view").get_by_role("region", name="The newsletter").get_by_role("status")
    expect(answer).to_contain_text("Please check your inbox")
    assert "early.reader" not in page.content()
    assert "/newsletter/confirm?token=" in confirm_link(smtp, "early.reader@example.com")


def test_a_press_on_subscribe_while_the_app_takes_over_still_subscribes(new_page, smtp):
    """The app taking over between the press and the release used to swallow the click."""
    page = new_page(1280, 800, wait_for_app=False)
    held = []  # the app's websocket waits here until the reader's button is down
    page.route_web_socket(re.compile(r"/_event"), lambda ws: held.append(ws))
    page.goto("/article/civil-servants-social-media-pakistan", wait_until="networkidle")
    signup = page.locator("#first-view").get_by_role("region", name="The newsletter")
    signup.get_by_label("Email address").fill("pressing.reader@example.com")
    button = signup.get_by_role("button", name="Subscribe")
    button.scroll_into_view_if_needed()  # near the comments: the app starts loading
    wait_until(page, lambda: held, "the app to open its websocket")
    box = button.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    held[-1].connect_to_server()
    page.wait_for_function(APP_READY, timeout=60_000)  # the app could take over now, mid-press
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"/newsletter/?\?subscribed=1$"), timeout=15_000)
    assert "/newsletter/confirm?token=" in confirm_link(smtp, "pressing.reader@example.com")


# The app has rendered the page's data: the moment it would take over from the first view.
APP_READY = "() => { const main = document.getElementById('main'); return !!main && !main.querySelector(':scope > .skeleton'); }"


def test_the_sign_up_page_works_without_javascript(new_page, smtp):
    """``/newsletter`` paints from the server's HTML: its plain form posts and the answer comes back."""
    page = new_page(375, 800, wait_for_app=False, java_script_enabled=False)
    page.goto("/newsletter")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Artisan Times newsletter")
    signup = page.get_by_role("region", name="The newsletter")
    signup.get_by_label("Email address").fill("no.script@example.com")
    signup.get_by_role("button", name="Subscribe").click()
    expect(page).to_have_url(re.compile(r"/newsletter/?\?subscribed=1$"), timeout=15_000)
    expect(signup.get_by_role("status")).to_contain_text("Please check your inbox")
    assert "/newsletter/confirm?token=" in confirm_link(smtp, "no.script@example.com")


def sign_in(page: Page) -> None:
    page.goto("/editor")
    expect(page).to_have_url(re.compile("/editor/login$"))
    form = page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill(EDITOR_EMAIL)
    form.get_by_label("Password").fill(EDITOR_PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")


def test_an_editor_previews_tests_and_sends_an_article(new_page, smtp, e2e_db_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        article = session.exec(select(Article).where(Article.slug == "civil-servants-social-media-pakistan")).one()
    engine.dispose()
    page = new_page()
    sign_in(page)
    page.goto(f"/editor/article/{article.id}")
    panel = page.get_by_role("region", name="Newsletter")
    expect(panel).to_contain_text("confirmed subscribers")

    panel.get_by_role("button", name="Show the email").click()
    frame = panel.frame_locator("iframe[title='Email preview (HTML)']")
    expect(frame.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(frame.get_by_role("link", name="Unsubscribe")).to_be_visible()
    panel.get_by_text("Plain-text part").click()
    expect(panel.locator("pre.email-text")).to_contain_text("KEY TRENDS & CONCERNS")

    before = smtp.count
    panel.get_by_role("button", name="Send me a test").click()
    expect(panel.get_by_role("status")).to_contain_text(f"Test email queued for {EDITOR_EMAIL}")
    assert smtp.wait_for(before + 1)
    assert any(m["Subject"] == f"[Test] {article.headline}" for m in smtp.to(EDITOR_EMAIL))

    panel.get_by_role("button", name="Send as newsletter").click()
    dialog = panel.get_by_role("alertdialog", name="Confirm the send")
    dialog.get_by_role("button", name="Yes, send it").click()
    expect(panel.get_by_role("status")).to_contain_text("Queued for")

    page.get_by_role("link", name="Subscribers and sends").click()
    sends = page.get_by_role("table", name="Sends")
    row = sends.locator("tr.send-row").first
    expect(row).to_contain_text(article.headline)
    expect(row.locator("td").nth(1)).to_have_text(re.compile("queued|sending"))
    expect(row.locator("td").nth(1)).to_have_text("done", timeout=30_000)  # updates without a reload
    expect(row.locator("td").nth(4)).to_have_text(row.locator("td").nth(2).inner_text())
    for i in range(LOYAL):
        assert [m["Subject"] for m in smtp.to(f"loyal{i}@example.com")] == [article.headline]
    subscribers = page.get_by_role("table", name="Subscribers")
    expect(subscribers).to_contain_text("loyal0@example.com")


def test_an_address_typed_before_the_app_takes_over_stays_in_the_form(new_page):
    page = new_page(375, 800, wait_for_app=False)
    held = []  # the app's websocket waits here until the reader has typed
    page.route_web_socket(re.compile(r"/_event"), lambda ws: held.append(ws))
    page.goto("/")
    view = page.locator("#first-view")
    view.get_by_role("region", name="The newsletter").get_by_label("Email address").fill("quick@example.com")
    page.evaluate("window.dispatchEvent(new Event('artisan:app'))")  # the app is wanted (say, the comments came near)
    for _ in range(200):  # the app boots and opens its websocket
        if held:
            break
        page.wait_for_timeout(100)
    held[0].connect_to_server()
    expect(view).to_have_count(0)
    signup = page.get_by_role("main").get_by_role("region", name="The newsletter")
    expect(signup.get_by_label("Email address")).to_have_value("quick@example.com")
