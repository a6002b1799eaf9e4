"""A catalogue's entries read from its text the way polib reads them, at a fraction of the cost.

The build reads every content catalogue once per cold build (10,000 at N = 2,000), and
`polib.pofile` spent 7.0 s of CPU on them (bench/results/profile-cold-2000.txt): per line a
method found through a transitions table inside a try block, a regex substitution on every
string, a full POEntry with a dozen keyword lookups. `parse` runs the same line-by-line state
machine as polib 1.2's `_POFileParser` (the same tokens, transitions, handlers, unescaping and
header extraction) with plain branches, slotted entries and the substitution skipped for
strings without a backslash.

What it does not copy it does not guess at: on any line polib would refuse (its IOError), and on
a catalogue with more than one entry whose msgid is empty (polib's header lookup then compares
entries), `parse` raises `Unsupported` and the caller reads the text with polib, which gives
its own error or its own result. Tests compare both on hostile and ordinary inputs
(tests/test_po_parse.py). msgfmt stays the judge of validity: the build parses only catalogues
`catalogs.check` accepted.
"""

from __future__ import annotations

import re

import polib


class Unsupported(ValueError):
    """A text `parse` leaves to polib (polib refuses it, or reads it in a way not copied)."""


class Entry:
    """The fields of a polib.POEntry the parser fills, with polib's defaults; `fuzzy` and
    `translated()` as polib 1.2 defines them."""

    __slots__ = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete",
                 "comment", "tcomment", "occurrences", "flags", "previous_msgctxt",
                 "previous_msgid", "previous_msgid_plural", "linenum")

    def __init__(self, linenum: int) -> None:
        self.msgid = ""
        self.msgstr = ""
        self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt: str | None = None
        self.obsolete: int | bool = False
        self.comment = ""
        self.tcomment = ""
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous_msgctxt: str | None = None
        self.previous_msgid: str | None = None
        self.previous_msgid_plural: str | None = None
        self.linenum = linenum

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translated(self) -> bool:
        if self.obsolete or "fuzzy" in self.flags:
            return False
        if self.msgstr != "":
            return True
        if self.msgstr_plural:
            return all(value != "" for value in self.msgstr_plural.values())
        return False


class Catalogue(list):
    """The entries (header entry removed), with `metadata` ({field: value}),
    `metadata_is_fuzzy` (the header's flags) and `header` (the comment above the header)."""

    def __init__(self) -> None:
        super().__init__()
        self.metadata: dict[str, str] = {}
        self.metadata_is_fuzzy: list[str] | int = 0  # polib: 0 until a header is read
        self.header = ""


_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')  # polib.unescape's escapes
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\",
            '"': '"'}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def _quote_check(inner: str) -> None:
    if '"' in inner and _UNESCAPED_QUOTE.search(inner):
        raise Unsupported("unescaped double quote")


