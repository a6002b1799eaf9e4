"""plugins/site_scheme is the one source of the languages, the language-prefix rule and every
URL pattern: each pattern's example is a real file of the built sample site, and no other
module (plugins, theme, tasks.py, bench/, settings, the tests' helpers) writes a language
list, the prefix rule or a pattern of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import site_scheme
from tests.sitebuild import ROOT


def _example_files(name: str, found: site_scheme.Pattern) -> list[str]:
    """Output paths the example of pattern `name` gives, in each language it exists in."""
    if found.site_wide and "{lang}" not in found.path:
        langs: tuple = (None,)
    else:
        langs = found.example_langs or site_scheme.LANGUAGES
    formats = found.formats or (None,)
    return [site_scheme.save_as(name, lang, fmt, **found.example)
            for lang in langs for fmt in formats]


def test_every_pattern_resolves_to_files_of_the_built_sample_site(site):
    missing = [(name, path) for name, found in site_scheme.PATTERNS.items() if found.in_sample
               for path in _example_files(name, found) if not (site.out_dir / path).is_file()]
    assert missing == []
    # The only addresses without an example in the sample site (tests/test_editing.py builds
    # drafts, tests/test_letters_kit.py letter sheets); a new pattern needs an example.
    assert [n for n, p in site_scheme.PATTERNS.items() if not p.in_sample] == \
        ["draft", "letter-sheet"]


def test_the_prefix_rule_puts_the_default_language_at_the_root():
    assert site_scheme.prefix(site_scheme.DEFAULT_LANG) == ""
    assert site_scheme.prefix(None) == ""
    assert site_scheme.prefix("uk") == "uk/"
    assert site_scheme.url("profile", "ru", slug="a-b") == "ru/prisoners/a-b/"
    assert site_scheme.save_as("index", "de") == "de/index.html"
    assert site_scheme.save_as("index", "en") == "index.html"
    assert site_scheme.url("feed-all", "fr", "json") == "fr/feeds/all.json"
    assert site_scheme.url("feed-global", "fr", "atom") == "feeds/global.atom.xml"
    assert site_scheme.url("sitemap", "es") == "sitemap-es.xml"
    assert site_scheme.lang_of("uk/tag/x/") == "uk"
    assert site_scheme.lang_of("tag/x/") == "en"
    assert site_scheme.folder("feed-tag", "ru") == "ru/feeds/tag/"
    assert site_scheme.folder("feed-all", "ru") == "ru/feeds/"


def test_pelicans_document_urls_are_made_from_the_same_patterns():
    made = site_scheme.pelican_settings()
    for name in ("article", "page", "draft"):
        key = name.upper()
        for lang in site_scheme.LANGUAGES:
            # Pelican formats *_URL for the default language and *_LANG_URL for the others.
            pelican = made[f"{key}_URL"] if lang == site_scheme.DEFAULT_LANG \
                else made[f"{key}_LANG_URL"]
            assert pelican.format(slug="x", lang=lang) == site_scheme.url(name, lang, slug="x")


def test_parse_reads_back_every_address_url_makes():
    # Each pattern's example in each language and format: parse is url's inverse (a fixed
    # address such as "how-to-write/" wins over the page pattern "{slug}/" that holds it too).
    for name, found in site_scheme.PATTERNS.items():
        fields = found.example or ({"slug": "x"} if "{slug}" in found.path else {})
        langs = (None,) if found.site_wide and "{lang}" not in found.path \
            else site_scheme.LANGUAGES
        for lang in langs:
            for fmt in found.formats or (None,):
                url = site_scheme.url(name, lang, fmt, **fields)
                back = site_scheme.parse(url)
                assert back == site_scheme.Address(name, lang, fields, fmt), url
    assert site_scheme.parse("/ru/letters/now/index.html") == site_scheme.Address(
        "letters-now", "ru", {})
    assert site_scheme.parse("ru/feeds/all-archive-2.atom.xml") is None  # no pattern
    assert site_scheme.parse("images/a.png") is None


def test_an_unknown_pattern_says_where_to_declare_it():
    with pytest.raises(site_scheme.UnknownPattern, match="add it to PATTERNS in plugins/"):
        site_scheme.url("letter")


# ---- No copies --------------------------------------------------------------------------------

# Code, not tests: a test may write an expected URL out (it is what the test checks).
SCANNED = [*sorted(p for p in (ROOT / "plugins").rglob("*.py") if "tests" not in p.parts),
           ROOT / "tasks.py", ROOT / "pelicanconf.py",
           ROOT / "publishconf.py", *sorted((ROOT / "bench").glob("*.py")),
           ROOT / "tests" / "sitebuild.py", ROOT / "tests" / "conftest.py",
           ROOT / "tests" / "feed_tools.py"]
TEMPLATES = sorted((ROOT / "theme" / "templates").glob("*.html"))
HOME = ROOT / "plugins" / "site_scheme"

# Where a copy is right, with the reason.
ALLOWED = {
    # Declension and surname rules of the two Cyrillic languages, not the site's languages.
    ("plugins/prisoner_links/context.py", "language list"),
    ("plugins/prisoner_links/preview.py", "language list"),
    # Languages written in Latin letters (name forms; the synthetic people's names).
    ("plugins/prisoner_links/forms.py", "language list"),
    ("bench/corpus.py", "language list"),
    # Source files, not addresses: the theme's icon, the UI catalogue template.
    ("plugins/favicon/__init__.py", "pattern 'favicon.ico'"),
    ("tasks.py", "pattern 'translations/'"),
    # An entry's tag: id (RFC 4151) names its article path once and must never change, even
    # if the URL scheme does (plugins/feeds/build.py feed_id/entry_id).
    ("plugins/feeds/build.py", "pattern 'articles/'"),
    ("plugins/feeds/build.py", "pattern 'feeds/'"),
    # A feed's key ("cases/<slug>/<lang>") is its identity in that tag: id, not its URL.
    ("plugins/feeds/__init__.py", "pattern 'category/'"),
    ("plugins/feeds/__init__.py", "pattern 'tag/'"),
    ("plugins/feeds/__init__.py", "pattern 'cases/'"),
    ("plugins/feeds/__init__.py", "pattern 'prisoners/'"),
    ("plugins/feeds/__init__.py", "pattern 'actions/'"),
}


def _fragments() -> list[str]:
    """The fixed beginnings of every pattern ("prisoners/", "sitemap-", "prisoners.json")
    and the feed suffixes: a string starting with one of them is a URL pattern."""
    found = set(site_scheme.FEED_FORMATS.values()) - {".json"}
    for pattern in site_scheme.PATTERNS.values():
        fixed = pattern.path.split("{", 1)[0]
        first = fixed.split("/", 1)[0] + ("/" if "/" in fixed else "")
        if len(first) > 3:
            found.add(first)
    return sorted(found)


LANG_CODES = set(site_scheme.LANGUAGES)


def _is_language_list(node: ast.AST) -> bool:
    if not isinstance(node, ast.List | ast.Tuple | ast.Set) or len(node.elts) < 2:
        return False
    return all(isinstance(e, ast.Constant) and e.value in LANG_CODES for e in node.elts)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


# The prefix rule written out: f"{lang}/…", f"{x}/…", and the file-name suffix f".{lang}".
PREFIX_RULE = re.compile(r"""^f["'](\{(lang|x|other)\}/|\.\{(lang|x|other)\}["'])""")


def _copies(path: Path) -> list[tuple[str, str]]:
    """(what, where) for each language list, prefix rule or URL pattern in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    fragments = _fragments()
    found = []
    for node in ast.walk(tree):
        line = f"line {getattr(node, 'lineno', '?')}"
        if _is_language_list(node):
            found.append(("language list", line))
        elif isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant) \
                and node.body.value == "" and "LANG" in ast.unparse(node.test).upper():
            found.append(("prefix rule", line))
        elif isinstance(node, ast.JoinedStr):
            if PREFIX_RULE.match(ast.unparse(node)):
                found.append(("prefix rule", line))
            # A pattern after a placeholder: f"{prefix}prisoners/{slug}/"
            parts = node.values
            for before, part in zip(parts, parts[1:], strict=False):
                if isinstance(before, ast.FormattedValue) and isinstance(part, ast.Constant):
                    found += [(f"pattern {f!r}", line) for f in fragments
                              if str(part.value).startswith(f)]
            if parts and isinstance(parts[0], ast.Constant):
                found += [(f"pattern {f!r}", line) for f in fragments
                          if str(parts[0].value).startswith(f)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docs:
            found += [(f"pattern {f!r}", line) for f in fragments if node.value.startswith(f)
                      and node.value not in site_scheme.PATTERNS  # a pattern's name
                      and not _inside_joined(tree, node)]
    return found


def _inside_joined(tree: ast.AST, target: ast.Constant) -> bool:
    return any(isinstance(n, ast.JoinedStr) and any(v is target for v in n.values)
               for n in ast.walk(tree))


def test_no_module_but_site_scheme_writes_languages_prefixes_or_url_patterns():
    found = []
    for path in SCANNED:
        if HOME in path.parents:
            continue
        rel = path.relative_to(ROOT).as_posix()
        found += [f"{rel}: {where}: {what}" for what, where in _copies(path)
                  if (rel, what) not in ALLOWED]
    assert found == []


def test_no_template_writes_a_url_pattern():
    fragments = [f for f in _fragments() if not f.startswith(".")]
    found = []
    for path in TEMPLATES:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        # An address in an attribute or an expression: after "/", "}}" or a quote.
        for fragment in [*fragments, *site_scheme.FEED_FORMATS.values()]:
            for hit in re.finditer(r"""(?:\}\}|["'/])""" + re.escape(fragment), text):
                found.append(f"{path.name}: {fragment!r} at offset {hit.start()}")
        for hit in re.finditer(r"""for \w+ in \[\s*["'](en|ru|uk|de|fr|es)["']""", text):
            found.append(f"{path.name}: a language list at offset {hit.start()}")
    assert found == []


