"""Internal links of a translated version lead to the version in the reader's language.

A text's links were written for the readers of its source language: a catalogue version shows
its original's links (translators may not change a target: content_i18n/checks.py), and an
editor's translation made as a Markdown file usually keeps the original's. So in a version in
language L whose source language S is another (a catalogue version: its original's language; a
Markdown file: its `OriginalLanguage`, else the site's default language when the text has a
Markdown version in it: source_of), every link to a page of this site in S that has a version
in L goes to that version. A link to a page with no
version in L keeps its URL and gets `hreflang` (the theme's mark of a link into another
language, as the switcher and "Read the original" do); so does a link to a page in a third
language, which the text chose on purpose, and is kept. A text in its own source language
(an original) is never changed: its links to other languages are deliberate.

What a link names is read with site_scheme.parse (the one source of the URL patterns); which
versions exist comes from the translation map (documents: `alternates`), the languages' own
tags (tag pages and feeds), and site_scheme's `every_language` (every other address is written
in every language). Site-relative paths, paths relative to the page the text was written for
(a catalogue version: its original's URL), absolute URLs on SITEURL, Pelican's `{filename}`
and `{index}` are read (a folder's address with or without its final "/"); fragments and
queries are kept; `{static}`/`{attach}`, other hosts, mailto: and addresses no pattern names
(static files, a listing's page 2, feed archives) are never touched. A rewritten link is
written as the prisoner linker writes its links: `SITEURL/<url>`.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import site_scheme
from private_api import content_html, set_content_html, set_summary

# A start tag of a link, and each of its attributes (the sanitiser, nh3, writes every value
# double-quoted, with `"` and `&` escaped: safe_input.sanitiser), read one after the other so
# that "href=" inside another attribute's value is never taken for the href.
_LINK = re.compile(r'<a\s(?:[^>"]|"[^"]*")*>', re.I)  # a ">" in a quoted value is text
_ATTRIBUTE = re.compile(r'\s+([^\s"\'>/=]+)(?:\s*=\s*"([^"]*)")?')


@dataclass
class Targets:
    """What the build publishes, for mapping links: `documents` {site path: document} of
    every published article and page (each with `alternates`, multilang.translation_map);
    `tags` {lang: tag slugs its texts carry}; `generated` Pelican's `generated_content`
    {source path: document} for `{filename}` links; `siteurl` SITEURL without its final /;
    `written_in_default` (document class name, slug) of every text with a published version
    written in the default language (not made from a catalogue): source_of."""

    documents: dict[str, object] = field(default_factory=dict)
    tags: dict[str, set[str]] = field(default_factory=dict)
    generated: dict[str, object] = field(default_factory=dict)
    siteurl: str = ""
    written_in_default: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, articles: Iterable, pages: Iterable, generated: dict, siteurl: str) -> Targets:
        """Targets of the published `articles` and `pages` (every language's, each with
        `alternates`); a language's tags are its articles' (multilang.listings writes a tag's
        page in the languages whose articles carry it; plugins/feeds its feed)."""
        found = cls(generated=generated, siteurl=siteurl.rstrip("/"))
        for doc in articles:
            found.documents[_normal(doc.url)] = doc
            found.tags.setdefault(doc.lang, set()).update(
                t.slug for t in getattr(doc, "tags", None) or [])
        for doc in pages:
            found.documents[_normal(doc.url)] = doc
        for doc in (*articles, *pages):
            if doc.lang == site_scheme.DEFAULT_LANG and \
                    getattr(doc, "translationsource", "") != "catalogue":
                found.written_in_default.add((type(doc).__name__, doc.slug))
        return found

    def version(self, path: str, lang: str) -> tuple[str, str | None] | None:
        """(path of the version in `lang` or None, language of `path`) of the page at the
        site path `path`, or None when the build publishes nothing there that has language
        versions (a static file, a site-wide file, an unknown address)."""
        doc = self.documents.get(_normal(path))
        if doc is not None:
            there = (getattr(doc, "alternates", None) or {}).get(lang)
            return doc.lang, (there.url if there is not None else None)
        address = site_scheme.parse(path)
        if address is None or site_scheme.pattern(address.name).site_wide:
            return None
        item = site_scheme.pattern(address.name)
        if address.name in ("tag", "feed-tag"):
            exists = address.fields.get("slug") in self.tags.get(lang, set())
        elif item.every_language:
            exists = True
        else:
            return None  # a document's address where no document is: left to the checks
        url = site_scheme.url(address.name, lang, address.fmt, **address.fields)
        return address.lang, (url if exists else None)


def _normal(path: str) -> str:
    """A site path as compared: no leading "/", no "index.html", percent-decoded."""
    path = unquote(path.lstrip("/"))
    return path[: -len("index.html")] if path.endswith("index.html") else path


def source_of(doc, targets: Targets) -> tuple[str, str] | None:
    """(language, site URL) the links of `doc` were written for: a catalogue version's
    original's; a Markdown file's `OriginalLanguage` and its own URL. Without one, the default
    language when the text has a published Markdown version in it (the file it was
    translated from), else its own: an original (a text only in Russian, or the source of
    catalogue versions) is never changed. None when a catalogue version's original is not
    published."""
    if getattr(doc, "translationsource", "") == "catalogue":
        for other in (getattr(doc, "alternates", None) or {}).values():
            if other.source_path == doc.source_path and \
                    getattr(other, "translationsource", "") != "catalogue":
                return other.lang, other.url
        return None
    declared = str(getattr(doc, "originallanguage", "") or "").strip().lower()
    if declared in site_scheme.LANGUAGES:
        return declared, doc.url
    if (type(doc).__name__, doc.slug) in targets.written_in_default:
        return site_scheme.DEFAULT_LANG, doc.url
    return doc.lang, doc.url


def _intrasite(href: str, settings: dict) -> tuple[str, str] | None:
    """(what, value) of Pelican's `{what}value` link syntax (INTRASITE_LINK_REGEX)."""
    found = re.match(f"(?:{settings.get('INTRASITE_LINK_REGEX', '[{|](?P<what>.*?)[|}]')})"
                     "(?P<value>.*)$", href, re.S)
    return (found.group("what"), found.group("value")) if found else None


