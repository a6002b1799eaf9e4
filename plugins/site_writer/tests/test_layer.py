"""The layer as a whole: the site is the same with and without it, URLs are Pelican's own,
and no feature plugin imports it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from site_writer import urls
from tests.sitebuild import ROOT, run_pelican, settings_with

PLUGINS = ROOT / "plugins"
# The performance layer (its writer and its forked pool), and the modules it replaced (they
# must not come back).
LAYER = {"site_writer", "parallel_output", "render_memo", "stable_output", "url_memo"}


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_is_byte_identical_with_the_layer_turned_off(tmp_path):
    def build(name: str, **settings) -> dict:
        conf = settings_with(tmp_path / f"{name}.py", CACHE_PATH=str(tmp_path / f"c-{name}"),
                             PRISONER_LINKS_CACHE=str(tmp_path / f"m-{name}"), **settings)
        result = run_pelican(ROOT / "content", tmp_path / name, conf)
        assert result.returncode == 0, result.output
        return _tree(tmp_path / name)

    # PARALLEL_MIN_ITEMS=1: reading, linking and catalogues go through the pool too.
    # SEARCH_INDEX=False: Pagefind 1.5.2 gives different bytes from two runs over the same
    # pages (its own tests compare the bundle by content); the writer does not write it.
    plain = build("plain", PERFORMANCE=False, SEARCH_INDEX=False)
    fast = build("fast", PARALLEL_WORKERS=2, PARALLEL_MIN_ITEMS=1, SEARCH_INDEX=False)
    assert len(plain) > 1000
    assert sorted(plain) == sorted(fast)
    assert [name for name in plain if plain[name] != fast[name]] == []


def test_a_failing_writer_process_fails_the_build(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    # Break only profile pages: whichever process renders them fails.
    (theme / "templates/prisoner.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ person.no_such_field.boom() }}'
        "{% endblock %}", encoding="utf-8")
    settings = settings_with(tmp_path / "s.py", PARALLEL_WORKERS=2, THEME=str(theme),
                             CACHE_PATH=str(tmp_path / "cache"))
    result = run_pelican(ROOT / "content", tmp_path / "out", settings)
    assert result.returncode != 0
    assert "prisoners/" in result.output and "no_such_field" in result.output


def _imports(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", text, re.MULTILINE)
    return set(found)


def test_no_feature_plugin_imports_the_performance_layer():
    """Not even its pool: a feature plugin hands its per-document work to pipeline.each and
    the layer decides how it runs (plugins/pipeline/pipeline.yaml, `work`)."""
    offenders = []
    for path in sorted(PLUGINS.rglob("*.py")):
        plugin = path.relative_to(PLUGINS).parts[0]
        if plugin in LAYER:
            continue
        used = _imports(path)
        offenders += [f"{path.relative_to(ROOT)} imports {m}" for m in sorted(used & LAYER)]
    assert offenders == []
    gone = LAYER - {"site_writer", "parallel_output"}
    assert not any((PLUGINS / name).exists() for name in gone)


def _article(slug: str, lang: str, translations=()) -> Article:
    settings = {**DEFAULT_CONFIG, "DEFAULT_LANG": "en"}
    doc = Article("<p>x</p>", metadata={"title": slug, "slug": slug, "lang": lang},
                  settings=settings)
    doc.translations = list(translations)
    return doc


def test_every_document_and_version_keeps_pelicans_url_as_override_url():
    ru = _article("appeal", "ru")
    de = _article("appeal", "de")
    en = _article("appeal", "en", translations=[ru])
    en.alternates = {"en": en, "ru": ru, "de": de}  # de only reachable through alternates
    expected = {id(d): d.url for d in (en, ru, de)}
    assert not hasattr(en, "override_url")
    assert urls.freeze({"articles": [en], "translations": []}) == 3
    assert {id(d): d.override_url for d in (en, ru, de)} == expected
    assert ru.url == "appeal-ru.html"  # Pelican's default for a translation
    en.slug = "renamed"  # Pelican's own property now returns the kept URL
    assert en.url == "appeal.html"
    other = _article("other", "en")  # not kept: Pelican's property as before
    other.slug = "other-2"
    assert other.url == "other-2.html"


WARNING_PLUGIN = '''
import logging

from pelican import signals
from pelican.generators import Generator


def _render(n):
    def job():
        logging.getLogger("pelican.test").warning("render-time warning %d", n)
        return str(n)
    return job


class Warner(Generator):
    def generate_output(self, writer):
        for n in range(64):
            writer.write(f"warned/{n}.txt", None, _render(n))


def _generators(_pelican):
    return Warner


def register():
    signals.get_generators.connect(_generators)
'''


def test_strict_mode_sees_what_rendering_logs_in_every_process(tmp_path):
    """The writer renders before any other `finalized` step (site_writer listed first): a
    warning logged while rendering, in a helper process or not, fails a strict build."""
    import pelicanconf

    (tmp_path / "extra").mkdir()
    (tmp_path / "extra/warn_on_render.py").write_text(WARNING_PLUGIN, encoding="utf-8")
    settings = settings_with(tmp_path / "s.py", PARALLEL_WORKERS=2, STRICT_WARNINGS=True,
                             CACHE_PATH=str(tmp_path / "cache"),
                             PLUGIN_PATHS=[str(PLUGINS), str(tmp_path / "extra")],
                             PLUGINS=[*pelicanconf.PLUGINS, "warn_on_render"])
    result = run_pelican(ROOT / "content", tmp_path / "out", settings)
    assert result.returncode != 0, result.output
    assert "strict mode" in result.output
    found = {int(n) for n in re.findall(r"render-time warning (\d+)", result.output)}
    assert found == set(range(64)), sorted(found)
