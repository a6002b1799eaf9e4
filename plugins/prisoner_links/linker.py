"""Finds the registered people a rendered HTML document mentions and links them.

The text of each block is read as one stream across inline tags (<em>Boris</em> Kagarlitsky),
normalized (case, ё, apostrophes, no-break and soft-hyphen characters), matched against the
compiled automaton, and the matches are wrapped back into the original markup unchanged."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from . import tree
from .context import (
    Token,
    is_acronym,
    is_capitalised,
    is_function_word,
    is_patronymic,
    plural_role_without_list,
    role_before,
    role_in_apposition,
    role_with_complement,
    token_after,
    token_before,
)
from .forms import FOLD, normalize
from .matcher import Matcher

INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
                    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                    "time", "u", "var"})
NEVER = frozenset({"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
                   "kbd", "samp", "textarea"})
SPACES = "\u00a0\u202f\u2009\u2007\u200a\n\t\r"
INVISIBLE = "\u00ad\u200b\u2060"  # soft hyphen, zero-width space, word joiner
SEPARATOR = "\x00"  # between blocks: no name spans two paragraphs
REPEAT = "already linked earlier in the document"


@dataclass
class Mention:
    slug: str
    text: str
    rule: str
    linked: bool
    reason: str = ""


@dataclass
class Result:
    html: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def people(self) -> list[str]:
        """Who the document mentions, in order of first mention."""
        seen: list[str] = []
        for m in self.mentions:
            if (m.linked or m.reason == REPEAT) and m.slug not in seen:
                seen.append(m.slug)
        return seen

    @property
    def declined(self) -> list[Mention]:
        """Mentions found but refused by a rule (not repeats of a linked one)."""
        return [m for m in self.mentions if not m.linked and m.reason != REPEAT]


def _block_of(node) -> Tag | None:
    for parent in node.parents:
        if parent.name not in INLINE:
            return parent
    return None


def _forbidden(node) -> bool:
    return any(p.name in NEVER for p in node.parents)


_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_OFFSETS = array("i", range(1 << 16))  # sliced in C for the offsets of a text node
_TRANSLATE = str.maketrans({**FOLD, **{c: " " for c in SPACES}})


class _Stream:
    """The document's text as one normalized string, mapped back to (text node, offset).

    Most text nodes take a fast path (no invisible characters, no runs of spaces): their
    positions are filled in bulk. Others are mapped character by character."""

    def __init__(self, texts, split_node):
        """texts: (text node, its string, its block, inside a forbidden element) in document
        order; split_node(node, cut) -> (head, tail) splits a text node in its tree."""
        parts: list[str] = []
        self.nodes: list = []
        self.raw: list[str] = []
        self.node_forbidden: list[bool] = []
        self.node_of = array("i")
        self.offset_of = array("i")
        self.index_of: dict[int, int] = {}
        self._split_node = split_node
        last_block, prev_space = None, False
        for node, raw, block, bad in texts:
            if block is not last_block:
                parts.append(SEPARATOR)
                self.node_of.append(-1)
                self.offset_of.append(0)
                last_block, prev_space = block, False
            n = len(self.nodes)
            self.nodes.append(node)
            self.raw.append(raw)
            self.node_forbidden.append(bad)
            self.index_of[id(node)] = n
            low = raw.lower()
            norm = (low if len(low) == len(raw) else raw).translate(_TRANSLATE)
            if not norm:
                continue
            if "  " not in norm and not (prev_space and norm[0] == " ") and \
                    _INVISIBLE.search(raw) is None:
                parts.append(norm)
                size = len(norm)
                self.node_of.extend(array("i", (n,)) * size)
                self.offset_of.extend(_OFFSETS[:size] if size <= len(_OFFSETS) else range(size))
                prev_space = norm[-1] == " "
                continue
            for offset, ch in enumerate(norm):
                if raw[offset] in INVISIBLE or (ch == " " and prev_space):
                    continue
                parts.append(ch)
                self.node_of.append(n)
                self.offset_of.append(offset)
                prev_space = ch == " "
        self.text = "".join(parts)

    def at(self, i: int) -> tuple[NavigableString, int] | None:
        n = self.node_of[i]
        return None if n < 0 else (self.nodes[n], self.offset_of[i])

    def is_forbidden(self, start: int, end: int) -> bool:
        return any(n < 0 or self.node_forbidden[n] for n in set(self.node_of[start:end]))

    def split(self, node, cut: int):
        """Replace `node` by two nodes split at `cut`. Earlier stream positions follow the head
        (matches are wrapped last to first, so only earlier ones are still needed)."""
        head, tail = self._split_node(node, cut)
        n = self.index_of.pop(id(node))
        self.nodes[n] = head
        self.index_of[id(head)] = n
        return head, tail

    def original(self, start: int, end: int) -> str:
        """The text as written (without invisible characters) between two stream positions.
        (Text nodes are split only after the last call, so their strings as read still hold.)"""
        raw, node_of, offset_of = self.raw, self.node_of, self.offset_of
        return "".join(raw[node_of[i]][offset_of[i]] if node_of[i] >= 0 else " "
                       for i in range(start, end))


def _soup_texts(soup: BeautifulSoup):
    by_parent: dict[int, tuple[Tag | None, bool]] = {}
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or node.parent is None:
            continue
        key = id(node.parent)
        if key not in by_parent:
            by_parent[key] = (_block_of(node), _forbidden(node))
        yield node, str(node), *by_parent[key]


def _soup_split(node: NavigableString, cut: int) -> tuple[NavigableString, NavigableString]:
    text = str(node)
    head, tail = NavigableString(text[:cut]), NavigableString(text[cut:])
    node.replace_with(*[p for p in (head, tail) if str(p)])
    return head, tail


def _boundary(text: str, start: int, end: int) -> bool:
    """The match is a whole word: "Dmitriev-Sokolov" and "Orlova" are other names."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return False
    if after == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        return False
    return not before.isalnum() and not after.isalnum()


