"""Linker rules on small synthetic registries (no build needed)."""

from prisoner_links.linker import link_document
from prisoner_links.matcher import compile_matcher
from prisoner_links.tests.people import person

PEOPLE = {
    "ivan-petrov": person("ivan-petrov", "Ivan", "Petrov", "Иван", "Петров"),
    "oleg-petrov": person("oleg-petrov", "Oleg", "Petrov", "Олег", "Петров"),
    "anna-sidorova": person("anna-sidorova", "Anna", "Sidorova", "Анна", "Сидорова", "f"),
}
MATCHER = compile_matcher(PEOPLE)


def links(html, **kw):
    result = link_document(html, MATCHER, lambda s: f"/p/{s}/", **kw)
    return [(m.slug, m.text) for m in result.mentions if m.linked and m.text], result


def test_shared_surname_links_only_with_the_full_name():
    got, result = links("<p>Ivan Petrov was arrested. Petrov denies it.</p>")
    assert got == [("ivan-petrov", "Ivan Petrov")]
    declined = [m for m in result.mentions if not m.linked]
    assert declined[0].reason.startswith("surname shared by several registered people")


def test_metadata_counts_as_naming_in_full():
    got, _ = links("<p>Sidorova wrote a letter.</p>")
    assert got == []
    got, result = links("<p>Sidorova wrote a letter.</p>", forced={"anna-sidorova"})
    assert got == [("anna-sidorova", "Sidorova")]
    assert result.people == ["anna-sidorova"]


def test_male_genitive_lookalike_of_a_female_surname_is_not_linked():
    got, result = links("<p>Адвокат Сергея Сидорова подал жалобу. Анна Сидорова молчала.</p>")
    assert got == [("anna-sidorova", "Анна Сидорова")]
    assert any("namesake" in m.reason for m in result.mentions if not m.linked)


def test_first_mention_only_unless_asked():
    html = "<p>Анна Сидорова и снова Анна Сидорова.</p>"
    first, _ = links(html)
    every, _ = links(html, every_mention=True)
    assert len(first) == 1 and len(every) == 2


def test_never_inside_links_code_or_headings():
    html = ('<h2>Anna Sidorova</h2><p><a href="/x">Anna Sidorova</a> '
            "<code>Anna Sidorova</code></p><pre>Anna Sidorova</pre>")
    got, result = links(html)
    assert got == [] and result.html == html


def test_shared_surname_links_when_patronymic_joins_one_owners_given_name():
    got, _ = links("<p>Иван Сергеевич Петров задержан. Петров молчит.</p>")
    assert got == [("ivan-petrov", "Иван Сергеевич Петров")]
