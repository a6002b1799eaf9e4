"""The letters kit (issue 19, items 2 and 3): the phrasebook, rules and services in every
language from content/letters.yaml and translations/letters/<lang>.po; a letter sheet only for
people who can receive letters (`can-write` with consent to publish the address), never for
`do-not-write`; "Who needs a letter now" in its documented order; bad envelope values stop the
build with file and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import polib
import pytest
import yaml

import pelicanconf as conf
from tests.letters_fixtures import (
    NEED_ORDER,
    POSTAL,
    SHEETS,
    SOURCE,
    build_letters_site,
    letters_content,
)
from tests.sitebuild import ROOT, run_pelican, settings_with
from tests.test_registry import CASE, person, write_yaml

KIT = yaml.safe_load((ROOT / "content/letters.yaml").read_text(encoding="utf-8"))
OTHERS = [lang for lang in conf.LANGUAGES if lang != "ru"]
GERMAN_LABELS = {"От кого", "Откуда", "Индекс", "Кому", "Куда"}


def _prefix(lang: str) -> str:
    return "" if lang == conf.DEFAULT_LANG else f"{lang}/"


def _catalogue(lang: str) -> dict[tuple[str, str], polib.POEntry]:
    po = polib.pofile(str(ROOT / f"translations/letters/{lang}.po"))
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory):
    return build_letters_site(tmp_path_factory.mktemp("letters"))


# ---- Who gets a sheet -------------------------------------------------------------------------

def test_sheets_only_for_writable_people_with_consent(letters_site):
    out = letters_site.out_dir
    for lang in conf.LANGUAGES:
        written = sorted(p.parent.parent.name for p in
                         (out / f"{_prefix(lang)}prisoners").glob("*/letter/index.html"))
        assert written == SHEETS, lang
    for slug in SHEETS:
        profile = letters_site.html(f"de/prisoners/{slug}/index.html").select_one("#write")
        assert profile.select_one(f'a[href="/de/prisoners/{slug}/letter/"]')
        assert profile.select_one('a[href="/de/letters/"]')


def test_withdrawn_consent_takes_the_sheets_down_in_a_same_folder_rebuild(tmp_path):
    """Vera withdraws her consent to publish her address: the next build into the same folder
    (`make serve`, `pelican -o output` again) leaves no letter sheet of hers in any language,
    no empty folder for one, and exactly the files a build from scratch writes."""
    from tests.letters_fixtures import PEOPLE
    from tests.test_incremental import files

    build = build_letters_site(tmp_path)
    out = build.out_dir
    sheets = sorted(out.glob("**/prisoners/vera-pisma/letter/index.html"))
    assert len(sheets) == len(conf.LANGUAGES)
    assert "Лесная" in sheets[0].read_text(encoding="utf-8")
    vera = next(p for p in PEOPLE if p["slug"] == "vera-pisma")
    write_yaml(tmp_path / "content", "prisoners", {**vera, "consent": {
        "address": False, "photo": False}})
    again = run_pelican(tmp_path / "content", out)
    assert again.returncode == 0, again.output
    assert not list(out.glob("**/prisoners/vera-pisma/letter")), "a sheet stayed behind"
    assert (out / "prisoners/vera-pisma/index.html").exists()  # the profile stays
    scratch = run_pelican(tmp_path / "content", tmp_path / "scratch")
    assert scratch.returncode == 0, scratch.output
    assert sorted(files(out)) == sorted(files(tmp_path / "scratch"))


def test_do_not_write_and_no_consent_get_no_sheet_and_no_kit(letters_site):
    out = letters_site.out_dir
    for slug in ("ivan-molchit", "anna-skryta"):
        assert not list(out.glob(f"**/prisoners/{slug}/letter")), slug
        for lang in conf.LANGUAGES:
            write = letters_site.html(f"{_prefix(lang)}prisoners/{slug}/index.html").select_one(
                "#write")
            hrefs = [a["href"] for a in write.select("a")]
            assert not [h for h in hrefs if "/letter" in h], (slug, lang, hrefs)
    hidden = (out / "prisoners/anna-skryta/index.html").read_text(encoding="utf-8")
    assert "Лесная" not in hidden and "614000" not in hidden
    for lang in conf.LANGUAGES:
        listed = letters_site.html(f"{_prefix(lang)}letters/now/index.html")
        ids = [li["id"] for li in listed.select("ol.need-list > li")]
        assert "person-ivan-molchit" not in ids and "person-anna-skryta" not in ids


def test_sample_registry_has_no_sheet_and_do_not_write_links_no_kit(site):
    assert not list(site.out_dir.glob("**/prisoners/*/letter"))
    for lang in conf.LANGUAGES:
        write = site.html(f"{_prefix(lang)}prisoners/lev-skoryakin/index.html").select_one(
            "#write")
        assert not write.select(f'a[href="/{_prefix(lang)}letters/"]')
        assert not [a for a in write.select("a") if "/letter/" in a["href"]]


# ---- The envelope -----------------------------------------------------------------------------

def test_envelope_is_in_the_form_the_post_and_the_prison_need(letters_site):
    sheet = letters_site.html("de/prisoners/vera-pisma/letter/index.html")
    to = sheet.select_one(".env-to")
    assert to.select_one(".addressee").get_text() == "Тестpisma Анна Петровна, 1991 г. р."
    assert [s.strip() for s in to.select_one(".address").stripped_strings] == [
        POSTAL["facility"], POSTAL["street"], POSTAL["locality"], POSTAL["region"]]
    assert [s.get_text() for s in to.select(".postal-code span")] == list("614000")
    labels = {s.get_text() for s in sheet.select('.env-label span[lang="ru"]')}
    assert labels == GERMAN_LABELS
    assert sheet.select_one(".env-to .env-label .gloss").get_text().strip()  # German beside
    sender = sheet.select_one(".env-from")
    assert len(sender.select(".env-fill")) >= 2 and sender.select(".index-boxes.blank span")
    assert sheet.select_one("html")["lang"] == "de"
    # A YAML number as index, another patronymic: the second sheet.
    other = letters_site.html("prisoners/oleg-adresov/letter/index.html")
    assert other.select_one(".addressee").get_text() == "Тестadresov Анна Иванович, 1991 г. р."
    assert [s.get_text() for s in other.select(".postal-code span")] == list("301000")


def test_russian_sheet_has_no_glosses_and_other_sheets_translate_the_letter(letters_site):
    ru = letters_site.html("ru/prisoners/vera-pisma/letter/index.html")
    assert not ru.select(".gloss") and not ru.select(".letter-meaning")
    letter = [p.get_text() for p in ru.select(".letter-text p")]
    assert letter == [sentences[0] for sentences in KIT["phrasebook"].values()]
    en = _catalogue("en")
    for lang in ("en", "de"):
        sheet = letters_site.html(f"{_prefix(lang)}prisoners/vera-pisma/letter/index.html")
        meaning = sheet.select(".letter-meaning li")
        assert [m.select_one(".ru").get_text() for m in meaning] == letter
        if lang == "en":
            assert [m.select_one(".gloss").get_text() for m in meaning] == [
                en[(f"phrasebook.{s}", v[0])].msgstr for s, v in KIT["phrasebook"].items()]
        # the letter to send is Russian only: no word in another language goes to the censor
        assert sheet.select_one(".letter-text")["lang"] == "ru"
        assert not sheet.select(".letter-text .gloss")
        online = sheet.select_one(".letter-online")
        assert online.select_one('a[href="https://fsin-pismo.ru/"]')
        assert not online.select_one('a[href="https://zt.ru/"]')  # not among her channels


# ---- Who needs a letter now -----------------------------------------------------------------

def test_who_needs_a_letter_lists_the_fewest_and_oldest_first(letters_site):
    for lang in conf.LANGUAGES:
        page = letters_site.html(f"{_prefix(lang)}letters/now/index.html")
        ids = [li["id"].removeprefix("person-") for li in page.select("ol.need-list > li")]
        assert ids == NEED_ORDER, lang
        assert page.select_one("#order").get_text().strip()
        assert not page.select_one("#nobody")
    en = letters_site.html("letters/now/index.html")
    vera = en.select_one("#person-vera-pisma")
    assert "2 letters known" in vera.get_text() and "March 2024" in vera.get_text()
    assert vera.select_one('a[href="/prisoners/vera-pisma/letter/"]')
    assert not en.select_one("#person-nina-bezotveta a.need-sheet")  # address only: no sheet
    assert "No letters known to us." in en.select_one("#person-nina-bezotveta").get_text()
    ru = letters_site.html("ru/letters/now/index.html").select_one("#person-vera-pisma")
    assert "2 письма" in ru.get_text()


def test_writable_people_order_ties_by_name():
    from letters_kit.need import need_key, who_needs_a_letter
    from prisoner_registry.schema import Person

    def make(slug, given, family, **received):
        data = person(slug, born=1990, consent={"address": True, "photo": False},
                      letters={"state": "can-write", "channels": ["post"], "address": "ИК-1",
                               **({"received": {**received, "source": SOURCE}}
                                  if received else {})})
        data["names"]["de"] = {"given": given, "family": family}
        return Person.model_validate(data)

    people = [make("b-one", "Ärmel", "Zander", last_letter="2024-01"),
              make("a-two", "Berta", "Adler", last_letter="2024-01"),
              make("c-three", "Carl", "Öhm", last_letter="2024-01-31", count=1),
              make("d-four", "Dora", "Beck", last_letter="2024-01-31", count=5)]
    ordered = [p.slug for p in who_needs_a_letter(people, "de")]
    # '2024-01' counts as 31 January: the same day as the precise dates; then the fewest
    # letters (unknown count after known ones); then German alphabetical order.
    assert ordered == ["c-three", "d-four", "a-two", "b-one"]
    assert need_key(people[0]) == need_key(people[1])


def test_sample_site_says_honestly_that_nobody_can_receive_letters(site):
    for lang in conf.LANGUAGES:
        page = site.html(f"{_prefix(lang)}letters/now/index.html")
        assert page.select_one("#nobody"), lang
        assert not page.select("ol.need-list li")
        assert page.select_one('ul.instead a[href="https://ovd.info/"]')
        assert page.select_one(f'ul.instead a[href="/{_prefix(lang)}letters/"]')
    assert "Сейчас" in site.html("ru/letters/now/index.html").select_one("#nobody").get_text()


# ---- The kit pages ------------------------------------------------------------------------------

def test_kit_in_every_language_shows_the_russian_with_the_translation(site):
    en = _catalogue("en")
    for lang in conf.LANGUAGES:
        page = site.html(f"{_prefix(lang)}letters/index.html")
        assert page.select_one("html")["lang"] == lang
        items = page.select("ul.phrasebook li")
        sentences = [s for v in KIT["phrasebook"].values() for s in v]
        assert [li.select_one('.ru[lang="ru"]').get_text() for li in items] == sentences
        if lang == "ru":
            assert not page.select(".gloss")
        else:
            po = _catalogue(lang)
            glosses = [li.select_one(".gloss").get_text() for li in items]
            assert glosses == [po[(f"phrasebook.{s}", t)].msgstr
                               for s, v in KIT["phrasebook"].items() for t in v], lang
            assert not page.select(".untranslated"), lang  # every text translated
        rules = page.select("ol.kit-rules > li")
        assert [li["id"] for li in rules] == [f"rule-{r['key']}" for r in KIT["rules"]]
        for li, rule in zip(rules, KIT["rules"], strict=True):
            hrefs = [a["href"] for a in li.select(".kit-sources a")]
            assert hrefs == [s["url"] for s in rule["sources"]]
        services = page.select("#services h3")
        assert [h["id"] for h in services] == ["service-fsin-pismo", "service-zonatelecom"]
        assert page.select_one('#services a[href="https://fsin-pismo.ru/"]')
        assert page.select_one('#services a[href="https://zt.ru/"]')
    first = next(iter(KIT["phrasebook"]))
    rule = site.html("letters/index.html").select_one("#rule-language").get_text()
    assert en[("rules.language", KIT["rules"][0]["text"])].msgstr in rule
    assert site.html("de/letters/index.html").select_one(f"#phrases-{first}").get_text() \
        == "Begrüßung"


def test_kit_page_loads_nothing_from_elsewhere(site):
    page = site.html("de/letters/index.html")
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href")):
        for el in page.select(f"{tag}[{attr}]"):
            assert not el[attr].startswith(("http:", "https:", "//")), el


def test_a_fuzzy_or_missing_translation_shows_the_russian_and_says_so(content, tmp_path):
    letters_content(content)
    folder = tmp_path / "letters-po"
    shutil.copytree(ROOT / "translations/letters", folder)
    po = polib.pofile(str(folder / "de.po"))
    first = po.find(KIT["rules"][0]["text"], msgctxt="rules.language")
    first.flags.append("fuzzy")
    po.save()
    (folder / "fr.po").unlink()
    settings = settings_with(tmp_path / "s.py", LETTERS_TRANSLATIONS_DIR=str(folder))
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    rule = build.html("de/letters/index.html").select_one("#rule-language")
    assert rule.select_one('span[lang="ru"]').get_text() == KIT["rules"][0]["text"]
    assert rule.select_one(".untranslated")
    other = build.html("de/letters/index.html").select_one("#rule-censor")
    assert not other.select_one(".untranslated")
    fr = build.html("fr/letters/index.html")
    assert len(fr.select("ul.phrasebook .gloss")) == len(fr.select("ul.phrasebook li"))
    assert all("(" in g.get_text() for g in fr.select("ul.phrasebook .gloss"))


# ---- Bad input stops the build ----------------------------------------------------------------

BAD = [
    ("index of five digits", {"postal": {**POSTAL, "postal_code": "12345"}},
     "letters.postal.postal_code", "'12345' is not a Russian postal code"),
    ("facility in Latin letters", {"postal": {**POSTAL, "facility": "IK-7 Prison"}},
     "letters.postal.facility", "'IK-7 Prison' must be written in Cyrillic"),
    ("both address and postal", {"postal": POSTAL, "address": "ИК-1"}, "letters",
     "give the address once"),
    ("a received record with nothing known", {"postal": POSTAL, "received": {"source": SOURCE}},
     "letters.received", "give 'count', 'last_letter' or both"),
    ("a letter after its source", {"postal": POSTAL, "received": {
        "last_letter": "2024-05", "source": SOURCE}},
     "letters.received", "last_letter 2024-05 is later than its source's date (2024-04)"),
    ("a negative count", {"postal": POSTAL, "received": {"count": -1, "source": SOURCE}},
     "letters.received.count", "Input should be greater than or equal to 0"),
]


@pytest.mark.parametrize(("case", "letters", "field", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_letters_values_name_file_and_field(content, tmp_path, case, letters, field,
                                                message):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person(
        born=1990, consent={"address": True},
        letters={"state": "can-write", "channels": ["post"], **letters}))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert f"content/prisoners/anna-test.yaml: {field}: {message}" in build.output, build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "out").rglob("*.html"))


@pytest.mark.parametrize(("case", "data", "field", "message"), [
    ("envelope without a birth year", {"born": None}, "born",
     "the envelope in letters.postal needs the year of birth"),
    ("a postal address for do-not-write", {"letters": {"state": "do-not-write",
                                                      "postal": POSTAL}},
     "letters", "state 'do-not-write' cannot give a postal address"),
    ("a last letter in the future", {"letters": {"state": "can-write", "channels": ["post"],
                                                 "postal": POSTAL, "received": {
                                                     "last_letter": "2999-01",
                                                     "source": {**SOURCE, "date": "2999"}}}},
     "letters.received.last_letter", "'2999-01' is in the future"),
], ids=lambda v: v if isinstance(v, str) and " " in v else "")
def test_bad_envelope_entries_name_file_and_field(content, tmp_path, case, data, field,
                                                  message):
    entry = person(born=1990, consent={"address": True},
                   letters={"state": "can-write", "channels": ["post"], "postal": POSTAL})
    entry.update(data)
    if entry["born"] is None:
        del entry["born"]
    write_yaml(content, "prisoners", entry)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert f"content/prisoners/anna-test.yaml: {field}: {message}" in build.output, build.output
    assert "Traceback" not in build.output


def test_a_broken_kit_file_or_catalogue_names_file_and_place(content, tmp_path):
    letters_content(content)
    kit = dict(KIT, phrasebook={**KIT["phrasebook"], "politics": ["Долой!"]})
    (content / "letters.yaml").write_text(yaml.safe_dump(kit, allow_unicode=True),
                                          encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert "content/letters.yaml: phrasebook.politics.[key]: 'politics' is not one of " \
        "'greetings'" in build.output, build.output
    assert "Traceback" not in build.output
    letters_content(content)  # the real kit again
    folder = tmp_path / "po"
    shutil.copytree(ROOT / "translations/letters", folder)
    good = (folder / "de.po").read_text(encoding="utf-8").splitlines()
    single = next(i for i, line in enumerate(good, 1) if line.startswith('msgstr "') and
                  line != 'msgstr ""' and i > 20)
    wrapped = next(i for i, line in enumerate(good, 1) if line == 'msgstr ""' and i > 20)
    settings = settings_with(tmp_path / "s.py", LETTERS_TRANSLATIONS_DIR=str(folder))
    for number, broken, problem in (
            (single, good[single - 1].rstrip('"'), 'unterminated string'),
            # msgfmt takes a string on the next line; the site's readers refuse it, as for
            # the UI catalogues (ui_i18n.catalogs.check_syntax)
            (wrapped, "msgstr", "unterminated string")):
        lines = list(good)
        lines[number - 1] = broken
        (folder / "de.po").write_text("\n".join(lines) + "\n", encoding="utf-8")
        build = run_pelican(content, tmp_path / f"out{number}", settings)
        assert build.returncode != 0
        assert f"de.po: line {number}: {problem}" in build.output, build.output
        assert "Traceback" not in build.output
        assert not list((tmp_path / f"out{number}").rglob("*.html"))


# ---- Open data and its JSON Schema --------------------------------------------------------------

def test_open_data_carries_the_envelope_only_with_consent(letters_site):
    data = json.loads((letters_site.out_dir / "prisoners.json").read_text(encoding="utf-8"))
    schema = json.loads((letters_site.out_dir / "prisoners.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    by_slug = {p["slug"]: p for p in data["people"]}
    hidden = by_slug["anna-skryta"]["letters"]
    assert hidden["state"] == "address-unknown" and not {"postal", "address"} & set(hidden)
    assert by_slug["vera-pisma"]["letters"]["postal"]["postal_code"] == "614000"
    assert by_slug["vera-pisma"]["letters"]["received"]["count"] == 2
    defs = schema["$defs"]
    assert {"PostalAddress", "LettersReceived"} <= set(defs)
    bad = json.loads(json.dumps(data))
    bad["people"][0]["letters"]["postal"] = {"facility": "ИК-1"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad["people"][0]["letters"]["postal"] = {**POSTAL, "postal_code": "12345"}
    with pytest.raises(jsonschema.ValidationError, match="12345"):
        jsonschema.validate(bad, schema)
    bad["people"][0]["letters"]["postal"] = POSTAL
    jsonschema.validate(bad, schema)  # the same entry with a good index passes


# ---- The catalogues ---------------------------------------------------------------------------

def test_catalogues_match_the_kit_and_extract_changes_nothing(tmp_path):
    from letters_kit.catalog import extract
    from letters_kit.kit import Kit

    kit = Kit.model_validate(KIT)
    wanted = list(kit.messages())
    for lang in OTHERS:
        po = polib.pofile(str(ROOT / f"translations/letters/{lang}.po"))
        assert [(e.msgctxt, e.msgid) for e in po if not e.obsolete] == wanted, lang
        assert all(e.translated() for e in po if not e.obsolete), lang
    assert not (ROOT / "translations/letters/ru.po").exists()  # Russian is the source
    folder = tmp_path / "letters"
    shutil.copytree(ROOT / "translations/letters", folder)
    assert extract(kit, "content/letters.yaml", folder, conf.LANGUAGES) == []


def test_a_changed_sentence_becomes_fuzzy_with_its_previous_text(tmp_path):
    from letters_kit.catalog import extract
    from letters_kit.kit import Kit

    folder = tmp_path / "letters"
    shutil.copytree(ROOT / "translations/letters", folder)
    old = KIT["phrasebook"]["wishes"][0]
    changed = dict(KIT, phrasebook={**KIT["phrasebook"],
                                    "wishes": [old.replace("сил", "бодрости"),
                                               *KIT["phrasebook"]["wishes"][1:]]})
    written = extract(Kit.model_validate(changed), "content/letters.yaml", folder,
                      conf.LANGUAGES)
    assert sorted(p.name for p in written) == sorted(f"{lang}.po" for lang in OTHERS)
    de = polib.pofile(str(folder / "de.po"))
    entry = de.find(old.replace("сил", "бодрости"), msgctxt="phrasebook.wishes")
    assert entry.fuzzy and entry.previous_msgid == old
    assert entry.msgstr == _catalogue("de")[("phrasebook.wishes", old)].msgstr
    assert "English: " not in entry.comment  # the English is fuzzy too: not offered
    kept = de.find(KIT["phrasebook"]["wishes"][1], msgctxt="phrasebook.wishes")
    english = _catalogue("en")[("phrasebook.wishes", KIT["phrasebook"]["wishes"][1])].msgstr
    assert f"English: {english}" in kept.comment  # for translators who read no Russian


@pytest.mark.parametrize(("lang", "path"), [(lang, ROOT / f"translations/letters/{lang}.po")
                                            for lang in OTHERS])
def test_letters_catalogue_header_names_its_language(lang, path):
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == lang and "Plural-Forms" in po.metadata




def test_letters_catalogues_are_written_as_translators_tools_write_them(tmp_path):
    """msgcat (Poedit's reference) and Translate Toolkit (Weblate) re-save each letters
    catalogue without a diff, so a translator's save changes only what they edited; a file
    wrapped differently is caught."""
    import subprocess

    from translate.storage import pypo

    def msgcat_changes(path: Path) -> bool:
        out = tmp_path / "resaved.po"
        subprocess.run(["msgcat", "-o", str(out), str(path)], check=True)
        return out.read_bytes() != path.read_bytes()

    for lang in OTHERS:
        path = ROOT / f"translations/letters/{lang}.po"
        assert not msgcat_changes(path), lang
        assert bytes(pypo.pofile.parsefile(str(path))) == path.read_bytes(), lang
    rewrapped = tmp_path / "de.po"
    polib.pofile(str(ROOT / "translations/letters/de.po"), wrapwidth=40).save(str(rewrapped))
    assert msgcat_changes(rewrapped)


def test_withdrawn_consent_takes_the_sheets_down_with_the_performance_layer_off(tmp_path):
    """The same with PERFORMANCE = False: taking an address down is not an optimisation, so
    the plain writer removes what the last build into the folder wrote and this one did not."""
    from tests.letters_fixtures import PEOPLE

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    settings = settings_with(tmp_path / "plain.py", PERFORMANCE=False)
    out = tmp_path / "out"
    first = run_pelican(letters_content(content), out, settings=settings)
    assert first.returncode == 0, first.output
    assert len(list(out.glob("**/prisoners/vera-pisma/letter/index.html"))) == \
        len(conf.LANGUAGES)
    vera = next(p for p in PEOPLE if p["slug"] == "vera-pisma")
    write_yaml(content, "prisoners", {**vera, "consent": {"address": False, "photo": False}})
    again = run_pelican(content, out, settings=settings)
    assert again.returncode == 0, again.output
    assert not list(out.glob("**/prisoners/vera-pisma/letter")), "a sheet stayed behind"
    for sitemap in out.glob("sitemap*.xml"):
        assert "vera-pisma/letter" not in sitemap.read_text(encoding="utf-8"), sitemap.name


def test_a_msgstr_of_spaces_is_no_gloss(tmp_path):
    """A kit translation blanked to spaces (a hand edit that meant to clear it) is no
    translation, as for content and registry catalogues (TRANSLATING.md): no gloss is shown
    for it, and i18n.status counts it untranslated (letters_kit.catalog.stats builds on
    glosses); msgfmt counts it translated. It was shown as an empty gloss."""
    from letters_kit.catalog import glosses

    po = polib.pofile(str(ROOT / "translations" / "letters" / "de.po"))
    entry = next(e for e in po if e.msgid and e.msgstr and not e.obsolete and not e.fuzzy)
    entry.msgstr = "   "
    (tmp_path / "de.po").write_text(str(po), encoding="utf-8")
    found = glosses(tmp_path / "de.po")
    assert (entry.msgctxt or "", entry.msgid) not in found
    assert found  # the other translations are still used
