"""Metadata rules: each kind of invalid metadata stops the build with a line naming the file,
the field and the fix; valid metadata renders (footnotes, quotes, signatories, attribution)."""

from __future__ import annotations

import pytest

from tests.sitebuild import VALID, run_pelican, settings_with, write_article

BAD = [
    (
        "unknown category",
        {"Category": "opinions"},
        "Category",
        "'opinions' is not one of statements, appeals",
    ),
    ("missing title", {"Title": None}, "Title", "missing; add a line 'Title: …'"),
    ("missing date", {"Date": None}, "Date", "missing; add a line 'Date: …'"),
    ("missing lang", {"Lang": None}, "Lang", "missing; add a line 'Lang: …'"),
    ("unparseable date", {"Date": "19/12/2012"}, "Date", "'19/12/2012' is not a valid date"),
    ("impossible date", {"Date": "2012-02-30"}, "Date", "'2012-02-30' is not a valid date"),
    # Near the calendar's end a time zone or a day added overflows (OverflowError tracebacks
    # in the search records and calendars); a mistyped year is refused with the years allowed.
    ("date at the calendar's end", {"Date": "9999-12-31 23:30-05:00"}, "Date",
     "'9999-12-31 23:30-05:00' is not a valid date; write it as YYYY-MM-DD"),
    ("mistyped year", {"Date": "2204-05-01"}, "Date",
     "'2204-05-01' is not a valid date; write it as YYYY-MM-DD"),
    ("unknown language", {"Lang": "pl"}, "Lang", "'pl' is not one of en, ru, uk, de, fr, es"),
    # The field as the editor wrote it, not lower-cased as Python-Markdown keeps it.
    ("misspelt field", {"Categroy": "news"}, "Categroy", "unknown field; did you mean 'Category'?"),
    ("misspelt Summary", {"Sumary": "A text."}, "Sumary", "unknown field; did you mean 'Summary'?"),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), BAD, ids=[b[0] for b in BAD])
def test_invalid_metadata_stops_the_build(content, tmp_path, case, change, field, message):
    header = {k: v for k, v in {**VALID, **change}.items() if v is not None}
    write_article(content, "2012/good.md", {**VALID, "Slug": "good"})
    write_article(content, "2012/bad one.md", header)
    out = tmp_path / "out"
    build = run_pelican(content, out)
    assert build.returncode != 0
    assert f"content/articles/2012/bad one.md: {field}: {message}" in build.output
    assert "Traceback" not in build.output
    assert "good.md" not in build.output  # only the broken file is named
    assert not list(out.rglob("*.html")), "nothing may be written when input is invalid"


# An empty field counts as unset (README, "For editors"): an empty required field stops the
# build like a missing one, with the file, the field and what to write; whitespace is empty.
EMPTY_REQUIRED = [
    ("title", "x.md", {"Title": ""}, "Title: empty; write the headline after 'Title:'"),
    ("date", "x.md", {"Date": "   "}, "Date: empty; write the date after 'Date:' as YYYY-MM-DD"),
    ("category", "x.md", {"Category": ""},
     "Category: empty; write one of statements, appeals, declarations, interviews, reports, "
     "news after 'Category:'"),
    # The file name says the language: that is what to write (not English by default).
    ("lang of a translation", "x.ru.md", {"Lang": " "},
     "Lang: empty; write 'Lang: ru', the language the file name says"),
    ("lang", "x.md", {"Lang": ""},
     "Lang: empty; write one of en, ru, uk, de, fr, es after 'Lang:'"),
]


@pytest.mark.parametrize(("case", "name", "change", "message"), EMPTY_REQUIRED,
                         ids=[e[0] for e in EMPTY_REQUIRED])
def test_an_empty_required_field_stops_the_build_like_a_missing_one(content, tmp_path, case,
                                                                     name, change, message):
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    write_article(content, name, {**VALID, "Slug": "x", **change})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert f"content/articles/{name}: {message}" in build.said, build.output
    assert "Skipping" not in build.output and "Could not process" not in build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "out").rglob("*.html")), "nothing may be written"