def _judge(stream: _Stream, start: int, end: int, slug: str, original: str, matcher: Matcher,
           lang: str | None) -> tuple[str, int, str, str]:
    """Whose is the lone surname at start:end? (verdict, start of the name, side, evidence):
    "full" when a patronymic or initials join it to the person's own given name or initial
    (the name then starts earlier); "namesake" when another person's given name, initial or
    patronymic stands next to it (side: "preceded by" or "followed by"; evidence: that word as
    written); "bare" otherwise.

    A capitalised word next to the surname is taken for another person's given name unless it
    is the person's own given name, an acronym (СИЗО), or a closed-class word or honorific of
    the document's language (function_words.yaml). Where it stands in the sentence does not
    count, so a namesake that opens a sentence is still a namesake."""
    text, orig = stream.text, stream.original
    givens = matcher.given_forms[slug]
    shouting = original.isupper()  # in capitals, a capitalised word may be a given name

    def own_given(tok: Token | None) -> bool:
        return tok is not None and tok.kind == "word" and tok.key in givens

    def own_initial(tok: Token | None) -> bool:
        return tok is not None and tok.kind == "initial" and not is_function_word(tok, lang) \
            and any(g.startswith(tok.key) for g in givens)

    def a_name(tok: Token | None) -> bool:
        """Could be someone's given name (or an initial of one)."""
        if tok is None or not is_capitalised(tok) or is_function_word(tok, lang):
            return False
        return tok.kind == "initial" or not is_acronym(tok) or shouting

    role = role_before(text, orig, start, lang)
    if role is not None and plural_role_without_list(role[0], text, orig, end, lang):
        role = None  # "Сотрудники Кузнецова избили": the officers beat Kuznetsov
    if role is not None:
        word, relation = role
        if not relation or _nominative(matcher, slug, original):
            return "namesake", start, "preceded by", word  # судья Кузнецов: the judge's
        return "bare", start, "", ""  # адвокат Кузнецова: Kuznetsov's lawyer
    apposition = role_in_apposition(text, orig, start, end, lang)
    if apposition is None:
        apposition = role_with_complement(text, orig, start, lang)
        if apposition is not None and plural_role_without_list(apposition, text, orig, end,
                                                               lang):
            apposition = None  # "Сотрудники ФСБ Куприянова увезли": they took him away
    if apposition is not None:
        return "namesake", start, "in apposition to", apposition  # Кузнецов, судья …
    before = token_before(text, orig, start)
    if before is not None and (is_patronymic(before) or a_name(before) and
                               before.kind == "initial"):
        first = token_before(text, orig, before.start)
        if own_given(first) or own_initial(first):
            return "full", first.start, "", ""  # Борис Юльевич Кагарлицкий, Б. Ю. Кагарлицкий
        if a_name(first):
            return "namesake", start, "preceded by", f"{first.text} {before.text}"
        if own_initial(before):
            return "full", before.start, "", ""  # Yu. Efimov
        if before.kind == "initial":
            return "namesake", start, "preceded by", before.text  # another person's initial
        return "bare", start, "", ""
    if a_name(before) and not own_given(before):
        return "namesake", start, "preceded by", before.text
    after = token_after(text, orig, end)
    if a_name(after) and after.kind == "initial" and not own_initial(after):
        return "namesake", start, "followed by", after.text  # "Кузнецов П. А."
    if a_name(after) and not own_given(after) and after.kind == "word":
        # Family name first ("Кузнецов Павел", "Kuznetsov Pavel"). German capitalises nouns,
        # and a German genitive is followed by one (Kagarlizkis Bücher): there only a
        # patronymic after the word makes it a given name.
        then = token_after(text, orig, after.end)
        if lang != "de" or not original.endswith("s") or (then is not None
                                                          and is_patronymic(then)):
            return "namesake", start, "followed by", after.text
    if text[end : end + 1] == ",":
        # Bibliographic order, "Кузнецов, Павел." / "Kuznetsov, P. A.": another person's
        # given name or initial after the comma. A clause after the comma ("Кузнецов, как и
        # прежде", "Kuznetsov, Navalny's ally") is not a name: the word after the comma counts
        # only as a registered given name, an initial, or a word closed by a full stop or
        # followed by an initial or patronymic.
        given = token_after(text, orig, end + 1)
        if a_name(given) and not own_given(given) and not own_initial(given) and (
                given.kind == "initial" or matcher.any_given(given.key)
                or text[given.end : given.end + 1] == "."
                or _name_part(token_after(text, orig, given.end))):
            return "namesake", start, "followed by", f", {given.text}"
    return "bare", start, "", ""


