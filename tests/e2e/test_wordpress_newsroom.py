"""An admin in the browser: upload a WordPress export for a dry run and read the report; add an old
address as a redirect, see it answer 301, remove it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, create_engine

from artisan_app.models import Role
from artisan_app.services.accounts import auth
from tests.e2e.test_newsroom import sign_in

ADMIN_EMAIL = "chief@artisan.test"
ADMIN_PASSWORD = "an admin's long and unguessable passphrase"
EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress" / "export.xml"


@pytest.fixture(scope="module")
def admin_account(e2e_db_url, app_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        auth.create_user(session, email=ADMIN_EMAIL, name="Chief Admin", password=ADMIN_PASSWORD, role=Role.admin)
        session.commit()
    engine.dispose()
    return ADMIN_EMAIL


def test_admin_dry_runs_an_export_and_manages_redirects(new_page, admin_account):
    page = new_page()
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")

    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Import").click()
    expect(page).to_have_url(re.compile("/editor/import$"))
    expect(page.get_by_label("Dry run: report only, save nothing")).to_be_checked()
    page.locator("#wxr-upload input[type=file]").set_input_files(str(EXPORT))
    report = page.get_by_role("region", name="Import report")
    expect(report.get_by_role("row", name="posts imported")).to_contain_text("8", timeout=30_000)
    expect(report).to_contain_text("Every block at once")
    # A dry run saved nothing: the old address is not known yet.
    assert page.request.get("/2024/03/05/every-block/", max_redirects=0).status == 404  # not found, not moved

    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Redirects").click()
    expect(page).to_have_url(re.compile("/editor/redirects$"))
    page.get_by_label("Old address (a path)").fill("/2019/05/old-post/")
    page.get_by_label("New address").fill("/article/new-post")
    page.get_by_role("button", name="Add redirect").click()
    expect(page.get_by_text("Redirect added.")).to_be_visible()
    expect(page.get_by_role("row", name="/2019/05/old-post")).to_contain_text("/article/new-post")
    answer = page.request.get("/2019/05/old-post/", max_redirects=0)
    assert answer.status == 301 and answer.headers["location"] == "/article/new-post"

    page.get_by_role("button", name="Remove the redirect from /2019/05/old-post").click()
    expect(page.get_by_text("Redirect removed.")).to_be_visible()
    assert page.request.get("/2019/05/old-post/", max_redirects=0).status == 404  # gone with its redirect


def test_admin_uploads_a_20_mb_export_and_confirms_its_redirects(new_page, admin_account, tmp_path):
    """A real export is tens of MB: past the 8 MB limit of every other upload, the admin's import takes it."""
    text = EXPORT.read_text(encoding="utf-8")
    padding = ("<!-- " + "padding " * 128 + "-->\n") * (20 * 1024)  # the parser skips it, the upload carries it
    big = tmp_path / "export-20mb.xml"
    big.write_text(text.replace("<rss", padding + "<rss", 1), encoding="utf-8")
    assert big.stat().st_size > 20 * 1024 * 1024
    page = new_page()
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Import").click()
    expect(page.get_by_label("Dry run: report only, save nothing")).to_be_checked()
    # A controlled checkbox: it shows the state's value once the toggle's event has come back.
    page.get_by_label("Dry run: report only, save nothing").click()
    expect(page.get_by_label("Dry run: report only, save nothing")).not_to_be_checked()
    page.locator("#wxr-upload input[type=file]").set_input_files(str(big))
    report = page.get_by_role("region", name="Import report")
    expect(report.get_by_role("row", name="posts imported")).to_contain_text("8", timeout=90_000)
    answer = page.request.get("/2024/03/05/every-block/", max_redirects=0)
    assert answer.status == 301 and answer.headers["cache-control"] == "public, max-age=60"

    page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Redirects").click()
    page.get_by_role("button", name="Confirm all").click()
    expect(page.get_by_text("redirect(s) confirmed.")).to_be_visible()
    answer = page.request.get("/2024/03/05/every-block/", max_redirects=0)
    assert answer.status == 301 and answer.headers["cache-control"] == "public, max-age=3600"
    page.get_by_label("Old address (a path)").fill("/newsletter")
    page.get_by_label("New address").fill("/article/every-block")
    page.get_by_role("button", name="Add redirect").click()
    expect(page.get_by_text("/newsletter is one of this site's own addresses")).to_be_visible()
    assert page.request.get("/newsletter", max_redirects=0).status == 200
