"""build.markdown_for: one Markdown per configuration, a separate one for the checks, and
cache keys that are the configuration's repr (made once per configuration object)."""

from __future__ import annotations

from content_i18n.build import config_key, markdown_for


def _config(quote: str) -> dict:
    return {"extensions": ["markdown.extensions.smarty"],
            "extension_configs": {"markdown.extensions.smarty": {
                "substitutions": {"left-double-quote": quote}}}}


def test_the_key_is_the_configurations_repr():
    config = _config("&laquo;")
    assert config_key(config) == repr(config)
    assert config_key(config) == repr(config)  # the remembered one
    other = _config("&bdquo;")
    assert config_key(other) == repr(other) != config_key(config)


def test_equal_configurations_share_one_markdown_and_checks_have_their_own():
    first, second = _config("&laquo;"), _config("&laquo;")
    assert markdown_for(first) is markdown_for(second)
    checking = markdown_for(first, check=True)
    assert checking is not markdown_for(first)
    assert checking is markdown_for(second, check=True)
    assert markdown_for(_config("&bdquo;")) is not markdown_for(first)
    # The check instance converts like the other one.
    assert checking.reset().convert('"a"') == markdown_for(first).reset().convert('"a"') \
        == "<p>&laquo;a&rdquo;</p>"
