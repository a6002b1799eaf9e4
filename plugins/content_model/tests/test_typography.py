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
