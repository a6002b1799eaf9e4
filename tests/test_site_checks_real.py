"""site_checks on the real sample site: it passes clean, and hostile markup of the kinds issue 13
found getting through (planted into the built pages and feeds, as if escaping or sanitising had
failed) is named, file by file, by the allowlist checks that `invoke build` runs."""

from __future__ import annotations

import shutil

from pelican.settings import read_settings

from site_checks import run_checks
from tests.sitebuild import ROOT


def _plant(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_allowlist_names_each_planted_fault_in_the_real_site(site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(site.out_dir, out)
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert run_checks(out, settings, html=False) == []
    # Summary with a refresh in capitals: no CSP stops it, only the check can.
    _plant(out / "index.html", "</main>",
           '<meta http-equiv="refresh" content="0; URL=http://tracker.example/r"></main>')
    # A UI string with an SVG image, on a Russian page.
    _plant(out / "ru/index.html", "</footer>",
           '<svg><image href="https://tracker.example/u.png"/></svg></footer>')
    # A registry alias breaking out of its attribute into a javascript: link.
    _plant(out / "prisoners/boris-kagarlitsky/index.html", "</main>",
           '<a href="javascript:alert(2)">a</a></main>')
    # A page that lost its policy <meta>.
    _plant(out / "de/archives/index.html", 'http-equiv="Content-Security-Policy"',
           'http-equiv="X-Nothing"')
    # Summary escaped for the page but live markup in the RSS description.
    _plant(out / "feeds/all.rss.xml", "<description>Sociologists",
           "<description>&lt;img src=https://tracker.example/x.png onerror=alert(1)&gt; "
           "Sociologists")
    # A category feed (a sub-folder of feeds/) with a javascript: link in an entry.
    _plant(out / "feeds/category/appeals.atom.xml", '<content type="html">&lt;p&gt;',
           '<content type="html">&lt;p&gt;&lt;a href="javascript:alert(3)"&gt;x&lt;/a&gt;')
    found = {(p.path, p.where) for p in run_checks(out, settings, html=False)}
    assert found == {
        ("index.html", "<meta refresh>"),
        ("ru/index.html", "<image href>"),
        ("prisoners/boris-kagarlitsky/index.html", "<a href>"),
        ("de/archives/index.html", "<head>"),
        ("feeds/all.rss.xml", "<description> <img src>"),
        ("feeds/all.rss.xml", "<description> <img onerror>"),
        ("feeds/category/appeals.atom.xml", "<content> <a href>"),
    }
