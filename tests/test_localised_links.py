"""Internal links in a translated version lead to the page in the reader's language
(plugins/multilang/links.py), through a real build with content catalogues and a Markdown
translation: the Russian page's links, a link to a text with no Russian version, fragments,
relative links, `{filename}`, external links, an original's deliberate links, feeds."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import polib
import pytest

from tests.feed_tools import validate_feeds
from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

FEED_SITEURL = "https://feeds.site.example"  # feeds' absolute addresses (FEED_SITEURL)

# The source text's paragraphs, each one catalogue entry; the Russian msgstr keeps every
# target, as the link-target check demands.
PARAGRAPHS = {
    "Write to them: [who needs a letter](/letters/now/).":
        "Напишите им: [кому нужно письмо](/letters/now/).",
    "See [the other text](/articles/other/#demands) and [its notes](../other/).":
        "См. [другой текст](/articles/other/#demands) и [его примечания](../other/).",
    "Only in English: [lonely](/articles/lonely/) and [again](../lonely/?x=1#top).":
        "Только по-английски: [одинокий](/articles/lonely/) и [снова](../lonely/?x=1#top).",
    "By file: [other]({filename}other.md#demands); the [index](/prisoners/).":
        "По файлу: [другой]({filename}other.md#demands); [список](/prisoners/).",
    "Her profile: [profile](/prisoners/daria-kozyreva/).":
        "Её профиль: [профиль](/prisoners/daria-kozyreva/).",
    "Tags: [shared](/tag/shared/), [only English](/tag/lonelytag/).":
        "Метки: [общая](/tag/shared/), [только английская](/tag/lonelytag/).",
    "Away: [a host](https://example.org/letters/) and [mail](mailto:a@example.org).":
        "Вовне: [хост](https://example.org/letters/) и [почта](mailto:a@example.org).",
    "In German on purpose: [Deutsch](/de/articles/other/).":
        "Нарочно по-немецки: [Deutsch](/de/articles/other/).",
    # A folder's address without its final "/", as editors often write it (the server
    # redirects, the link check accepts it).
    "No slash: [the letters](/letters/now) and [demands](/articles/other#demands).":
        "Без косой черты: [письма](/letters/now) и [требования](/articles/other#demands).",
}

def _write(project: Path) -> None:
    content = project / "content"
    (content / "prisoners").mkdir(parents=True)
    shutil.copy(ROOT / "content/prisoners/daria-kozyreva.yaml", content / "prisoners")
    write_article(content, "case.md", {**VALID, "Slug": "case", "Tags": "shared",
                                       "Summary": "About [letters](/letters/now/)."},
                  "\n\n".join(PARAGRAPHS))
    write_article(content, "other.md", {**VALID, "Slug": "other", "Title": "Other",
                                        "Date": "2012-12-18 10:00",
                                        "Tags": "shared"},
                  "## Demands {: #demands }\n\nFree them.\n\nWrite: [letters](/letters/now/).")
    # An editor's Russian translation as a Markdown file, its links copied from the original.
    write_article(content, "other.ru.md", {**VALID, "Slug": "other", "Title": "Другой",
                                           "Date": "2012-12-18 10:00",
                                           "Lang": "ru", "Tags": "shared"},
                  "## Требования {: #demands }\n\nСвободу им.\n\nПишите: [письма](/letters/now/).")
    # In German too, so that a link chosen in German has a target.
    write_article(content, "other.de.md", {**VALID, "Slug": "other", "Title": "Andere",
                                           "Date": "2012-12-18 10:00",
                                           "Lang": "de", "Tags": "shared"}, "Frei.")
    write_article(content, "lonely.md", {**VALID, "Slug": "lonely", "Title": "Lonely",
                                         "Date": "2012-12-17 10:00",
                                         "Tags": "lonelytag"},
                  "Only English.\n{: #top }")
    # Its Russian translation is a draft: never a link target; its preview (make build,
    # make serve) shows the links it will have once published.
    write_article(content, "lonely.ru.md", {**VALID, "Slug": "lonely", "Title": "Черновик",
                                            "Lang": "ru", "Status": "draft",
                                            "Date": "2012-12-17 10:00"},
                  "Черновик: [письма](/letters/now/).")
    # A Russian original: its link to the English page is the editor's choice.
    write_article(content, "own.ru.md", {**VALID, "Slug": "own", "Title": "Своё", "Lang": "ru",
                                         "Date": "2012-12-16 10:00",
                                         "OriginalLanguage": "ru"},
                  "Английский текст: [Other](/articles/other/).")
    # Another Russian original, with no OriginalLanguage (the field is for the attribution
    # line) and an English version made from its catalogue: an original all the same.
    write_article(content, "mine.ru.md", {**VALID, "Slug": "mine", "Title": "Моё", "Lang": "ru",
                                          "Date": "2012-12-15 10:00"},
                  "Английский текст: [Other](/articles/other/).")

def _translate(project: Path) -> None:
    from content_i18n.workflow import extract_all

    from pelicanconf import MARKDOWN

    extract_all(project, project / "content", project / "po", ["en", "ru"], "en",
                markdown=MARKDOWN)
    path = project / "po/ru/case.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt == "title":
            entry.msgstr = "Дело"
        elif entry.msgctxt == "summary":
            entry.msgstr = "О [письмах](/letters/now/)."
        elif entry.msgid in PARAGRAPHS:
            entry.msgstr = PARAGRAPHS[entry.msgid]
    po.save(str(path))
    path = project / "po/en/mine.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "Mine" if entry.msgctxt == "title" else \
            "English text: [Other](/articles/other/)."
    po.save(str(path))

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("links")
    _write(project)
    _translate(project)
    settings_with(project / "settings.py", CONTENT_TRANSLATIONS_DIR=str(project / "po"),
                  FEED_SITEURL=FEED_SITEURL)
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    built = run_pelican(project / "content", out, settings=project / "settings.py")
    assert built.returncode == 0, built.output
    return built

def _links(built, rel: str) -> dict[str, tuple[str, str | None]]:
    """{link text: (href, hreflang)} of a page's text."""
    body = built.html(rel).select_one(".e-content")
    return {a.get_text(): (a["href"], a.get("hreflang")) for a in body.find_all("a")}

