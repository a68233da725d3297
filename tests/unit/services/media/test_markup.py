"""<picture> data and HTML, and the Open Graph / JSON-LD images, from an image row's values."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from artisan_app.services.media.markup import (
    SIZES,
    figure_html,
    jpeg_url,
    jsonld_images,
    og_image,
    picture,
    picture_html,
)
from artisan_app.services.media.names import ImageRef

REF = ImageRef(
    hash="ab" * 12,
    width=2400,
    height=1600,
    focal_x=0.25,
    focal_y=0.4,
    alt='Boats "moored" <at> dawn & dusk',
    caption="The harbour at <dawn>",
    credit="Photo: A & B",
)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(html)
    return p.tags


def test_lead_picture_sources_and_priority():
    data = picture(REF, lead=True, sizes=SIZES["lead"])
    assert [s.type for s in data.sources] == ["image/avif", "image/webp"]
    avif = data.sources[0].src_set.split(", ")
    assert avif == [f"/media/{REF.hash}-{w}.avif {w}w" for w in (320, 640, 960, 1280, 1920)]
    assert data.src == f"/media/{REF.hash}-960.jpg"
    assert (data.width, data.height) == (1920, 1280)
    assert (data.loading, data.fetch_priority) == ("eager", "high")


def test_other_pictures_are_lazy_and_cards_use_the_focal_crop():
    data = picture(REF, kind="card")
    assert (data.loading, data.fetch_priority) == ("lazy", "auto")
    assert (data.width, data.height) == (960, 640)
    assert data.src == f"/media/{REF.hash}-card-x0250y0400-960.jpg"
    assert data.sizes == SIZES["card"]
    as_dict = data.as_dict()
    assert as_dict["sources"][1]["src_set"].endswith("-card-x0250y0400-960.webp 960w")
    assert as_dict["fetch_priority"] == "auto" and as_dict["alt"] == REF.alt


def test_html_escapes_every_value():
    html = figure_html(REF, picture(REF, lead=True))
    assert "<at>" not in html and "<dawn>" not in html and '"moored"' not in html
    tags = parsed(html)
    assert [t for t, _ in tags] == ["figure", "picture", "source", "source", "img", "figcaption", "span"]
    img = tags[4][1]
    assert img["alt"] == REF.alt and img["fetchpriority"] == "high" and img["loading"] == "eager"
    assert img["width"] == "1920" and img["height"] == "1280"
    assert re.search(r"<figcaption>The harbour at &lt;dawn&gt; <span class=\"credit\">Photo: A &amp; B</span>", html)
    lazy = parsed(picture_html(picture(REF)))[-1][1]
    assert lazy["loading"] == "lazy" and "fetchpriority" not in lazy


def test_open_graph_and_json_ld_images():
    og = og_image(REF, site_url="https://news.example/")
    assert og == {
        "url": f"https://news.example/media/{REF.hash}-social-x0250y0400-1200.jpg",
        "width": 1200,
        "height": 630,
        "type": "image/jpeg",
        "alt": REF.alt,
    }
    assert jsonld_images(REF, site_url="https://news.example") == [
        og["url"],
        f"https://news.example/media/{REF.hash}-card-x0250y0400-960.jpg",
        f"https://news.example/media/{REF.hash}-1920.jpg",
    ]
    assert jpeg_url(REF) == f"/media/{REF.hash}-1280.jpg"  # e.g. a feed's enclosure


def test_a_small_picture_never_offers_a_larger_candidate():
    small = ImageRef(hash="cd" * 12, width=500, height=250, alt="x")
    data = picture(small)
    assert data.src_set == f"/media/{small.hash}-320.jpg 320w"
    assert (data.width, data.height) == (320, 160)
    card = picture(small, kind="card")
    assert (card.width, card.height) == (320, 213)
