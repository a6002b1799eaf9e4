"""Building one feed (Atom, RSS, JSON Feed) from a list of articles."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from urllib.parse import quote, urljoin

from bs4 import BeautifulSoup

# Dublin Core (dc:creator in RSS) registered by class: feedgen's load_extension("dc") looks
# for a module feedgen.ext.dc_entry first, and that failed import searches sys.path again for
# every feed and entry (a sixth of the feeds' time); these are the classes it then takes.
from feedgen.ext.dc import DcEntryExtension, DcExtension

from site_scheme import FEED_FORMATS, feed_archive

from .fixed_feedgen import TAIL, Entry, Feed
from .heads import Head
from .settings import SCHEMA

EPOCH = datetime(2012, 1, 1, tzinfo=UTC)


@dataclass
class FeedSpec:
    key: str  # stable id part: "all/ru", "category/appeals/ru", "global"
    title: str
    lang: str | None  # None: all languages
    html_url: str  # absolute URL of the HTML page this feed follows
    path: str  # output path without extension: "ru/feeds/all"
    articles: list
    subtitle: str = ""  # what the feed carries, in its language

    def __post_init__(self) -> None:
        self.html_url = iri_to_uri(self.html_url)


# A start tag, its attribute values quoted as Markdown, the linker and nh3 write them (double
# quotes). Text cannot hold a raw "<" (it is escaped), so only real tags match, and a ">" inside
# a quoted value does not end the tag.
_START_TAG = re.compile(r'<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"\'=<>/]+(?:\s*=\s*"[^"]*")?)*\s*/?>')
# Attributes holding one URL (HTML's URL-valued attributes that feed readers load or follow),
# and srcset, a comma-separated list of "URL descriptor".
_URL_ATTR = re.compile(r'(\s(?:href|src|poster|data|cite)\s*=\s*")([^"]*)"')
_SRCSET = re.compile(r'(\ssrcset\s*=\s*")([^"]*)"')
# RFC 3986 reserved characters and "%" stay as they are; everything else outside ASCII's
# unreserved set is percent-encoded as UTF-8 (RFC 3987 section 3.1, IRI to URI).
_URI_SAFE = "/:?#[]@!$&'()*+,;=%~"


def iri_to_uri(iri: str) -> str:
    """An IRI (e.g. a page with a Cyrillic slug) as a URI: non-ASCII characters and spaces
    percent-encoded as UTF-8, reserved characters and existing %XX kept (RFC 3987 3.1)."""
    return quote(iri, safe=_URI_SAFE)


def absolutize(html: str, base: str, page_url: str) -> str:
    """Every URL in `html` absolute and a URI: href, src, poster, data and cite on any element,
    each candidate of srcset. Site-rooted paths get the site URL `base`, fragments and relative
    paths resolve against `page_url` (feed readers show entries outside the site, and xml:base
    is not set). `html` is HTML whose attribute values are double-quoted."""
    from html import escape, unescape

    def resolve(value: str) -> str:
        value = unescape(value).strip()
        if value.startswith("/") and not value.startswith("//"):
            value = base + value
        return escape(iri_to_uri(urljoin(page_url, value)), quote=True)

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match.group(2).split(","):
            parts = candidate.split()
            if parts:
                candidates.append(" ".join([resolve(parts[0]), *parts[1:]]))
        return f'{match.group(1)}{", ".join(candidates)}"'

    def tag(match: re.Match) -> str:
        text = _URL_ATTR.sub(lambda m: f'{m.group(1)}{resolve(m.group(2))}"', match.group(0))
        return _SRCSET.sub(srcset, text)

    return _START_TAG.sub(tag, html)


# Characters XML 1.0 cannot hold (section 2.2): C0 controls other than tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF. lxml refuses them with a traceback; they are invisible on the
# page (browsers drop or show them as blanks), so a space keeps the words apart.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by a space."""
    return _NOT_XML.sub(" ", text)


# A summary that is one paragraph of text without markup or character references (most are):
# its text is the paragraph's, stripped.
_ONE_PARAGRAPH = re.compile(r"<p>([^<&\r\x00]*)</p>")


