"""Language homes show what is new (issue 17, item 6): texts not yet in the reader's language
appear in a marked section, in their original language with `lang`, linked to the
translators' page."""

from __future__ import annotations

from tests.sitebuild import VALID, run_pelican, settings_with, write_article


def _site(content):
    write_article(content, "old.md", {**VALID, "Slug": "old", "Title": "Old appeal",
                                      "Date": "2024-01-01"})
    write_article(content, "old.ru.md", {**VALID, "Slug": "old", "Title": "Старое обращение",
                                         "Date": "2024-01-01", "Lang": "ru"})
    write_article(content, "new.md", {**VALID, "Slug": "new", "Title": "Brand new statement",
                                      "Date": "2024-06-01", "Summary": "What happened."})
    write_article(content, "ru-only.ru.md", {**VALID, "Slug": "ru-only", "Lang": "ru",
                                             "Title": "Только по-русски", "Date": "2024-05-01"})


def test_home_marks_newer_texts_not_in_its_language(content, tmp_path):
    _site(content)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    ru = build.html("ru/index.html")
    section = ru.select_one("section.not-translated")
    assert section is not None, ru.select_one("main")
    [card] = section.select(".card")
    title = card.select_one(".card-title")
    assert title["lang"] == "en" and title.get_text(strip=True) == "Brand new statement"
    assert card.select_one(".card-title a")["href"] == "/articles/new/"
    assert card.select_one(".summary")["lang"] == "en"
    # The summary is the text's own (sanitised) HTML, shown as a paragraph, not as tags.
    assert card.select_one(".summary > p").get_text(strip=True) == "What happened."
    assert card.select_one('a[href^="/ru/translate/"]') is not None
    assert "язык оригинала: английский" in card.get_text(" ")
    # The Russian texts are listed as usual, outside the section.
    listed = [a.get_text(strip=True) for a in ru.select("main > .card .card-title a")]
    assert listed == ["Только по-русски", "Старое обращение"], listed
    # The English home marks the Russian-only text the same way.
    en = build.html("index.html").select_one("section.not-translated")
    assert [h["lang"] for h in en.select(".card-title")] == ["ru"]
    assert en.select_one('a[href^="/translate/"]') is not None


def test_older_untranslated_texts_beyond_the_first_page_are_not_listed(content, tmp_path):
    _site(content)
    settings = settings_with(tmp_path / "s.py", DEFAULT_PAGINATION=1)
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    # The Russian first page shows "Только по-русски" (May); only newer texts are marked.
    cards = build.html("ru/index.html").select("section.not-translated .card-title")
    assert [c.get_text(strip=True) for c in cards] == ["Brand new statement"]
    # Page 2 repeats nothing.
    assert not build.html("ru/page/2/index.html").select("section.not-translated")


def test_the_section_can_be_turned_off(content, tmp_path):
    _site(content)
    settings = settings_with(tmp_path / "s.py", HOME_NOT_TRANSLATED_MAX=0)
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    assert not build.html("ru/index.html").select("section.not-translated")


def test_sample_site_links_the_translators_row_of_each_text(site):
    ru = site.html("ru/index.html")
    links = [a["href"] for a in ru.select("section.not-translated a[href*='/translate/']")]
    assert links
    translate = site.html("ru/translate/index.html")
    for href in links:
        anchor = href.split("#", 1)[1]
        assert translate.select_one(f"tr#{anchor}") is not None, href


def test_the_original_is_shown_rather_than_a_translation(content, tmp_path):
    for name, lang, title in (("letter.ru.md", "ru", "Письмо из СИЗО"),
                              ("letter.md", "en", "A letter from pre-trial detention")):
        write_article(content, name, {**VALID, "Slug": "letter", "Lang": lang, "Title": title,
                                      "OriginalLanguage": "ru", "Date": "2024-06-01"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    [title] = build.html("uk/index.html").select("section.not-translated .card-title")
    assert (title["lang"], title.get_text(strip=True)) == ("ru", "Письмо из СИЗО")