def assert_links(built, rel: str, expected: dict[str, tuple[str, str | None]]) -> None:
    """The links of a page's text named in `expected` ({link text: (href, hreflang)}) are
    exactly those: every mismatch shown at once."""
    links = _links(built, rel)
    assert {text: links.get(text) for text in expected} == expected


def test_a_catalogue_versions_links_lead_to_the_russian_pages(site):
    assert_links(site, "ru/articles/case/index.html", {
        "кому нужно письмо": ("/ru/letters/now/", None),
        "список": ("/ru/prisoners/", None),
        "общая": ("/ru/tag/shared/", None),
        # A profile: the address the prisoner linker gives mentions in Russian.
        "профиль": ("/ru/prisoners/daria-kozyreva/", None),
        "письма": ("/ru/letters/now/", None),
        "требования": ("/ru/articles/other/#demands", None),
        # A Markdown-file version, with its fragment, and through Pelican's {filename}.
        "другой текст": ("/ru/articles/other/#demands", None),
        "другой": ("/ru/articles/other/#demands", None),
        # A relative link that already leads to the Russian version on this page: kept.
        "его примечания": ("../other/", None),
    })
    # The fragment names an id of the Russian page.
    other = site.html("ru/articles/other/index.html")
    assert other.find(id="demands") is not None

def test_a_target_without_a_russian_version_keeps_its_url_marked_english(site):
    assert_links(site, "ru/articles/case/index.html", {
        "одинокий": ("/articles/lonely/", "en"),
        # Relative to the original's page it meant /articles/lonely/: on the Russian page it
        # would have led to /ru/articles/lonely/, which does not exist.
        "снова": ("/articles/lonely/?x=1#top", "en"),
        "только английская": ("/tag/lonelytag/", "en"),
    })
    assert not (site.out_dir / "ru/articles/lonely").exists()
    assert not (site.out_dir / "ru/tag/lonelytag").exists()

def test_a_draft_translation_is_never_linked_and_its_preview_has_its_links(site):
    """/articles/lonely/ has a Russian draft: the Russian page keeps the English address
    (above), and the draft's preview leads to the Russian pages as its published page
    will, and as `make serve` writes it first (tools/dev_server.py maps every text it
    writes first, drafts too)."""
    assert (site.out_dir / "ru/drafts/lonely/index.html").is_file()
    assert _links(site, "ru/articles/case/index.html")["одинокий"] == ("/articles/lonely/", "en")
    assert _links(site, "ru/drafts/lonely/index.html")["письма"] == ("/ru/letters/now/", None)


def test_external_links_and_a_chosen_language_are_untouched(site):
    assert_links(site, "ru/articles/case/index.html", {
        "хост": ("https://example.org/letters/", None),
        "почта": ("mailto:a@example.org", None),
        "Deutsch": ("/de/articles/other/", "de"),
    })

