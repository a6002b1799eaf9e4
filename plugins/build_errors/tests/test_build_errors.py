import logging

import pytest

import build_errors


def test_errors_are_collected_sorted_and_raised_once():
    build_errors.reset()
    build_errors.report("content/b.md", "Lang", "bad")
    build_errors.report("content/a.md", "Title", "missing")
    build_errors.report("content/a.md", "Title", "missing")
    with pytest.raises(build_errors.InputErrors) as info:
        build_errors.raise_if_any()
    assert str(info.value).splitlines() == [
        "2 input errors; nothing was written",
        "content/a.md: Title: missing",
        "content/b.md: Lang: bad",
    ]
    build_errors.raise_if_any()  # nothing pending any more


def test_log_filter_prints_lines_instead_of_a_traceback():
    record = logging.LogRecord("pelican", logging.CRITICAL, __file__, 1, "%s: %s", ("X", "y"), None)
    try:
        raise build_errors.InputErrors([build_errors.InputError("f.md", "Date", "bad")])
    except build_errors.InputErrors as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    assert build_errors._CleanInputErrors().filter(record)
    assert record.exc_info is None
    assert record.getMessage() == "1 input error; nothing was written\nf.md: Date: bad"