def summary_text(html: str) -> str:
    """The text of a summary's sanitised HTML as BeautifulSoup's html.parser gives it
    (get_text(" ", strip=True): each string stripped, joined by spaces); a summary of one
    plain paragraph is read without it (BeautifulSoup took 60 µs per summary)."""
    plain = _ONE_PARAGRAPH.fullmatch(html)
    if plain:
        return plain.group(1).strip()
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def tag_specific(text: str) -> str:
    """`text` as part of a tag: URI's specific part: RFC 4151 allows pchar, "/" and "?"
    (RFC 3986), so anything else, non-ASCII included, is percent-encoded."""
    return quote(text, safe="/?:@!$&'()*+,;=~")


def entry_id(settings: dict, article) -> str:
    """Stable across rebuilds and across a change of SITEURL (RFC 4151 tag URI)."""
    return (f"tag:{settings['FEED_TAG_AUTHORITY']}:"
            f"{tag_specific(f'articles/{article.slug}/{article.lang}')}")


def feed_id(settings: dict, spec: FeedSpec) -> str:
    return f"tag:{settings['FEED_TAG_AUTHORITY']}:{tag_specific(f'feeds/{spec.key}')}"


def lead_image(article, settings: dict) -> tuple[str, int, str] | None:
    """(site path, byte length, MIME type) of the article's `Image:` (a file under content/),
    for one enclosure per entry with its real length."""
    import mimetypes
    import os

    image = str(getattr(article, "image", "") or "").strip().lstrip("/")
    path = os.path.join(settings["PATH"], image)
    if not image or not os.path.isfile(path):
        return None
    return image, os.path.getsize(path), mimetypes.guess_type(path)[0] or "application/octet-stream"


def _updated(article) -> datetime:
    return getattr(article, "modified", None) or article.date


FH = "http://purl.org/syndication/history/1.0"


def split(spec: FeedSpec, settings: dict) -> tuple[list, list[list]]:
    """(the current document's entries, newest first; the RFC 5005 archive pages, each a
    list of entries oldest first) when there are more entries than FEED_MAX_ITEMS.

    The subscription document has the FEED_MAX_ITEMS newest entries with their full text.
    Archive pages hold FEED_ARCHIVE_ITEMS entries each (default: FEED_MAX_ITEMS), as title,
    summary and link without the full text: RFC 5005 section 4 makes them the feed's history
    (which entries there were), and a reader that subscribed got each entry's full text from
    the subscription document; the text itself is on the page the entry links to.
    Archive pages are numbered from the oldest entries, so a page keeps its number and content
    as new entries arrive (only the newest, partly filled page grows)."""
    limit = SCHEMA.get(settings, "FEED_MAX_ITEMS") or 0
    size = SCHEMA.get(settings, "FEED_ARCHIVE_ITEMS") or limit
    newest_first = sorted(spec.articles, key=lambda a: (a.date, a.slug), reverse=True)
    current, older = (newest_first[:limit], newest_first[limit:]) if limit else (newest_first, [])
    oldest_first = list(reversed(older))
    pages = [oldest_first[i:i + size] for i in range(0, len(oldest_first), size)] if older \
        else []
    return current, pages


def current_files(spec: FeedSpec, settings: dict, entry_for: Entries, current: list,
                  pages: int, formats: tuple[str, ...] = ("atom", "rss", "json"),
                  ) -> dict[str, bytes]:
    """{file suffix: bytes} of the feed's current document in `formats` (FEED_FORMATS keys):
    .atom.xml, .rss.xml, .json."""
    return _documents(spec, settings, entry_for, current, archive=None, pages=pages,
                      formats=formats)


def archive_files(spec: FeedSpec, settings: dict, entry_for: Entries, number: int, page: list,
                  pages: int) -> dict[str, bytes]:
    """{file suffix: bytes} of archive page `number` (1 = oldest) of `pages`."""
    docs = _documents(spec, settings, entry_for, list(reversed(page)), archive=number,
                      pages=pages)
    return {feed_archive("", number) + ext: data for ext, data in docs.items()
            if ext != FEED_FORMATS["json"]}


def build(spec: FeedSpec, settings: dict, entry_for: Entries) -> dict[str, bytes]:
    # entry_for(article) -> the article's feed entry, made once per build (see Entries).
    """{file suffix: bytes}: .atom.xml, .rss.xml and .json, plus the archive pages
    (-archive-<n>.atom.xml / .rss.xml); see split()."""
    current, pages = split(spec, settings)
    out = current_files(spec, settings, entry_for, current, len(pages))
    for number, page in enumerate(pages, 1):
        out.update(archive_files(spec, settings, entry_for, number, page, len(pages)))
    return out