def test_the_grep_finds_each_kind_of_copy(tmp_path):
    """The check above can fail: one file with each kind of copy is reported."""
    sample = tmp_path / "copies.py"
    sample.write_text(
        'LANGS = ("en", "ru", "uk")\n'
        'def f(settings, lang, slug):\n'
        '    prefix = "" if lang == settings["DEFAULT_LANG"] else f"{lang}/"\n'
        '    return f"{prefix}cases/{slug}/", "prisoners.json", f"{lang}/translate/"\n',
        encoding="utf-8")
    kinds = sorted({what for what, _ in _copies(sample)})
    assert kinds == ["language list", "pattern 'cases/'", "pattern 'prisoners.json'",
                     "prefix rule"]


def test_every_address_a_template_asks_for_is_declared():
    asked = {m.group(1) for path in TEMPLATES
             for m in re.finditer(r"""url_for\(\s*["']([^"']+)["']""",
                                  path.read_text(encoding="utf-8"))}
    assert asked and asked - set(site_scheme.PATTERNS) == set()


# What making a slug by hand looks like: transliterating, or reducing text to [a-z0-9-].
SLUG_BY_HAND = re.compile(r"unidecode|(?<!slugs )import slugify|utils import .*slugify|"
                          r"def \w*slugify|"
                          r"SLUG_REGEX_SUBSTITUTIONS|\[\^a-z")


def test_one_slug_function():
    """Every slug is made by safe_input.slugs.slugify: nothing else transliterates or strips
    text to the slug alphabet (the reader gives tags, categories and authors that slug too)."""
    found = []
    for path in SCANNED:
        if path == ROOT / "plugins" / "safe_input" / "slugs.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SLUG_BY_HAND.search(line):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}")
    assert found == []
