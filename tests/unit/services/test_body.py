import pytest

from artisan_app.services.articles.body import BodyFormatError, parse_body


def test_sections_paragraphs_and_attributed_quote_in_order():
    md = """## First trend

Opening paragraph
spread over two lines.

> A quoted sentence.
>
> — A columnist

## Second trend

Only paragraph.
"""
    sections = parse_body(md)
    assert [s.heading for s in sections] == ["First trend", "Second trend"]
    first = sections[0].blocks
    assert [(b.kind, b.text, b.attribution) for b in first] == [
        ("paragraph", "Opening paragraph spread over two lines.", ""),
        ("quote", "A quoted sentence.", "A columnist"),
    ]
    assert sections[1].blocks[0].text == "Only paragraph."


def test_quote_without_attribution_keeps_all_text():
    sections = parse_body("## H\n\n> Just a quote.\n")
    assert sections[0].blocks[0].kind == "quote"
    assert sections[0].blocks[0].text == "Just a quote."
    assert sections[0].blocks[0].attribution == ""


def test_html_is_kept_as_literal_text_not_markup():
    sections = parse_body("## H\n\nA <b>bold</b> claim & more.\n")
    assert sections[0].blocks[0].text == "A <b>bold</b> claim & more."


@pytest.mark.parametrize(
    "md, message",
    [
        ("Stray text\n\n## H\n\nText.", "before the first"),
        ("# Title\n\nText.", "only '##'"),
        ("## H\n\n```\ncode\n```\n", "unsupported"),
        ("## Empty\n\n## Next\n\nText.", "has no paragraphs"),
    ],
)
def test_malformed_bodies_are_refused_with_a_reason(md, message):
    with pytest.raises(BodyFormatError, match=message):
        parse_body(md)
