from pathlib import Path

import markdown
from content_i18n.catalogs import extract, merge, stats
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
    segs = {s.context: (s.text, s.line) for s in parse(SOURCE).segments}
    assert segs["title"] == ("A test", 1)
    assert segs["summary"] == ("Short *summary*.", 5)
    assert segs["heading.1"] == ("A heading", 7)
    assert segs["paragraph.1"] == (
        "First paragraph with a [link](https://example.org) and **bold** text over two lines.", 9)
    assert segs["item.2"] == ("item two", 13)
    assert segs["cell.1"] == ("A", 15) and segs["cell.4"] == ("cell two", 17)
    assert segs["quote.1"] == ("A quote.", 19)
    assert segs["image-alt.1"] == ("A prisoner's portrait", 21)
    assert segs["footnote.1"] == ("The footnote.", 29)
    assert not any("code stays" in text for text, _ in segs.values())


def test_identity_translation_renders_the_same_html_for_every_sample_document():
    ext = ["footnotes", "tables"]
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        again = parse(text).render(lambda s: s.text, {})
        html = [" ".join(markdown.markdown(t.split("\n\n", 1)[1], extensions=ext).split())
                for t in (text, again)]
        assert html[0] == html[1], path


def _translated(source: str, lang: str = "ru"):
    catalog = merge(extract(parse(source), "x.md", "T", "news"), None, lang)
    for message in catalog:
        if message.id:
            message.string = f"[{lang}] {message.id}"
    return catalog


def test_update_keeps_moved_text_marks_edits_fuzzy_and_loses_nothing():
    old = _translated(SOURCE)
    edited = SOURCE.replace("## A heading", "Inserted paragraph.\n\n## A heading").replace(
        "A quote.", "A changed quote.").replace("* item two\n", "")
    new = merge(extract(parse(edited), "x.md", "T", "news"), old, "ru")
    by_id = {m.id: m for m in new if m.id}
    assert by_id["A heading"].string == "[ru] A heading" and not by_id["A heading"].fuzzy
    assert by_id["A changed quote."].fuzzy
    assert by_id["A changed quote."].string == "[ru] A quote."
    assert by_id["A changed quote."].previous_id == ["A quote."]
    assert by_id["Inserted paragraph."].string == ""
    fuzzy = [m.id for m in new if m.id and m.fuzzy]
    assert fuzzy == ["A changed quote."]
    obsolete = [m.string for m in new.obsolete.values()]
    assert obsolete == ["[ru] item two"]  # removed, but the translation is kept
    s = stats(new)
    assert (s.fuzzy, s.untranslated) == (1, 1)
