"""Untrusted input (issue 13, items 2 and 4–7): one allowlist for HTML, URL fields and local
paths, slugs and output paths, bounded parsers, control and invisible characters. Each hostile
input stops a real build with one line naming file and line or field, no traceback and nothing
written; a translator's refused entry is dropped with a warning (an error in strict mode)."""

from __future__ import annotations

import os

import polib
import pytest
import yaml

from tests.sitebuild import VALID, run_pelican, settings_with, write_article
from tests.test_bad_input import refused
from tests.test_registry import person, write_yaml

# ---- 2. One sanitiser, one allowlist ---------------------------------------------------------

BODY_REFUSED = [
    ("svg image", '<div><svg><image href="https://tracker.example/b.png"/></svg></div>',
     "<svg> is not allowed in a text: SVG can load images from other hosts"),
    ("meta refresh", '<meta http-equiv="Refresh" content="0; URL=http://tracker.example/r">',
     "<meta> is not allowed in a text"),
    ("ping", '<a href="/about/" ping="https://tracker.example/p">About</a>',
     "the ping= attribute on <a> is not allowed in a text"),
    ("data url", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
     "a data: URL in <a href> is not a web address"),
    ("vbscript url", '<a href="VBScript:msgbox(1)">x</a>', "a vbscript: URL in <a href>"),
    ("javascript with a tab", '<a href="java&#9;script:alert(1)">x</a>',
     "a javascript: URL in <a href> runs script"),
    ("style attribute", '<p style="background:url(https://tracker.example/s.png)">x</p>',
     "the style= attribute on <p> is not allowed in a text: styles belong in the theme"),
    ("protocol-relative image", '<img alt="" src="//tracker.example/i.png">',
     "<img src> loads //tracker.example/i.png from another host"),
    ("attr_list handler", "A paragraph.\n{: onclick=\"alert(1)\" }",
     "line 9: the onclick= attribute on <p> runs script"),
    # A browser drops leading C0 controls from a URL: "&#1;//host" is protocol-relative.
    ("C0 control before //", '<img alt="" src="&#1;//tracker.example/c.png">',
     "<img src> loads //tracker.example/c.png from another host"),
    ("C0 control before https", '<img alt="" src="&#x7;https://tracker.example/d.png">',
     "<img src> loads https://tracker.example/d.png from another host"),
]


@pytest.mark.parametrize("case, html, message", BODY_REFUSED, ids=[c[0] for c in BODY_REFUSED])
def test_body_markup_outside_the_allowlist_is_refused_with_its_line(content, tmp_path, case,
                                                                     html, message):
    write_article(content, "other.md", {**VALID, "Slug": "other"})
    write_article(content, "raw.md", VALID, body=f"First.\n\n{html}\n\nLast.")
    # 4 header lines, a blank line, "First.", a blank line: the markup starts on line 8.
    where = "" if message.startswith("line ") else "line 8: "
    refused(run_pelican(content, tmp_path / "out"), f"content/articles/raw.md: {where}{message}")


@pytest.mark.parametrize("summary, message", [
    ('<meta http-equiv="refresh" content="0; URL=http://tracker.example/r">Hello',
     "<meta> is not allowed in a text"),
    ("Read [this](javascript:alert(1))", "a javascript: URL in <a href> runs script"),
], ids=["meta refresh", "javascript link"])
def test_summary_outside_the_allowlist_is_refused(content, tmp_path, summary, message):
    write_article(content, "s.md", {**VALID, "Slug": "s", "Summary": summary})
    refused(run_pelican(content, tmp_path / "out"), f"content/articles/s.md: Summary: {message}")


def test_what_the_site_writes_passes_the_allowlist_unchanged(content, tmp_path):
    body = ("| Court | Term |\n|:---|:---:|\n| Ufa | 4 years |\n\n"
            "A claim.[^1] See [the about page](/about/), [mail](mailto:a@example.org), "
            "[the source](https://example.org/a#p2) and ![](/images/x.png).\n\n"
            "[^1]: Where the claim comes from.\n")
    write_article(content, "t.md", {**VALID, "Slug": "t"}, body=body)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    article = build.html("articles/t/index.html").select_one("article")
    assert article.select_one("th")["style"] == "text-align: left;"
    assert article.select_one("td:nth-of-type(2)")["style"] == "text-align: center;"
    assert article.select_one("sup a")["href"] == "#fn:1"
    hrefs = [a["href"] for a in article.select("a")]
    for href in ("/about/", "mailto:a@example.org", "https://example.org/a#p2", "#fnref:1"):
        assert href in hrefs, hrefs
    assert article.select_one("img")["src"] == "/images/x.png"


