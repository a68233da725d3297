"""The newsletter email built from an article: text stays text, CSS is inline,
each recipient gets their own links, and the SMTP URL is read correctly."""

from __future__ import annotations

from artisan_app.services.articles.views import ArticleCard, ArticleDetail, AuthorProfile, BlockView, SectionView
from artisan_app.services.mail import emails
from artisan_app.services.mail.sending import Mail, build_message, parse_smtp_url

CARD = ArticleCard(
    slug="a-story",
    kicker="Kicker <i>",
    headline="Rates & <script>alert(1)</script>",
    excerpt="An excerpt.",
    category_name="Economy",
    category_slug="economy",
    author_name="Ann",
    author_slug="ann",
    published_iso="",
    published_label="1 January 2026",
    reading_minutes=3,
)
ARTICLE = ArticleDetail(
    id=1,
    card=CARD,
    author=AuthorProfile(name="Ann", slug="ann"),
    updated_iso="",
    updated_label="",
    sections=[
        SectionView(
            number=1,
            heading="Prices",
            blocks=[
                BlockView("paragraph", "Paragraph with <b>tags</b>."),
                BlockView("quote", "A quote.", "Someone"),
            ],
        )
    ],
    cover_image="/_upload/cover.webp",
    cover_alt="A market",
)


def test_the_email_keeps_text_as_text_and_inlines_its_css():
    rendered = emails.newsletter(ARTICLE, site_url="https://news.example")
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "&lt;b&gt;tags&lt;/b&gt;" in rendered.html
    assert "<style" not in rendered.html and 'class="headline"' in rendered.html and 'style="' in rendered.html
    assert 'src="https://news.example/_upload/cover.webp"' in rendered.html  # absolute for mail clients
    assert "1. Prices" in rendered.text and "“A quote.”" in rendered.text and "— Someone" in rendered.text
    assert "Paragraph with <b>tags</b>." in rendered.text  # plain text needs no escaping
    assert "https://news.example/article/a-story" in rendered.text


def test_each_recipient_gets_their_own_links():
    rendered = emails.newsletter(ARTICLE, site_url="https://news.example")
    html, text = rendered.personalise(unsubscribe_url="https://u/1", preferences_url="https://p/1")
    assert "https://u/1" in html and "https://p/1" in text and emails.UNSUBSCRIBE_MARK not in html + text


def test_message_has_both_parts_and_the_headers():
    msg = build_message(
        Mail(
            to="a@example.com",
            subject="S",
            text="plain",
            html="<p>html</p>",
            headers=(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),),
        ),
        sender="x@y.z",
    )
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and msg["Message-ID"]


def test_smtp_url():
    c = parse_smtp_url("smtp://user%40x:p%3Ass@mail.example:587?starttls=1")
    assert (c.host, c.port, c.username, c.password, c.starttls, c.tls) == ("mail.example", 587, "user@x", "p:ss", True, False)
    assert parse_smtp_url("smtps://mail.example").port == 465
