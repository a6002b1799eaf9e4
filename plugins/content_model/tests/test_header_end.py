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
