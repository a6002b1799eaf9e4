"""The one HTML sanitiser: every piece of HTML written by a contributor reaches a page only
through :func:`clean`, configured once here (nh3, the Python binding of Rust's ammonia).

Allowed — what Markdown (with this site's extensions) writes, plus the few raw tags editors use:

- Tags (:data:`TAGS`): text structure (p, h1–h6, blockquote, lists, dl, hr, br, pre, code,
  details/summary, figure/figcaption), inline text (a, em, strong, b, i, s, del, ins, sub, sup,
  abbr, cite, q, kbd, mark, small, span), tables (table, caption, thead, tbody, tfoot, tr, th,
  td), img, audio, video, source and track (recordings of hearings and interviews: issue 15's
  `<audio controls src="{static}/…mp3">`), and div (the footnotes block). Everything else is
  removed: no script, style, svg,
  math, iframe, object, embed, form elements, meta, link, base.
- Attributes (:data:`ATTRIBUTES`): on every tag ``lang``, ``id`` (footnotes, headings),
  ``class`` (footnote links), ``title`` (abbr, footnote back-links); ``href`` on a; ``src``,
  ``alt``, ``width``, ``height``, ``srcset``, ``sizes`` on img; ``src``, ``controls``,
  ``preload``, ``loop``, ``muted`` (and ``poster``, ``width``, ``height``, ``playsinline`` on
  video) on audio/video; ``src``, ``srcset``, ``type``, ``media``, ``sizes`` on source;
  ``src``, ``kind``, ``srclang``, ``label``, ``default`` on track; ``start``/``reversed`` on ol;
  ``colspan``/``rowspan`` on th/td. Nothing else: no ``style`` (except below), no ``on*``
  event handler, no ``ping``, no ``formaction``.
- ``style`` only on th/td and only with exactly the three values Markdown's tables extension
  writes for column alignment (:data:`TABLE_ALIGN`); the site's Content-Security-Policy hashes
  the same three (``CSP_STYLE_ATTRIBUTES`` in pelicanconf.py).
- URL schemes (:data:`URL_SCHEMES`): http, https, mailto; and relative URLs: site-relative
  (``/…``, ``../…``, Pelican's ``{filename}``/``{static}``) and fragments (``#fn:1``). A URL
  with any other scheme (javascript:, data:, vbscript:, file:…) loses the attribute: they are
  not listed, so they cannot get through. Protocol-relative ``//host/…`` is not relative.
- Media load only from the site itself: the ``src`` of img, audio, video, source and track,
  every ``srcset`` candidate and video's ``poster`` must be relative (copy the file into
  content/images); a file from another host would tell it who reads the page.

:func:`refusals` says what :func:`clean` would remove, so that an editor's text is refused with
the reason instead of silently changed.
"""

from __future__ import annotations

import re

import lxml.html
import nh3

TAGS = frozenset({
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "source", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "track", "ul", "video",
})
GLOBAL_ATTRIBUTES = frozenset({"lang", "id", "class", "title"})
ATTRIBUTES = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "audio": {"src", "controls", "preload", "loop", "muted"},
    "video": {"src", "controls", "preload", "loop", "muted", "poster", "width", "height",
              "playsinline"},
    "source": {"src", "srcset", "type", "media", "sizes"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
TABLE_ALIGN = frozenset({"text-align: left;", "text-align: center;", "text-align: right;"})
TAG_ATTRIBUTE_VALUES = {"td": {"style": set(TABLE_ALIGN)}, "th": {"style": set(TABLE_ALIGN)}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "srcset"})
# Attributes that load a file without a click: only from the site itself.
LOADING = frozenset({"src", "poster", "srcset"})

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def _as_browser_reads(url: str) -> str:
    """``url`` as a browser's URL parser reads it (WHATWG URL Standard, basic URL parser):
    leading and trailing C0 controls and spaces removed ("&#1;//host/x" is "//host/x"), and
    tabs and newlines anywhere ("java\tscript:")."""
    return re.sub(r"[\t\n\r]", "", url.strip(_C0_OR_SPACE))


def _scheme(url: str) -> str | None:
    found = _SCHEME.match(_as_browser_reads(url))
    return found.group(1).lower() if found else None


def _relative_ok(url: str) -> str | None:
    """nh3's hook for relative URLs: keep them, except protocol-relative ones (another host)."""
    return None if _as_browser_reads(url).startswith(("//", "\\\\", "/\\", "\\/")) else url


def _urls(attr: str, value: str) -> list[str]:
    """The URLs of one attribute value: a srcset's candidates (URL, then a width or density
    descriptor, comma-separated; HTML's "parse a srcset attribute"), else the value."""
    if attr != "srcset":
        return [value]
    return [c.strip().split()[0] for c in value.split(",") if c.strip()]


