from datetime import date
from urllib.parse import unquote

import pytest

from actions import mailto
from actions.model import parse

GOOD = {"target": {"name": "Ministry of Tests", "email": "office@ministry.example"},
        "ask": "Release the test prisoner.", "deadline": date(2025, 3, 31)}


def test_a_complete_action_is_read_with_its_texts_in_catalogue_order():
    action, problems = parse({**GOOD, "sample": "Dear Minister,\n\nRelease her.",
                              "target": {**GOOD["target"], "role": "Minister"}})
    assert problems == []
    assert action.state == "open" and action.deadline == date(2025, 3, 31)
    assert [kind for kind, _ in action.texts()] == ["action-role", "action-ask",
                                                    "action-sample"]


def test_the_state_follows_the_deadline_day():
    action, _ = parse(GOOD)
    assert action.state_on(date(2025, 3, 31)) == "open"  # the whole deadline day
    assert action.state_on(date(2025, 4, 1)) == "closed"
    closed, _ = parse({**GOOD, "state": "closed", "outcome": "Released."})
    assert closed.state_on(date(2025, 1, 1)) == "closed"


BAD = [
    ("no deadline", {"deadline": None}, "deadline", "missing; add 'deadline: YYYY-MM-DD'"),
    ("no target", {"target": None}, "target", "missing; add 'target:'"),
    ("target without name", {"target": {"email": "a@b.example"}}, "target.name", "missing"),
    ("target without address", {"target": {"name": "X"}}, "target",
     "says whom but not where: add postal, email or url"),
    ("malformed date", {"deadline": "31.03.2025"}, "deadline", "'31.03.2025' is not a date"),
    ("date with a time", {"deadline": "2025-03-31 12:00"}, "deadline", "is not a date"),
    ("unknown state", {"state": "pending"}, "state", "'pending' is not one of open, closed"),
    ("closed without outcome", {"state": "closed"}, "outcome", "a closed action says what"),
    ("e-mail with markup", {"target": {"name": "X", "email": "<b>a@b.example</b>"}},
     "target.email", "is plain text; remove the markup"),
    ("e-mail with a name", {"target": {"name": "X", "email": "Office a@b.example"}},
     "target.email", "is not an e-mail address"),
    ("postal with markup", {"target": {"name": "X", "postal": "Street 1<script>x</script>"}},
     "target.postal", "is plain text; remove the markup"),
    ("postal with an entity", {"target": {"name": "X", "postal": "Street &amp; 1"}},
     "target.postal", "is plain text"),
    # RFC 6068: "?" would start headers in the mailto: link (a Bcc to a third party)
    ("e-mail adding a header", {"target": {"name": "X", "email": "office?bcc=spy@evil.example"}},
     "target.email", "is not an e-mail address"),
    ("e-mail with an escape", {"target": {"name": "X", "email": "o%40x.org?cc=spy@evil.example"}},
     "target.email", "is not an e-mail address"),
    ("javascript url", {"target": {"name": "X", "url": "javascript:alert(1)"}},
     "target.url", "is not allowed: write the address of a web page"),
    ("site-relative url", {"target": {"name": "X", "url": "//evil.example/x"}},
     "target.url", "is not allowed"),
    ("misspelt field", {"deadlin": "2025-01-01"}, "deadlin", "did you mean 'deadline'?"),
    ("number as ask", {"ask": 12}, "ask", "must be text, not int"),
]


@pytest.mark.parametrize("case, change, field, message", BAD, ids=[b[0] for b in BAD])
def test_bad_values_are_named_with_their_field(case, change, field, message):
    action, problems = parse({**GOOD, **change})
    assert action is None
    assert any(f == field and message in m for f, m in problems), problems


def test_mailto_carries_subject_and_body_as_rfc_6068_wants():
    url = mailto("office@ministry.example", "Free X & Y", "Line one\nLine two")
    assert url.startswith("mailto:office@ministry.example?subject=Free%20X%20%26%20Y&body=")
    assert unquote(url.split("&body=")[1]) == "Line one\r\nLine two"


def test_a_deadline_runs_from_the_texts_day_to_at_most_five_years_after_it():
    from actions.model import MAX_YEARS_AHEAD, deadline_problem

    written = date(2025, 3, 1)
    assert MAX_YEARS_AHEAD == 5
    assert deadline_problem(date(2025, 3, 1), written) is None  # the same day
    assert deadline_problem(date(2030, 3, 1), written) is None  # five years to the day
    assert deadline_problem(date(2025, 2, 28), written) == (
        "'2025-02-28' is before the text's date (2025-03-01): an action cannot end before it "
        "is published; check the year")
    for far in (date(2030, 3, 2), date(9999, 12, 31)):
        assert deadline_problem(far, written) == (
            f"'{far.isoformat()}' is more than {MAX_YEARS_AHEAD} years after the text's date "
            "(2025-03-01): an action runs for weeks or months; check the year")
    assert "before" in deadline_problem(date(1, 1, 1), written)
    # A text of 29 February: five years on is 28 February (2029 has no 29th).
    assert deadline_problem(date(2029, 2, 28), date(2024, 2, 29)) is None
    assert deadline_problem(date(2029, 3, 1), date(2024, 2, 29)) is not None
