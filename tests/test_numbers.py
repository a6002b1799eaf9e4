"""Numbers (issue 19, item 5): the counts behind each chart, checked against hand-worked cases
and against the registry's YAML; the page in every language, its inline SVG charts within the
site's checks and the CSP, and CSV files that say the same as the tables."""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

import pelicanconf as conf
from prisoner_registry.loader import Registry
from prisoner_registry.schema import STATUSES, Person
from registry_numbers import figures
from site_checks.csp import InlinePolicy
from site_checks.links import check_page
from site_checks.model import site_hosts
from tests.sitebuild import ROOT, run_pelican, write_article
from tests.test_registry import PEOPLE, person, write_yaml


def _prefix(lang: str) -> str:
    return "" if lang == conf.DEFAULT_LANG else f"{lang}/"


def make(slug: str, **changes) -> Person:
    return Person.model_validate(person(slug, **changes))


def history(*entries: tuple[str, str]) -> list[dict]:
    return [{"date": d, "status": s} for d, s in entries]


# ---- the counting rules, on invented people, with the days worked out by hand ----------------

def test_custody_counts_each_custody_status_until_the_next_change():
    # 2020-01-01 → 2020-07-01 is 182 days (2020 is a leap year), → 2021-01-01 another 184.
    p = make("anna-one", status="imprisoned", status_as_of="2021-01-01",
             last_verified="2021-01-01",
             status_history=history(("2020-01-01", "pre-trial-detention"),
                                    ("2020-07-01", "imprisoned")))
    assert figures.custody_days(p) == 366


def test_partial_dates_count_from_their_middle_and_release_ends_custody():
    # '2019' is 1 July 2019, '2019-12' is 15 December: 153 + 14 days.
    p = make("anna-one", status="released", status_as_of="2020", last_verified="2020",
             status_history=history(("2019", "pre-trial-detention"), ("2019-12", "released")))
    assert figures.custody_days(p) == 167


def test_a_repeated_status_means_an_unrecorded_release_and_is_not_counted():
    p = make("anna-one", status="released", status_as_of="2024", last_verified="2024",
             status_history=history(("2022", "pre-trial-detention"),
                                    ("2023-10-01", "pre-trial-detention"),
                                    ("2023-12-01", "released")))
    assert figures.custody_days(p) == 61  # 1 October to 1 December only


def test_custody_without_history_is_listed_as_not_counted():
    reg = Registry(people={"anna-one": make("anna-one", status="imprisoned"),
                           "anna-two": make("anna-two", status="released")})
    counted, unknown = figures.custody(reg)
    assert counted == [] and [p.slug for p in unknown] == ["anna-one"]


def test_sentences_by_year_fill_the_years_between():
    sentence = {"term": {"en": "x"}, "term_months": 54, "date": "2012"}
    reg = Registry(people={
        "anna-one": make("anna-one", sentence=sentence),
        "anna-two": make("anna-two", sentence={**sentence, "term_months": 0, "date": "2014-03"}),
    })
    assert figures.sentences_by_year(reg) == [(2012, 1, 54), (2013, 0, 0), (2014, 1, 0)]


def test_a_case_group_counts_once_from_its_first_member():
    from prisoner_registry.schema import Case

    case = Case.model_validate({"slug": "test-case", "name": {"en": "T"},
                                "summary": {"en": "S"}, "last_verified": "2024",
                                "sources": [{"publication": "E", "date": "2024"}]})
    event = lambda d: [{"date": d, "event": {"en": "Arrested."}}]  # noqa: E731
    reg = Registry(cases={"test-case": case}, people={
        "anna-one": make("anna-one", case="test-case", timeline=event("2022-03-01")),
        "anna-two": make("anna-two", case="test-case", timeline=event("2021-11-01")),
        "anna-three": make("anna-three", timeline=event("2023-05-05")),
        "anna-four": make("anna-four"),  # no date at all
    })
    assert figures.cases_by_year(reg) == ([(2021, 1), (2022, 0), (2023, 1)], 1)


# ---- one figure per chart, drawn in every language --------------------------------------------

@pytest.mark.parametrize("horizontal", [True, False])
def test_a_figure_drawn_again_in_another_language_gives_a_new_figures_bytes(horizontal):
    """registry_numbers.charts.BarChart reuses a chart's figure for each language: whatever
    language it drew before, its SVG must be bar_chart's on a new figure (labels that wrap on
    more lines change the height, a longer label moves the axes, "1,5" is wider than "1.5")."""
    from functools import partial

    from babel.numbers import format_decimal

    from registry_numbers.charts import BarChart, bar_chart

    values = [1.5, 12.25, 0, 140.75, 3, 7, 9, 2, 4.5, 11]
    words = {  # names of people (horizontal: wrapped at 26 characters) or years
        "en": ("Years", [f"Row {i}" for i in range(10)]),
        "de": ("Jahre der Haft", [f"Eine deutlich längere Zeile Nummer {i}" for i in range(10)]),
        "ru": ("Годы", [f"Строка {i} с длинной подписью, которая переносится" for i in range(10)]),
    } if horizontal else {lang: (label, [str(2014 + i) for i in range(10)])
                          for lang, label in (("en", "Years"), ("de", "Jahre der Haft"),
                                              ("ru", "Годы"))}

    def drawn(lang, draw):
        label, labels = words[lang]
        number = partial(format_decimal, locale=lang, format="#,##0.##")
        return draw(labels, value_label=label, shown=number, ticks=number)

    new = {lang: drawn(lang, partial(bar_chart, values=values, horizontal=horizontal))
           for lang in words}
    assert len(set(new.values())) == 3
    for order in (["en", "de", "ru"], ["ru", "en", "de", "ru", "en"]):
        chart = BarChart(values, horizontal=horizontal)
        for lang in order:
            assert drawn(lang, chart.svg) == new[lang], (order, lang)