def test_an_empty_required_field_of_a_page_stops_the_build(content, tmp_path):
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    (content / "pages" / "about.md").write_text("Title:\nLang: en\n\nAbout us.\n",
                                                encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert ("content/pages/about.md: Title: empty; write the headline after 'Title:'"
            in build.said), build.output


def test_empty_optional_fields_count_as_unset(content, tmp_path):
    """Every optional field of the README's table left empty (as `invoke new`'s scaffold
    leaves some): the text is published as if the lines were not there."""
    empty = ["Slug", "Modified", "Summary", "Tags", "Authors", "Signatories", "Source",
             "SourceURL", "OriginalLanguage", "TranslatedBy", "License", "Image", "ImageAlt",
             "Prisoners", "PrisonerLinks", "Template", "Action", "Status", "TranslationOf"]
    write_article(content, "2012/empty-fields.md",
                  {**VALID, "Title": "Empty fields", **{f: " " for f in empty}})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    page = build.html("articles/empty-fields/index.html")  # the default slug; not a draft
    assert page.select_one("h1").get_text(strip=True) == "Empty fields"
    assert "CC BY 4.0" in page.get_text()  # License's default


@pytest.mark.parametrize("value, looked_for", [
    ("lead.jpg", "content/lead.jpg"),  # a bare file name: the content folder's top
    ("{static}/images/lead.jpg", "content/{static}/images/lead.jpg"),  # link syntax, not a path
])
def test_an_image_that_does_not_exist_names_the_path_looked_for_and_the_form(
        content, tmp_path, value, looked_for):
    (content / "images").mkdir()
    (content / "images" / "lead.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    write_article(content, "good.md", {**VALID, "Slug": "good", "Image": "/images/lead.jpg",
                                       "ImageAlt": "A rally in the snow."})
    write_article(content, "x.md", {**VALID, "Slug": "x", "Image": value,
                                    "ImageAlt": "A rally in the snow."})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert (f"content/articles/x.md: Image: '{value}' points at a file that does not exist "
            f"(looked for {looked_for}); write the path of a file in the content folder, such "
            "as /images/lead.jpg for content/images/lead.jpg") in build.said, build.output
    assert "good.md" not in build.output, "/images/lead.jpg is the accepted form"