def test_registry_bio_outside_the_allowlist_is_refused(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": "Text [Spenden](javascript:alert(3))"}))
    refused(run_pelican(content, tmp_path / "out"),
            "content/prisoners/anna-test.yaml: bio.en: a javascript: URL in <a href> runs script")


def german_registry_catalogue(tmp_path, entries: list[tuple[str, str, str]]):
    """po/de/prisoners/anna-test.po with (msgctxt, msgid, msgstr) entries, and settings that
    read it; with the line of the bio's msgstr, where msgfmt names an entry's problems."""
    po_dir = tmp_path / "po"
    (po_dir / "de/prisoners").mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    for context, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    po.save(str(po_dir / "de/prisoners/anna-test.po"))
    line = po_dir.joinpath("de/prisoners/anna-test.po").read_text().splitlines().index(
        'msgctxt "bio"') + 3
    return settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(po_dir)), line


def test_registry_catalogue_entry_outside_the_allowlist_is_dropped(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": "A test person."}))
    settings, line = german_registry_catalogue(tmp_path, [
        ("bio", "A test person.", "Text [Spenden](javascript:alert(3))")])
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    assert f"de/prisoners/anna-test.po: line {line}: msgctxt bio: a javascript: URL in <a href> " \
           "runs script" in build.said, build.output
    bio = build.html("de/prisoners/anna-test/index.html").select_one(".bio")
    assert bio["lang"] == "en" and bio.get_text().strip() == "A test person."
    assert "javascript:" not in (build.out_dir / "de/prisoners/anna-test/index.html").read_text()
    strict = settings_with(tmp_path / "strict.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"),
                           STRICT_WARNINGS=True)
    failed = run_pelican(content, tmp_path / "out-strict", strict)
    assert failed.returncode != 0 and "msgctxt bio" in failed.output, failed.output
    assert "Traceback" not in failed.output


# ---- 4. URL fields and local paths -------------------------------------------------------------

@pytest.mark.parametrize("field, value, message", [
    ("SourceURL", "javascript:alert(1)", "'javascript:alert(1)' is not allowed: write an "
                                         "absolute https:// (or http://) address"),
    ("SourceURL", "//tracker.example/a", "'//tracker.example/a' is not allowed"),
    ("Image", "../../../etc/passwd", "'../../../etc/passwd' must be the path of a file in the "
                                     "content folder"),
    ("Image", "data:image/png;base64,AAAA", "'data:image/png;base64,AAAA' must be the path of a "
                                            "file in the content folder"),
    ("Image", "/images/missing.png", "'/images/missing.png' points at a file that does not exist"),
], ids=["javascript SourceURL", "protocol-relative SourceURL", "Image outside", "data Image",
        "missing Image"])
def test_url_fields_accept_only_web_addresses_and_site_paths(content, tmp_path, field, value,
                                                             message):
    write_article(content, "u.md", {**VALID, "Slug": "u", field: value})
    refused(run_pelican(content, tmp_path / "out"), f"content/articles/u.md: {field}: {message}")


@pytest.mark.parametrize("field, value, message", [
    ("support", [{"title": "Donate", "url": "javascript:alert(1)"}], "support.0.url"),
    ("sources", [{"publication": "X", "date": "2024", "url": "data:text/html,x"}],
     "sources.0.url"),
    ("photo", {"file": "../../etc/hostname", "credit": "x", "license": "CC0"},
     "photo.file: '../../etc/hostname' must be the path of a file in the content folder"),
], ids=["support link", "source link", "photo outside"])
def test_registry_links_accept_only_web_addresses(content, tmp_path, field, value, message):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(**{field: value}))
    refused(run_pelican(content, tmp_path / "out"),
            f"content/prisoners/anna-test.yaml: {message}")


