"""Coherent letters guidance (issue 17, item 8): a profile that asks for no letters does not
send readers to the letter-writing guide but says what helps instead, and "ask a
prisoner-support group" names the groups (SUPPORT_GROUPS, per language)."""

from __future__ import annotations

import pelicanconf as conf
from tests.sitebuild import run_pelican, settings_with
from tests.test_registry import CASE, person, write_yaml


def test_do_not_write_profile_offers_what_to_do_instead(site):
    page = site.html("uk/prisoners/lev-skoryakin/index.html")
    write = page.select_one("#write")
    assert "Будь ласка, не надсилайте листів" in write.get_text()
    hrefs = [a["href"] for a in write.select("a")]
    assert "/uk/how-to-write/" not in hrefs, hrefs  # no guide to what we ask not to do
    assert "/uk/feeds/prisoners/lev-skoryakin.atom.xml" in hrefs
    assert "#h-mentioned" in hrefs and page.select_one("#h-mentioned")
    assert "https://ovd.info/" in hrefs
    instead = write.select_one("ul.instead").get_text(" ")
    assert "ОВД-Інфо" in instead and "Що можна зробити натомість" in write.get_text()


def test_address_unknown_profile_names_the_support_groups(site):
    for lang, name in (("ru", "ОВД-Инфо"), ("en", "OVD-Info")):
        prefix = "" if lang == conf.DEFAULT_LANG else f"{lang}/"
        write = site.html(f"{prefix}prisoners/alexey-kurlov/index.html").select_one("#write")
        [link] = write.select(".support-groups a")
        assert (link.get_text(), link["href"]) == (name, "https://ovd.info/")
        assert write.select_one(f'a[href="/{prefix}how-to-write/"]')


def test_support_groups_come_from_settings_per_language(content, tmp_path):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person("anna-closed",
                                            letters={"state": "do-not-write"}))
    groups = {"en": [{"name": "Group One", "url": "https://one.example.org/"}],
              "de": [{"name": "Gruppe Zwei", "url": "https://zwei.example.org/"}]}
    build = run_pelican(content, tmp_path / "out",
                        settings_with(tmp_path / "s.py", SUPPORT_GROUPS=groups))
    assert build.returncode == 0, build.output
    de = build.html("de/prisoners/anna-closed/index.html").select_one("ul.instead")
    assert [a.get_text() for a in de.select('a[href^="https"]')] == ["Gruppe Zwei"]
    fr = build.html("fr/prisoners/anna-closed/index.html").select_one("ul.instead")
    assert [a.get_text() for a in fr.select('a[href^="https"]')] == ["Group One"]  # fallback
    none = run_pelican(content, tmp_path / "out2",
                       settings_with(tmp_path / "s2.py", SUPPORT_GROUPS={}))
    assert none.returncode == 0, none.output
    closed = none.html("prisoners/anna-closed/index.html").select_one("ul.instead")
    assert not closed.select('a[href^="https"]')
