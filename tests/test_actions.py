"""Action blocks (issue 19, item 1) and the home page that asks (item 6), on built sites: the box
and its state, the catalogue translation of its texts, the actions page and feed, bad values,
and the home page's sections in every language."""

from __future__ import annotations

from urllib.parse import unquote

import feedparser
import polib
import pytest

import pelicanconf as conf
from tests.actions_fixture import ACTION, extract, settings, translate, write_site
from tests.sitebuild import run_pelican
from tests.test_bad_input import refused


@pytest.fixture(scope="module")
def open_site(tmp_path_factory):
    """The appeal on 1 March 2025 (open), translated into ru and de through its catalogue."""
    root = tmp_path_factory.mktemp("actions-open")
    write_site(root)
    catalogues = extract(root)
    translate(catalogues, "ru")
    translate(catalogues, "de")
    build = run_pelican(root / "content", root / "out", settings(root, "2025-03-01"))
    assert build.returncode == 0, build.output
    return build


def test_the_action_box_opens_the_page_with_deadline_state_and_mailto(open_site):
    soup = open_site.html("articles/free-anna/index.html")
    article = soup.select_one("article.document")
    box = article.select_one("section.action-box")
    assert "action-open" in box["class"]
    # At the top: right after the title block, before the text itself.
    assert box.find_previous_sibling().name == "header"
    assert box.find_next("div", class_="e-content") is not None
    assert box.select_one(".action-state").get_text() == "Open"
    assert box.select_one("time")["datetime"] == "2025-03-31"
    assert "Deadline: March 31, 2025" in " ".join(box.get_text().split())
    assert box.select_one(".action-ask").get_text() == "Release Anna Testova and drop the charges."
    assert box.select_one(".postal").get_text() == "1 Example Street\nTesttown 000000"
    href = box.select_one("a.action-mailto")["href"]
    address, _, query = href.partition("?")
    assert address == "mailto:minister@ministry.example"
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert unquote(fields["subject"]) == "Free Anna Testova"
    assert unquote(fields["body"]).startswith("Dear Minister,\r\n\r\nAnna Testova is in prison")


def test_the_box_texts_come_from_the_article_catalogue(open_site):
    box = open_site.html("ru/articles/free-anna/index.html").select_one("section.action-box")
    assert box.select_one(".action-ask").get_text() == \
        "Освободите Анну Тестову и снимите с неё обвинения."
    assert not box.select("[lang]"), "translated texts carry the page's language"
    assert box.select_one(".action-role").get_text() == "Канцелярия министра"
    assert box.select_one(".action-name").get_text().startswith("Ministry of Invented Affairs")
    body = unquote(box.select_one("a.action-mailto")["href"].split("&body=")[1])
    assert body.startswith("Уважаемый министр!")
    assert box.select_one(".action-state").get_text() == "Открыта"
    assert not box.select(".fallback-note")


def test_the_action_texts_are_extracted_with_their_own_msgctxt(open_site):
    po = polib.pofile(str(open_site.out_dir.parent / "translations/uk/free-anna.po"))
    kinds = {e.msgctxt: e.msgid for e in po}
    assert kinds["action-ask"] == "Release Anna Testova and drop the charges."
    assert kinds["action-role"] == "Office of the Minister"
    assert kinds["action-sample"].startswith("Dear Minister,\n\nAnna Testova")
    assert "action-outcome" not in kinds  # an open action has none


def test_a_changed_sample_shows_the_source_with_the_outdated_note(tmp_path):
    write_site(tmp_path)
    translate(extract(tmp_path), "ru")
    write_site(tmp_path, ACTION.replace("Please release her.", "Release her at once."))
    build = run_pelican(tmp_path / "content", tmp_path / "out", settings(tmp_path, "2025-03-01"))
    assert build.returncode == 0, build.output
    box = build.html("ru/articles/free-anna/index.html").select_one("section.action-box")
    sample = box.select_one(".sample-text")
    assert sample["lang"] == "en" and "Release her at once." in sample.get_text()
    assert box.select_one(".action-ask").get_text().startswith("Освободите")  # unchanged
    assert box.select_one(".fallback-note")
    # After extract the entry is fuzzy (msgmerge, previous msgid kept): still the source.
    catalogues = extract(tmp_path)
    entry = next(e for e in polib.pofile(str(catalogues / "ru/free-anna.po"))
                 if e.msgctxt == "action-sample")
    assert "fuzzy" in entry.flags and entry.previous_msgid.endswith("Please release her.")
    build = run_pelican(tmp_path / "content", tmp_path / "out2", settings(tmp_path, "2025-03-01"))
    box = build.html("ru/articles/free-anna/index.html").select_one("section.action-box")
    assert box.select_one(".sample-text")["lang"] == "en" and box.select_one(".fallback-note")


