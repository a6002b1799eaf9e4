import subprocess
from pathlib import Path

import markdown
import polib
import pytest
from content_i18n.catalogs import merge, stats, template
from content_i18n.segments import parse

ROOT = Path(__file__).resolve().parents[3]
SOURCE = """Title: A test
Date: 2024-01-01
Lang: en
Category: news
Summary: Short *summary*.

## A heading

First paragraph with a [link](https://example.org) and **bold**
text over two lines.

* item one
* item two

| A | B |
|---|---|
| cell one | cell two |

> A quote.

![A prisoner's portrait](/images/x.jpg)

```
code stays {as is}
```

Note[^1].

[^1]: The footnote.
"""


def test_segments_cover_every_kind_with_lines_and_inline_markdown():
    segs = {s.context: (s.text, s.line) for s in parse(SOURCE).segments
            if s.context != "paragraph" or s.line == 9}
    assert segs["title"] == ("A test", 1)
    assert segs["summary"] == ("Short *summary*.", 5)
    assert segs["heading"] == ("A heading", 7)
    assert segs["paragraph"] == (
        "First paragraph with a [link](https://example.org) and **bold** text over two lines.", 9)
    texts = {s.text: (s.context, s.line) for s in parse(SOURCE).segments}
    assert texts["item two"] == ("item", 13) and texts["cell two"] == ("cell", 17)
    assert texts["A quote."] == ("paragraph", 19)  # a quote holds blocks of its own
    assert segs["image-alt"] == ("A prisoner's portrait", 21)
    assert segs["footnote"] == ("The footnote.", 29)
    assert not any("code stays" in text for text, _ in segs.values())


TORTURE = Path(__file__).with_name("data") / "torture.md"


def _html(text: str) -> tuple[str, str]:
    """(body HTML, summary) as the site's own Markdown settings make them, runs of
    whitespace as one space (a soft line break and a space are the same to HTML)."""
    import pelicanconf
    from content_model.reader import markdown_config

    settings = {k: getattr(pelicanconf, k) for k in dir(pelicanconf) if k.isupper()}
    md = markdown.Markdown(**markdown_config(settings, "en"))
    html = md.convert(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    return " ".join(html.split()), " ".join(md.Meta.get("summary", []))


SAMPLES = [*sorted((ROOT / "content").rglob("*.md")), TORTURE]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_rebuilding_a_document_from_its_own_catalogue_gives_the_same_html(path):
    """msgstr = msgid for every segment: the same body HTML and summary, for every sample
    file and a torture file with every construct (hard line breaks, escaped pipes in cells,
    a multi-line header value, nested lists, a multi-paragraph footnote, a quote holding a
    list, entities, links and images with titles, a heading with text on the very next line,
    setext headings, a table without outer pipes, a heading inside a quote)."""
    text = path.read_text(encoding="utf-8")
    for variant in (text, "\ufeff" + text.replace("\n", "\r\n")):
        doc = parse(variant)
        assert _html(doc.render(lambda s: s.text, {})) == _html(variant), path


def test_torture_file_segments_keep_their_structure():
    texts = [s.text for s in parse(TORTURE.read_text(encoding="utf-8")).segments]
    assert "Write to the committee at this address:\nPostbox 17\n12345 Somewhere\nNowhere" \
        in texts
    assert "A summary that goes on over a second, indented line." in texts
    assert "pipe \\| inside" in texts and "Its second paragraph, indented." in texts
    assert "inside one" in texts and "nested item two" in texts
    kinds = {(s.context, s.text) for s in parse(TORTURE.read_text(encoding="utf-8")).segments}
    # A heading with text on the very next line, setext headings, a quoted heading: the
    # heading and the text are segments of their own; a table without outer pipes has cells.
    assert {("heading", "A heading with text right below"),
            ("paragraph", "Text right below the heading."), ("paragraph", "A paragraph line"),
            ("heading", "A setext heading"), ("heading", "Text under a dash line"),
            ("heading", "Quoted heading"), ("paragraph", "Text right below the quoted heading."),
            ("cell", "no"), ("cell", "leading pipes"), ("cell", "escaped \\| pipe")} <= kinds


def _catalogue(tmp_path, source: str, lang: str = "ru") -> Path:
    """A catalogue of `source` with every entry translated as `[lang] msgid`."""
    po_path = tmp_path / f"{lang}.po"
    po_path.write_text(merge(template(parse(source), "x.md", "T", "news"), None, lang),
                       encoding="utf-8")
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = f"[{lang}] {entry.msgid}"
    po.save(str(po_path))
    return po_path


EDITED = SOURCE.replace("## A heading", "Inserted paragraph.\n\n## A heading").replace(
    "A quote.", "A changed quote.").replace("* item two\n", "")


def test_contexts_are_stable_when_text_is_inserted_and_tell_repeated_texts_apart():
    before = {s.text: s.context for s in parse(SOURCE).segments}
    after = {s.text: s.context for s in parse(EDITED).segments}
    assert all(after[text] == ctx for text, ctx in before.items() if text in after)
    repeated = [s.context for s in parse("Title: T\n\nSame.\n\nOther.\n\nSame.\n").segments]
    assert repeated == ["title", "paragraph", "paragraph", "paragraph.2"]


def test_update_keeps_moved_text_marks_edits_fuzzy_and_loses_nothing(tmp_path):
    old = _catalogue(tmp_path, SOURCE)
    new = polib.pofile(merge(template(parse(EDITED), "x.md", "T", "news"), old, "ru"))
    by_id = {e.msgid: e for e in new if not e.obsolete}
    assert by_id["A heading"].msgstr == "[ru] A heading"
    assert "fuzzy" not in by_id["A heading"].flags
    assert by_id["A changed quote."].flags == ["fuzzy"]
    assert by_id["A changed quote."].msgstr == "[ru] A quote."
    assert by_id["A changed quote."].previous_msgid == "A quote."
    assert by_id["Inserted paragraph."].msgstr == ""
    assert [e.msgid for e in new.fuzzy_entries()] == ["A changed quote."]
    assert [e.msgstr for e in new.obsolete_entries()] == ["[ru] item two"]
    s = stats(new)
    assert (s.fuzzy, s.untranslated) == (1, 1)


def test_merge_is_gnu_msgmerge(tmp_path):
    """Our merge gives, byte for byte, what `msgmerge --previous` gives for the same old
    catalogue and template: the reference for every gettext rule (fuzzy matching, #|,
    obsolete entries, comments, wrapping)."""
    old = _catalogue(tmp_path, SOURCE)
    po = polib.pofile(str(old))
    po[2].tcomment = "Translator: check the name with the editors."
    po.save(str(old))
    pot = template(parse(EDITED), "x.md", "T", "news")
    ours = merge(pot, old, "ru")
    pot.save(str(tmp_path / "t.pot"))
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(tmp_path / "ref.po"),
                    str(old), str(tmp_path / "t.pot")], check=True)
    assert ours == (tmp_path / "ref.po").read_text(encoding="utf-8")
    assert "# Translator: check the name with the editors." in ours


