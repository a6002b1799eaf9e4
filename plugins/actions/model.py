"""An action: the sidecar YAML an appeal or statement names in its header (`Action:`), read
and checked. Every problem is returned as (field, message), the field written as in the file
("target.email", "deadline"), for build_errors to print with the file.

The file (next to the article, e.g. `free-x.action.yaml` beside `free-x.md`):

    target:                 # who to address (required)
      name: …               # required: a person or an authority, as the address needs it
      role: …               # optional; translated through the article's catalogue
      postal: |             # postal address, plain text (line breaks kept)
      email: …              # an e-mail address (a mailto: link is offered)
      url: https://…        # the authority's own web form or page (http or https)
    ask: …                  # what to ask for, one or two sentences (required, translated)
    sample: |               # a sample letter (optional, translated)
    deadline: YYYY-MM-DD    # required; after this day (in TIMEZONE) the next build closes it;
                            # from the text's Date to MAX_YEARS_AHEAD (5) years after it
    state: open | closed    # default open
    outcome: …              # required when closed: what came of it (translated)

A target needs at least one of postal, email, url. Texts are plain text: they are escaped on
the page and in feeds, never read as HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

# Segment kinds (msgctxt) of the texts translated through the article's catalogue, in the
# order they appear in it: content_i18n extracts them after the body's segments.
TRANSLATED = (("target.role", "action-role"), ("ask", "action-ask"),
              ("sample", "action-sample"), ("outcome", "action-outcome"))
STATES = ("open", "closed")
FIELDS = ("target", "ask", "sample", "deadline", "state", "outcome")
TARGET_FIELDS = ("name", "role", "postal", "email", "url")
MAX_TEXT = 10_000  # characters in one text field: a letter, not a book

# RFC 5322's addr-spec, restricted to what a mailto: link takes as it is (RFC 6068 section 2:
# "?", "%", "/", "=", "&" and "#" would start or change headers such as cc and bcc): a
# dot-atom local part of letters, digits and "._+-", a domain of labels with a dot.
_EMAIL = re.compile(r"^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*"
                    r"@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*"
                    r"[A-Za-z0-9])?)+$")
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An action is a campaign of weeks or months (a letter before a hearing, an appeal period): a
# deadline years after the text is a mistyped year (2205 for 2025), and one near the last day
# Python can represent broke the calendars (an all-day event ends the day after).
MAX_YEARS_AHEAD = 5


@dataclass(frozen=True)
class Target:
    name: str
    role: str = ""
    postal: str = ""
    email: str = ""
    url: str = ""


@dataclass(frozen=True)
class Action:
    """A checked action, its texts in the language of the article that names it."""

    target: Target
    ask: str
    deadline: date
    state: str = "open"  # as written; see state_on for what a build shows
    sample: str = ""
    outcome: str = ""

    def state_on(self, today: date) -> str:
        """"closed" when the file says so or `today` is after the deadline, else "open"."""
        return "closed" if self.state == "closed" or today > self.deadline else "open"

    def texts(self) -> list[tuple[str, str]]:
        """(msgctxt, text) of every translated text that is set, in catalogue order."""
        values = {"target.role": self.target.role, "ask": self.ask, "sample": self.sample,
                  "outcome": self.outcome}
        return [(kind, values[name]) for name, kind in TRANSLATED if values[name]]


Problems = list[tuple[str, str]]


def _unknown(keys, known: tuple[str, ...], prefix: str) -> Problems:
    problems = []
    for key in keys:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use {', '.join(known)}"
            problems.append((f"{prefix}{key}", f"unknown field; {hint}"))
    return problems


def _text(data: dict, key: str, where: str, problems: Problems, required: bool = False) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append((where, "missing; " + _HOW[where]))
        return ""
    if not isinstance(value, str):
        problems.append((where, f"must be text, not {type(value).__name__}; put it in quotes "
                                "if it looks like a number or a date"))
        return ""
    if len(value) > MAX_TEXT:
        problems.append((where, f"{len(value)} characters; keep it under {MAX_TEXT}"))
        return ""
    return value.strip()


_HOW = {
    "target": "add 'target:' with the name and the postal or e-mail address of whom to "
              "write to",
    "target.name": "add the name of the person or authority to write to",
    "ask": "say in one or two sentences what readers should ask for",
    "deadline": "add 'deadline: YYYY-MM-DD', the last day of the action",
    "outcome": "a closed action says what came of it; add 'outcome: …'",
}


def _deadline(value: object, problems: Problems) -> date | None:
    if value is None or value == "":
        problems.append(("deadline", "missing; " + _HOW["deadline"]))
        return None
    if isinstance(value, datetime):
        problems.append(("deadline", f"'{value}' has a time; write only the day, YYYY-MM-DD"))
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    problems.append(("deadline", f"'{text}' is not a date; write it as YYYY-MM-DD "
                                 "(e.g. 2025-03-31)"))
    return None


def deadline_problem(deadline: date, written: date) -> str | None:
    """Why `deadline` cannot be the last day of an action in a text dated `written` (its day
    in TIMEZONE), or None: it is before that day, or more than MAX_YEARS_AHEAD years after
    it (29 February counts on to 28 February)."""
    if deadline < written:
        return (f"'{deadline.isoformat()}' is before the text's date ({written.isoformat()}): "
                "an action cannot end before it is published; check the year")
    year = min(written.year + MAX_YEARS_AHEAD, date.max.year)
    try:
        latest = written.replace(year=year)
    except ValueError:  # 29 February
        latest = written.replace(year=year, day=28)
    if deadline > latest:
        return (f"'{deadline.isoformat()}' is more than {MAX_YEARS_AHEAD} years after the "
                f"text's date ({written.isoformat()}): an action runs for weeks or months; "
                "check the year")
    return None


def _target(data: object, problems: Problems) -> Target | None:
    if data is None:
        problems.append(("target", "missing; " + _HOW["target"]))
        return None
    if not isinstance(data, dict):
        problems.append(("target", "must be a group of fields (name, role, postal, email, "
                                   "url), one per line indented under 'target:'"))
        return None
    problems += _unknown(data, TARGET_FIELDS, "target.")
    fields = {key: _text(data, key, f"target.{key}", problems, required=key == "name")
              for key in TARGET_FIELDS}
    for key in ("name", "postal", "email"):
        if fields[key] and _MARKUP.search(fields[key]):
            problems.append((f"target.{key}", "is plain text; remove the markup (<…> or "
                                              "&…;): it would be shown as typed"))
            fields[key] = ""
    if fields["email"] and not _EMAIL.match(fields["email"]):
        problems.append(("target.email", f"'{fields['email']}' is not an e-mail address; write "
                                         "it as name@example.org, without a name or <…>"))
        fields["email"] = ""
    if fields["url"]:
        parts = urlsplit(fields["url"])
        if (parts.scheme.lower() not in ("http", "https") or not parts.netloc
                or "@" in parts.netloc or re.search(r"[\s\x00-\x1f\x7f\\<>\"]", fields["url"])):
            problems.append(("target.url", f"'{fields['url']}' is not allowed: write the "
                                           "address of a web page, starting with https://"))
            fields["url"] = ""
    if not (fields["postal"] or fields["email"] or fields["url"]) and \
            not any(p[0].startswith("target.") for p in problems):
        problems.append(("target", "says whom but not where: add postal, email or url"))
    return Target(**fields) if fields["name"] else None


def parse(data: object) -> tuple[Action | None, Problems]:
    """The action in a loaded YAML document, or None and every problem found."""
    if not isinstance(data, dict):
        return None, [("file", "must hold the fields target, ask, deadline (and state, "
                               "sample, outcome), one per line")]
    problems: Problems = _unknown(data, FIELDS, "")
    target = _target(data.get("target"), problems)
    ask = _text(data, "ask", "ask", problems, required=True)
    sample = _text(data, "sample", "sample", problems)
    deadline = _deadline(data.get("deadline"), problems)
    state = data.get("state", "open")
    if state not in STATES:
        problems.append(("state", f"'{state}' is not one of {', '.join(STATES)}; an action "
                                  "past its deadline is closed by the build itself"))
        state = "open"
    outcome = _text(data, "outcome", "outcome", problems, required=state == "closed")
    if outcome and state != "closed":
        problems.append(("outcome", "only a closed action has an outcome; set 'state: "
                                    "closed' or remove the outcome"))
    if problems or target is None or deadline is None:
        return None, problems
    return Action(target, ask, deadline, state, sample, outcome), []