class Entries:
    """Each article's feed entry, made once per build: an article appears in many feeds (its
    language's, its category's, tags', people's, cases', the global one) and their archives.
    Also the entry's plain title and summary, shared with the JSON Feed, and its bytes in an
    Atom or RSS document (`bytes`), serialised once and shared by every feed that carries it.
    The entry without its full text (archive pages) and with it are one entry's data: the
    full one is the brief one plus its content."""

    def __init__(self, settings: dict, entry_html, category_label=None):
        # category_label(lang, slug) -> the category's name in that language
        self.settings, self.entry_html = settings, entry_html
        self.category_label = category_label or (lambda _lang, slug: slug)
        self.base = settings["FEED_SITEURL"].rstrip("/")
        self._made: dict[int, Entry] = {}
        self._brief: dict[int, Entry] = {}
        self._text: dict[int, tuple[str, str]] = {}
        self._bytes: dict[tuple[int, str, bool], bytes] = {}
        self._wrapper: Feed | None = None

    def authors(self, article) -> list[str]:
        """The article's authors as its page shows them: a catalogue translation carries its
        source's Authors, so the site's own names ("Editorial collective") are given in the
        entry's language from the UI catalogue (ui_i18n/labels.py); other names as written."""
        names = [str(a) for a in getattr(article, "authors", []) or []]
        if getattr(article, "translationsource", None) != "catalogue":
            return names
        from ui_i18n.catalogs import translator
        from ui_i18n.labels import own_name

        gettext = translator(self.settings, article.lang).gettext
        return [own_name(n, gettext) or n for n in names]

    def texts(self, article) -> tuple[str, str]:
        """(title, summary) as plain text: what the page shows (a title is plain text, shown
        as typed, issue 13; a summary is sanitised HTML), with the characters XML 1.0 cannot
        carry as spaces."""
        key = id(article)
        if key not in self._text:
            self._text[key] = (xml_text(str(article.title)),
                               xml_text(summary_text(getattr(article, "summary", "") or "")))
        return self._text[key]

    def __call__(self, article) -> Entry:
        """The article's entry with its full text (subscription documents)."""
        key = id(article)
        if key not in self._made:
            from copy import copy

            # The brief entry's data (feedgen keeps each field in its own attribute, and
            # content() sets new ones) plus the content; the brief one is left as it is.
            entry = copy(self.brief(article))
            entry._xml = None
            entry.content(self.entry_html(article, iri_to_uri(f"{self.base}/{article.url}")),
                          type="html")
            self._made[key] = entry
        return self._made[key]

    def brief(self, article) -> Entry:
        """The article's entry without its full text: title, summary, links, dates
        (archive pages)."""
        key = id(article)
        if key not in self._brief:
            self._brief[key] = self._make(article)
        return self._brief[key]

    def bytes(self, article, kind: str, full_text: bool) -> bytes:
        """The article's entry (with or without its full text) as lxml writes it inside a
        pretty-printed `kind` ("atom" or "rss") document: made once, put into every feed
        document that carries it (Feed.document)."""
        key = (id(article), kind, full_text)
        if key not in self._bytes:
            if self._wrapper is None:
                self._wrapper = new_feed()
                self._wrapper.id("tag:localhost,2000:entry")
                self._wrapper.title("entry")
                self._wrapper.description("entry")
                self._wrapper.link(href="http://localhost/", rel="alternate")
                self._wrapper.updated(EPOCH)
            entry = self(article) if full_text else self.brief(article)
            # The brief entry's bytes come with the full one's, from the same element; not
            # for an RSS item with Media RSS elements, whose namespace prefix lxml numbers
            # after the content's (ns1, not ns0, until _declare_media names it).
            if full_text and (kind == "atom" or not entry.media):
                full, brief = self._wrapper.entry_bytes_both(entry, kind)
                self._bytes[key] = full
                self._bytes.setdefault((id(article), kind, False), brief)
            else:
                self._bytes[key] = self._wrapper.entry_bytes(entry, kind)
        return self._bytes[key]

    def prepare(self, articles: list, full_text: bool,
                kinds: tuple[str, ...] = ("atom", "rss")) -> None:
        """Make now what a document carrying `articles` (with or without their full text)
        takes from this object: each entry, its bytes in `kinds` and its plain texts; a
        document made later takes them as they are."""
        for article in articles:
            for kind in kinds:
                self.bytes(article, kind, full_text)
            if full_text:
                self.texts(article)

    def _make(self, article) -> Entry:
        settings, base = self.settings, self.base
        url = iri_to_uri(f"{base}/{article.url}")
        title, summary = self.texts(article)
        entry = Entry()
        entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
        entry.lang = article.lang
        entry.id(entry_id(settings, article))
        entry.guid(entry_id(settings, article), permalink=False)
        entry.title(title)
        entry.published(article.date)
        entry.updated(_updated(article))
        # Atom's summary is text (type="text"); RSS's description is HTML, so it gets the same
        # text escaped: a summary that is inert on the page stays inert in every reader.
        entry.summary(summary or title)
        entry.rss_description = escape(summary or title, quote=False)
        for author in self.authors(article):
            entry.author(name=xml_text(author))
            entry.dc.dc_creator(xml_text(author))
        # Atom: term and a label in the entry's language; RSS: the label. Given in one call:
        # feedgen checks the whole list and remakes its RSS copy of every category on each
        # call (quadratic in an entry's tags).
        categories = []
        category = getattr(article, "category", None)
        if category is not None:
            categories.append({"term": xml_text(str(category)), "label": xml_text(
                self.category_label(article.lang, str(category)))})
        for tag in getattr(article, "tags", []) or []:
            categories.append({"term": xml_text(str(tag)), "label": xml_text(str(tag))})
        if categories:
            entry.category(categories)
        alternates = [(lang, doc) for lang, doc in
                      (getattr(article, "alternates", None) or {}).items()
                      if lang != article.lang]
        # The translations, then the entry's own page (RSS takes the last as its <link>), in
        # one call: feedgen checks the whole list and looks for RSS's link on every call.
        entry.link([{"href": href, "rel": "alternate", "hreflang": lang, "type": "text/html"}
                    for lang, href in [(lang, iri_to_uri(f"{base}/{doc.url}"))
                                       for lang, doc in alternates] + [(article.lang, url)]])
        entry.rights(getattr(article, "license", "") or SCHEMA.get(settings, "FEED_LICENSE"))
        enclosure = lead_image(article, settings)
        if enclosure:
            image_url = iri_to_uri(f"{base}/{enclosure[0]}")
            entry.enclosure(image_url, str(enclosure[1]), enclosure[2])
            entry.media = {"url": image_url, "length": enclosure[1], "type": enclosure[2],
                           "alt": xml_text(str(getattr(article, "imagealt", "") or ""))}
        return entry


