"""`fragment`: a part of a page rendered once per key, kept as the autoescaped output."""

from __future__ import annotations

import jinja2
import pytest

from site_writer.fragments import fragment_renderer

TEMPLATE = ('<p>{% call fragment("part", lang) %}{{ rendered() }} {{ lang }}: {{ text }}'
            "{% endcall %}</p>")


def _render(keep: bool, pages: list[dict]) -> list[str]:
    env = jinja2.Environment(autoescape=True)
    count = iter(range(1, 100))
    env.globals.update(fragment=fragment_renderer(keep), rendered=lambda: next(count))
    template = env.from_string(TEMPLATE)
    return [template.render(**page) for page in pages]


def test_a_fragment_is_rendered_once_per_key():
    pages = [{"lang": "en", "text": "a"}, {"lang": "ru", "text": "b"},
             {"lang": "en", "text": "c"}]
    # The third page has the first one's key: it shows the first page's part, so a key
    # must name everything the part shows (here `text` is left out on purpose).
    assert _render(True, pages) == ["<p>1 en: a</p>", "<p>2 ru: b</p>", "<p>1 en: a</p>"]


def test_with_the_layer_turned_off_every_page_renders_its_fragments():
    pages = [{"lang": "en", "text": "a"}, {"lang": "en", "text": "c"}]
    assert _render(False, pages) == ["<p>1 en: a</p>", "<p>2 en: c</p>"]


@pytest.mark.parametrize("keep", [True, False])
def test_a_kept_fragment_stays_escaped(keep):
    hostile = {"lang": "en", "text": '<script>alert("x")</script> & co'}
    first, again = _render(keep, [hostile, hostile])
    body = "en: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co</p>"
    assert first.endswith(body) and again.endswith(body)


def test_a_key_that_cannot_be_compared_is_refused():
    env = jinja2.Environment(autoescape=True)
    env.globals["fragment"] = fragment_renderer(True)
    with pytest.raises(TypeError):
        env.from_string('{% call fragment("x", [1]) %}x{% endcall %}').render()


@pytest.mark.parametrize("keep", [True, False])
def test_a_key_with_an_undefined_value_is_refused(keep):
    # Jinja's Undefined values all compare equal: two people without a slug would share one
    # kept part, so an undefined key part stops the render (the same with the layer off).
    with pytest.raises(TypeError, match="undefined value"):
        _render(keep, [{"text": "a"}])
