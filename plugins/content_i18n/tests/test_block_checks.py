"""checks.block_problems: each msgstr put back into its block of the source document."""

import pytest
from content_i18n.checks import block_problems
from content_i18n.segments import parse
from markdown import Markdown

SOURCE = """Title: A test
Lang: en

See [the appeal][a].

Thanks.

- An item with [a link](/articles/b/).
- Another item.

| Court | Term |
|---|---|
| Ufa | four years |

![A photo](/images/a.png)

[a]: /articles/a/
"""


@pytest.fixture(scope="module")
def md() -> Markdown:
    return Markdown(extensions=["attr_list", "footnotes", "tables", "fenced_code",
                                "sane_lists"], output_format="html5")


@pytest.mark.parametrize(("key", "msgstr", "problem"), [
    # A reference defined elsewhere in the document resolves in the msgstr's paragraph.
    (("paragraph", "Thanks."), "Спасибо, [тут][a].", "link targets [] became ['/articles/a/']"),
    # A definition in a msgstr would redirect every use of it in the document.
    (("paragraph", "Thanks."), "Спасибо.\n[a]: /images/other.png",
     "link targets [] became ['/images/other.png']"),
    (("image-alt", "A photo"), "Фото](/images/other.png) ![x",
     "link targets ['/images/a.png'] became ['/images/a.png', '/images/other.png']"),
    (("item", "Another item."), "Другой [пункт](/images/other.png).",
     "link targets ['/articles/b/'] became ['/articles/b/', '/images/other.png']"),
])
def test_a_msgstr_that_changes_its_blocks_targets_is_named(md, key, msgstr, problem):
    assert block_problems(parse(SOURCE), {key: msgstr}, md) == ({key: problem}, {})


@pytest.mark.parametrize(("key", "msgstr", "problem"), [
    # A third header cell over a two-cell separator row: no table any more.
    (("cell", "Court"), "Суд | Город",
     "Markdown blocks ['table', 'tr', 'th', 'th', 'tr', 'td', 'td'] became ['p']"),
    # A blank line ends the list: what follows is a paragraph of its own.
    (("item", "Another item."), "Другой.\n\n## Заголовок",
     "Markdown blocks ['ul', 'li', 'li'] became ['ul', 'li', 'li', 'p']"),
    (("paragraph", "Thanks."), "3. Oktober", "Markdown blocks ['p'] became ['ol', 'li']"),
])
def test_a_msgstr_that_changes_its_blocks_structure_is_named(md, key, msgstr, problem):
    assert block_problems(parse(SOURCE), {key: msgstr}, md) == ({}, {key: problem})


@pytest.mark.parametrize(("key", "msgstr"), [
    (("paragraph", "See [the appeal][a]."), "См. [обращение][a]."),
    (("paragraph", "Thanks."), "3\\. Oktober, [sic]"),
    (("image-alt", "A photo"), "Фото [архив]"),
    (("item", "An item with [a link](/articles/b/)."), "Пункт со [ссылкой](/articles/b/)."),
    (("cell", "Ufa"), "Уфа \\| Башкирия"),
])
def test_a_translation_that_keeps_targets_and_blocks_passes(md, key, msgstr):
    assert block_problems(parse(SOURCE), {key: msgstr}, md) == ({}, {})


def test_a_paragraph_made_a_footnote_definition_is_named(md):
    """In a document without reference definitions a paragraph's msgstr is its own check's
    business, except for its blocks: a msgstr starting `[^9]:` moves the paragraph into the
    footnotes list at the page's end."""
    doc = parse("Title: A test\nLang: en\n\nThanks.\n")
    assert block_problems(doc, {("paragraph", "Thanks."): "[^9]: Спасибо."}, md) == (
        {}, {("paragraph", "Thanks."): "Markdown blocks ['p'] became "
                                       "['div', 'hr', 'ol', 'li', 'p']"})