def test_lang_and_category_are_read_in_any_case(content, tmp_path):
    """`Lang: RU` is ru (as `invoke new --lang RU` writes ru): the file name agrees."""
    write_article(content, "x.md", {**VALID, "Slug": "x", "Lang": "EN", "Category": "News"})
    write_article(content, "x.ru.md", {**VALID, "Slug": "x", "Lang": "RU"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert build.html("ru/articles/x/index.html").select_one("html")["lang"] == "ru"
    assert build.html("articles/x/index.html").select_one("html")["lang"] == "en"
    assert (tmp_path / "out/category/news/index.html").exists()


def test_a_lang_the_file_name_contradicts_is_one_line_naming_file_and_fix(content, tmp_path):
    """`<slug>.ru.md` is the Russian translation (README, "For editors"): `Lang: en` in it
    is a slip the build names, with the file and both ways to fix it."""
    write_article(content, "2012/good.md", {**VALID, "Slug": "good"})
    write_article(content, "2012/good.ru.md", {**VALID, "Slug": "good", "Title": "Другой"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert ("content/articles/2012/good.ru.md: Lang: 'en', but the file name says 'ru'; "
            "write 'Lang: ru', or rename the file to good.en.md") in build.said, build.output
    assert "Traceback" not in build.output and "good.md:" not in build.output


def test_all_errors_are_reported_at_once(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Category": "opinions"})
    write_article(content, "b.md", {**VALID, "Lang": "xx", "Slug": "b"})
    build = run_pelican(content, tmp_path / "out")
    assert "2 input errors" in build.output
    assert "content/articles/a.md: Category:" in build.output
    assert "content/articles/b.md: Lang:" in build.output


def test_duplicate_slug_within_a_language_is_one_line_naming_both_files(content, tmp_path):
    write_article(content, "one.md", {**VALID, "Slug": "same"})
    write_article(content, "two.md", {**VALID, "Slug": "same", "Title": "Other"})
    # A published Russian catalogue for the slug: each English text gets a Russian version,
    # whose clash (and whose shared output path) only restates the English one.
    catalogues = tmp_path / "translations"
    (catalogues / "ru").mkdir(parents=True)
    (catalogues / "ru" / "same.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"X-Published: yes\\n"\n', encoding="utf-8")
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(catalogues))
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode != 0
    assert "1 input error;" in build.output, build.output
    said = build.said
    assert ("content/articles/two.md: Slug: 'same' is already used by content/articles/one.md "
            "(en); choose another slug") in said, build.output
    assert 'items "with slug' not in said, "Pelican's warning only restates it"
    assert "Traceback" not in build.output


def test_of_two_texts_with_one_slug_the_later_one_is_told_to_change_it(content, tmp_path):
    # The earlier text's address may be linked already: the newer one gets another slug.
    write_article(content, "a-new.md", {**VALID, "Slug": "same", "Date": "2013-01-05"})
    write_article(content, "b-old.md", {**VALID, "Slug": "same", "Date": "2012-12-19"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    said = build.said
    assert ("content/articles/a-new.md: Slug: 'same' is already used by "
            "content/articles/b-old.md (en)") in said, build.output


def test_same_slug_in_two_languages_is_a_translation(content, tmp_path):
    write_article(content, "one.md", {**VALID, "Slug": "same"})
    write_article(content, "one.ru.md", {**VALID, "Slug": "same", "Lang": "ru"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (tmp_path / "out/ru/articles/same/index.html").exists()


def test_slug_defaults_to_file_name_without_language_suffix(content, tmp_path):
    write_article(content, "my-appeal.md", VALID)
    write_article(content, "my-appeal.de.md", {**VALID, "Lang": "de"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    soup = build.html("de/articles/my-appeal/index.html")
    assert soup.select_one('link[hreflang="en"]')["href"] == "/articles/my-appeal/"


def test_rendering_of_the_content_model(content, tmp_path):
    header = {
        **VALID,
        "Lang": "de",
        "Slug": "x",
        "Category": "appeals",
        "Signatories": "Linke Front; Autonome Aktion (Moskau)",
        "Source": "Beispiel-Zeitung",
        "SourceURL": "https://example.org/a",
        "OriginalLanguage": "ru",
        "TranslatedBy": "Anna B.",
        "Tags": "Streik, Gewerkschaft",
        "Modified": "2012-12-20 09:00+01:00",
        "Authors": "Redaktion",
    }
    body = (
        "Sie sagte \"genug\", und jetzt geht's los.[^1]\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "[^1]: Eine Anmerkung."
    )
    write_article(content, "x.de.md", header, body)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    soup = build.html("de/articles/x/index.html")
    prose = soup.select_one(".e-content")
    assert "„genug“" in prose.get_text() and "geht’s" in prose.get_text()
    ref = prose.select_one("sup a.footnote-ref")
    note = soup.find(id=ref["href"].lstrip("#"))
    back = note.select_one("a.footnote-backref")
    assert back["href"] == "#" + ref.parent["id"]
    assert back["title"] == "Zurück zur Fußnote 1 im Text"
    assert prose.find("table") is not None
    assert [li.get_text() for li in soup.select(".signatories li")] == [
        "Linke Front",
        "Autonome Aktion (Moskau)",
    ]
    attribution = soup.select_one(".attribution")
    assert attribution.select_one("a")["href"] == "https://example.org/a"
    assert "Originalsprache: Russisch." in attribution.get_text()
    assert "Übersetzt von Anna B." in attribution.get_text()
    assert "Aktualisiert am" in soup.select_one(".meta").get_text()
    assert [a.get_text() for a in soup.select(".tags a")] == ["Streik", "Gewerkschaft"]
    assert soup.select_one(".license").get_text() == "Lizenz: CC BY 4.0."


@pytest.mark.parametrize(
    ("lang", "left", "right"),
    [
        ("en", "“", "”"),
        ("ru", "«", "»"),
        ("uk", "«", "»"),
        ("de", "„", "“"),
        ("fr", "«\u202f", "\u202f»"),
        ("es", "«", "»"),
    ],
)
def test_quotes_follow_the_language(content, tmp_path, lang, left, right):
    suffix = "" if lang == "en" else f".{lang}"
    write_article(content, f"q{suffix}.md", {**VALID, "Lang": lang, "Slug": "q"}, 'A "b" c.')
    build = run_pelican(content, tmp_path / "out")
    prefix = "" if lang == "en" else f"{lang}/"
    text = build.html(f"{prefix}articles/q/index.html").select_one(".e-content").get_text()
    assert f"A {left}b{right} c." in text


def test_an_original_language_that_is_the_texts_own_gives_no_empty_attribution(content, tmp_path):
    """OriginalLanguage equal to Lang says nothing to show: no empty <p class="attribution">
    (17 sample pages had one; found by the newcomer)."""
    write_article(content, "x.md", {**VALID, "Slug": "x", "OriginalLanguage": "en"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert build.html("articles/x/index.html").select(".attribution") == []
