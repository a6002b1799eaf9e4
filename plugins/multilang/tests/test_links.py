"""multilang/links.py on HTML as the sanitiser writes it: what is read as a link's href, and
what a rewritten href may never become. The whole behaviour is tested through real builds in
tests/test_localised_links.py."""

from types import SimpleNamespace

from multilang.links import Targets, localise

SETTINGS: dict = {}


def _version() -> tuple:
    """A Russian catalogue version of an English article, and the targets of a site where
    /articles/other/ has a Russian version."""
    original = SimpleNamespace(lang="en", url="articles/case/", source_path="case.md",
                               slug="case", translationsource="")
    version = SimpleNamespace(lang="ru", url="ru/articles/case/", source_path="case.md",
                              slug="case", translationsource="catalogue",
                              relative_source_path="case.md")
    other = SimpleNamespace(lang="en", url="articles/other/", slug="other")
    other_ru = SimpleNamespace(lang="ru", url="ru/articles/other/", slug="other")
    other.alternates = other_ru.alternates = {"en": other, "ru": other_ru}
    version.alternates = original.alternates = {"en": original, "ru": version}
    targets = Targets.of([original, version, other, other_ru], [], {}, "")
    return version, ("en", original.url), targets


def test_href_inside_another_attributes_value_is_not_the_href():
    doc, source, targets = _version()
    html = '<a title="see href=&quot;/letters/now/&quot; &gt; x > y" href="/articles/other/">t</a>'
    assert localise(html, doc, source, targets, SETTINGS) == \
        '<a title="see href=&quot;/letters/now/&quot; &gt; x > y" href="/ru/articles/other/">t</a>'


def test_a_kept_link_into_another_language_is_marked_once():
    doc, source, targets = _version()
    assert localise('<a href="/articles/case/">x</a>', doc, source, targets, SETTINGS) == \
        '<a href="/ru/articles/case/">x</a>'
    assert localise('<a href="/de/prisoners/">x</a>', doc, source, targets, SETTINGS) == \
        '<a href="/de/prisoners/" hreflang="de">x</a>'
    assert localise('<a hreflang="de" href="/de/prisoners/">x</a>', doc, source, targets,
                    SETTINGS) == '<a hreflang="de" href="/de/prisoners/">x</a>'


def test_no_rewritten_href_leaves_the_site():
    doc, source, targets = _version()
    for href in ("//example.org/letters/", "/\\example.org/prisoners/", "https://example.org/",
                 "/\\\\example.org/", "mailto:a@example.org", "#top", "?q=1"):
        html = f'<a href="{href}">x</a>'
        assert localise(html, doc, source, targets, SETTINGS) == html