def test_obsolete_entries_comments_and_previous_msgids_survive_repeated_merges(tmp_path):
    old = _catalogue(tmp_path, SOURCE)
    po = polib.pofile(str(old))
    po[3].tcomment = "Keep the court's name in Russian."
    po.save(str(old))
    pot = template(parse(EDITED), "x.md", "T", "news")
    first = merge(pot, old, "ru")
    for _ in range(3):
        old.write_text(merge(pot, old, "ru"), encoding="utf-8")
    again = old.read_text(encoding="utf-8")
    assert again == first
    assert "#~ msgid \"item two\"" in again and "#~ msgstr \"[ru] item two\"" in again
    assert '#| msgid "A quote."' in again
    assert "# Keep the court's name in Russian." in again
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(old)],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr


def test_catalogue_with_old_positional_contexts_keeps_every_translation(tmp_path):
    """Catalogues written before stable contexts (`paragraph.3` = the third paragraph) keep
    their translations, unfuzzied, under the new contexts."""
    old = tmp_path / "old.po"
    old.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgctxt "title"\nmsgid "T"\nmsgstr "Т"\n\n'
                   'msgctxt "paragraph.1"\nmsgid "Same."\nmsgstr "То же."\n\n'
                   'msgctxt "paragraph.2"\nmsgid "Other."\nmsgstr "Другое."\n\n'
                   'msgctxt "paragraph.3"\nmsgid "Same."\nmsgstr "То же (2)."\n',
                   encoding="utf-8")
    source = "Title: T\n\nSame.\n\nOther.\n\nSame.\n"
    new = polib.pofile(merge(template(parse(source), "x.md", "T", ""), old, "ru"))
    assert [(e.msgctxt, e.msgid, e.msgstr, e.flags) for e in new] == [
        ("title", "T", "Т", []), ("paragraph", "Same.", "То же.", []),
        ("paragraph", "Other.", "Другое.", []), ("paragraph.2", "Same.", "То же (2).", [])]


def test_a_byte_order_mark_does_not_cost_the_title_segment():
    segments = parse("\ufeffTitle: With a BOM\r\nLang: en\r\n\r\nBody.\r\n").segments
    assert [(s.context, s.text) for s in segments] == [("title", "With a BOM"),
                                                        ("paragraph", "Body.")]


def test_parse_header_gives_the_header_parse_gives():
    """workflow.documents reads only the header (the slug) of every source: the same fields,
    values and lines as the whole parse, also with a byte-order mark, CRLF, a continued value
    and a header that ends the file."""
    from content_i18n.segments import parse_header

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    assert len(texts) > 20
    texts += ["\ufeff" + SOURCE.replace("\n", "\r\n"),
              "Title: One\nSummary: begins here\n  and goes on\n\tand on\nSlug: one-more\n\nText.",
              "Title: Only a header\nSlug: x", "", "\n\nNo header."]
    for text in texts:
        assert parse_header(text).header == parse(text).header, text[:60]
    assert parse_header(texts[-4]).meta("summary") == "begins here and goes on and on"


@pytest.mark.parametrize("root", ["translations/content", Path("/srv/site/translations/content/"),
                                  "/srv/site//translations/content/"])
def test_catalogue_path_is_root_lang_folder_slug(root):
    from content_i18n.naming import catalogue_path

    for _ in range(2):  # the second time from the remembered folder
        assert catalogue_path(root, "ru", "about") == Path(root) / "ru" / "about.po"
        assert catalogue_path(root, "de", "ivanov.2", "prisoners") == \
            Path(root) / "de" / "prisoners" / "ivanov.2.po"
        assert catalogue_path(root, "uk", "case", "cases") != catalogue_path(root, "uk", "case")