def new_feed() -> Feed:
    """A Feed with the extensions every feed of the site has (Dublin Core, for RSS)."""
    fg = Feed()
    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    return fg


def _documents(spec: FeedSpec, settings: dict, entry_for: Entries, items: list,
               archive: int | None, pages: int,
               formats: tuple[str, ...] = ("atom", "rss", "json")) -> dict[str, bytes]:
    base = settings["FEED_SITEURL"].rstrip("/")
    name = feed_archive(spec.path, archive) if archive else spec.path
    updated = max((_updated(a) for a in items), default=EPOCH)
    out = {}
    for kind in (k for k in ("atom", "rss") if k in formats):
        self_url = iri_to_uri(f"{base}/{name}{FEED_FORMATS[kind]}")

        def archive_url(number: int, kind: str = kind) -> str:
            return iri_to_uri(f"{base}/{feed_archive(spec.path, number, kind)}")
        # The feed's own elements, written from a template per shape (heads.py).
        fg = Head(new_feed)
        fg.id(feed_id(settings, spec) + (f"/archive/{archive}" if archive else ""))
        fg.title(spec.title)
        # Atom's subtitle is text; RSS's channel <description> is HTML to readers (feedparser
        # says text/html), so a tag name in it ("Every text tagged “…”") is escaped there.
        # feedgen's subtitle() sets both; each kind has its own Feed.
        about = spec.subtitle or spec.title
        fg.subtitle(about if kind == "atom" else escape(about, quote=False))
        fg.updated(updated)
        fg.lastBuildDate(updated)
        if spec.lang:
            fg.language(spec.lang)
        fg.rights(SCHEMA.get(settings, "FEED_LICENSE"))
        fg.generator("Left Political Prisoners site (Pelican)", uri=None)
        fg.link(href=self_url, rel="self", type=f"application/{kind}+xml")
        if archive:
            fg.link(href=iri_to_uri(f"{base}/{spec.path}{FEED_FORMATS[kind]}"), rel="current")
            if archive > 1:
                fg.link(href=archive_url(archive - 1), rel="prev-archive")
            # The newest archive page is followed by the subscription document itself: an
            # archive linked to no neighbour is "Archive incomplete" to the W3C validator.
            fg.link(href=archive_url(archive + 1) if archive < pages
                    else iri_to_uri(f"{base}/{spec.path}{FEED_FORMATS[kind]}"),
                    rel="next-archive")
        elif pages:
            fg.link(href=archive_url(pages), rel="prev-archive")
        if SCHEMA.get(settings, "WEBSUB_HUB"):
            fg.link(href=settings["WEBSUB_HUB"], rel="hub")
        if SCHEMA.get(settings, "FEED_LICENSE_URL"):
            fg.link(href=settings["FEED_LICENSE_URL"], rel="license")
        fg.link(href=spec.html_url, rel="alternate", type="text/html")  # RSS <link>: last
        entry = entry_for.brief if archive else entry_for
        chunks = [entry_for.bytes(a, kind, not archive) for a in items]
        if archive and kind == "atom":
            out[FEED_FORMATS[kind]] = _atom_archive(fg, chunks)
            continue
        data = fg.document(kind, chunks)
        if kind == "rss" and any(entry(a).media for a in items):
            data = _declare_media(data)
        out[FEED_FORMATS[kind]] = _mark_archive(data, kind) if archive else data
    if not archive and "json" in formats:  # JSON Feed has no archive pages
        out[FEED_FORMATS["json"]] = _json_feed(spec, settings, items, entry_for, base)
    return out