def test_the_english_original_and_a_russian_original_keep_their_links(site):
    assert_links(site, "articles/case/index.html", {
        "who needs a letter": ("/letters/now/", None),
        "the other text": ("/articles/other/#demands", None),
        "its notes": ("../other/", None),
        "Deutsch": ("/de/articles/other/", None),
    })
    own = _links(site, "ru/articles/own/index.html")
    assert own["Other"] == ("/articles/other/", None)
    # An original whose header does not say so: the text catalogue versions are made from.
    assert _links(site, "ru/articles/mine/index.html")["Other"] == ("/articles/other/", None)
    assert _links(site, "articles/mine/index.html")["Other"] == ("/articles/other/", None)

def test_a_markdown_translations_links_lead_to_the_russian_pages(site):
    assert _links(site, "ru/articles/other/index.html")["письма"] == ("/ru/letters/now/", None)

def test_every_localised_link_resolves_to_a_written_page(site):
    page = "ru/articles/case/"
    for href, _lang in _links(site, page + "index.html").values():
        if href.startswith(("https:", "mailto:")):
            continue
        path = urljoin("/" + page, href).split("#")[0].split("?")[0].lstrip("/")
        assert (site.out_dir / path / "index.html").is_file(), href

def test_the_summary_on_listings_leads_to_the_russian_page(site):
    home = site.html("ru/index.html")
    card = home.find("a", string="письмах")
    assert card["href"] == "/ru/letters/now/"

def test_the_russian_feed_carries_the_same_links_absolute(site):
    feed = feedparser.parse(str(site.out_dir / "ru/feeds/all.atom.xml"))
    entry = next(e for e in feed.entries if e.link.endswith("/ru/articles/case/"))
    html = entry.content[0].value
    assert f'href="{FEED_SITEURL}/ru/letters/now/"' in html
    assert f'href="{FEED_SITEURL}/ru/articles/other/#demands"' in html
    assert f'href="{FEED_SITEURL}/articles/lonely/?x=1#top"' in html
    assert 'href="https://example.org/letters/"' in html
    english = feedparser.parse(str(site.out_dir / "feeds/all.atom.xml"))
    entry = next(e for e in english.entries if e.link.endswith("/articles/case/"))
    assert f'href="{FEED_SITEURL}/letters/now/"' in entry.content[0].value
    # The W3C validator, as validator.w3.org/feed reads the Russian feeds: no event.
    summary, report = validate_feeds(site.out_dir, FEED_SITEURL, "ru/feeds/all.*.xml")
    assert summary == "feeds=2 with_events=0 events=0", report

def test_the_site_checks_pass_on_the_built_site(site):
    from site_checks import run_checks

    problems = run_checks(site.out_dir, {"SITEURL": "", "FEED_SITEURL": FEED_SITEURL},
                          html=False)
    # The texts' links (the theme's link to the letter-writing guide, a page this small site
    # does not have, is not this test's business).
    assert [str(p) for p in problems if "articles/" in str(p).split(":")[0]] == []


def test_a_rebuild_follows_a_target_that_gains_a_russian_version(tmp_path):
    """The same output folder and caches (the editor's rebuild): once /articles/lonely/ has
    a Russian version, the Russian page that links it is written again, linking to it."""
    _write(tmp_path)
    _translate(tmp_path)
    settings = settings_with(tmp_path / "settings.py",
                             CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"),
                             FEED_SITEURL=FEED_SITEURL, CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "cache"))
    first = run_pelican(tmp_path / "content", tmp_path / "out", settings=settings)
    assert first.returncode == 0, first.output
    assert _links(first, "ru/articles/case/index.html")["одинокий"] == \
        ("/articles/lonely/", "en")
    write_article(tmp_path / "content", "lonely.ru.md",
                  {**VALID, "Slug": "lonely", "Title": "Одинокий", "Lang": "ru"}, "Уже нет.")
    again = run_pelican(tmp_path / "content", tmp_path / "out", settings=settings)
    assert again.returncode == 0, again.output
    assert _links(again, "ru/articles/case/index.html")["одинокий"] == \
        ("/ru/articles/lonely/", None)


def test_a_translator_still_may_not_change_an_internal_target(tmp_path):
    """The mapping is the build's: a msgstr that writes the Russian address itself changes
    the target and stops the build, as any changed target does (content_i18n/checks.py)."""
    _write(tmp_path)
    _translate(tmp_path)
    path = tmp_path / "po/ru/case.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("Write to them"))
    entry.msgstr = "Напишите им: [кому нужно письмо](/ru/letters/now/)."
    po.save(str(path))
    settings = settings_with(tmp_path / "settings.py",
                             CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    built = run_pelican(tmp_path / "content", tmp_path / "out", settings=settings)
    assert built.returncode != 0
    assert "link targets ['/letters/now/'] became ['/ru/letters/now/']" in built.said
    assert "keep the link target as it is in the msgid" in built.said