_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_ALL = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
# (symbol, state) -> next state: polib 1.2 _POFileParser.__init__'s table.
_NEXT: dict[tuple[str, str], str] = {}
for _symbol, _states, _next in (
        ("tc", ("st", "he"), "he"),
        ("tc", ("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"), "tc"),
        ("gc", _ALL, "gc"), ("oc", _ALL, "oc"), ("fl", _ALL, "fl"), ("pc", _ALL, "pc"),
        ("pm", _ALL, "pm"), ("pp", _ALL, "pp"),
        ("ct", ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"), "ct"),
        ("mi", ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"), "mi"),
        ("mp", ("tc", "gc", "pc", "pm", "pp", "mi"), "mp"),
        ("ms", ("mi", "mp", "tc"), "ms"),
        ("mx", ("mi", "mx", "mp", "tc"), "mx"),
        ("mc", ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"), "mc")):
    for _state in _states:
        _NEXT[_symbol, _state] = _next
# Symbols whose handler starts a new entry when the current one has its msgstr.
_STARTS_ENTRY = frozenset(("tc", "gc", "oc", "fl", "pp", "pm", "pc", "ct", "mi"))
_CONTINUED = frozenset(state for symbol, state in _NEXT if symbol == "mc")
_STRING = ['"']
_COMMENT = ["#"]
_COMMENT_MARKS = (".", ":")


# The field each keyword starts, and a string line continues in that state ("mx", a plural
# msgstr, is keyed by its index).
_CONTINUES = {"ms": "msgstr", "mi": "msgid", "ct": "msgctxt", "mp": "msgid_plural",
              "pm": "previous_msgid", "pp": "previous_msgid_plural", "pc": "previous_msgctxt"}


def _continue(entry: Entry, state: str, plural_index: int, value: str) -> None:
    """A string line continues the field the state is in (polib's handle_mc)."""
    if state == "mx":
        entry.msgstr_plural[plural_index] += value
    else:
        name = _CONTINUES[state]
        setattr(entry, name, getattr(entry, name) + value)


def _extracted_comment(entry: Entry, line: str) -> None:
    """A `#. ` line (polib's handle_gc): its text after the marker, lines joined by \\n."""
    if entry.comment != "":
        entry.comment += "\n"
    entry.comment += line[3:]


def _references(entry: Entry, line: str) -> None:
    """A `#: ` line (polib's handle_oc): each `file:line` reference, or the word alone."""
    for occurrence in line[3:].split():
        where, sep, at = occurrence.rpartition(":")
        if not sep or not at.isdigit():
            entry.occurrences.append((occurrence, ""))
        else:
            entry.occurrences.append((where, at))


def parse(text: str) -> Catalogue:
    """The catalogue in `text` (a str, as polib.pofile(text) takes it) with the entries,
    fields and metadata polib 1.2 gives. Raises Unsupported where polib would raise, or
    where its result is not copied (see the module's docstring)."""
    out = Catalogue()
    entry = Entry(0)
    state = "st"
    obsolete = 0
    plural_index = 0
    tokens: list[str] = []
    if text.startswith("\ufeff"):  # polib drops it from the first line
        text = text[1:]
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line[0] == '"' and state in _CONTINUED:
            # The most common line, a string continued (a line polib tokenises the same way,
            # taken first): no tokens needed beyond a marker that it is not a comment.
            tokens = _STRING
            inner = line[1:-1]
            _quote_check(inner)
            _continue(entry, state, plural_index, _unescape(inner))
            continue
        if line[0] == "#" and line[1:2] in _COMMENT_MARKS and line[2:3].isspace():
            # "#. text" or "#: refs" (two of an entry's usual three comment lines): the token
            # polib splits off is "#." or "#:", and more follows; every state accepts them.
            tokens = _COMMENT
            if state in ("ms", "mx"):
                out.append(entry)
                entry = Entry(number)
            if line[1] == ".":
                state = "gc"
                _extracted_comment(entry, line)
            else:
                state = "oc"
                _references(entry, line)
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first == "#~|":
            continue
        if first == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first = tokens[0]
            obsolete = 1
        else:
            obsolete = 0
        count = len(tokens)
        token = line
        if first in _KEYWORDS and count > 1:
            token = line[len(first):].lstrip()
            _quote_check(token[1:-1])
            symbol = _KEYWORDS[first]
        elif first == "#:":
            if count <= 1:
                continue
            symbol = "oc"
        elif line[:1] == '"':
            _quote_check(line[1:-1])
            symbol = "mc"
        elif line[:7] == "msgstr[":
            symbol = "mx"
        elif first == "#,":
            if count <= 1:
                continue
            symbol = "fl"
        elif first == "#" or first.startswith("##"):
            symbol = "tc"  # polib pads a lone "#" for nothing: its handlers read the token
        elif first == "#.":
            if count <= 1:
                continue
            symbol = "gc"
        elif first == "#|":
            if count <= 1:
                raise Unsupported("empty #| line")
            token = line[2:].lstrip()
            if tokens[1].startswith('"'):
                symbol = "mc"
            elif count == 2:
                raise Unsupported("invalid continuation line")
            elif tokens[1] not in _PREVIOUS:
                raise Unsupported("unknown keyword")
            else:
                token = token[len(tokens[1]):].lstrip()
                symbol = _PREVIOUS[tokens[1]]
        else:
            raise Unsupported("syntax error")

        following = _NEXT.get((symbol, state))
        if following is None:
            raise Unsupported("syntax error")
        if symbol == "mc":  # continues the current string; the state stays
            _continue(entry, state, plural_index, _unescape(token[1:-1]))
            continue
        if symbol == "tc" and following == "he":
            if out.header != "":
                out.header += "\n"
            out.header += token[2:]
            state = following
            continue
        if symbol in _STARTS_ENTRY and state in ("ms", "mx"):
            out.append(entry)
            entry = Entry(number)
        if symbol == "tc":
            if entry.tcomment != "":
                entry.tcomment += "\n"
            comment = token.lstrip("#")
            entry.tcomment += comment[1:] if comment.startswith(" ") else comment
        elif symbol == "gc":
            _extracted_comment(entry, token)
        elif symbol == "oc":
            _references(entry, token)
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol in _CONTINUES:  # a keyword line: the field's first string
            if symbol == "mi":
                entry.obsolete = obsolete
            setattr(entry, _CONTINUES[symbol], _unescape(token[1:-1]))
        elif symbol == "mx":
            try:
                index = int(token[7])
            except (IndexError, ValueError) as exc:
                raise Unsupported("msgstr[ index") from exc
            entry.msgstr_plural[index] = _unescape(token[token.find('"') + 1:-1])
            plural_index = index
        state = following

    if tokens and not tokens[0].startswith("#"):
        out.append(entry)
    _header_entry(out)
    return out


def _header_entry(out: Catalogue) -> None:
    """polib's header extraction: the entry whose msgid is empty is removed and its msgstr
    read as `Field: value` lines (a line without a colon continues the previous field)."""
    empty = [e for e in out if e.msgid == ""]
    if len(empty) > 1:
        raise Unsupported("several entries with an empty msgid")
    if not empty or empty[0].obsolete:
        return
    header = empty[0]
    out.remove(header)
    out.metadata_is_fuzzy = header.flags
    key = None
    for line in header.msgstr.splitlines():
        key_value = line.split(":", 1)
        if len(key_value) == 2:
            key = key_value[0]
            out.metadata[key] = key_value[1].strip()
        elif key is not None:
            out.metadata[key] += "\n" + line.strip()


def read(text: str) -> Catalogue | polib.POFile:
    """`parse(text)`, or polib's reading of it where `parse` leaves it to polib (so polib's
    own errors are raised for what it refuses)."""
    try:
        return parse(text)
    except Unsupported:
        return polib.pofile(text, wrapwidth=79, encoding="utf-8")
