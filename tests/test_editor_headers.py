"""An editor's header mistakes, through real builds: a Date or Modified in the future stops
the build with one line naming file, field and fix (a day of tolerance, by the build's own
clock), and a header line without its colon no longer hides the file's other mistakes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.sitebuild import VALID, run_pelican, write_article
from tests.test_bad_input import refused, refused_beside_a_good_one

MOSCOW = ZoneInfo("Europe/Moscow")  # pelicanconf.TIMEZONE: a Date without offset is Moscow's


def moscow(delta: timedelta, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A header date `delta` from now, as an editor in Moscow writes it."""
    return (datetime.now(MOSCOW) + delta).strftime(fmt)


@pytest.mark.parametrize("field", ["Date", "Modified"])
def test_a_date_in_the_future_stops_the_build_with_file_and_field(content, tmp_path, field):
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    ahead = moscow(timedelta(days=3), "%Y-%m-%d")
    write_article(content, "typo.md", {**VALID, "Slug": "typo", field: ahead})
    build = run_pelican(content, tmp_path / "out")
    refused(build, f"content/articles/typo.md: {field}: '{ahead}' is in the future")
    line = next(x for x in build.output.splitlines() if "typo.md" in x)
    assert "check the year" in build.said, build.output
    assert "or keep 'Status: draft' until that day" in build.said, build.output
    assert build.output.count("typo.md") == 1 and "good.md" not in build.output, line


def test_a_mistyped_year_ahead_with_an_offset_is_refused(content, tmp_path):
    year = datetime.now(MOSCOW).year + 1
    write_article(content, "typo.md", {**VALID, "Date": f"{year}-01-05 10:00+03:00"})
    refused(run_pelican(content, tmp_path / "out"),
            f"content/articles/typo.md: Date: '{year}-01-05 10:00+03:00' is in the future")


def test_todays_date_with_a_later_hour_in_moscow_builds(content, tmp_path):
    """Editors in Moscow (UTC+3) write today's date, often with a time still ahead: within
    a day of the build's clock a Date is accepted, also one without an offset."""
    write_article(content, "today.md", {**VALID, "Date": moscow(timedelta(hours=20)),
                                        "Modified": moscow(timedelta(hours=23), "%Y-%m-%d")})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.out_dir / "articles/today/index.html").exists()


def test_every_header_mistake_of_a_file_is_named_in_one_build(content, tmp_path):
    """A line without its colon used to be the only message (the rest of the header was not
    read); now every mistake gets its own line: the broken line, and the fields around it."""
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    path = content / "articles" / "broken.md"
    path.write_text("Title: A test\nDate: 19/12/2012\nLang: en\nCategroy: news\n"
                    "Tags x\nSome words\nAuthors: Editorial collective\nCategory: opinions\n"
                    "\nThe text.\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    expected = [
        "content/articles/broken.md: line 5: 'Tags x' is not a `Key: value` header line",
        "content/articles/broken.md: line 6: 'Some words' is not a `Key: value` header line",
        "content/articles/broken.md: Date: '19/12/2012' is not a valid date",
        "content/articles/broken.md: Categroy: unknown field; did you mean 'Category'?",
        "content/articles/broken.md: Category: 'opinions' is not one of",
    ]
    refused(build, *expected)
    # One line each, nothing more: no "missing" for a field the header does hold.
    assert build.said.count("content/articles/broken.md") == len(expected), build.output
    assert ": missing;" not in build.said, build.output


def test_a_first_line_without_its_colon_is_named_not_every_field_called_missing(content,
                                                                               tmp_path):
    """`Title A test` on line 1 (or `Title： A test`, a full-width colon) ended the header
    before it began: the build said Title, Date, Lang and Category were missing, though the
    header holds them, and never named line 1."""
    path = content / "articles" / "first.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Title\uff1a A test\nDate: 2012-12-19 10:00\nLang: en\nCategory: opinions\n"
                    "\nThe text.\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    refused(build, "content/articles/first.md: line 1: 'Title\uff1a A test' is not a `Key: "
                   "value` header line",
            "write 'Title: A test'",
            "content/articles/first.md: Category: 'opinions' is not one of")
    assert ": missing;" not in build.said, build.output
    assert build.said.count("content/articles/first.md") == 2, build.output