def _name_part(tok: Token | None) -> bool:
    return tok is not None and (tok.kind == "initial" or is_patronymic(tok))


def _nominative(matcher: Matcher, slug: str, original: str) -> bool:
    """`original` is the registry's own Russian or Ukrainian family name, uninflected: after a
    relation noun ("адвокат Кузнецов") it is that lawyer's name, not the prisoner's genitive."""
    names = matcher.people[slug].names
    return normalize(original) in {normalize(names.ru.family), normalize(names.uk.family)}


def _initial_verdict(stream: _Stream, start: int, slug: str, matcher: Matcher,
                     lang: str | None) -> tuple[str, int, str]:
    """Whose is the initial-and-surname at `start` ("И. Кузнецов", "A. Orlov")? (verdict, start
    of the name, evidence): "namesake" when another person's given name or initial stands
    right before it, which makes the matched initial a patronymic initial ("С. И. Кузнецов",
    "Sergei A. Orlov"); "full" otherwise, starting earlier when the person's own given name or
    initial stands before it ("И. И. Кузнецов"). A given name with a middle initial is the
    Latin-script convention; in Cyrillic the initials come in pairs (С. И.), so a capitalised
    word before a Cyrillic initial is taken for an ordinary word ("Статья Б. Кагарлицкого").
    A role noun or honorific before the initial ("судья И. Кузнецов") is "namesake" too."""
    role = role_before(stream.text, stream.original, start, lang)
    if role is not None and not role[1]:
        return "namesake", start, role[0]  # "судья И. Кузнецов": the judge, whatever his name
    before = token_before(stream.text, stream.original, start)
    if before is None or not is_capitalised(before) or is_function_word(before, lang):
        return "full", start, ""
    givens = matcher.given_forms[slug]
    if before.kind == "word" and (before.key in givens or is_acronym(before)
                                  or not stream.text[start].isascii()):
        return "full", before.start if before.key in givens else start, ""
    if before.kind == "initial" and any(g.startswith(before.key) for g in givens):
        return "full", before.start, ""
    return "namesake", start, before.text


