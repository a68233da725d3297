"""The Urdu edition's catalog (issue #17): complete, with plural forms, and Babel's formats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from artisan_app.core import i18n

ROOT = Path(__file__).resolve().parents[2]


def _source_messages() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """What ``make i18n`` extracts today, read with the same babel.cfg and keywords."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, **i18n.EXTRA_KEYWORDS}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=keywords,
    ):
        found.add((context, message if isinstance(message, str) else tuple(message)))
    return found


def test_every_interface_message_has_an_urdu_translation_with_every_plural_form():
    catalog = i18n.read_catalog("ur")
    assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)"
    entries = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m for m in catalog if m.id}
    sources = _source_messages()
    assert len(sources) > 100
    missing = sorted(str(key) for key in sources if key not in entries)
    assert missing == [], f"run `make i18n` and translate: {missing}"
    for key, message in entries.items():
        assert not message.fuzzy, key
        forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        assert len(forms) == (catalog.num_plurals if message.pluralizable else 1), key
        assert all(form.strip() for form in forms), f"untranslated: {key}"
    # Babel's own checks: the same python-format placeholders in every translation.
    problems = [(m.id, errors) for m, errors in catalog.check() if errors]
    assert problems == []


def test_interface_strings_read_in_urdu():
    assert i18n.translate("ur", "About Author") == "مصنف کا تعارف"
    assert i18n.translate("ur", "You may also like") == "یہ بھی پڑھیے"
    assert i18n.translate("ur", "Your email address will not be published. Required fields are marked *") == (
        "آپ کا ای میل پتہ شائع نہیں کیا جائے گا۔ ضروری خانوں پر * کا نشان لگا ہے"
    )
    assert i18n.translate("ur", "By %(authors)s", authors="آرٹیزن ٹائمز") == "تحریر: آرٹیزن ٹائمز"
    assert i18n.section_name("Politics", "ur") == "سیاست"
    assert i18n.section_name("A section an admin added", "ur") == "A section an admin added"
    # English is the source language: its strings are the ids themselves.
    assert i18n.translate("en", "About Author") == "About Author"


def test_plural_forms_follow_the_count():
    assert i18n.comment_count(1, "ur") == "1 تبصرہ"
    assert i18n.comment_count(3, "ur") == "3 تبصرے"
    assert i18n.comment_count(1, "en") == "1 comment"
    assert i18n.comment_count(1200, "en") == "1,200 comments"
    assert i18n.reading_time(4, "ur") == "4 منٹ کا مطالعہ"
    assert i18n.reading_time(0, "en") == "1 min read"
    assert i18n.search_summary("ur", total=2, query="مہنگائی") == "“مہنگائی” سے متعلق 2 خبریں ملیں۔"
    assert i18n.search_summary("ur", total=1, query="مہنگائی") == "“مہنگائی” سے متعلق 1 خبر ملی۔"


def test_dates_and_relative_times_come_from_babels_urdu_locale():
    moment = datetime(2025, 8, 25, 7, 30, tzinfo=UTC)
    assert i18n.format_date(moment, "ur") == "25 اگست 2025"
    assert i18n.format_date(moment, "en") == "25 August 2025"
    assert i18n.format_date(None, "ur") == ""
    assert i18n.format_relative(moment, "ur", now=moment + timedelta(hours=3)) == "3 گھنٹے پہلے"
    assert i18n.format_relative(moment, "en", now=moment + timedelta(hours=3)) == "3 hours ago"
    assert i18n.byline(["عائشہ", "بلال", "سارہ"], "ur") == "عائشہ، بلال، اور سارہ"


def test_languages_and_directions():
    assert i18n.language_of("ur-PK") == "ur" and i18n.language_of("UR") == "ur"
    assert i18n.language_of("fr") == "en" and i18n.language_of(None) == "en"
    assert i18n.direction("ur") == "rtl" and i18n.direction("en") == "ltr"
    assert i18n.other_language("ur") == "en" and i18n.other_language("en") == "ur"
    assert i18n.OG_LOCALES["ur"] == "ur_PK"


def test_jinja_templates_translate_through_the_same_catalog_and_isolate_values():
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    i18n.install_jinja(env, "ur")
    env.globals.update(i18n.template_globals("ur"))
    template = env.from_string(
        '<html lang="{{ lang }}" dir="{{ dir }}"><h2>{{ _("About Author") }}</h2>'
        "<p>{% trans %}Your email address will not be published. Required fields are marked *{% endtrans %}</p>"
        "<p>{{ _('By %(authors)s', authors=bdi(name)) }} · {{ reading_time(4) }}</p>"
        "<p>{{ ngettext('%(num)s comment', '%(num)s comments', 3) }}</p>"
        '<a href="{{ edition_path("/search") }}">{{ section_name("Culture") }}</a>'
    )
    html = template.render(name="Hannah <Okafor>")
    assert html.startswith('<html lang="ur" dir="rtl"><h2>مصنف کا تعارف</h2>')
    assert "آپ کا ای میل پتہ شائع نہیں کیا جائے گا۔" in html
    assert "تحریر: <bdi>Hannah &lt;Okafor&gt;</bdi> · 4 منٹ کا مطالعہ" in html  # escaped, isolated
    assert "<p>3 تبصرے</p>" in html and '<a href="/ur/search">ثقافت</a>' in html