def _declare_media(data: bytes) -> bytes:
    """Declare the Media RSS namespace once on <rss> (lxml would repeat it on every item)."""
    from lxml import etree

    from .fixed_feedgen import MEDIA

    root = etree.fromstring(data)
    etree.cleanup_namespaces(root, top_nsmap={"media": MEDIA})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _atom_archive(fg: Feed | Head, chunks: list[bytes]) -> bytes:
    """_mark_archive(fg.document("atom", chunks), "atom") without re-reading every entry.

    Re-reading and writing a document gives back its bytes, except where it declares
    namespaces (the marker's is added at the root, unused ones go) and for elements with
    empty text (written back as <x/>): entries that declare no namespace and hold no empty
    element (their bytes have neither "xmlns" nor "></") come back as they were. So the
    head is marked with the first entry (the marker goes just before it) and the other
    entries follow unchanged; any other page is re-read whole."""
    tail = TAIL["atom"]
    if chunks and not any(b"xmlns" in c or b"></" in c for c in chunks):
        marked = _mark_archive(fg.document("atom", chunks[:1]), "atom")
        if marked.endswith(chunks[0].lstrip(b" ") + tail):
            return marked[:-len(tail)] + b"".join(chunks[1:]) + tail
    return _mark_archive(fg.document("atom", chunks), "atom")


def _mark_archive(data: bytes, kind: str) -> bytes:
    """Add RFC 5005's <fh:archive/> to an archive document."""
    from lxml import etree

    root = etree.fromstring(data)
    parent = root if kind == "atom" else root.find("channel")
    marker = etree.Element(f"{{{FH}}}archive")
    # Metadata (extensions included) comes before the first entry/item (RFC 4287 4.1.1).
    first = parent.find("{http://www.w3.org/2005/Atom}entry" if kind == "atom" else "item")
    if first is not None:
        first.addprevious(marker)
    else:
        parent.append(marker)
    etree.cleanup_namespaces(root, top_nsmap={"fh": FH})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _json_feed(spec: FeedSpec, settings: dict, items, entry_for: Entries, base: str) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": spec.html_url,
        "description": spec.subtitle,
        "feed_url": iri_to_uri(f"{base}/{spec.path}{FEED_FORMATS['json']}"),
        "items": [],
    }
    if spec.lang:
        feed["language"] = spec.lang
    for article in items:
        url = iri_to_uri(f"{base}/{article.url}")
        title, summary = entry_for.texts(article)
        item = {
            "id": entry_id(settings, article),
            "url": url,
            "title": title,
            "content_html": entry_for.entry_html(article, url),
            "summary": summary,
            "date_published": article.date.isoformat(),
            "date_modified": _updated(article).isoformat(),
            "language": article.lang,
            "tags": [str(t) for t in getattr(article, "tags", []) or []],
            "authors": [{"name": a} for a in entry_for.authors(article)],
        }
        media = entry_for(article).media
        if media:
            item["image"] = media["url"]  # JSON Feed 1.1: the main image (no alt field)
        feed["items"].append(item)
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode()