def test_a_draft_may_carry_the_future_day_it_is_planned_for(content, tmp_path):
    """A draft (`Status: draft`, previewed, never listed or in a feed) of an appeal planned
    for a hearing next week carries that day, as Pelican's own convention for scheduled
    texts has it (WITH_FUTURE_DATES): it builds, and only once the draft line is removed is
    the date refused. The scaffold's placeholders are allowed in drafts the same way."""
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    ahead = moscow(timedelta(days=7), "%Y-%m-%d")
    write_article(content, "planned.md", {**VALID, "Slug": "planned", "Date": ahead,
                                          "Status": "draft"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.out_dir / "drafts/planned/index.html").exists()
    write_article(content, "planned.md", {**VALID, "Slug": "planned", "Date": ahead})
    refused(run_pelican(content, tmp_path / "out2"),
            f"content/articles/planned.md: Date: '{ahead}' is in the future")


def test_a_prose_line_under_the_header_gets_one_line_not_errors_about_its_words(content,
                                                                               tmp_path):
    """A text that starts right under the header (no blank line) with a sentence that begins
    like a field: the line is named once. Read as the field, its words became a missing
    image file, a missing ImageAlt and a second Lang shown as a Python list."""
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    for name, line in (("image", "Image of the court is below."),
                       ("lang", "Lang is Russian here")):
        path = content / "articles" / f"{name}.md"
        path.write_text(f"Title: A test\nDate: 2012-12-19 10:00\nLang: en\nCategory: news\n"
                        f"Slug: {name}\n{line}\nTags: court\n\nThe text.\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    refused(build, "content/articles/image.md: line 6: 'Image of the court is below.' is not",
            "content/articles/lang.md: line 6: 'Lang is Russian here' is not")
    for name in ("image", "lang"):
        assert build.said.count(f"content/articles/{name}.md") == 1, build.output
    assert "Duplicate definition" not in build.output


def test_a_blanked_header_line_stops_the_build_naming_its_line_not_publishing_the_header(
        content, tmp_path):
    """An editor blanked `Status: draft` (line 5) instead of deleting it: the header ended
    there, Pelican published `Tags: …` and `Lang: …` as the first paragraph, the language
    fell back to English, and the draft went public. Now the blank line is named, and the
    header is read on past it, so the fields after it are neither published nor missing."""
    build = refused_beside_a_good_one(
        content, tmp_path / "out", "planned.md",
        "Title: Письмо в поддержку\nDate: 2012-12-19 10:00\nCategory: news\n"
        "Slug: planned\n\nTags: суд\nLang: ru\n\nТекст письма.\n",
        "content/articles/planned.md: line 5: a blank line inside the header: the header ends "
        "here, and 'Tags: суд' (line 6) and the header lines after it would be published as "
        "text; remove this blank line, or, if line 6 is text, write its start in bold: "
        "**Tags:**")
    assert "good.md" not in build.output and ": missing;" not in build.said, build.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_draft_line_under_a_blank_line_never_publishes_the_draft(content, tmp_path):
    """`Status: draft` typed under the header's blank line, right above the text: the
    paragraph goes on with text, so it was taken for prose, and the draft was published
    with "Status: draft" as its first words. Now the blank line is named, nothing built."""
    refused_beside_a_good_one(
        content, tmp_path / "out", "planned.md",
        "Title: Письмо в поддержку\nDate: 2012-12-19 10:00\nLang: ru\n"
        "Category: news\nSlug: planned\n\nStatus: draft\nТекст письма.\n",
        "content/articles/planned.md: line 6: a blank line inside the header: the header ends "
        "here, so 'Status: draft' (line 7) would be shown as text and the draft would be "
        "public; remove this blank line, or move the Status line above it")
    assert not (tmp_path / "out/ru/articles/planned").exists()


def test_every_blank_line_inside_a_header_and_the_fields_after_them_are_named_in_one_build(
        content, tmp_path):
    """Two blank lines in two places, and a mistake in a field below them: three lines."""
    path = content / "articles" / "gaps.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\nTitle: A test\nLang: en\n\n\nDate: 19/12/2012\nCategory: news\n"
                    "\nThe text.\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    refused(build,
            "content/articles/gaps.md: line 1: a blank line inside the header: the header ends "
            "here, and 'Title: A test' (line 2)",
            "content/articles/gaps.md: line 4: 2 blank lines inside the header: the header "
            "ends here, and 'Date: 19/12/2012' (line 6) and the header lines after it would "
            "be published as text; remove them, or, if line 6 is text",
            "content/articles/gaps.md: Date: '19/12/2012' is not a valid date")
    assert build.said.count("content/articles/gaps.md") == 3, build.output


# Realistic first paragraphs right under the header that hold a colon, in the site's six
# languages: none is a header line (no known field, a space before the colon, a field name
# followed by a sentence wrapped onto a line of its own, a time, a web address).
PROSE_OPENINGS = [
    ("en", "Note: the hearing moved to 14 March.\n\nThe court gave no reason."),
    ("en", "Update: the appeal was heard on Monday.\nThe verdict stands."),
    ("en", "Source: Mediazona reported on Monday that\nthe appeal was rejected."),
    ("en", "Date: 14 March, 10:00\nPlace: Moscow City Court, hall 3"),
    ("en", "10:00: the hearing begins.\n10:40: the judge leaves the room."),
    ("ru", "Примечание: заседание перенесено на 14 марта."),
    ("uk", "Оновлення: апеляцію відхилено.\nДжерело: Медіазона"),
    ("de", "Hinweis: Die Verhandlung wurde verschoben.\nQuelle: Mediazona"),
    ("fr", "Note : l'audience a été reportée.\nSource : Mediazona"),
    ("es", "Nota: la audiencia se aplazó.\nFuente: Mediazona"),
]


def test_first_paragraphs_that_merely_hold_a_colon_are_published_as_written(content,
                                                                          tmp_path):
    for number, (lang, body) in enumerate(PROSE_OPENINGS):
        write_article(content, f"p{number}.md", {**VALID, "Lang": lang, "Slug": f"p{number}"},
                      body=body)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "inside the header" not in build.output
    for number, (lang, body) in enumerate(PROSE_OPENINGS):
        page = build.html(f"{'' if lang == 'en' else lang + '/'}articles/p{number}/index.html")
        first = body.split("\n", 1)[0]
        assert first.split(":", 1)[0] in page.select_one("article").get_text(), (lang, body)