def test_a_symlink_out_of_content_is_never_copied(content, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("build machine secret\n")
    (content / "images").mkdir()
    os.symlink(secret, content / "images/passwd.txt")
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    build = run_pelican(content, tmp_path / "out")
    refused(build, "content/images/passwd.txt: file: is a link to "
                   f"{secret}, outside the content folder")
    assert not (tmp_path / "out/images/passwd.txt").exists()


def test_an_image_or_article_linked_from_outside_content_is_refused(content, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("Title: Secret\nDate: 2024-01-01\nLang: en\nCategory: news\n\nKey.\n")
    os.symlink(secret, content / "articles/leak.md")
    (content / "images").mkdir()
    os.symlink(secret, content / "images/lead.png")
    write_article(content, "a.md", {**VALID, "Slug": "a", "Image": "images/lead.png"})
    build = run_pelican(content, tmp_path / "out")
    refused(build, "content/articles/leak.md: file: is a link to",
            "content/articles/a.md: Image: 'images/lead.png' resolves outside the content folder")
    assert not list((tmp_path / "out").rglob("*.xml")), "no feed (enclosure size) either"


# ---- 5. Slugs and output paths ----------------------------------------------------------------

def test_one_slug_function_for_files_tags_and_categories(content, tmp_path):
    write_article(content, "Свободу Дарье.ru.md",
                  {**VALID, "Lang": "ru", "Tags": "Голодовка, Подъезд, Hunger strike"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.out_dir / "ru/articles/svobodu-dare/index.html").is_file()
    for slug in ("golodovka", "podezd", "hunger-strike"):
        assert (build.out_dir / f"ru/tag/{slug}/index.html").is_file(), slug


def test_a_tag_without_letters_is_refused(content, tmp_path):
    write_article(content, "t.md", {**VALID, "Slug": "t", "Tags": "Hunger strike, ✊"})
    refused(run_pelican(content, tmp_path / "out"),
            "content/articles/t.md: Tags: '✊' has no letters or digits to make its address from")


@pytest.mark.parametrize("slug, message", [
    ("../../escape", "'../../escape' may hold only lowercase letters a-z, digits and hyphens; "
                     "write 'escape'"),
    ("Über Uns", "'Über Uns' may hold only lowercase letters a-z, digits and hyphens; write "
                 "'uber-uns'"),
], ids=["dots and slashes", "capitals and spaces"])
def test_an_explicit_slug_must_be_in_the_slug_alphabet(content, tmp_path, slug, message):
    write_article(content, "s.md", {**VALID, "Slug": slug})
    refused(run_pelican(content, tmp_path / "out"), f"content/articles/s.md: Slug: {message}")


@pytest.mark.parametrize("slug, lang, where", [
    ("prisoners", "en", "prisoners/index.html, inside the prisoners index and profiles "
                        "(prisoners/, plugins/prisoner_registry)"),
    ("feeds", "ru", "ru/feeds/index.html, inside the feeds (ru/feeds/, plugins/feeds)"),
    ("translate", "en", "translate/index.html, inside the translators' page (translate/"),
    ("ru", "en", "ru/index.html, inside the ru home page"),
    ("page", "de", "de/page/index.html, inside the listings' later pages"),
    ("theme", "en", "theme/index.html, inside the files copied from theme/"),
    ("pagefind", "en", "pagefind/index.html, inside the search index, Pagefind's bundle "
                       "(pagefind/, plugins/site_search)"),
], ids=["prisoners", "feeds", "translate", "language folder", "pagination", "theme",
        "search index"])
def test_a_page_over_a_listing_stops_before_anything_is_written(content, tmp_path, slug, lang,
                                                                 where):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    page = content / "pages" / "p.md"
    page.write_text(f"Title: Hello\nLang: {lang}\nSlug: {slug}\n\nText.\n", encoding="utf-8")
    refused(run_pelican(content, tmp_path / "out"),
            f"content/pages/p.md: Slug: its page would be written to {where}")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# ---- 6. Bounded parsers ----------------------------------------------------------------------

BOMB = "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
               for p, c in zip("abcdefgh", "bcdefghi", strict=True))
BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + BOMB


def test_a_yaml_alias_bomb_is_refused_before_it_expands(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    (content / "prisoners").mkdir()
    (content / "prisoners/bomb.yaml").write_text(BOMB, encoding="utf-8")
    assert len(BOMB.encode()) < 400
    refused(run_pelican(content, tmp_path / "out"),
            "content/prisoners/bomb.yaml: line 1: an anchor (&a) is not accepted; write the "
            "values out in full")


def test_an_alias_alone_is_refused_with_its_line(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    data = yaml.safe_dump(person(), allow_unicode=True).replace(
        "occupation", "x").replace("gender: f", "gender: *g")
    write_yaml(content, "prisoners", person())
    path = content / "prisoners/anna-test.yaml"
    path.write_text(data, encoding="utf-8")
    line = data.splitlines().index("gender: *g") + 1
    refused(run_pelican(content, tmp_path / "out"),
            f"content/prisoners/anna-test.yaml: line {line}: an alias (*g) repeats other YAML")


def test_yaml_and_catalogue_size_caps_are_settings(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": "Long. " * 2000}))
    settings = settings_with(tmp_path / "s.py", MAX_YAML_BYTES=5_000)
    refused(run_pelican(content, tmp_path / "out", settings),
            "content/prisoners/anna-test.yaml: (file): 0.0 MB is larger than the 0.0 MB limit "
            "for one file (MAX_YAML_BYTES in pelicanconf.py)")
    po_dir = tmp_path / "po"
    (po_dir / "ru").mkdir(parents=True)
    (po_dir / "ru/a.po").write_text('msgid ""\nmsgstr ""\n' + "# padding\n" * 2_000)
    settings = settings_with(tmp_path / "s2.py", CONTENT_TRANSLATIONS_DIR=str(po_dir),
                             MAX_PO_BYTES=5_000)
    (content / "prisoners/anna-test.yaml").unlink()
    refused(run_pelican(content, tmp_path / "out2", settings),
            "ru/a.po: file: larger than the 0.0 MB limit for one catalogue (MAX_PO_BYTES")


# ---- 7. Characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x85", "\x7f"],
                         ids=["vertical tab", "escape", "C1 next line", "delete"])
def test_a_control_character_in_markdown_names_its_line(content, tmp_path, char):
    write_article(content, "c.md", {**VALID, "Slug": "c", "Title": f"Hello{char}world"})
    refused(run_pelican(content, tmp_path / "out"),
            f"content/articles/c.md: line 1: contains the invisible control character "
            f"U+{ord(char):04X}")


def test_a_control_character_in_yaml_or_po_names_its_line(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    path = write_yaml(content, "prisoners", person(bio={"en": "Bio."}))
    text = path.read_text(encoding="utf-8").replace("Bio.", "Bio.\x0c")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, x in enumerate(text.split("\n"), 1) if "\x0c" in x)
    refused(run_pelican(content, tmp_path / "out"),
            f"content/prisoners/anna-test.yaml: line {line}: contains the invisible control "
            "character U+000C")
    path.unlink()
    po_dir = tmp_path / "po"
    (po_dir / "ru").mkdir(parents=True)
    (po_dir / "ru/a.po").write_text('msgid ""\nmsgstr ""\n\nmsgctxt "title"\nmsgid "A test"\n'
                                    'msgstr "Тест\x1b"\n', encoding="utf-8")
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(po_dir))
    refused(run_pelican(content, tmp_path / "out2", settings),
            "ru/a.po: line 6: contains the invisible control character U+001B")


def test_a_byte_order_mark_is_ignored_also_through_translation(content, tmp_path):
    from content_i18n.workflow import extract_all

    path = write_article(content, "bom.md", {**VALID, "Slug": "bom", "Title": "Marked"},
                         body="A paragraph.")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    po_dir = tmp_path / "po"
    extract_all(tmp_path, content, po_dir, ["en", "ru"], "en")
    po = polib.pofile(str(po_dir / "ru/bom.po"))
    assert po.find("Marked", msgctxt="title") is not None, [e.msgctxt for e in po]
    for entry in po:
        entry.msgstr = {"title": "Отмечено"}.get(entry.msgctxt, "Абзац.")
    po.save()
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(po_dir))
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    assert build.html("articles/bom/index.html").select_one("h1").get_text() == "Marked"
    assert build.html("ru/articles/bom/index.html").select_one("h1").get_text() == "Отмечено"
    assert "Отмечено" in (build.out_dir / "ru/feeds/all.atom.xml").read_text(encoding="utf-8")


def test_names_differing_only_by_invisible_characters_are_refused(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    one = person("anna-one")
    two = person("anna-two")
    two["names"]["en"]["family"] = one["names"]["en"]["family"][:2] + "\u200b" + \
        one["names"]["en"]["family"][2:]
    two["aliases"] = ["An\u202ena"]
    write_yaml(content, "prisoners", one)
    write_yaml(content, "prisoners", two)
    refused(run_pelican(content, tmp_path / "out"),
            "content/prisoners/anna-two.yaml: names.en.family: contains the invisible character "
            "U+200B ZERO WIDTH SPACE",
            "content/prisoners/anna-two.yaml: aliases.0: contains the invisible character U+202E")


def test_names_are_nfc_normalised_so_look_alikes_collide(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    one = person("anna-one")
    two = person("anna-two")
    for p, family in ((one, "Сергей"), (two, "Серге\u0438\u0306")):  # й, and и + breve
        p["names"]["ru"]["family"] = family
    write_yaml(content, "prisoners", one)
    write_yaml(content, "prisoners", two)
    assert one["names"]["ru"]["family"] != two["names"]["ru"]["family"]
    refused(run_pelican(content, tmp_path / "out"),
            "content/prisoners/anna-one.yaml: names.ru: the full name is the same as in "
            "content/prisoners/anna-two.yaml")


# ---- Markdown nesting (safe_input.nesting): a RecursionError traceback before ---------------

DEEP = "- " * 3000 + "deep"  # 6 KB: Markdown descends once per list marker


def test_a_deeply_nested_registry_bio_is_refused_with_its_field(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": DEEP}))
    refused(run_pelican(content, tmp_path / "out"),
            "prisoners/anna-test.yaml: bio.en: lists are nested more than 16 levels deep")


def test_a_deeply_nested_catalogue_msgstr_is_dropped_with_its_line(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": "A test person."}))
    po_dir = tmp_path / "po"
    (po_dir / "de/prisoners").mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgctxt="bio", msgid="A test person.", msgstr=DEEP))
    po.save(str(po_dir / "de/prisoners/anna-test.po"))
    line = po_dir.joinpath("de/prisoners/anna-test.po").read_text().splitlines().index(
        'msgctxt "bio"') + 3  # the msgstr's line, where msgfmt names an entry's problems
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(po_dir))
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    assert f"de/prisoners/anna-test.po: line {line}: msgctxt bio: lists are nested more than " \
           "16 levels deep" in build.said, build.output
    bio = build.html("de/prisoners/anna-test/index.html").select_one(".bio")
    assert bio["lang"] == "en" and bio.get_text().strip() == "A test person."


def test_a_registry_bio_translation_that_changes_a_link_target_stops_the_build(content,
                                                                              tmp_path):
    """A bio is Markdown: its msgstr may translate a link's text, never change where it points
    (the same error as a document's catalogue gives); a plain-text field (timeline event) that
    only looks like a link is no link and no error."""
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_yaml(content, "prisoners", person(bio={"en": "A test person ([source](/about/))."},
                                            occupation={"en": "Teacher"}))
    settings, line = german_registry_catalogue(tmp_path, [
        ("bio", "A test person ([source](/about/)).",
         "Eine Testperson ([Quelle](/images/other.png))."),
        ("occupation", "Teacher", "[Lehrer](https://elsewhere.example/)")])
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode != 0, build.output
    assert (f"de/prisoners/anna-test.po: line {line}: msgctxt bio: link targets ['/about/'] "
            "became ['/images/other.png']") in build.said, build.output
    assert "msgctxt occupation" not in build.said, build.output
    assert "Traceback" not in build.output and not (tmp_path / "out/de").exists()