def _linked_document(doc, value: str, targets: Targets):
    """The document `{filename}value` names (Pelican's rule: from the content root with a
    leading "/", else from the linking document's folder), or None."""
    path = urlsplit(value).path
    for candidate in (path, unquote(path)):
        if candidate.startswith("/"):
            key = candidate[1:]
        else:
            key = posixpath.normpath(posixpath.join(
                posixpath.dirname(doc.relative_source_path.replace("\\", "/")), candidate))
        if key in targets.generated:
            return targets.generated[key]
    return None


def localise_href(href: str, doc, source: tuple[str, str], targets: Targets,
                  settings: dict) -> tuple[str, str | None]:
    """(href, hreflang or None) of one link of `doc` (a version in `doc.lang`, written for
    `source` = (language, site URL): source_of). The href comes back as it was (the same
    string) when it already leads where it should; hreflang names the language of a page in
    another language than the document's that the link keeps."""
    lang = doc.lang
    source_lang, written_for = source
    site = targets.siteurl
    syntax = _intrasite(href, settings)
    if syntax is not None:
        what, value = syntax
        parts = urlsplit(value)
        if what == "filename":
            linked = _linked_document(doc, value, targets)
            if linked is None:
                return href, None  # Pelican warns about it
            path = linked.url
        elif what == "index":
            path = site_scheme.url("index", site_scheme.DEFAULT_LANG)
        else:
            return href, None  # {static}, {attach}: no language; {tag}, {category}: Pelican's
        as_is = _normal(path)  # Pelican replaces the syntax with the address
    else:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            if not site or not href.startswith(site + "/"):
                return href, None  # another host, mailto:: never touched
            parts = urlsplit(href[len(site) + 1:])
            path = as_is = parts.path
        elif not parts.path:
            return href, None  # "#fragment", "?query": this page
        else:
            raw, site_path = parts.path, urlsplit(site).path
            if site_path and raw.startswith(site_path + "/"):
                raw = raw[len(site_path):]
            # A relative path leads from the page the text was written for; on this page it
            # leads from this page's URL.
            path = urljoin("/" + written_for, raw)[1:]
            as_is = urljoin("/" + doc.url, raw)[1:]
    found = targets.version(path, lang)
    if found is None and path and not path.endswith("/"):
        # A folder's address without its final "/" (`/letters/now`): the server redirects
        # and the link check accepts it (site_checks.model), so it names that page too.
        path, as_is = path + "/", as_is + "/"
        found = targets.version(path, lang)
    if found is None:
        return href, None
    target_lang, there = found
    final, mark = _normal(path), (target_lang if target_lang != lang else None)
    if target_lang == source_lang and there is not None:
        final, mark = _normal(there), None
    if final.startswith(("/", "\\")):
        return href, None  # never "//host" (browsers read a backslash as "/"): no page here
    if _normal(as_is) == final:
        return href, mark
    new = f"{site}/{final}"
    if parts.query:
        new += "?" + parts.query
    if parts.fragment:
        new += "#" + parts.fragment
    return new, mark


def localise(text: str, doc, source: tuple[str, str], targets: Targets, settings: dict) -> str:
    """`text` (HTML of `doc`, a version) with every link rewritten by localise_href and marked
    with `hreflang` where it leads into another language."""
    if "<a" not in text:
        return text

    def link(match: re.Match) -> str:
        tag = match.group(0)
        attributes = {m.group(1).lower(): m for m in _ATTRIBUTE.finditer(tag, 2)}
        found = attributes.get("href")
        if found is None or found.group(2) is None:
            return tag
        href = html.unescape(found.group(2))
        new, mark = localise_href(href, doc, source, targets, settings)
        if new != href:
            tag = tag[: found.start(2)] + html.escape(new, quote=True) + tag[found.end(2):]
        if mark and "hreflang" not in attributes:
            tag = tag[:-1].rstrip("/").rstrip() + f' hreflang="{html.escape(mark)}">'
        return tag

    return _LINK.sub(link, text)


def localise_document(doc, targets: Targets, settings: dict) -> None:
    """Rewrite the links of one version's content and summary, in place (a published one,
    or a draft's preview or hidden document: multilang._UNLISTED); a text in its own source
    language, or a catalogue version whose original is not published (source_of), is left
    as it is."""
    source = source_of(doc, targets)
    if source is None or source[0] == doc.lang:
        return
    body = content_html(doc)
    new = localise(body, doc, source, targets, settings)
    if new != body:
        set_content_html(doc, new)
    summary = doc.metadata.get("summary")
    if summary:
        new = localise(str(summary), doc, source, targets, settings)
        if new != summary:
            set_summary(doc, new)
