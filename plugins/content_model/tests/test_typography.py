"""content_model.typography on its own: plain texts keep their characters, code is untouched."""

from content_model.typography import NBSP, fix_html, typeset

FR = ("&laquo;&#8239;", "&#8239;&raquo;")
EN = ("&ldquo;", "&rdquo;")


def test_typeset_interprets_no_markdown_and_returns_characters():
    assert typeset('The "case" *not emphasis* <b> & co', EN) == \
        "The “case” *not emphasis* <b> & co"
    assert typeset("1. Not a list", EN) == "1. Not a list"
    assert typeset("# Not a heading", EN) == "# Not a heading"


def test_code_and_preformatted_text_keep_their_spaces():
    html = "<p>A. Petrov paid 10 000</p><pre>A. B 10 000</pre><code>X. Y</code>"
    assert fix_html(html, EN) == \
        f"<p>A.{NBSP}Petrov paid 10{NBSP}000</p><pre>A. B 10 000</pre><code>X. Y</code>"


def test_elision_with_entities_as_smarty_writes_them():
    assert fix_html("<p>d&rsquo;&#8239;&raquo;appels&#8239;&raquo;</p>", FR) == \
        "<p>d&rsquo;&laquo;&#8239;appels&#8239;&raquo;</p>"
    assert fix_html("<p>l&lsquo;&laquo;&#8239;histoire</p>", FR) == \
        "<p>l’&laquo;&#8239;histoire</p>"


def test_an_ellipsis_is_not_a_doubled_full_stop():
    assert fix_html("<p>20 ноября 2026 г.. И так далее...</p>") == \
        "<p>20 ноября 2026 г. И так далее...</p>"


def _part_by_part(markup: str, quotes) -> str:
    """fix_html without its whole-markup search: fix_text on every text outside raw tags."""
    from content_model.typography import _RAW, _TAG, fix_text

    parts = _TAG.split(markup)
    raw = 0
    for i, part in enumerate(parts):
        if i % 2:
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name.lstrip("/") in _RAW:
                raw = max(raw + (-1 if name.startswith("/") else 1), 0)
        elif part and not raw:
            parts[i] = fix_text(part, quotes)
    return "".join(parts)


def test_the_whole_markup_search_changes_nothing():
    """fix_html returns a markup unchanged when one search finds none of the corrections
    in it: the same as correcting it text by text, on texts made to sit next to tags."""
    import random

    from content_model.typography import fix_html

    pieces = ["A.", "Б.", " ", "\t", "Мифтахов", "Kagarlitsky", "10", "000", "1", "234", ",",
              ".", "..", "г.", "d’", "l‘", "&rsquo;", "&lsquo;", "&laquo;", "&raquo;", "«", "»",
              "&bdquo;", "&ldquo;", "“", "„", "<p>", "</p>", "<em>", "</em>", "<code>",
              "</code>", "<pre>", "</pre>", "<a href=\"/x\">", "</a>", "<br>", "word", "x",
              "\n", "<", ">"]
    rnd = random.Random(7)
    changed = 0
    for quotes in [None, ("&laquo;", "&raquo;"), ("&bdquo;", "&ldquo;"),
                   ("&laquo;&#8239;", "&#8239;&raquo;")]:
        for _ in range(3000):
            markup = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
            expected = _part_by_part(markup, quotes)
            assert fix_html(markup, quotes) == expected, (markup, quotes)
            changed += expected != markup
    assert changed > 300  # many of them do get a correction