def _from_elsewhere(url: str) -> bool:
    """A URL that names a scheme or another host (not a file of this site)."""
    return _scheme(url) is not None or _relative_ok(url) is None


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr in LOADING and any(_from_elsewhere(u) for u in _urls(attr, value)):
        return None  # media only from the site itself
    return value


def clean(html: str) -> str:
    """``html`` with everything outside the allowlist removed (tags unwrapped, their text kept;
    script and style removed with their content; comments removed)."""
    return nh3.clean(
        html, tags=set(TAGS), attributes=ATTRIBUTES, tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=set(URL_SCHEMES), url_relative=_relative_ok,
        attribute_filter=_attribute_filter, link_rel=None, strip_comments=True)


# Why a tag or URL is refused, for the message only (the allowlist above decides).
_WHY = {
    "script": "scripts run in readers' browsers",
    "iframe": "embeds load another site (and tell it who reads this page)",
    "frame": "embeds load another site", "object": "embeds load another site",
    "embed": "embeds load another site", "svg": "SVG can load images from other hosts",
    "form": "forms send readers' input elsewhere", "input": "forms send readers' input elsewhere",
    "button": "forms send readers' input elsewhere",
    "style": "page-wide styles belong in the theme",
    "link": "links to stylesheets or scripts belong in the theme",
    "meta": "meta tags belong in the theme (a meta refresh sends readers elsewhere)",
    "base": "it changes every link on the page",
}


def _elsewhere_advice(tag: str, translation: bool) -> str:
    """What to do about media from another host: an editor copies the file into the site; a
    translator may not add media at all (a msgstr keeps the msgid's markup and targets)."""
    if not translation:
        return "copy the file into content/images and use {static}/images/…"
    what = "image" if tag == "img" else "media file"
    return (f"remove the {what} from the translation: {what}s are added by an editor, in the "
            "source text")


def refusals(html: str, translation: bool = False) -> list[tuple[tuple[str, ...], str]]:
    """What :func:`clean` would remove from ``html``, as (needles, message) pairs: ``needles``
    are texts to look for in the source, best first (to find its line; the source may spell
    it with entities), ``message`` names what and why. ``translation``: ``html`` is a
    translator's msgstr, so the advice is a translator's (remove it), not an editor's."""
    if "<" not in html:
        return []
    found: dict[str, tuple[str, str]] = {}
    for el in lxml.html.fragments_fromstring(f"<div>{html}</div>"):
        if not isinstance(el, lxml.html.HtmlElement):
            continue
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue  # comments: removed, but an editor's comment is never shown anyway
            tag = node.tag.lower().rsplit("}", 1)[-1]
            if node is el:
                continue  # the wrapper
            if tag not in TAGS:
                why = _WHY.get(tag, "only the tags listed in plugins/safe_input/sanitiser.py "
                                    "may be used")
                found.setdefault(f"<{tag}", ((f"<{tag}",), f"<{tag}> is not allowed in a text: "
                                                           f"{why}; remove it"))
                continue
            for attr, value in node.attrib.items():
                attr = attr.lower()
                problem = _attribute_problem(tag, attr, value, translation)
                if problem:
                    found.setdefault(problem[1], ((problem[0], f"{attr}=", f"<{tag}"),
                                                  problem[1]))
    return list(found.values())


def _attribute_problem(tag: str, attr: str, value: str,
                       translation: bool = False) -> tuple[str, str] | None:
    if attr.startswith("on"):
        return attr, f"the {attr}= attribute on <{tag}> runs script; remove it"
    if attr == "style" and value.strip() in TAG_ATTRIBUTE_VALUES.get(tag, {}).get("style", ()):
        return None
    if attr not in GLOBAL_ATTRIBUTES and attr not in ATTRIBUTES.get(tag, ()):
        why = ("styles belong in the theme" if attr == "style" else "only the attributes "
               "listed in plugins/safe_input/sanitiser.py may be used")
        return f"{attr}=", f"the {attr}= attribute on <{tag}> is not allowed in a text: {why}; " \
                           "remove it"
    if attr in URL_ATTRIBUTES:
        for url in _urls(attr, value):
            scheme = _scheme(url)
            if scheme is not None and scheme not in URL_SCHEMES:
                what = "runs script" if scheme == "javascript" else "is not a web address"
                return f"{scheme}:", (f"a {scheme}: URL in <{tag} {attr}> {what}; only http, "
                                      "https, mailto and links within the site are allowed; "
                                      "remove it")
            if _relative_ok(url) is None or (attr in LOADING and scheme is not None):
                advice = _elsewhere_advice(tag, translation)
                return url.strip(), (f"<{tag} {attr}> loads {_as_browser_reads(url)} from "
                                     f"another host, which learns who reads the page; {advice}")
    return None