# ---- the sample site -------------------------------------------------------------------------

def _rows(table) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.select("th, td")]
            for tr in table.select("tbody tr")]


@pytest.mark.parametrize("lang", conf.LANGUAGES)
def test_numbers_page_in_every_language_has_four_accessible_charts(site, lang):
    soup = site.html(f"{_prefix(lang)}numbers/index.html")
    assert soup.find("html")["lang"] == lang
    sections = soup.select("section[id]")
    assert [s["id"] for s in sections] == ["status", "sentences", "custody", "cases"]
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "ids repeat between charts"
    for section in sections:
        svg = section.select_one("figure.chart > svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() == section.h2.get_text()
        assert svg.find("desc", id=desc_id).get_text()
        assert not svg.select("script, style, foreignObject, image, metadata")
        assert not svg.select("[style]") and not any(
            a.startswith("on") for el in svg.find_all(True) for a in el.attrs)
        assert svg.select("text") and svg.select("path")
        assert section.select_one("table.chart-data caption")
        link = section.select_one('a[href$=".csv"]')
        assert (site.out_dir / link["href"].lstrip("/")).is_file()


def test_status_chart_counts_the_registry(site):
    expected = Counter(p["status"] for p in PEOPLE.values())
    rows = _rows(site.html("numbers/index.html").select_one("#status table"))
    assert [int(r[1]) for r in rows] == [expected[s] for s in STATUSES if expected[s]]
    ru = _rows(site.html("ru/numbers/index.html").select_one("#status table"))
    assert ru[0][0] == "В заключении" or ru[0][0] == "В СИЗО"  # translated labels
    assert sum(int(r[1]) for r in ru) == len(PEOPLE)


def test_sentence_chart_adds_up_term_months_from_the_yaml(site):
    by_year: dict[int, int] = {}
    for p in PEOPLE.values():
        if p.get("sentence"):
            year = int(str(p["sentence"]["date"])[:4])
            by_year[year] = by_year.get(year, 0) + p["sentence"]["term_months"]
    with (site.out_dir / "numbers/sentences.csv").open(encoding="utf-8") as fp:
        rows = list(csv.reader(fp))
    assert rows[0] == ["Year", "Sentences", "Years of imprisonment"]
    got = {int(r[0]): float(r[2]) for r in rows[1:]}
    assert {y: v for y, v in got.items() if v} == {
        y: round(m / 12, 2) for y, m in by_year.items() if m}
    assert list(got) == list(range(min(by_year), max(by_year) + 1))
    # German page: the same numbers, written the German way.
    de = _rows(site.html("de/numbers/index.html").select_one("#sentences table"))
    assert ["2022", "1", "6,25"] in de


def test_csv_headers_are_translated_and_match_the_table(site):
    text = (site.out_dir / "ru/numbers/custody.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Человек", "Лет под стражей", "Статус подтверждён"]
    table = _rows(site.html("ru/numbers/index.html").select_one("#custody table"))
    assert [r[0] for r in rows[1:]] == [r[0] for r in table]
    assert "Борис Кагарлицкий" in [r[0] for r in rows[1:]]


def test_numbers_pages_pass_the_site_checks_and_the_csp(site):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    hosts = site_hosts([settings["SITEURL"], settings["FEED_SITEURL"]])
    policy = InlinePolicy.from_settings(settings)
    for lang in conf.LANGUAGES:
        page = site.out_dir / f"{_prefix(lang)}numbers/index.html"
        assert check_page(site.out_dir.resolve(), page.resolve(), hosts, policy) == [], lang


def test_a_planted_style_in_a_chart_is_caught_by_the_checks(site, tmp_path):
    """The check above can fail: matplotlib's own SVG (with style="") would not pass."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    out = tmp_path / "site"
    shutil.copytree(site.out_dir, out)
    page = out / "numbers/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('fill="#c0392b"', 'style="fill: #c0392b"', 1),
                    encoding="utf-8")
    problems = check_page(out.resolve(), page.resolve(),
                          site_hosts([settings["FEED_SITEURL"]]),
                          InlinePolicy.from_settings(settings))
    assert any("style=" in p.message for p in problems), problems


def test_numbers_pages_are_valid_html(site, tmp_path):
    from site_checks import validate_html

    for lang in ("en", "ru"):
        target = tmp_path / lang
        target.mkdir()
        shutil.copy(site.out_dir / f"{_prefix(lang)}numbers/index.html", target / "index.html")
    assert validate_html(tmp_path) == []


def test_a_hostile_name_is_text_in_the_chart_and_neutralised_in_the_csv(content, tmp_path):
    write_yaml(content, "prisoners", person(
        "anna-one", names={**person("anna-one")["names"],
                           "en": {"given": "=HYPERLINK(\"http://x.example\")",
                                  "family": "<script>alert(1)</script> $x$"}},
        status="imprisoned", status_as_of="2024-05",
        status_history=history(("2024-01-10", "imprisoned"))))
    write_article(content, "a.md", {"Title": "T", "Date": "2024-01-01", "Lang": "en",
                                    "Category": "news"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    page = (tmp_path / "out/numbers/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("svg script, table script")
    # As typed, as text (a long label is wrapped onto several <text> lines).
    labels = " ".join(t.get_text() for t in soup.select("#custody svg text"))
    assert "<script>alert(1)</script>" in labels and "$x$" in labels
    assert "<script>alert(1)</script> $x$" in soup.select_one("#custody table").get_text()
    rows = list(csv.reader((tmp_path / "out/numbers/custody.csv").open(encoding="utf-8")))
    assert rows[1][0].startswith("'=HYPERLINK")
