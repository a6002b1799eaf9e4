"""A small HTML tree for the linker, built without BeautifulSoup for the plain HTML the
sanitiser writes, and serialized byte for byte as BeautifulSoup ("html.parser", formatter
"minimal") would serialize the same document.

`parse` accepts only a strict subset where the two parsers provably build the same tree:
lowercase tags with double-quoted attributes, properly nested, void elements never closed; text
with no `<` and only the entities &amp; &lt; &gt; &quot; &nbsp;; no comment, doctype, CDATA,
processing instruction, or element whose content html.parser reads as raw text. Anything else
returns None and the linker takes BeautifulSoup's way, so hostile or unusual markup is read by
the general parser, never guessed at here. Every loop is linear in the input (bounded)."""

from __future__ import annotations

import re

from bs4.builder._htmlparser import HTMLParserTreeBuilder
from bs4.dammit import EntitySubstitution

_BUILDER = HTMLParserTreeBuilder()
VOID = frozenset(_BUILDER.empty_element_tags)
_LIST_ATTRIBUTES = {tag: frozenset(names) for tag, names in
                    _BUILDER.cdata_list_attributes.items()}
_PRESERVE = frozenset(_BUILDER.preserve_whitespace_tags)
# Raw-text / RCDATA elements (html.parser versions differ on which), elements whose strings
# BeautifulSoup keeps in other classes, and the document-level ones: never in the fast path.
_REFUSED = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                      "noframes", "noscript", "plaintext", "template", "html", "head", "body",
                      "rt", "rp"}) | frozenset(_BUILDER.string_containers)
_TOKEN = re.compile(r"<[^<>]*>|[^<]+|<")
_START = re.compile(r'<([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="(?:[^"<>&]|&amp;)*")*)(/?)>')
_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="((?:[^"<>&]|&amp;)*)"')
_END = re.compile(r"</([a-z][a-z0-9]*)>")
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|nbsp);)?")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": "\u00a0"}
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
DOCUMENT = "[document]"


class Element:
    """`start` is the opening tag as serialized (start_tag(name, attrs)); `attrs` the
    attributes it was made from, as BeautifulSoup reads them (entities decoded)."""

    __slots__ = ("name", "start", "children", "parent", "attrs")

    def __init__(self, name: str, start: str, parent: Element | None,
                 attrs: dict[str, str] | None = None):
        self.name, self.start, self.children, self.parent = name, start, [], parent
        self.attrs = attrs if attrs is not None else {}

    def set(self, key: str, value: str) -> None:
        """Set an attribute (as BeautifulSoup's `tag[key] = value`), and the opening tag."""
        self.attrs[key] = value
        self.start = start_tag(self.name, self.attrs)


def elements(root: Element):
    """Every element under `root`, in document order (an explicit stack: no recursion)."""
    todo = [iter(root.children)]
    while todo:
        child = next(todo[-1], None)
        if child is None:
            todo.pop()
        elif type(child) is Element:
            yield child
            todo.append(iter(child.children))


class Text:
    __slots__ = ("text", "parent")

    def __init__(self, text: str, parent: Element | None):
        self.text, self.parent = text, parent


def start_tag(name: str, attrs: dict[str, str]) -> str:
    """The opening tag as BeautifulSoup writes it: attributes sorted, values escaped."""
    parts = [f" {key}={EntitySubstitution.quoted_attribute_value(_escape(value))}"
             for key, value in sorted(attrs.items())]
    return f"<{name}{''.join(parts)}>"


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _entity(found: re.Match) -> str:
    if found.group(1) is None:
        raise ValueError  # a bare or unknown entity: html.parser's rules, not ours
    return _ENTITIES[found.group(1)]


def build(html: str, inline: frozenset[str], never: frozenset[str]):
    """(root, texts) for `html` in the strict subset, else None. texts: [(Text, block element,
    forbidden)], in document order, where block is the nearest ancestor not in `inline` (the
    root for top-level text) and forbidden says an ancestor is in `never`."""
    root = Element(DOCUMENT, "", None)
    stack = [root]
    blocks = [root]  # the nearest non-inline element for each depth
    never_depth = 0
    preserve_depth = 0
    texts: list[tuple[Text, Element, bool]] = []
    current = root
    for found in _TOKEN.finditer(html):
        token = found.group()
        if token[0] != "<":
            if "&" in token:
                try:
                    token = _ENTITY.sub(_entity, token)
                except ValueError:
                    return None
            if not preserve_depth and not token.strip(_ASCII_SPACES):
                token = "\n" if "\n" in token else " "
            node = Text(token, current)
            current.children.append(node)
            texts.append((node, blocks[-1], never_depth > 0))
            continue
        if token[1:2] == "/":
            end = _END.fullmatch(token)
            if end is None or end.group(1) != current.name:
                return None
            stack.pop()
            blocks.pop()
            if current.name in never:
                never_depth -= 1
            if current.name in _PRESERVE:
                preserve_depth -= 1
            current = stack[-1]
            continue
        start = _START.fullmatch(token)
        if start is None:
            return None
        name, raw_attrs, closed = start.groups()
        if name in _REFUSED:
            return None
        attrs: dict[str, str] = {}
        if raw_attrs:
            lists = _LIST_ATTRIBUTES.get("*", frozenset()) | _LIST_ATTRIBUTES.get(name,
                                                                                 frozenset())
            for key, value in _ATTRIBUTE.findall(raw_attrs):
                value = value.replace("&amp;", "&")
                if key in lists and value != " ".join(value.split()):
                    return None  # BeautifulSoup would normalise the spaces of a list value
                attrs[key] = value  # a repeated attribute: the last one, as BeautifulSoup
        element = Element(name, start_tag(name, attrs), current, attrs)
        current.children.append(element)
        if name in VOID:
            continue
        if closed:
            return None  # "<p/>": html.parser's reading of it is not ours to guess
        stack.append(element)
        blocks.append(blocks[-1] if name in inline else element)
        if name in never:
            never_depth += 1
        if name in _PRESERVE:
            preserve_depth += 1
        current = element
    if len(stack) != 1:
        return None  # an unclosed element: BeautifulSoup closes it at the end
    return root, texts


def serialize(root: Element) -> str:
    """The tree as BeautifulSoup's str(soup) writes it (formatter "minimal")."""
    out: list[str] = []
    append = out.append
    # An explicit stack, not recursion: the depth of hostile markup is not Python's to bound.
    todo: list = [iter(root.children)]
    while todo:
        child = next(todo[-1], None)
        if child is None:
            todo.pop()
            if len(todo) and type(todo[-1]) is str:
                append(todo.pop())
            continue
        if type(child) is Text:
            append(_escape(child.text))
        elif not child.children and child.name in VOID:
            append(child.start[:-1] + "/>")
        else:
            append(child.start)
            todo.append(f"</{child.name}>")
            todo.append(iter(child.children))
    return "".join(out)