def _patronymic_after(stream: _Stream, end: int) -> int:
    """The end of a family-name-first full name, with the patronymic that follows it
    ("Кагарлицкий Борис Юльевич")."""
    after = token_after(stream.text, stream.original, end)
    if after is None or not is_patronymic(after) or stream.is_forbidden(end, after.end):
        return end
    return after.end


def _ends(stream: _Stream, start: int, end: int, length) -> tuple:
    """The text nodes the stream's characters [start, end) begin and end in, split so that
    the name starts one and ends the other (the same node for a name inside one node).
    `length(node)`: the node's text length (a soup string and a tree text differ)."""
    node_s, off_s = stream.at(start)
    node_e, off_e = stream.at(end - 1)
    off_e += 1
    if off_e < length(node_e):
        head_e, _ = stream.split(node_e, off_e)
        if node_s is node_e:
            node_s = head_e
        node_e = head_e
    if off_s > 0:
        _, tail_s = stream.split(node_s, off_s)
        if node_e is node_s:
            node_e = tail_s
        node_s = tail_s
    return node_s, node_e


def _wrap(soup: BeautifulSoup, stream: _Stream, start: int, end: int, attrs: dict) -> bool:
    node_s, node_e = _ends(stream, start, end, lambda node: len(str(node)))
    if node_s is node_e:
        link = soup.new_tag("a", attrs=attrs)
        node_s.replace_with(link)
        link.append(node_s)
        return True
    # By identity: `in` compares strings by value, and an ancestor holding an equal string
    # elsewhere is not the common one.
    common = next(p for p in node_s.parents if any(d is node_e for d in p.descendants))

    def top(node):
        while node.parent is not common:
            node = node.parent
        return node

    top_s, top_e = top(node_s), top(node_e)
    first_text = top_s if isinstance(top_s, NavigableString) else top_s.find(string=True)
    last_text = top_e if isinstance(top_e, NavigableString) else top_e.find_all(string=True)[-1]
    if first_text is not node_s or last_text is not node_e:
        return False  # the name starts or ends in the middle of other markup: leave it
    siblings, node = [], top_s
    while node is not None:
        siblings.append(node)
        if node is top_e:
            break
        node = node.next_sibling
    link = soup.new_tag("a", attrs=attrs)
    top_s.insert_before(link)
    for node in siblings:
        link.append(node.extract())
    return True


def _tree_split(node: tree.Text, cut: int) -> tuple[tree.Text, tree.Text]:
    parent = node.parent
    head, tail = tree.Text(node.text[:cut], parent), tree.Text(node.text[cut:], parent)
    i = _index(parent.children, node)
    parent.children[i:i + 1] = [p for p in (head, tail) if p.text]
    node.parent = None
    return head, tail


def _index(children: list, node) -> int:
    return next(i for i, child in enumerate(children) if child is node)


def _edge_text(node, last: bool):
    """The first (or last) text node in `node` in document order, as BeautifulSoup's
    find(string=True) (find_all(string=True)[-1]); None when it holds no text."""
    todo = [node]
    while todo:
        node = todo.pop()
        if type(node) is tree.Text:
            return node
        todo.extend(node.children if last else reversed(node.children))
    return None


def _tree_wrap(stream: _Stream, start: int, end: int, attrs: dict) -> bool:
    """_wrap on the linker's own tree (prisoner_links.tree), step for step."""
    node_s, node_e = _ends(stream, start, end, lambda node: len(node.text))
    link = tree.Element("a", tree.start_tag("a", attrs), None)
    if node_s is node_e:
        parent = node_s.parent
        parent.children[_index(parent.children, node_s)] = link
        link.parent, link.children, node_s.parent = parent, [node_s], link
        return True
    above_e, p = set(), node_e.parent
    while p is not None:
        above_e.add(id(p))
        p = p.parent
    common = node_s.parent
    while id(common) not in above_e:
        common = common.parent

    def top(node):
        while node.parent is not common:
            node = node.parent
        return node

    top_s, top_e = top(node_s), top(node_e)
    if _edge_text(top_s, False) is not node_s or _edge_text(top_e, True) is not node_e:
        return False  # the name starts or ends in the middle of other markup: leave it
    first, final = _index(common.children, top_s), _index(common.children, top_e)
    link.children = common.children[first:final + 1]
    for node in link.children:
        node.parent = link
    common.children[first:final + 1] = [link]
    link.parent = common
    return True