def test_open_actions_are_listed_on_their_page_and_in_their_feed(open_site):
    from tests.feed_tools import validate_feeds

    page = open_site.html("ru/actions/index.html")
    assert page.select_one("html")["lang"] == "ru"
    cards = page.select(".action-card.action-open")
    assert [c.select_one("a").get_text() for c in cards] == ["Свободу Анне Тестовой"]
    assert page.select_one('link[type="application/atom+xml"][href$="ru/feeds/actions.atom.xml"]')
    home = open_site.html("ru/index.html").select_one(".home-actions")
    assert home.select_one(".action-card a")["href"].endswith("/ru/articles/free-anna/")
    feed = feedparser.parse(str(open_site.out_dir / "ru/feeds/actions.atom.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Свободу Анне Тестовой"]
    assert feed.entries[0].link.endswith("/ru/articles/free-anna/")
    rss = feedparser.parse(str(open_site.out_dir / "feeds/actions.rss.xml"))
    assert [e.title for e in rss.entries] == ["Free Anna Testova"]
    summary, report = validate_feeds(open_site.out_dir, conf.FEED_SITEURL, "**/actions.*.xml")
    assert summary.startswith(f"feeds={2 * len(conf.LANGUAGES)} ")
    assert summary.endswith(" events=0"), report


def test_after_the_deadline_the_next_build_closes_the_action(tmp_path):
    write_site(tmp_path)
    extract(tmp_path)
    build = run_pelican(tmp_path / "content", tmp_path / "out", settings(tmp_path, "2025-04-01"))
    assert build.returncode == 0, build.output
    box = build.html("articles/free-anna/index.html").select_one("section.action-box")
    assert "action-closed" in box["class"]
    assert box.select_one(".action-state").get_text() == "Closed"
    assert "The deadline has passed" in box.select_one(".action-outcome").get_text()
    assert not box.select("a.action-mailto"), "nobody is asked to write after the deadline"
    page = build.html("actions/index.html")
    assert not page.select(".action-open")
    assert [c.select_one("a").get_text() for c in page.select(".action-card.action-closed")] \
        == ["Free Anna Testova"]
    assert not feedparser.parse(str(tmp_path / "out/feeds/actions.atom.xml")).entries
    home = build.html("index.html").select_one(".home-actions")
    assert not home.select(".action-card") and home.select_one(".empty")


def test_the_real_clock_closes_a_past_deadline(tmp_path):
    """Without ACTIONS_TODAY the build's own day decides (a deadline in 2020 has passed)."""
    from tests.actions_fixture import HEADER

    write_site(tmp_path, ACTION.replace("2025-03-31", "2020-03-31"),
               {**HEADER, "Date": "2020-03-01 10:00"})
    build = run_pelican(tmp_path / "content", tmp_path / "out")
    assert build.returncode == 0, build.output
    box = build.html("articles/free-anna/index.html").select_one("section.action-box")
    assert "action-closed" in box["class"]


def test_a_closed_action_shows_its_outcome(tmp_path):
    write_site(tmp_path, ACTION.replace("state: open", "state: closed\noutcome: She was freed."))
    build = run_pelican(tmp_path / "content", tmp_path / "out", settings(tmp_path, "2025-03-01"))
    assert build.returncode == 0, build.output
    box = build.html("articles/free-anna/index.html").select_one("section.action-box")
    assert "action-closed" in box["class"]
    assert " ".join(box.select_one(".action-outcome").get_text().split()) == \
        "Outcome: She was freed."


YAML = "content/articles/2025/free-anna.action.yaml"
BAD = [
    ("no deadline", ACTION.replace("deadline: 2025-03-31\n", ""),
     f"{YAML}: deadline: missing; add 'deadline: YYYY-MM-DD'"),
    ("no target", "ask: " + ACTION.split("ask: ", 1)[1],
     f"{YAML}: target: missing; add 'target:'"),
    ("malformed date", ACTION.replace("2025-03-31", "31.03.2025"),
     f"{YAML}: deadline: '31.03.2025' is not a date; write it as YYYY-MM-DD"),
    ("no such day", ACTION.replace("2025-03-31", "2025-02-30"),
     f"{YAML}: deadline: '2025-02-30' is not a day of the calendar"),
    ("unknown state", ACTION.replace("state: open", "state: urgent"),
     f"{YAML}: state: 'urgent' is not one of open, closed"),
    ("e-mail with markup", ACTION.replace("minister@ministry.example",
                                          "<a href=x>minister@ministry.example</a>"),
     f"{YAML}: target.email: is plain text; remove the markup"),
    ("postal with markup", ACTION.replace("1 Example Street", "1 <b>Example</b> Street"),
     f"{YAML}: target.postal: is plain text; remove the markup"),
    ("url not http", ACTION.replace("  email: minister@ministry.example",
                                    "  url: javascript:alert(1)"),
     f"{YAML}: target.url: 'javascript:alert(1)' is not allowed"),
    ("invalid yaml", ACTION.replace("ask: Release", "ask: [Release"),
     f"{YAML}: line"),
    # The calendars' all-day event ends the day after: 9999-12-31 broke the writer.
    ("deadline in year 9999", ACTION.replace("2025-03-31", "9999-12-31"),
     f"{YAML}: deadline: '9999-12-31' is more than 5 years after the text's date "
     "(2025-03-01): an action runs for weeks or months; check the year"),
    ("deadline decades away", ACTION.replace("2025-03-31", "2205-03-31"),
     f"{YAML}: deadline: '2205-03-31' is more than 5 years after the text's date"),
    ("deadline in year 1", ACTION.replace("2025-03-31", "0001-01-01"),
     f"{YAML}: deadline: '0001-01-01' is before the text's date (2025-03-01): an action "
     "cannot end before it is published; check the year"),
    ("deadline before the text", ACTION.replace("2025-03-31", "2024-03-31"),
     f"{YAML}: deadline: '2024-03-31' is before the text's date (2025-03-01)"),
]


@pytest.mark.parametrize("case, action, message", BAD, ids=[b[0] for b in BAD])
def test_bad_action_values_stop_the_build_with_file_and_field(tmp_path, case, action, message):
    write_site(tmp_path, action)
    refused(run_pelican(tmp_path / "content", tmp_path / "out", settings(tmp_path, "2025-03-01")),
            message)


@pytest.mark.parametrize("value, message", [
    ("missing.action.yaml", "Action: 'missing.action.yaml' does not exist next to this text"),
    ("../../secret.yaml", "Action: '../../secret.yaml' must be the name of a .yaml file in "
                          "the same folder"),
])
def test_a_bad_action_field_names_the_article(tmp_path, value, message):
    from tests.actions_fixture import HEADER

    write_site(tmp_path, header={**HEADER, "Action": value})
    refused(run_pelican(tmp_path / "content", tmp_path / "out", settings(tmp_path, "2025-03-01")),
            f"content/articles/2025/free-anna.md: {message}")


# ---- the home page that asks (item 6), on the sample site -------------------------------------

def _home(site, lang: str):
    return site.html(("" if lang == conf.DEFAULT_LANG else f"{lang}/") + "index.html")


def test_every_home_opens_with_who_it_supports_then_actions_letters_and_latest(site):
    english = " ".join(_home(site, "en").select_one(".home-intro .lead").get_text().split())
    assert english.startswith("This site supports socialists, anarchists")
    for lang in conf.LANGUAGES:
        soup = _home(site, lang)
        main = soup.select_one("main")
        order = [s.get("class", [""])[0] for s in main.find_all(["section", "h2"],
                                                                recursive=False)]
        assert order[:3] == ["home-intro", "home-actions", "home-letters"], (lang, order)
        assert order.index("home-latest") > 2
        lead = " ".join(main.select_one(".home-intro .lead").get_text().split())
        if lang != conf.DEFAULT_LANG:
            assert lead != english and not main.select_one(".home-intro [lang]"), lang
        # Nobody in the sample registry can receive letters: an honest empty state and the
        # how-to-write page in the page's language.
        letters = main.select_one(".home-letters")
        assert letters.select_one(".empty") and not letters.select("ul.people li")
        howto = letters.select_one("a")["href"]
        prefix = "" if lang == conf.DEFAULT_LANG else f"{lang}/"
        assert howto.endswith(f"/{prefix}how-to-write/"), (lang, howto)
        assert (site.out_dir / prefix / "how-to-write/index.html").exists()


def test_the_sample_appeal_shows_its_closed_action(site):
    for lang in ("en", "ru", "de"):
        prefix = "" if lang == conf.DEFAULT_LANG else f"{lang}/"
        box = site.html(f"{prefix}articles/free-boris-kagarlitsky/index.html").select_one(
            ".action-box")
        assert "action-closed" in box["class"], lang
        assert box.select_one(".action-name").get_text().startswith(
            "Генеральная прокуратура Российской Федерации")
        assert box.select_one("time")["datetime"] == "2024-03-14"
    ru = site.html("ru/articles/free-boris-kagarlitsky/index.html").select_one(".action-box")
    assert ru.select_one(".action-ask").get_text().startswith("Освободите Бориса Кагарлицкого")
    actions = site.html("actions/index.html")
    assert not actions.select(".action-open") and actions.select_one(".empty")
    assert actions.select_one(".action-closed a")["href"].endswith(
        "/articles/free-boris-kagarlitsky/")


def test_the_home_lists_people_who_can_receive_letters_with_consent(content, tmp_path):
    from tests.sitebuild import VALID, write_article
    from tests.test_registry import person, write_yaml

    letters = {"state": "can-write", "address": "ИК-1, ул. Тестовая, 1, Тестовск, 000000",
               "channels": ["post"]}
    write_yaml(content, "prisoners", person("anna-one", letters=letters))
    write_yaml(content, "prisoners", person("anna-two", letters=letters,
                                            consent={"address": True, "photo": False}))
    write_yaml(content, "prisoners", person("anna-three", consent={"address": True,
                                                                    "photo": False}))
    write_article(content, "a.md", VALID)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    for lang, name in (("en", "Anna TestTwo"), ("ru", "Анна Тестtwo")):
        letters_box = _home(build, lang).select_one(".home-letters")
        links = letters_box.select("ul.people a")
        assert [" ".join(a.get_text().split()) for a in links] == [name], lang
        assert links[0]["href"].endswith(
            ("" if lang == "en" else f"{lang}/") + "prisoners/anna-two/")
        assert not letters_box.select(".empty")
