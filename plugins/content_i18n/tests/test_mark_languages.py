"""build.mark_languages (the linker's small HTML tree) gives what mark_languages_soup
(BeautifulSoup) gives: the source language's markers removed, `lang` set on their blocks."""

from __future__ import annotations

import random

from content_i18n.build import END, MARK, mark_languages, mark_languages_soup
from prisoner_links import tree

from safe_input.sanitiser import clean

M = f"{MARK}ru{END}"
PIECES = ["<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<td>", "</td>", "<blockquote>",
          "</blockquote>", "<h2>", "</h2>", "<em>", "</em>", "<strong>", "</strong>",
          '<a href="/x?a=1&amp;b=2">', "</a>", '<p lang="en">', '<p class="note">',
          f'<img alt="{M}Фото" src="/images/a.png">', '<img alt="photo" src="/b.png">',
          "<br>", "<figure>", "</figure>", "<figcaption>", "</figcaption>", "<span>", "</span>",
          M, f"{M}Текст", "text", "Текст «в кавычках»", "&amp;", "&nbsp;", "&lt;", "&gt;",
          "&quot;", "&copy;", " ", "\n", "  \n  ", "a & b", "1 < 2", "<!-- c -->", "<sup>",
          "</sup>", "<p/>", "<P>", "</P>"]


def _markups(count: int) -> list[str]:
    rnd = random.Random(42)
    return ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 16))) for _ in range(count)]


def test_the_tree_marks_what_beautifulsoup_marks():
    fast = slow = 0
    for raw in _markups(4000):
        for html in (raw, clean(raw)):
            assert mark_languages(html) == mark_languages_soup(html), html
            if tree.build(html, frozenset(), frozenset()) is None:
                slow += 1
            elif M in html:
                fast += 1
    assert fast > 500 and slow > 500  # both ways are compared, on many texts with markers


def test_markers_in_text_and_alt_text_set_the_blocks_language():
    html = (f'<p>{M}Слово и <em>{M}ещё</em></p><ul><li>one</li><li><img alt="{M}Фото" '
            'src="/a.png"></li></ul><p lang="en">x</p>')
    expected = ('<p lang="ru">Слово и <em>ещё</em></p><ul><li>one</li><li lang="ru">'
                '<img alt="Фото" src="/a.png"/></li></ul><p lang="en">x</p>')
    assert mark_languages(html) == expected
    assert mark_languages_soup(html) == expected
