"""Inline formatting: the nh3 allowlist against hostile input, the editor's Markdown
round trip, and body blocks rendered as safe markup (one renderer for both views)."""

from __future__ import annotations

import pytest

from artisan_app.services.articles.body import parse_body
from artisan_app.services.articles.rich_blocks import FRAME_ORIGINS, block_html, embed_of
from artisan_app.services.articles.rich_text import clean_inline, from_markdown, plain_text, to_markdown


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<b onclick="alert(1)" style="color:red">x</b>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        '<iframe src="https://evil.example"></iframe>',
        '<p><em><strong>unclosed <a href="https://ok.example">',
        "<style>body{display:none}</style><!-- c --><em>x</em>",
        '"><script>alert(1)</script>',
    ],
)
def test_hostile_inline_html_keeps_only_the_allowlist(hostile):
    out = clean_inline(hostile)
    lowered = out.lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "data:", "<iframe", "<svg", "<style", "style=", "<img", "<!--"):
        assert bad not in lowered, out
    assert clean_inline(out) == out  # stable: cleaning twice changes nothing


def test_allowed_formatting_survives_and_links_get_noopener():
    out = clean_inline(
        '<b>B</b> <i>I</i> <code>c</code><br><a href="https://e.org/x?a=1&b=2" title="t">L</a>'
        ' <a href="mailto:a@e.org">m</a> <a href="/article/x">in</a>'
    )
    assert out.startswith("<strong>B</strong> <em>I</em> <code>c</code><br>")
    assert '<a href="https://e.org/x?a=1&amp;b=2" rel="noopener">L</a>' in out
    assert '<a href="mailto:a@e.org" rel="noopener">m</a>' in out
    assert 'href="/article/x"' in out and "title=" not in out


def test_markdown_round_trip_of_the_editor():
    source = "**Bold** *it* [the report](https://example.org/r) `a*b` 2 < 3 & \\*stars\\*\nnext line"
    html = from_markdown(source)
    assert html == (
        '<strong>Bold</strong> <em>it</em> <a href="https://example.org/r" rel="noopener">the report</a>'
        " <code>a*b</code> 2 &lt; 3 &amp; *stars*<br>next line"
    )
    assert from_markdown(to_markdown(html)) == html
    assert plain_text(html) == "Bold it the report a*b 2 < 3 & *stars*\nnext line"


def test_markdown_cannot_smuggle_html_or_script_links():
    assert "<script" not in from_markdown("<script>alert(1)</script>")
    assert "href" not in from_markdown("[x](javascript:alert(1))")
    assert "href" not in from_markdown("[x](data:text/html,hi)")


def test_blocks_render_escaped_text_and_cleaned_html():
    p = block_html("paragraph", html='Hi <a href="javascript:x" onclick="y">l</a><script>z</script>')
    assert p == '<p class="body-text">Hi <a rel="noopener">l</a></p>'
    q = block_html("quote", html="<em>Q</em>", attribution='<b>A</b> & "B"')
    assert "— &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;" in q and "<em>Q</em>" in q
    assert block_html("subheading", text="<i>S</i>") == '<h4 class="body-subheading">&lt;i&gt;S&lt;/i&gt;</h4>'
    assert (
        block_html("numbers", items=["<b>one</b>", "two<img src=x>"])
        == '<ol class="body-list"><li><strong>one</strong></li><li>two</li></ol>'
    )
    assert block_html("separator") == '<hr class="body-separator">'


@pytest.mark.parametrize(
    "url, provider, frame",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871"),
        ("https://x.com/someone/status/1234567890", "X", "https://platform.twitter.com/embed/Tweet.html?id=1234567890"),
        ("https://www.instagram.com/p/Cabc_123/", "Instagram", "https://www.instagram.com/p/Cabc_123/embed"),
    ],
)
def test_known_embeds_become_click_to_load_cards(url, provider, frame):
    embed = embed_of(url)
    assert (embed.provider, embed.frame) == (provider, frame)
    assert frame.startswith(FRAME_ORIGINS)
    html = block_html("embed", url=url)
    # Nothing from the provider loads before the click: no iframe, no <img>, no script.
    assert "<iframe" not in html and "<img" not in html and "<script" not in html
    assert f'data-embed-src="{frame}"' in html and f"Open on {provider}" in html


def test_unknown_and_hostile_embed_urls():
    html = block_html("embed", url="https://example.org/some/page")
    assert "embed-link" in html and 'href="https://example.org/some/page"' in html and "data-embed-src" not in html
    assert block_html("embed", url="javascript:alert(1)") == ""
    assert block_html("embed", url='https://youtube.com/watch?v="><script>').count("<script") == 0


def test_seed_markdown_inline_formatting_is_parsed_and_clean():
    [section] = parse_body('## H\n\nSee [the source](https://e.org) and <b onclick="x">raw</b>.\n')
    [b] = section.blocks
    assert b.html == 'See <a href="https://e.org" rel="noopener">the source</a> and &lt;b onclick="x"&gt;raw&lt;/b&gt;.'
    assert b.text == 'See the source and <b onclick="x">raw</b>.'