def link_document(html: str, matcher: Matcher, profile_url, forced: set[str] = frozenset(),
                  every_mention: bool = False, lang: str | None = None) -> Result:
    parsed = tree.build(html, INLINE, NEVER)
    if parsed is None:  # markup outside the strict subset: the general parser reads it
        soup = BeautifulSoup(html, "html.parser")
        stream = _Stream(_soup_texts(soup), _soup_split)

        def wrap(start, end, attrs):
            return _wrap(soup, stream, start, end, attrs)

        def render():
            return str(soup)
    else:
        root, texts = parsed
        stream = _Stream(((node, node.text, block, bad) for node, block, bad in texts),
                         _tree_split)

        def wrap(start, end, attrs):
            return _tree_wrap(stream, start, end, attrs)

        def render():
            return tree.serialize(root)
    text = stream.text
    found, hidden = [], []
    for start, end, candidates in matcher.find(text):
        if not _boundary(text, start, end):
            continue
        original = stream.original(start, end)
        if not original[:1].isupper():
            continue  # names are capitalised; "лев" is a lion
        # Inside a link, code or a heading nothing links, but a namesake named there
        # ("[Павла Кузнецова](…)", "## Pavel Kuznetsov") still makes the lone surname ambiguous.
        (hidden if stream.is_forbidden(start, end) else found).append(
            (start, end, candidates, original))
    namesakes: dict[str, str] = {}  # slug -> the other person's name, as written
    for start, end, candidates, original in hidden:
        if any(c.kind == "full" for c in candidates):
            continue
        for slug in dict.fromkeys(c.slug for c in candidates):
            if any(c.kind == "initial" and c.slug == slug for c in candidates):
                verdict, _, evidence = _initial_verdict(stream, start, slug, matcher, lang)
                side = "preceded by"
            else:
                verdict, _, side, evidence = _judge(stream, start, end, slug, original, matcher,
                                                    lang)
            if verdict == "namesake":
                namesakes.setdefault(slug, f"{evidence} {original}" if side == "preceded by"
                                     else f"{original} {evidence}")
    # Longest match wins where forms overlap ("Boris Kagarlitsky" over "Kagarlitsky").
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    chosen, taken_until = [], -1
    for item in found:
        if item[0] >= taken_until:
            chosen.append(item)
            taken_until = item[1]
    # Who each lone surname belongs to, judged from its neighbours, before anything links:
    # a namesake anywhere in the document makes every lone mention of that surname ambiguous.
    judged = []
    named_in_full = set(forced)
    for start, end, candidates, original in chosen:
        full = [c for c in candidates if c.kind in ("full", "initial")]
        if full and all(c.kind == "initial" for c in full) and len({c.slug for c in full}) == 1:
            # "С. И. Кузнецов": the initial may be a patronymic's, after another given name.
            verdict, new_start, evidence = _initial_verdict(stream, start, full[0].slug, matcher,
                                                            lang)
            if verdict == "namesake" or (new_start < start and (
                    stream.is_forbidden(new_start, start)
                    or (judged and new_start < judged[-1][1]))):
                if verdict == "namesake":
                    namesakes.setdefault(full[0].slug, f"{evidence} {original}")
                    judged.append((start, end, candidates, original, "namesake",
                                   f"preceded by another given name ('{evidence}')"))
                    continue
                new_start = start
            judged.append((new_start, end, candidates, stream.original(new_start, end), "full",
                           ""))
            named_in_full.add(full[0].slug)
            continue
        if full:
            if "family name first" in full[0].rule:
                end = _patronymic_after(stream, end)
            judged.append((start, end, candidates, stream.original(start, end), "full", ""))
            named_in_full.update(c.slug for c in full)
            continue
        slugs = list(dict.fromkeys(c.slug for c in candidates))
        verdicts = {slug: _judge(stream, start, end, slug, original, matcher, lang)
                    for slug in slugs}
        owners = [slug for slug in slugs if verdicts[slug][0] == "full"]
        # A shared surname links only when the given name joined to it is one owner's.
        slug = owners[0] if len(owners) == 1 else slugs[0]
        verdict, new_start, side, evidence = verdicts[slug]
        if verdict == "full" and stream.is_forbidden(new_start, start):
            verdict = "bare"  # the given name is inside a link, code or another block
        if verdict == "full" and judged and new_start < judged[-1][1]:
            verdict, side = "namesake", "preceded by"
            evidence = stream.original(new_start, start).strip()
        if verdict == "full" and len(owners) == 1:
            candidates = [c for c in candidates if c.slug == slug]
            start, original = new_start, stream.original(new_start, end)
            named_in_full.add(slug)
        elif verdict == "full":
            verdict = "bare"  # a given name that fits several owners of the surname
        elif verdict == "namesake":
            for other in slugs:
                namesakes.setdefault(other, f"{evidence} {original}" if side == "preceded by"
                                     else f"{original}, {evidence}" if side == "in apposition to"
                                     else f"{original} {evidence}")
        what = "another given name" if side != "in apposition to" and not role_before(
            text, stream.original, start, lang) else "a role word or honorific"
        judged.append((start, end, candidates, original, verdict, f"{side} {what} "
                       f"('{evidence}')"))
    mentions: list[tuple[int, int, Mention]] = []
    for start, end, candidates, original, verdict, evidence in judged:
        full = [c for c in candidates if c.kind in ("full", "initial")]
        if full and verdict == "namesake":
            mentions.append((start, end, Mention(full[0].slug, original, full[0].rule, False,
                                                 f"{evidence}: a namesake or relative")))
            continue
        if full:
            if len({c.slug for c in full}) > 1:
                mentions.append((start, end, Mention(full[0].slug, original, full[0].rule, False,
                                                     "the same full name fits several people")))
                continue
            mentions.append((start, end, Mention(full[0].slug, original, full[0].rule, True)))
            continue
        surname = [c for c in candidates if c.kind == "surname"]
        slug = surname[0].slug
        if verdict == "full":
            mentions.append((start, end, Mention(slug, original, surname[0].rule + ", with "
                                                 "patronymic or initials", True)))
            continue
        elif verdict == "namesake":
            reason = f"{evidence}: a namesake or relative"
        elif slug in namesakes:
            reason = (f"the document also names a namesake ('{namesakes[slug]}'); only the full "
                      "name links")
        elif len({c.slug for c in surname}) > 1:
            reason = "surname shared by several registered people; only the full name links"
        elif slug not in named_in_full:
            reason = "surname only, and the document does not name this person in full"
        else:
            mentions.append((start, end, Mention(slug, original, surname[0].rule + "; named in "
                                                 "full elsewhere in the document", True)))
            continue
        mentions.append((start, end, Mention(slug, original, surname[0].rule, False, reason)))
    result = Result(html)
    linked_once: set[str] = set()
    to_wrap = []
    for start, end, mention in mentions:
        if mention.linked and (every_mention or mention.slug not in linked_once):
            linked_once.add(mention.slug)
            to_wrap.append((start, end, mention))
        elif mention.linked:
            mention.linked, mention.reason = False, REPEAT
        result.mentions.append(mention)
    for start, end, mention in reversed(to_wrap):
        attrs = {"class": "prisoner-link", "data-prisoner": mention.slug,
                 "href": profile_url(mention.slug)}
        if not wrap(start, end, attrs):
            mention.linked = False
            mention.reason = "the name is split by other markup"
    for slug in forced:
        if slug not in {m.slug for m in result.mentions if m.linked}:
            result.mentions.append(Mention(slug, "", "Prisoners metadata", True,
                                           "listed in the metadata, not found in the text"))
    result.html = render() if to_wrap else html
    return result

