"""The build's compiled templates, shared by every generator's Jinja environment."""

from __future__ import annotations

import jinja2

from site_writer.templates import SharedBytecode


class CountingEnvironment(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def _env(folder, cache, **options) -> jinja2.Environment:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                              **options)
    env.bytecode_cache = cache
    return env


def test_environments_configured_alike_compile_a_template_once(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>\n", encoding="utf-8")
    cache, CountingEnvironment.compiled = SharedBytecode(), 0
    first = _env(tmp_path, cache).get_template("page.html").render(text="<b>")
    second = _env(tmp_path, cache).get_template("page.html").render(text="<b>")
    assert first == second == "<p>&lt;b&gt;</p>"
    assert CountingEnvironment.compiled == 1


def test_environments_configured_differently_do_not_share_code(tmp_path):
    # trim_blocks and autoescape are decided when the template is compiled: code compiled
    # for one environment would render another's template with the wrong whitespace and
    # escaping.
    (tmp_path / "page.html").write_text("{% if x %}\n{{ x }}{% endif %}", encoding="utf-8")
    cache = SharedBytecode()
    trimmed = _env(tmp_path, cache, trim_blocks=True).get_template("page.html")
    assert trimmed.render(x="<i>") == "&lt;i&gt;"
    kept = _env(tmp_path, cache).get_template("page.html")
    assert kept.render(x="<i>") == "\n&lt;i&gt;"
    raw = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=False)
    raw.bytecode_cache = cache
    assert raw.get_template("page.html").render(x="<i>") == "\n<i>"


def test_newstyle_gettext_is_part_of_the_key(tmp_path):
    # Newstyle gettext formats inside the call; the old style's code applies % itself.
    (tmp_path / "page.html").write_text("{% trans %}{{ n }} left{% endtrans %}",
                                        encoding="utf-8")
    cache = SharedBytecode()
    new = _env(tmp_path, cache, extensions=["jinja2.ext.i18n"])
    new.install_null_translations(newstyle=True)
    assert new.get_template("page.html").render(n=3) == "3 left"
    old = _env(tmp_path, cache, extensions=["jinja2.ext.i18n"])
    old.install_null_translations(newstyle=False)
    assert old.get_template("page.html").render(n=3) == "3 left"


def test_a_changed_template_is_compiled_again(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("before", encoding="utf-8")
    cache = SharedBytecode()
    assert _env(tmp_path, cache).get_template("page.html").render() == "before"
    page.write_text("after", encoding="utf-8")
    assert _env(tmp_path, cache).get_template("page.html").render() == "after"


def test_a_filter_taking_the_context_in_one_environment_only_is_part_of_the_key(tmp_path):
    # Jinja writes how a filter or test is called (with the context, the eval context, the
    # environment or only its value) into the compiled code (compiler.py, pass_arg): code
    # compiled where `who` takes the context would call another environment's `who` with the
    # context as its value; and code compiled where a filter exists would load where it
    # does not, instead of Jinja's "No filter named" when compiling.
    (tmp_path / "page.html").write_text("{{ x|who }}{% if x is odd2 %}!{% endif %}",
                                        encoding="utf-8")
    cache = SharedBytecode()
    with_context = _env(tmp_path, cache)
    with_context.filters["who"] = jinja2.pass_context(lambda context, value: f"{value}@ctx")
    with_context.tests["odd2"] = lambda value: True
    assert with_context.get_template("page.html").render(x="a") == "a@ctx!"
    plain = _env(tmp_path, cache)
    plain.filters["who"] = lambda value: f"{value}@plain"
    plain.tests["odd2"] = jinja2.pass_environment(lambda env, value: False)
    assert plain.get_template("page.html").render(x="a") == "a@plain"
    without = _env(tmp_path, cache)
    try:
        without.get_template("page.html")
    except jinja2.TemplateAssertionError as error:
        assert "who" in str(error)
    else:
        raise AssertionError("a template using a filter its environment lacks was loaded")


def _upper(value):
    return value.upper()


def _lower(value):
    return value.lower()


def test_a_filter_of_the_same_name_doing_something_else_is_part_of_the_key(tmp_path):
    # Jinja's optimizer calls a filter (one not taking the context) on a constant while it
    # compiles and writes the result into the code: another environment whose filter of
    # that name does something else must not get that result.
    (tmp_path / "page.html").write_text('{{ "Ab"|shout }}', encoding="utf-8")
    cache = SharedBytecode()
    rendered = []
    for function in (_upper, _lower):
        env = _env(tmp_path, cache)
        env.filters["shout"] = function
        rendered.append(env.get_template("page.html").render())
    assert rendered == ["AB", "ab"]
