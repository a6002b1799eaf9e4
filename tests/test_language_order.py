"""Every list of people, cases, tags and feeds in the page language's alphabetical order (issue
17, item 2), checked on the built sample site against the alphabets written out here."""

from __future__ import annotations

import pytest

# The alphabets, with the letters a collation treats as one at the first level put together.
ALPHABETS = {
    "ru": "А Б В Г Д ЕЁ Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я",
    "uk": "А Б В Г Ґ Д Е Є Ж З И І Ї Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ь Ю Я",
}


def alphabet_key(lang: str, word: str) -> list[int]:
    letters = ALPHABETS[lang].split()
    rank = {ch: i for i, group in enumerate(letters) for ch in group}
    rank.update({d: int(d) - 10 for d in "0123456789"})  # digits before letters
    # Latin after the language's own letters: CLDR's Russian and Ukrainian collations reorder
    # Cyrillic first (an English tag carried by a catalogue translation, "Left Bloc", comes
    # after every Cyrillic one).
    rank.update({ch: 100 + i for i, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")})
    return [rank[ch] for ch in word.upper() if ch in rank]


def family(full_name: str) -> str:
    return full_name.split()[-1]


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_prisoners_index_lists_people_in_the_language_order(site, lang):
    soup = site.html(f"{lang}/prisoners/index.html")
    groups = soup.select(".people-group ul.people")
    assert groups
    for ul in groups:
        names = [family(a.get_text()) for a in ul.select("li > a")]
        assert names == sorted(names, key=lambda w: alphabet_key(lang, w)), names
    cases = [a.get_text() for a in soup.select("#by-case h3 a")]
    assert cases == sorted(cases, key=lambda w: alphabet_key(lang, w)), cases


def test_russian_index_no_longer_follows_english_spellings(site):
    soup = site.html("ru/prisoners/index.html")
    names = [family(a.get_text()) for a in soup.select(".people-group ul.people li > a")]
    # In English order Chebanov, Chernova and Chuvilin come before Dmitriev.
    assert names.index("Дмитриев") < names.index("Чебанов") < names.index("Чувилин")


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_subscribe_page_lists_people_cases_and_tags_in_the_language_order(site, lang):
    soup = site.html(f"{lang}/subscribe/index.html")

    def titles(kind: str) -> list[str]:
        # "Site name: Title: Atom · RSS": the feed's own title is the part in between.
        return [li.get_text().split(": ")[1].strip() for li in _list_after(soup, kind)]

    people = [family(t) for t in titles("prisoners")]
    assert len(people) > 20
    assert people == sorted(people, key=lambda w: alphabet_key(lang, w)), people
    for kind in ("cases", "tag"):
        found = titles(kind)
        assert found == sorted(found, key=lambda w: alphabet_key(lang, w)), (kind, found)


def _list_after(soup, kind: str):
    """The <li>s of one group on the Subscribe page, found by their feed paths."""
    return [li for li in soup.select("ul.feeds li")
            if f"/feeds/{kind}/" in li.select_one("a")["href"]]
