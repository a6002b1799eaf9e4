"""A feed document's head (the feed's own elements, everything before its first entry) as
feedgen and lxml write it, from a template made once per shape instead of a FeedGenerator
built and serialised for each document.

The build writes about 13,000 Atom and RSS documents at N = 2,000 (a person's feed in six
languages and two formats for each of 1,000 people), and making a FeedGenerator, its lxml tree
and its bytes for each head cost 110-170 µs, more than most of those documents' entries. The
heads differ only in their values (ids, titles, addresses, dates); which elements a head has
and in what order (its shape: the feedgen calls made, with their link relations and types)
repeats. So the head of one shape is written once by feedgen and lxml with a placeholder for
each value, and each document's head is that template with its own values put in, escaped as
lxml escapes them there (text or attribute value) and dates formatted by the functions feedgen
formats them with.

A value lxml would write differently or refuse (empty, a control character such as a tab or
newline, which lxml writes as a character reference in an attribute, a lone surrogate, the
placeholders' own characters) and a head whose template cannot be read back are written by
feedgen itself, as before. tests/test_feeds.py compares both ways on hostile values."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from feedgen.util import formatRFC2822

from .fixed_feedgen import TAIL, Feed, _without_tail

# A string value lxml writes as its characters with only &, <, > (and " in an attribute)
# escaped: not empty, no C0 control (tab, LF and CR become character references in attributes;
# the others are refused), no lone surrogate or non-character XML 1.0 excludes. (A value may
# hold the placeholders' characters: values are put in after the placeholders are found.)
_PLAIN = re.compile("[^\x00-\x1f\ud800-\udfff\ufffe\uffff]+")
_MARK = re.compile(rb"\xee\x80\x80(\d+)\xee\x80\x81")  # "\ue000<n>\ue001" in UTF-8
_STR, _DATE = ("str",), ("date",)  # a value's slot in a shape


def _sentinel(slot: int) -> datetime:
    """A date no feed carries, one per slot, so that its formatted text is found in a template."""
    return datetime(1901, 2, 3, 4, 5, 6 + slot, tzinfo=timezone(timedelta(hours=-9, minutes=-59)))


def _text(value: str) -> bytes:
    # libxml2's escaping of text content (xmlEscapeContent) for the characters _PLAIN allows.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


def _attribute(value: str) -> bytes:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;").encode()


_rfc2822: dict[tuple[type, str], bytes] = {}


def _rss_date(value: datetime) -> bytes:
    """feedgen's RSS date (formatRFC2822, which switches the locale twice per call), once per
    distinct date; keyed by type and ISO text (equal instants in other offsets differ)."""
    key = (type(value), value.isoformat())
    if key not in _rfc2822:
        _rfc2822[key] = formatRFC2822(value).encode()
    return _rfc2822[key]


def _iso_date(value: datetime) -> bytes:
    return value.isoformat().encode()  # as feedgen writes atom:updated


def _call(name: str):
    def record(self, *args, **kwargs) -> Head:
        self.calls.append((name, args, kwargs))
        return self
    record.__name__ = name
    record.__doc__ = f"As FeedGenerator.{name}(…), recorded for the head."
    return record


class Head:
    """The calls a document's FeedGenerator would take for its own elements (id, title,
    subtitle, updated, lastBuildDate, language, rights, generator, link, with feedgen's
    arguments), recorded; `document` writes the document with given entry bytes.
    `make()` gives the FeedGenerator (a fixed_feedgen.Feed with the site's extensions)."""

    def __init__(self, make: Callable[[], Feed]):
        self.make = make
        self.calls: list[tuple[str, tuple, dict]] = []

    id = _call("id")
    title = _call("title")
    subtitle = _call("subtitle")
    updated = _call("updated")
    lastBuildDate = _call("lastBuildDate")  # noqa: N815 (feedgen's name)
    language = _call("language")
    rights = _call("rights")
    generator = _call("generator")
    link = _call("link")

    def document(self, kind: str, entries: list[bytes]) -> bytes:
        """What Feed.document(kind, entries) gives for a Feed that took these calls: the
        pretty-printed "atom" or "rss" document with `entries` (Feed.entry_bytes) as its
        entries. feedgen's errors (a missing title, an invalid link relation) are raised."""
        return self.head(kind) + b"".join(entries) + TAIL[kind]

    def head(self, kind: str) -> bytes:
        """The document's bytes before its first entry."""
        shape, values = self._shape()
        template = None
        if shape is not None:
            key = (self.make, kind, shape)
            if key not in _templates:
                _templates[key] = _template(self.make, kind, shape, len(values))
            template = _templates[key]
        if template is None:
            return self._feedgen().document(kind, []).removesuffix(TAIL[kind])
        return b"".join(part if type(part) is bytes else part[1](values[part[0]])
                        for part in template)

    def _feedgen(self) -> Feed:
        fg = self.make()
        for name, args, kwargs in self.calls:
            getattr(fg, name)(*args, **kwargs)
        return fg

    def _shape(self) -> tuple[tuple | None, list]:
        """(the calls with each value replaced by its slot, [the values]); (None, []) when a
        value must be written by feedgen itself, or a date would be feedgen's default (now)."""
        shape, values = [], []
        plain = _PLAIN.fullmatch

        def slot(value):
            if isinstance(value, str):
                if not plain(value):
                    raise ValueError
                values.append(value)
                return _STR
            if isinstance(value, datetime):
                if value.tzinfo is None:
                    raise ValueError
                values.append(value)
                return _DATE
            if value is None:
                return None
            raise ValueError

        try:
            for name, args, kwargs in self.calls:
                shape.append((name, tuple(map(slot, args)), tuple(
                    (k, slot(v) if k == "href" else v) for k, v in kwargs.items())))
        except ValueError:
            return None, []
        if not {"updated", "lastBuildDate"} <= {name for name, _a, _k in self.calls}:
            return None, []
        return tuple(shape), values


# (make, kind, shape) -> the template: literal bytes and (slot, writer of its value); None when
# feedgen's bytes could not be read back as one.
_templates: dict[tuple, list | None] = {}


def _template(make: Callable[[], Feed], kind: str, shape: tuple, count: int) -> list | None:
    """The head of `shape` written by feedgen and lxml with a placeholder for each value, cut
    at the placeholders: a string's is "\\ue000<slot>\\ue001", a date's a date of 1901
    (_sentinel) found by its text in the format the head has it in (Atom ISO 8601, RSS
    RFC 2822). None if a placeholder is not found as it went in."""
    fg, slot = make(), iter(range(count))

    def value(kind_of):
        if kind_of is _STR:
            return f"\ue000{next(slot)}\ue001"
        if kind_of is _DATE:
            return _sentinel(next(slot))
        return kind_of

    for name, args, kwargs in shape:
        getattr(fg, name)(*(value(a) for a in args),
                          **{k: value(v) if k == "href" else v for k, v in kwargs})
    data = _without_tail(fg._serialise(kind), kind)
    found = []  # (start, end, slot, writer)
    for match in _MARK.finditer(data):
        inside_tag = data.rfind(b"<", 0, match.start()) > data.rfind(b">", 0, match.start())
        found.append((match.start(), match.end(), int(match.group(1)),
                      _attribute if inside_tag else _text))
    if data.count(b"\xee\x80\x80") + data.count(b"\xee\x80\x81") != 2 * len(found):
        return None
    for number in range(count):
        for writer, text in ((_iso_date, _sentinel(number).isoformat().encode()),
                             (_rss_date, formatRFC2822(_sentinel(number)).encode())):
            start = data.find(text)
            while start != -1:
                found.append((start, start + len(text), number, writer))
                start = data.find(text, start + 1)
    found.sort()
    parts, at = [], 0
    for start, end, number, writer in found:
        if start < at:
            return None
        parts += [data[at:start], (number, writer)]
        at = end
    parts.append(data[at:])
    return [part for part in parts if part != b""]
