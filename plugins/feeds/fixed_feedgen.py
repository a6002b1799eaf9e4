"""feedgen 1.0.0 with its known bugs worked around (the version is pinned in pyproject.toml):

- Atom entry links lose rel, type, hreflang and length (the loop variable is rebound to the XML
  element before its attributes are read): they are put back on the XML.
- add_entry prepends (reversing order): entries are always appended.
- updated defaults to now(): callers always set it; the feed's comes from the newest entry.
- the RSS channel <link> is the last link() call: callers add the HTML page link last.
- there is no per-entry xml:lang: it is set on the Atom <entry>.
- summary() copies the Atom summary (plain text) into the RSS <description>, which readers
  take as HTML: the RSS copy gets the summary escaped as HTML instead (`rss_description`).

RSS items carry no atom:link alternates for their translations: feedparser (rss2email and every
reader built on it) takes an item's last atom:link rel="alternate" as its link, so items opened
another language. The translations stay in Atom, whose readers honour rel and hreflang.
"""

from __future__ import annotations

from copy import deepcopy

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA = "http://search.yahoo.com/mrss/"  # Media RSS 1.5.1
ATOM = "http://www.w3.org/2005/Atom"


class Entry(FeedEntry):
    """Also: an entry is made once and put into many feeds, so its XML is made once and each
    feed gets a copy (lxml elements have one parent)."""

    lang: str | None = None
    rss_description: str | None = None  # HTML for the RSS <description>
    # the lead image for Media RSS: {url, length, type, alt}
    media: dict | None = None
    _xml: dict | None = None

    def atom_entry(self, extensions=True):
        return self._copy("atom", extensions)

    def rss_entry(self, extensions=True):
        return self._copy("rss", extensions)

    def _copy(self, kind: str, extensions: bool):
        if self._xml is None:
            self._xml = {}
        if (kind, extensions) not in self._xml:
            make = self._atom_entry if kind == "atom" else self._rss_entry
            self._xml[(kind, extensions)] = make(extensions)
        return deepcopy(self._xml[(kind, extensions)])

    def _atom_entry(self, extensions=True):
        entry = super().atom_entry(extensions)
        links = [el for el in entry if el.tag.endswith("link")]
        for element, data in zip(links, self.link() or [], strict=False):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if data.get(key):
                    element.set(key, str(data[key]))
        if self.lang:
            entry.set(XML_LANG, self.lang)
        return entry

    def _rss_entry(self, extensions=True):
        item = super().rss_entry(extensions)
        description = item.find("description")
        if self.rss_description is not None and description is not None:
            description.text = self.rss_description
        if self.media:
            from lxml import etree

            # Media RSS: the image itself (with its alt text as a plain description) and the
            # same file as the thumbnail; partners' readers show it next to the item.
            content = etree.SubElement(item, f"{{{MEDIA}}}content", url=self.media["url"],
                                       fileSize=str(self.media["length"]),
                                       type=self.media["type"], medium="image")
            alt = etree.SubElement(content, f"{{{MEDIA}}}description", type="plain")
            alt.text = self.media["alt"]
            etree.SubElement(item, f"{{{MEDIA}}}thumbnail", url=self.media["url"])
        return item



# What lxml writes after a feed's last entry when it pretty-prints feedgen's tree: entries are
# the last children of <feed> (Atom) and of <channel> (RSS), so a document is its bytes up to
# these closing tags, then each entry's bytes, then these.
TAIL = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}
# The element an entry's full text is in (feedgen's content()): Atom's entry elements are
# made without a namespace (the root declares it as a plain xmlns attribute).
CONTENT = {"atom": "content", "rss": "{http://purl.org/rss/1.0/modules/content/}encoded"}


class Feed(FeedGenerator):
    """Also: a document whose entries are given as their bytes (`document`), each serialised
    once by lxml (`entry_bytes`) although the entry is in many feeds: an entry's bytes depend
    only on the entry, its depth and the namespaces declared above it, which are the same in
    every feed of one kind (the same extensions are registered on every Feed)."""

    _bare: dict | None = None

    def add_entry(self, feedEntry=None, order="append"):  # noqa: N803 (feedgen's name)
        return super().add_entry(feedEntry or Entry(), order="append")

    def append_built(self, entry: Entry) -> None:
        """Add an entry made (with its extensions) for another feed too: add_entry would
        register the feed's extensions on it again, which empties their data."""
        self._FeedGenerator__feed_entries.append(entry)

    def _serialise(self, kind: str) -> bytes:
        return self.atom_str(pretty=True) if kind == "atom" else self.rss_str(pretty=True)

    def document(self, kind: str, entries: list[bytes]) -> bytes:
        """The pretty-printed `kind` ("atom" or "rss") document of this feed (which has no
        entries of its own) with `entries` (each from `entry_bytes`) as its entries: the
        bytes atom_str/rss_str write for the feed with those entries appended.
        Raises RuntimeError if feedgen/lxml end a document differently (TAIL)."""
        return _without_tail(self._serialise(kind), kind) + b"".join(entries) + TAIL[kind]

    def entry_bytes(self, entry: Entry, kind: str) -> bytes:
        """`entry`'s bytes inside this feed's `kind` document, as lxml pretty-prints them
        there: the document with the entry less the document without it (this feed has no
        entries of its own). Raises RuntimeError if they are not a prefix and a tail."""
        return self._entry_bytes(entry, kind, False)[0]

    def entry_bytes_both(self, entry: Entry, kind: str) -> tuple[bytes, bytes]:
        """(`entry`'s bytes as entry_bytes gives them, and the bytes of the same entry
        without its content): feedgen writes each field as its own element, so the entry
        made without content() is this one less its Atom <content> or RSS <content:encoded>
        element, and the element is made once for both."""
        return self._entry_bytes(entry, kind, True)

    def _entry_bytes(self, entry: Entry, kind: str, both: bool) -> tuple[bytes, ...]:
        if self._bare is None:
            self._bare = {}
        if kind not in self._bare:
            root, doc = self._create_atom() if kind == "atom" else self._create_rss()
            parent = root if kind == "atom" else root.find("channel")
            head = _without_tail(_tostring(doc), kind)
            self._bare[kind] = (doc, parent, head)
        doc, parent, head = self._bare[kind]
        element = entry._atom_entry() if kind == "atom" else entry._rss_entry()
        parent.append(element)
        try:
            made = [_without_tail(_tostring(doc), kind)]
            if both:
                content = element.find(CONTENT[kind])
                if content is None:
                    raise ValueError("entry_bytes_both: the entry has no content")
                element.remove(content)
                made.append(_without_tail(_tostring(doc), kind))
        finally:
            parent.remove(element)
        if not all(whole.startswith(head) for whole in made):
            raise RuntimeError(f"lxml wrote a {kind} feed's head differently with an entry")
        return tuple(whole[len(head):] for whole in made)


def _tostring(doc) -> bytes:
    from lxml import etree

    # As FeedGenerator.atom_str / rss_str with pretty=True.
    return etree.tostring(doc, pretty_print=True, encoding="UTF-8", xml_declaration=True)


def _without_tail(data: bytes, kind: str) -> bytes:
    if not data.endswith(TAIL[kind]):
        raise RuntimeError(f"feedgen wrote a {kind} document not ending in {TAIL[kind]!r}")
    return data[:-len(TAIL[kind])]
