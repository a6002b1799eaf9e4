"""Where the Markdown header ends: a header line without its colon is reported with its line,
not published as the text's first paragraph."""

import pytest

from content_model.source_checks import check_header_end

HEAD = "Title: A test\nDate: 2012-12-19 10:00\nLang: en\n"


def test_a_field_without_its_colon_before_other_fields_is_reported_with_its_line():
    text = HEAD + "Tags x\nAuthors: Editorial collective\nSource: A paper\n\nThe text.\n"
    [(where, message)] = check_header_end(text)
    assert where == "line 4"
    assert message.startswith("'Tags x' is not a `Key: value` header line")
    assert "write 'Tags: x'" in message


def test_the_last_header_line_without_its_colon_is_reported():
    [(where, message)] = check_header_end(HEAD + "Category news\n\nThe text.\n")
    assert where == "line 4"
    assert "write 'Category: news'" in message


def test_an_unknown_word_breaking_the_header_before_fields_is_reported():
    text = HEAD + "Some words\nCategory: news\n\nThe text.\n"
    [(where, message)] = check_header_end(text)
    assert where == "line 4"
    assert "'Some words'" in message


@pytest.mark.parametrize("text", [
    HEAD + "\nThe text.\n",
    HEAD + "\nNote: a first paragraph may hold a colon.\nTags: and even this line.\n",
    HEAD + "    continued value\n\nThe text.\n",
    "---\n" + HEAD + "---\nThe text.\n",
    HEAD + "The court said: no.\n",
    HEAD,
    "",
])
def test_a_header_ended_by_a_blank_line_or_plain_text_is_not_reported(text):
    assert check_header_end(text) == []


def test_the_first_header_line_without_its_colon_is_reported():
    """Line 1 without its colon ended the header before it began: no message for it, and
    'missing' for every field the header does hold."""
    from content_model.source_checks import read_header

    text = "Title A test\nDate: 2012-12-19 10:00\nLang: en\n\nThe text.\n"
    [(where, message)] = check_header_end(text)
    assert where == "line 1"
    assert "write 'Title: A test'" in message
    problems, mended = read_header(text)
    assert [w for w, _m in problems] == ["line 1"]
    assert mended.split("\n")[0] == "x-line-without-colon: Title"


@pytest.mark.parametrize("colon", ["\uff1a", "\u2236", " :", "\ua789"])
def test_a_look_alike_or_spaced_colon_gets_a_fix_without_it(colon):
    """`Date： 2012-12-19` (a full-width colon, as a Chinese or Japanese keyboard types it)
    or `Date : …` is not a header line; the fix named must not keep the wrong colon, and the
    line as mended for reading keeps only the field's name."""
    from content_model.source_checks import read_header

    text = f"Title: A test\nDate{colon} 2012-12-19 10:00\nLang: en\n\nThe text.\n"
    [(where, message)] = check_header_end(text)
    assert where == "line 2"
    assert "write 'Date: 2012-12-19 10:00'" in message, message
    _problems, mended = read_header(text)
    assert mended.split("\n")[1] == "x-line-without-colon: Date"


def test_a_blank_line_inside_the_header_is_reported_and_mended_keeping_line_numbers():
    from content_model.source_checks import read_header

    text = HEAD + "\nStatus: draft\nTags: court\n    appeal\n\nThe text.\n"
    problems, mended = read_header(text)
    assert [where for where, _m in problems] == ["line 4"]
    assert "'Status: draft' (line 5)" in problems[0][1]
    assert mended.split("\n") == [*HEAD.split("\n")[:3], "x-line-without-colon:",
                                  "Status: draft", "Tags: court", "    appeal", "",
                                  "The text.", ""]


@pytest.mark.parametrize("text", [
    HEAD + "\nThe text.\n",
    HEAD + "\nNote: the hearing moved.\nTags: and even this line.\n",
    HEAD + "\nSource: Mediazona reported that\nthe appeal was rejected.\n",
    HEAD + "\nSource : Mediazona\n",
    HEAD + "\n    Tags: an indented code block\n",
    HEAD + "---\n\nTags: after the header's end marker\n",
    HEAD + "\n\u0417\u0430\u043c\u0435\u0442\u043a\u0430: \u0442\u0435\u043a\u0441\u0442\n",
])
def test_a_first_paragraph_that_is_not_only_known_header_lines_is_not_reported(text):
    from content_model.source_checks import read_header

    assert read_header(text) == ([], text)


@pytest.mark.parametrize("paragraph", [
    "Status: draft\nThe text starts on the next line.",
    "Status: draft\nAutors: a mistyped field\nTags: court",
    "Note: planned for the hearing.\nstatus : Draft",
    "Status\uff1a draft",
])
def test_a_draft_line_after_a_blank_line_is_reported_whatever_its_paragraph_holds(paragraph):
    """`Status: draft` below a blank line would make the draft public, with the line shown
    as text: never prose, so its paragraph is named even where it holds text or an unknown
    field (which makes any other paragraph prose). A spaced or look-alike colon is then
    named too, as in the header."""
    from content_model.source_checks import read_header

    problems, _mended = read_header(HEAD + "\n" + paragraph + "\n\nThe text.\n")
    assert problems[0][0] == "line 4", problems
    assert "the draft would be public" in problems[0][1]
    assert all("line 4" not in where for where, _m in problems[1:]), problems
