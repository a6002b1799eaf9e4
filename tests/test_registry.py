"""The prisoner registry: schema errors name file and field; every entry has a profile in every
language; open data validates and round-trips; "Mentioned in" lists exactly the right articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import pelicanconf as conf
from tests.sitebuild import ROOT, VALID, run_pelican, write_article

REGISTRY = sorted((ROOT / "content/prisoners").glob("*.yaml"))
PEOPLE = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in REGISTRY}


def _prefix(lang: str) -> str:
    return "" if lang == conf.DEFAULT_LANG else f"{lang}/"


def person(slug: str = "anna-test", **changes) -> dict:
    data = {
        "slug": slug,
        "names": {lang: {"given": "Anna", "family": f"Test{slug.split('-')[-1].title()}"}
                  for lang in conf.LANGUAGES},
        "gender": "f",
        "status": "imprisoned",
        "status_as_of": "2024-05",
        "letters": {"state": "address-unknown"},
        "sources": [{"publication": "Example", "date": "2024"}],
        "last_verified": "2024-05-20",
        "bio": {"en": "A test person.", "ru": "Тестовый человек."},
    }
    data["names"]["ru"] = {"given": "Анна", "family": f"Тест{slug.split('-')[-1]}"}
    data.update(changes)
    return data


def write_yaml(content: Path, folder: str, data: dict, name: str | None = None) -> Path:
    path = content / folder / f"{name or data['slug']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


CASE = {"slug": "test-case", "name": {"en": "Test case"}, "summary": {"en": "A case."},
        "sources": [{"publication": "Example", "date": "2024"}], "last_verified": "2024-06-01"}

BAD = [
    ("status not in list", {"status": "jailed"}, "status",
     "'jailed' is not one of 'pre-trial-detention', 'imprisoned'"),
    ("german name missing", {"names": {k: v for k, v in person()["names"].items() if k != "de"}},
     "names.de", "missing; add this field"),
    ("misspelt field", {"statuss": "x"}, "statuss", "unknown field; did you mean 'status'?"),
    ("unknown case group", {"case": "no-such-case"}, "case",
     "'no-such-case' is not a case group; add content/cases/no-such-case.yaml"),
    ("future date", {"status_as_of": "2999-01"}, "status_as_of",
     "'2999-01' is in the future (more than a day after this build); check the date"),
    ("impossible date", {"status_as_of": "2024-02-30"}, "status_as_of", "day is out of range"),
    ("writable without address", {"letters": {"state": "can-write"}}, "letters",
     "state 'can-write' needs an address and at least one channel"),
    ("bio without english", {"bio": {"ru": "Только по-русски."}}, "bio",
     "an English text ('en') is required"),
    ("bad gender", {"gender": "x"}, "gender", "'x' is not one of 'm', 'f'"),
    ("verified after the status", {"last_verified": "2024-06-01"}, "last_verified",
     "2024-06-01 is later than status_as_of (2024-05): a check cannot be newer than the facts"),
    ("future verification", {"last_verified": "2999-01-01", "status_as_of": "2024"},
     "last_verified", "'2999-01-01' is in the future"),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_registry_entry_names_file_and_field(content, tmp_path, case, change, field, message):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person(**change))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert f"content/prisoners/anna-test.yaml: {field}: {message}" in build.output, build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "out").rglob("*.html"))


def test_broken_yaml_names_the_line(content, tmp_path):
    path = content / "prisoners/anna-test.yaml"
    path.parent.mkdir()
    path.write_text("slug: anna-test\nnames: [unclosed\ngender: f\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert "content/prisoners/anna-test.yaml: line 3: not valid YAML" in build.output


def test_duplicate_slug_and_file_name_mismatch(content, tmp_path):
    write_yaml(content, "prisoners", person())
    write_yaml(content, "prisoners", person(), name="anna-copy")
    build = run_pelican(content, tmp_path / "out")
    assert "content/prisoners/anna-test.yaml: slug: 'anna-test' differs from the file name" \
        not in build.output
    assert "content/prisoners/anna-copy.yaml: slug: 'anna-test' differs from the file name" \
        in build.output
    assert "content/prisoners/anna-test.yaml: slug: 'anna-test' is also used by " \
        "content/prisoners/anna-copy.yaml" in build.output


def test_colliding_full_names_are_an_error(content, tmp_path):
    first = person("anna-one")
    second = person("anna-two")
    second["names"]["de"] = first["names"]["de"]
    write_yaml(content, "prisoners", first)
    write_yaml(content, "prisoners", second)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert "content/prisoners/anna-one.yaml: names.de: the full name is the same as in " \
        "content/prisoners/anna-two.yaml" in build.output


def test_an_invalid_entry_is_blamed_on_its_file_not_on_the_articles_naming_it(content, tmp_path):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person(status="jailed"))  # a typo in the registry file
    write_yaml(content, "prisoners", person("boris-one", case="test-case"))
    write_yaml(content, "cases", {**CASE, "last_verified": "sometime"}, name="other-case")
    write_yaml(content, "prisoners", person("vera-two", case="other-case"))
    write_article(content, "a.md", {**VALID, "Slug": "a", "Prisoners": "anna-test"})
    write_article(content, "b.md", {**VALID, "Slug": "b", "Prisoners": "anna-test, anna-tset"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    said = build.said
    assert "content/prisoners/anna-test.yaml: status: 'jailed' is not one of" in said
    assert "content/cases/other-case.yaml: " in said
    # The entries exist but are invalid: their files' lines say so; a mistyped name still counts.
    assert "'anna-test' is not in the registry" not in said, build.output
    assert "'other-case' is not a case group" not in said, build.output
    assert "content/articles/b.md: Prisoners: 'anna-tset' is not in the registry" in said
    assert "3 input errors" in said, build.output


def test_unknown_prisoner_in_article_metadata(content, tmp_path):
    write_yaml(content, "prisoners", person())
    write_article(content, "a.md", {**VALID, "Prisoners": "anna-test, anna-tset"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert "content/articles/a.md: Prisoners: 'anna-tset' is not in the registry" in build.output


# The people and case groups of shared/reference/prisoners.md (the facts behind the registry).
REFERENCE_PEOPLE = {
    "boris-kagarlitsky", "azat-miftakhov", "igor-kuznetsov", "dmitry-chebanov", "zhanna-chernova",
    "nikita-kreshchuk", "alexey-kurlov", "maria-platonova", "vyacheslav-abramov",
    "alexey-yanochkin", "dmitry-lamanov", "alexander-kupriyanov", "anton-orlov", "lev-skoryakin",
    "ruslan-abasov", "alexey-dmitriev", "dmitry-chuvilin", "pavel-matisov", "rinat-burkeev",
    "yuri-efimov", "daria-kozyreva", "yuri-chilikin", "yuri-mikheev", "nikita-oleinik",
    "maksim-luzyanin", "mikhail-kosenko",
}
REFERENCE_CASES = {"ufa-marxist-circle", "kuznetsov-case", "left-bloc-fsb-action", "tyumen-case",
                   "may-6th-affair"}


def test_the_registry_covers_the_reference_list():
    assert set(PEOPLE) == REFERENCE_PEOPLE
    assert {p.stem for p in (ROOT / "content/cases").glob("*.yaml")} == REFERENCE_CASES


@pytest.mark.parametrize("lang", conf.LANGUAGES)
def test_every_entry_has_a_profile_in_every_language(site, lang):
    for slug, data in PEOPLE.items():
        soup = site.html(f"{_prefix(lang)}prisoners/{slug}/index.html")
        assert soup.find("html")["lang"] == lang
        name = data["names"][lang]
        assert soup.find("h1").get_text(strip=True) == f"{name['given']} {name['family']}"
        ru = data["names"]["ru"]
        if lang != "ru":
            assert soup.select_one('.original-name[lang="ru"]').get_text() == \
                f"{ru['given']} {ru['family']}"
        assert soup.select_one("#write h2")
        ld = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert ld["@type"] == "Person" and ld["name"] == f"{name['given']} {name['family']}"


def test_profile_falls_back_to_english_with_a_note(site):
    de = site.html("de/prisoners/boris-kagarlitsky/index.html")
    assert de.select_one(".fallback-note")
    assert de.select_one(".bio")["lang"] == "en"
    ru = site.html("ru/prisoners/boris-kagarlitsky/index.html")
    assert not ru.select_one(".fallback-note")
    assert ru.select_one(".bio")["lang"] == "ru"
    assert "социолог-марксист" in ru.select_one(".occupation").get_text()


def test_status_badge_and_as_of_date_are_localised(site):
    ru = site.html("ru/prisoners/boris-kagarlitsky/index.html")
    assert ru.select_one(".status-line .status").get_text() == "В заключении"
    # Confirmed in November 2024: shown as current for 12 months, then as last confirmed.
    from datetime import date

    expected = ("последнее подтверждение: ноябрь 2024" if date.today() > date(2025, 11, 30)
                else "по состоянию на ноябрь 2024")
    assert ru.select_one(".status-line .meta").get_text().startswith(expected)


def _mentions(soup) -> list[str]:
    return [a["href"] for a in soup.select(".mentioned-in a")]


def test_mentioned_in_lists_exactly_the_articles_that_name_the_person(site):
    expected = {}
    headers = []
    for path in (ROOT / "content/articles").rglob("*.md"):
        headers.append(dict(line.split(": ", 1) for line in
                            path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()))
    written = {(h["Slug"], h["Lang"]) for h in headers}
    for header in list(headers):
        if header["Lang"] != "en":
            continue
        for lang in conf.LANGUAGES:  # versions built from catalogues carry the source's metadata
            built = site.out_dir / f"{_prefix(lang)}articles/{header['Slug']}/index.html"
            if (header["Slug"], lang) not in written and built.exists():
                headers.append({**header, "Lang": lang})
    for header in headers:
        for slug in [s.strip() for s in header.get("Prisoners", "").split(",") if s.strip()]:
            expected.setdefault((slug, header["Lang"]), []).append(
                (header["Date"], f"/{_prefix(header['Lang'])}articles/{header['Slug']}/"))
    for slug in PEOPLE:
        for lang in conf.LANGUAGES:
            want = [url for _, url in sorted(expected.get((slug, lang), []), reverse=True)]
            soup = site.html(f"{_prefix(lang)}prisoners/{slug}/index.html")
            assert _mentions(soup) == want, (slug, lang)
    assert len(_mentions(site.html("prisoners/boris-kagarlitsky/index.html"))) == 3
    assert _mentions(site.html("ru/prisoners/yuri-chilikin/index.html")) == [
        "/ru/articles/chilikin-released/"]  # a catalogue translation


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def test_index_groups_people_by_status_with_plural_counts(site):
    soup = site.html("ru/prisoners/index.html")
    for status in {p["status"] for p in PEOPLE.values()}:
        section = soup.find(id=f"status-{status}")
        slugs = sorted(a["href"].split("/")[-2] for a in section.select("li a"))
        assert slugs == sorted(s for s, p in PEOPLE.items() if p["status"] == status)
        n = len(slugs)
        assert section.select_one(".count").get_text() == \
            f"{n} {_ru_plural(n, ('человек', 'человека', 'человек'))}"
        assert soup.select_one(f'.toc a[href="#status-{status}"]')
    total = len(PEOPLE)
    assert soup.select_one(".lead").get_text().startswith(f"{total} человек")


def test_case_pages_list_their_members(site):
    soup = site.html("uk/cases/kuznetsov-case/index.html")
    members = sorted(a["href"] for a in soup.select(".people li > a"))
    assert members == sorted(f"/uk/prisoners/{s}/" for s, p in PEOPLE.items()
                             if p.get("case") == "kuznetsov-case")
    assert len(members) == 9


def test_open_data_validates_against_its_schema_and_round_trips(site):
    from prisoner_registry.schema import Case, Person

    data = json.loads((site.out_dir / "prisoners.json").read_text(encoding="utf-8"))
    schema = json.loads((site.out_dir / "prisoners.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert sorted(p["slug"] for p in data["people"]) == sorted(PEOPLE)
    from content_i18n.registry import table, translated

    def as_built(model, folder: str, slug: str):
        """The registry entry as the build uses it: YAML plus catalogue translations."""
        tables = {lang: table(ROOT / "translations/content" / lang / folder / f"{slug}.po")
                  for lang in conf.LANGUAGES if lang != conf.DEFAULT_LANG}
        return translated(model, {k: v for k, v in tables.items() if v})

    for entry in data["people"]:
        urls = entry.pop("profile_urls")
        assert set(urls) == set(conf.LANGUAGES)
        expected = as_built(Person.model_validate(PEOPLE[entry["slug"]]), "prisoners",
                            entry["slug"])
        assert Person.model_validate(entry) == expected
    kagarlitsky = next(p for p in data["people"] if p["slug"] == "boris-kagarlitsky")
    assert kagarlitsky["bio"]["uk"].startswith("Борис Кагарлицький")  # from its catalogue
    for entry in data["cases"]:
        source = yaml.safe_load((ROOT / f"content/cases/{entry['slug']}.yaml").read_text())
        assert Case.model_validate(entry) == as_built(Case.model_validate(source), "cases",
                                                      entry["slug"])
    rows = list(csv.DictReader(io.StringIO((site.out_dir / "prisoners.csv").read_text())))
    assert {r["slug"]: r["name_de"] for r in rows}["boris-kagarlitsky"] == "Boris Kagarlizki"
    assert len(rows) == len(PEOPLE)


def test_address_is_published_only_with_consent(content, tmp_path):
    letters = {"state": "can-write", "address": "ИК-1, ул. Тестовая, 1, Тестовск, 000000",
               "channels": ["post", "fsin-pismo"]}
    write_yaml(content, "prisoners", person("anna-one", letters=letters))
    write_yaml(content, "prisoners", person("anna-two", letters=letters,
                                            consent={"address": True, "photo": False}, born=1990))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    hidden = (tmp_path / "out/prisoners/anna-one/index.html").read_text(encoding="utf-8")
    shown = build.html("prisoners/anna-two/index.html")
    assert "Тестовая" not in hidden
    assert shown.select_one(".envelope").get_text().splitlines() == [
        "Тестtwo Анна, 1990 г. р.", "ИК-1, ул. Тестовая, 1, Тестовск, 000000"]
    data = json.loads((tmp_path / "out/prisoners.json").read_text(encoding="utf-8"))
    by_slug = {p["slug"]: p for p in data["people"]}
    assert by_slug["anna-one"]["letters"]["state"] == "address-unknown"
    assert "address" not in by_slug["anna-one"]["letters"]
    assert by_slug["anna-two"]["letters"]["address"].startswith("ИК-1")


def test_quotes_in_registry_text_do_not_break_attributes(site):
    soup = site.html("prisoners/alexander-kupriyanov/index.html")
    description = soup.select_one('meta[name="description"]')["content"]
    # The registry's straight quotes are typeset as on articles (issue 17, item 3).
    assert "“Doctor Pravda”" in description
    assert soup.select_one('meta[property="og:description"]')["content"].startswith(
        "Alexander Kupriyanov: ")
