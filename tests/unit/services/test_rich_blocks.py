"""A rich body through the database to every reader: first HTML, app data, search,
word count, feed and meta; covers as <picture> on cards, the lead and the article."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from sqlmodel import select

from artisan_app import render
from artisan_app.models import Block, Image
from artisan_app.services.articles import featured, queries
from artisan_app.services.articles.body import BlockDraft, SectionDraft
from artisan_app.services.comments.thread import ThreadPage
from artisan_app.services.media.library import import_image, set_cover
from artisan_app.services.search import queries as search
from artisan_app.services.site import feeds, seo
from tests.factories import make_article, make_author, make_category
from tests.media_helpers import photo

NOW_HOURS = 10
HOSTILE = '<b>Bold</b> cites <a href="https://source.example/report" onclick="x()">the report</a><script>steal()</script>'
BODY = [
    SectionDraft(
        "Findings",
        [
            BlockDraft("paragraph", "", html=HOSTILE),
            BlockDraft("subheading", "What changed"),
            BlockDraft("bullets", "", items=["<em>first</em> point", '<a href="javascript:alert(1)">second</a>']),
            BlockDraft("separator", ""),
            BlockDraft("embed", "", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            BlockDraft("quote", "", "A <source>", html="<i>Said</i> so"),
        ],
    )
]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html):
    p = Tags()
    p.feed(html)
    return p.tags


def _article(session, **kw):
    return make_article(session, category=make_category(session), author=make_author(session), body=BODY, hours=-1, **kw)


def test_the_stored_body_is_clean_and_its_text_has_no_markup(session):
    article = _article(session)
    blocks = session.exec(select(Block).order_by(Block.position)).all()
    para = blocks[0]
    assert para.html == ('<strong>Bold</strong> cites <a href="https://source.example/report" rel="noopener">the report</a>')
    assert para.text == "Bold cites the report"
    assert json.loads(blocks[2].items) == ["<em>first</em> point", '<a rel="noopener">second</a>']
    # Word count from the text: headline (3) + heading + subheading + the text blocks, never tags.
    assert article.word_count == len(
        ("Headline number X Findings What changed Bold cites the report first point second Said so").split()
    )


def test_search_finds_the_words_and_not_the_markup(session):
    _article(session)
    assert search.search_articles(session, "report cites").total == 1
    assert search.search_articles(session, "strong").total == 0
    assert search.search_articles(session, "noopener").total == 0


def test_the_first_html_and_the_app_get_the_same_safe_markup(session):
    article = _article(session)
    detail = queries.get_article(session, article.slug)
    markup = [b.markup for b in detail.sections[0].blocks]
    html = render.article_page(detail, related=[], categories=[], thread=ThreadPage(approved_count=0))
    for m in markup:
        assert "<script" not in m and "onclick" not in m and "javascript:" not in m
    assert markup[0] == (
        '<p class="body-text"><strong>Bold</strong> cites <a href="https://source.example/report"'
        ' rel="noopener">the report</a></p>'
    )
    assert markup[1] == '<h4 class="body-subheading">What changed</h4>'
    assert markup[2].startswith('<ul class="body-list"><li><em>first</em> point</li>')
    assert markup[3] == '<hr class="body-separator">'
    assert "data-embed-src" in markup[4] and "<iframe" not in markup[4]
    assert "— A &lt;source&gt;" in markup[5]
    for m in markup:  # components/article.py: block wraps the same markup in the same div
        assert f'<div class="body-block">{m}</div>' in html


def _cover(session, article, focal=(0.8, 0.3)):
    ref = import_image(session, data=photo(2000, 1200), filename="c.jpg", alt="x", focal=focal)
    image_id = session.exec(select(Image.id).where(Image.hash == ref.hash)).one()
    set_cover(session, article_id=article.id, image_id=image_id, alt="Harbour at dawn")
    session.flush()
    return ref


def test_a_listing_opens_with_its_first_cover_loading_first(session):
    # A section page's first card is in view as it opens (its LCP): eager, high priority; the rest,
    # later pages and the front page's list (after its lead) load lazily.
    cat, author = make_category(session), make_author(session)
    stories = [make_article(session, category=cat, author=author, hours=-h) for h in (3, 2, 1)]
    for story in stories:
        _cover(session, story)

    def loading(page):
        return [[(a["loading"], a.get("fetchpriority")) for t, a in tags(c.cover_html) if t == "img"][0] for c in page.items]

    assert loading(queries.latest_articles(session, category_slug=cat.slug)) == [
        ("eager", "high"),
        ("lazy", None),
        ("lazy", None),
    ]
    assert loading(queries.latest_articles(session, category_slug=cat.slug, offset=1)) == [("lazy", None)] * 2
    assert loading(queries.latest_articles(session, exclude_id=stories[2].id)) == [("lazy", None)] * 2


def test_covers_on_the_lead_cards_and_article_with_og_and_feed(session):
    cat, author = make_category(session), make_author(session)
    plain = make_article(session, category=cat, author=author, hours=-3)
    older = make_article(session, category=cat, author=author, hours=-2)
    lead = make_article(session, category=cat, author=author, hours=-1)
    ref = _cover(session, lead)
    _cover(session, older)
    page = featured.front_page(session, limit=5, now=None)
    by_slug = {c.slug: c for c in page.items}
    assert page.items[0].slug == lead.slug
    lead_img = [a for t, a in tags(page.items[0].cover_html) if t == "img"][0]
    assert lead_img["fetchpriority"] == "high" and lead_img["loading"] == "eager"
    # Each says how wide its box really is (phones: the screen less the page's margins).
    assert lead_img["sizes"] == "(min-width: 55rem) 52rem, calc(100vw - 2rem)"
    card_img = [a for t, a in tags(by_slug[older.slug].cover_html) if t == "img"][0]
    assert card_img["loading"] == "lazy" and "fetchpriority" not in card_img
    assert card_img["width"] and card_img["height"] and " 320w" in card_img["srcset"]
    assert card_img["alt"] == "Harbour at dawn" and card_img["sizes"].endswith(", calc(100vw - 2rem)")
    assert by_slug[plain.slug].cover_html == ""  # keeps today's look

    detail = queries.get_article(session, lead.slug)
    img = [a for t, a in tags(detail.cover_html) if t == "img"][0]
    assert img["fetchpriority"] == "high" and int(img["width"]) == 1920 and int(img["height"]) == 1152
    assert img["sizes"] == "(min-width: 45rem) 42rem, calc(100vw - 2rem)"  # the article's column, not 72rem
    assert [t for t, _ in tags(detail.cover_html)][:3] == ["picture", "source", "source"]

    meta = seo.article_meta(detail, site_url="https://news.example")
    assert meta.image.startswith("https://news.example/media/") and meta.image_size == (1200, 630)
    assert ref.hash in meta.image
    assert meta.json_ld["image"][0] == meta.image and len(meta.json_ld["image"]) == 3

    atom = feeds.site_feed(session, site_url="https://news.example").decode()
    assert 'rel="enclosure"' in atom and f"https://news.example/media/{ref.hash}" in atom


def test_seeded_stories_carry_links_lists_images_and_an_embed(session):
    from artisan_app.services.seed.loader import load_seed

    load_seed(session)
    session.flush()
    kinds: dict[str, int] = {}
    for block in session.exec(select(Block)).all():
        kinds[block.kind] = kinds.get(block.kind, 0) + 1
    assert kinds["image"] >= 3 and kinds["embed"] == 1 and kinds["bullets"] + kinds["numbers"] >= 2
    linked = session.exec(select(Block).where(Block.html.contains('<a href="https://'))).all()
    assert len(linked) >= 3  # links to sources inside paragraphs (and one in a list item)
    detail = queries.get_article(session, "argentina-inflation-peso-households")
    [figure] = [b.markup for s in detail.sections for b in s.blocks if b.kind == "image"]
    assert figure.startswith('<figure class="figure figure-wide"><picture>') and "CC0 1.0" in figure
