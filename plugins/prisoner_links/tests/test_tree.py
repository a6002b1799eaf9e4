"""The linker's own HTML tree (prisoner_links.tree) against BeautifulSoup's: for every document
the strict subset accepts, the same links, mentions and bytes; everything else goes to
BeautifulSoup. Documents come from a seeded generator mixing names with hostile markup."""

import random

import pytest
from bs4 import BeautifulSoup
from prisoner_links import linker, tree
from prisoner_links.matcher import compile_matcher
from prisoner_links.tests.people import person

MATCHER = compile_matcher({
    "ivan-petrov": person("ivan-petrov", "Ivan", "Petrov", "Иван", "Петров"),
    "oleg-petrov": person("oleg-petrov", "Oleg", "Petrov", "Олег", "Петров"),
    "anna-sidorova": person("anna-sidorova", "Anna", "Sidorova", "Анна", "Сидорова", "f"),
})

NAMES = ["Ivan Petrov", "Petrov", "Oleg Petrov", "Anna Sidorova", "Sidorova", "Иван Петров",
         "Петрова", "Анна Сидорова", "Сидоровой", "И. Петров", "A. Sidorova"]
WORDS = NAMES + ["said", "the judge", "судья", "Sido", "rova", "and", ",", ".", "’", "—",
                 "&amp;", "&lt;", "&gt;", "&nbsp;", "&quot;", "\u00ad", "\u00a0", "  ", "\n",
                 "\t", " ", "&shy;", "&#1057;", "&copy", "&", "<", ">"]
TAGS = ["p", "em", "strong", "a", "code", "pre", "div", "span", "h2", "li", "b", "sup", "td",
        "script", "style", "textarea", "template", "title", "rt"]
VOIDS = ["<br>", "<br/>", "<hr>", '<img alt="Anna Sidorova">', "<br />", "</br>"]
ATTRS = ['class="x"', 'class="a b"', 'class="a  b"', 'title="Ivan Petrov"', 'href="/a?b=1&amp;c=2"',
         'data-x=""', 'lang="ru"', 'id="a" id="b"', 'href="x&y"', "title='q'", 'title="a>b"',
         "controls", 'TITLE="X"']
ODD = ["<!-- Anna Sidorova -->", "<![CDATA[Petrov]]>", "<!DOCTYPE html>", "<?pi x?>", "<p/>",
       "</p>", "<P>", "< b", "<em\n>"]


def document(rnd: random.Random, hostile: bool, depth: int = 0) -> str:
    words = WORDS if hostile else WORDS[:-7]
    tags = TAGS if hostile else TAGS[:-6]
    attrs = ATTRS if hostile else ATTRS[:8]
    out = []
    for _ in range(rnd.randint(1, 6)):
        r = rnd.random()
        if r < 0.5 or depth > 4:
            out.append(rnd.choice(words) + (" " if rnd.random() < 0.6 else ""))
        elif r < 0.85:
            name = rnd.choice(tags)
            a = "".join(" " + rnd.choice(attrs) for _ in range(rnd.choice([0, 0, 1, 2])))
            close = "" if hostile and rnd.random() < 0.03 else f"</{name}>"
            out.append(f"<{name}{a}>{document(rnd, hostile, depth + 1)}{close}")
        elif r < 0.92:
            out.append(rnd.choice(VOIDS if hostile else VOIDS[:4]))
        elif hostile:
            out.append(rnd.choice(ODD))
    return "".join(out)


def link(html, **kw):
    result = linker.link_document(html, MATCHER, lambda s: f"/p/{s}/?a=1&b=<{s}>", **kw)
    return result.html, [vars(m) for m in result.mentions]


@pytest.mark.parametrize("hostile", [False, True])
def test_own_tree_links_exactly_as_beautifulsoup(monkeypatch, hostile):
    rnd = random.Random(18 + hostile)
    docs = [(document(rnd, hostile), rnd.choice(["en", "ru"]), rnd.random() < 0.3)
            for _ in range(800)]
    ours = [link(html, lang=lang, every_mention=every) for html, lang, every in docs]
    in_subset = sum(tree.build(html, linker.INLINE, linker.NEVER) is not None
                    for html, _, _ in docs)
    monkeypatch.setattr(tree, "build", lambda *a: None)  # BeautifulSoup reads every document
    theirs = [link(html, lang=lang, every_mention=every) for html, lang, every in docs]
    differ = [docs[i][0] for i in range(len(docs)) if ours[i] != theirs[i]]
    assert differ == []
    # The comparison means something only if many documents took the tree and got links.
    assert in_subset > (400 if not hostile else 100)
    assert sum(html != out for (html, _, _), (out, _) in zip(docs, ours, strict=True)) > 300


def test_serialization_is_beautifulsoups():
    rnd = random.Random(7)
    for _ in range(1000):
        html = document(rnd, False)
        parsed = tree.build(html, linker.INLINE, linker.NEVER)
        if parsed is not None:
            assert tree.serialize(parsed[0]) == str(BeautifulSoup(html, "html.parser")), html


@pytest.mark.parametrize("html", [
    "<p>a<!-- Anna Sidorova --></p>", "<p><![CDATA[Anna Sidorova]]></p>",
    "<script>Anna Sidorova</script>", "<p>Anna Sidorova &copy; 2024</p>", "<p>a &#1057; b</p>",
    '<p title=Anna>Sidorova</p>', "<p>Anna Sidorova", "<p><em>Anna Sidorova</p></em>",
    "<P>Anna Sidorova</P>", '<p class="a  b">Anna Sidorova</p>', "<p>1 < 2 Anna Sidorova</p>",
    "<br></br>", "<p/>Anna Sidorova", "<textarea>Anna Sidorova</textarea>",
])
def test_markup_outside_the_subset_goes_to_beautifulsoup(html):
    assert tree.build(html, linker.INLINE, linker.NEVER) is None


@pytest.mark.parametrize("html", [
    '<p title="Anna Sidorova">x</p>', "<p><code>Anna Sidorova</code></p>",
    '<p><a href="/x">Anna Sidorova</a></p>', "<pre>Anna Sidorova</pre>",
    "<h2>Anna Sidorova</h2>", '<p><img alt="Anna Sidorova"></p>',
])
def test_own_tree_links_nothing_inside_attributes_code_or_links(html):
    assert tree.build(html, linker.INLINE, linker.NEVER) is not None
    out, _ = link(html)
    assert "prisoner-link" not in out and out == html


def test_a_name_across_markup_with_an_equal_string_elsewhere_is_left_alone(monkeypatch):
    # The <em> holds another "Sidorova": comparing strings by value took it for the common
    # ancestor of the name's two halves and the build failed with an AttributeError.
    html = "<p>Ivan Petrov. <em><code>Sidorova</code> and Anna </em>Sidorova said.</p>"
    ours = link(html)
    monkeypatch.setattr(tree, "build", lambda *a: None)
    assert link(html) == ours
    assert "anna-sidorova" not in ours[0]
    assert any(m["reason"] == "the name is split by other markup" for m in ours[1])
