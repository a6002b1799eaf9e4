"""Calendars (issue 19, item 4): the iCalendar files are read back with vobject, a parser that
shares no code with the `icalendar` library that writes them; UIDs and bytes stay the same from
build to build; birthdays need consent and only hearings may lie in the future, each refused
with file and field; the pages link the calendars and the home lists this month's birthdays.
Every person here is invented."""

from __future__ import annotations

import copy
import itertools
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import vobject

from tests.sitebuild import VALID, run_pelican, write_article
from tests.test_registry import CASE, person, write_yaml

MOSCOW = ZoneInfo("Europe/Moscow")
TODAY = datetime.now(MOSCOW).date()
THIS_MONTH = TODAY.month
OTHER_MONTH = THIS_MONTH % 12 + 1
AHEAD = TODAY + timedelta(days=60)  # a hearing the court has set for later

HEARING_AHEAD = {"date": AHEAD.isoformat(), "time": "10:30",
                 "court": {"en": "Testville District Court", "ru": "Тествильский районный суд"},
                 "what": {"en": "Hearing on the merits.", "ru": "Заседание по существу."},
                 "source": {"publication": "Example Weekly", "date": "2024-05"}}
HEARING_CASE = {"date": "2024-01-30", "court": {"en": "Testville Military Court"},
                "what": {"en": "The trial opens.", "ru": "Начинается процесс."},
                "source": {"publication": "Example Weekly", "date": "2024"}}


def registry(content) -> None:
    write_yaml(content, "cases", {**CASE, "hearings": [HEARING_CASE]})
    write_yaml(content, "prisoners", person(
        "anna-one", birthday=f"{THIS_MONTH:02d}-15", consent={"birthday": True},
        case="test-case", hearings=[HEARING_AHEAD]))
    write_yaml(content, "prisoners", person(
        "anna-two", birthday="1992-02-29", born=1992, consent={"birthday": True}))
    write_yaml(content, "prisoners", person(
        "anna-three", birthday=f"{OTHER_MONTH:02d}-03", consent={"birthday": True}))
    write_yaml(content, "prisoners", person("anna-four"))  # nothing to put in a calendar
    write_article(content, "a.md", {**VALID, "Slug": "a"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    content = tmp_path_factory.mktemp("cal") / "content"
    (content / "articles").mkdir(parents=True)
    registry(content)
    first = run_pelican(content, content.parent / "out1")
    assert first.returncode == 0, first.output
    second = run_pelican(content, content.parent / "out2")
    assert second.returncode == 0, second.output
    return first, second


def read(build, rel: str):
    """The file parsed by vobject with its RFC 5545 checks on (required properties and
    their counts per component)."""
    text = (build.out_dir / rel).read_text(encoding="utf-8")
    return vobject.readOne(text, validate=True)


def events(cal) -> dict[str, object]:
    return {ev.uid.value: ev for ev in getattr(cal, "vevent_list", [])}


def test_every_calendar_parses_with_a_second_parser(built):
    build, _ = built
    files = sorted(build.out_dir.rglob("*.ics"))
    # 6 languages x (the language's calendar + 4 people + 1 case group)
    assert len(files) == 6 * 6, files
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), path  # folded (3.1)
        cal = vobject.readOne(raw.decode("utf-8"), validate=True)
        assert cal.version.value == "2.0"
        assert cal.prodid.value.startswith("-//Left Political Prisoners//")
        for ev in getattr(cal, "vevent_list", []):
            assert ev.uid.value and ev.dtstamp.value.tzinfo is not None


def test_the_language_calendar_has_birthdays_yearly_and_hearings(built):
    build, _ = built
    cal = read(build, "ru/calendars/all.ics")
    assert cal.contents["x-wr-calname"][0].value == "Левые политзаключённые"
    found = events(cal)
    one = found[f"birthday-anna-one-{THIS_MONTH:02d}15-ru@left-prisoners.example.org"]
    assert one.summary.value == "День рождения: Анна Тестone"
    assert type(one.dtstart.value) is date  # VALUE=DATE: an all-day event
    assert one.dtstart.params.get("VALUE") == ["DATE"]
    following = list(itertools.islice(one.rruleset, 3))
    assert [d.year for d in following] == [2000, 2001, 2002]
    assert {(d.month, d.day) for d in following} == {(THIS_MONTH, 15)}
    # 29 February: every year, on the last day of February.
    leap = found["birthday-anna-two-0229-ru@left-prisoners.example.org"]
    days = list(itertools.islice(leap.rruleset, 3))
    assert [d.date() if isinstance(d, datetime) else d for d in days] == [
        date(1992, 2, 29), date(1993, 2, 28), date(1994, 2, 28)]
    ahead = found[f"hearing-anna-one-{AHEAD:%Y%m%d}T1030-ru@left-prisoners.example.org"]
    assert ahead.dtstart.value == datetime.combine(AHEAD, time(10, 30), tzinfo=MOSCOW)
    assert ahead.location.value == "Тествильский районный суд"
    assert "Заседание по существу." in ahead.summary.value
    assert ahead.url.value.endswith("/ru/prisoners/anna-one/")
    case = found["hearing-test-case-20240130-ru@left-prisoners.example.org"]
    assert case.dtstart.value == date(2024, 1, 30)
    assert case.location.value == "Testville Military Court"  # no Russian text: English
    assert len(found) == 5  # three birthdays, two hearings; anna-four has none


def test_person_and_case_calendars_carry_their_own_events(built):
    build, _ = built
    one = events(read(build, "calendars/prisoners/anna-one.ics"))
    assert sorted(uid.split("-")[0] for uid in one) == ["birthday", "hearing", "hearing"]
    assert any("test-case" in uid for uid in one)  # the case group's hearing too
    assert set(events(read(build, "calendars/prisoners/anna-two.ics"))) == {
        "birthday-anna-two-0229-en@left-prisoners.example.org"}
    four = read(build, "de/calendars/prisoners/anna-four.ics")
    assert events(four) == {}  # subscribed in advance: valid, with a time zone, no event
    assert four.contents["x-wr-calname"][0].value.endswith("Anna TestFour")
    case = events(read(build, "calendars/cases/test-case.ics"))
    assert {uid.split("-")[0] + "-" + uid.split("-")[1] for uid in case} == {
        "birthday-anna", "hearing-anna", "hearing-test"}


def test_uids_and_bytes_are_the_same_in_a_second_build(built):
    first, second = built
    names = sorted(p.relative_to(first.out_dir) for p in first.out_dir.rglob("*.ics"))
    assert names == sorted(p.relative_to(second.out_dir) for p in second.out_dir.rglob("*.ics"))
    for name in names:
        assert (first.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name
    uids = set(events(read(first, "calendars/all.ics")))
    assert uids == set(events(read(second, "calendars/all.ics")))
    stamps = {ev.dtstamp.value for ev in events(read(first, "calendars/all.ics")).values()}
    # From the registry's dates (last_verified, the hearing's source), not the clock.
    assert stamps == {datetime(2024, 5, 20, tzinfo=ZoneInfo("UTC")),  # anna-one's check
                      datetime(2024, 6, 1, tzinfo=ZoneInfo("UTC"))}  # the case group's


def test_pages_link_the_calendars_beside_the_feeds(built):
    build, _ = built
    profile = build.html("ru/prisoners/anna-one/index.html")
    link = profile.select_one('.follow a[href$=".ics"]')
    assert link["href"] == "/ru/calendars/prisoners/anna-one.ics"
    assert profile.select_one('.follow a[href$=".atom.xml"]')
    assert [li.select_one("time")["datetime"] for li in profile.select(".hearings li")] == [
        "2024-01-30", AHEAD.isoformat()]
    assert "15" in profile.select_one(".facts").get_text()
    subscribe = build.html("de/subscribe/index.html")
    hrefs = {a["href"] for a in subscribe.select('a[href$=".ics"]')}
    assert {"/de/calendars/all.ics", "/de/calendars/prisoners/anna-one.ics",
            "/de/calendars/cases/test-case.ics"} <= hrefs
    for href in hrefs:
        assert (build.out_dir / href.lstrip("/")).is_file(), href
    case = build.html("cases/test-case/index.html")
    assert case.select_one('.follow a[href="/calendars/cases/test-case.ics"]')
    assert "Anna TestOne" in case.select_one(".hearings").get_text()


def test_home_lists_the_birthdays_of_this_month(built):
    build, _ = built
    for lang, prefix in (("en", ""), ("ru", "ru/")):
        home = build.html(f"{prefix}index.html")
        # Once: an id appears once per page, and the list is not repeated further down.
        assert len(home.select(".birthdays-month")) == 1, lang
        section = home.select_one(".birthdays-month")
        names = [a["href"] for a in section.select("li a")]
        expected = [f"/{prefix}prisoners/anna-one/"]
        if THIS_MONTH == 2:
            expected.append(f"/{prefix}prisoners/anna-two/")
        assert sorted(names) == sorted(expected), lang
        assert f"/{prefix}prisoners/anna-three/" not in names


def test_a_profile_without_consent_shows_no_birthday_and_the_build_stops(content, tmp_path):
    write_yaml(content, "prisoners", person(birthday="03-15"))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    lines = [line for line in build.output.splitlines() if "anna-test.yaml" in line]
    assert any("content/prisoners/anna-test.yaml: birthday: is published only with the "
               "person's consent" in line for line in lines), build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "out").rglob("*.html"))
    assert not list((tmp_path / "out").rglob("*.ics"))


@pytest.mark.parametrize(("change", "field"), [
    ({"timeline": [{"date": "2999-01-01", "event": {"en": "Something."}}]}, "timeline.0.date"),
    ({"birthday": "2099-03-15", "born": 2099, "consent": {"birthday": True}}, "birthday"),
    ({"born": 2099}, "born"),
    ({"hearings": [{**HEARING_AHEAD, "source": {"publication": "Example Weekly",
                                                "date": "2999-01"}}]}, "hearings.0.source.date"),
], ids=["timeline", "birthday", "born", "hearing source"])
def test_a_future_date_outside_hearings_names_file_and_field(content, tmp_path, change, field):
    write_yaml(content, "prisoners", person(**change))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert f"content/prisoners/anna-test.yaml: {field}: " in build.output, build.output
    assert "is in the future (more than a day after this build); check the date" in build.said
    assert "Traceback" not in build.output
    assert not list((tmp_path / "out").rglob("*.html"))


BAD_HEARINGS = [
    ({"time": "25:00"}, "hearings.0.time", "'25:00' is not a time; write HH:MM"),
    ({"timezone": "Mars/Olympus"}, "hearings.0.timezone",
     "'Mars/Olympus' is not a time zone"),
    ({"date": 2024}, "hearings.0.date", "'2024' is not a date; write YYYY-MM-DD"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_HEARINGS,
                         ids=["time", "timezone", "year only"])
def test_bad_hearing_values_name_file_and_field(content, tmp_path, change, field, message):
    write_yaml(content, "prisoners", person(hearings=[{**HEARING_AHEAD, **change}]))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert f"content/prisoners/anna-test.yaml: {field}: {message}" in build.output, \
        build.output
    assert "Traceback" not in build.output


def test_two_hearings_at_the_same_time_are_refused(content, tmp_path):
    twice = [copy.deepcopy(HEARING_AHEAD) for _ in range(2)]  # no YAML anchor: two entries
    twice[1]["what"] = {"en": "Another hearing."}
    write_yaml(content, "prisoners", person(hearings=twice))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert ("content/prisoners/anna-test.yaml: hearings.1.date: hearings.0 has the same date "
            "and time") in build.output, build.output


def test_the_published_json_schema_describes_the_new_fields(built):
    import json

    import jsonschema

    build, _ = built
    schema = json.loads((build.out_dir / "prisoners.schema.json").read_text(encoding="utf-8"))
    data = json.loads((build.out_dir / "prisoners.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    defs = schema["$defs"]
    assert {"birthday", "hearings"} <= set(defs["PublicPerson"]["properties"])
    assert "birthday" in defs["Consent"]["properties"]
    assert {"date", "what", "source"} <= set(defs["Hearing"]["required"])
    assert "term_months" in defs["Sentence"]["required"]
    one = next(p for p in data["people"] if p["slug"] == "anna-one")
    assert one["birthday"] == f"{THIS_MONTH:02d}-15" and one["consent"]["birthday"] is True
    assert one["hearings"][0]["date"] == AHEAD.isoformat()
    # A hearing's date may lie ahead; the schema still refuses a malformed one.
    one["hearings"][0]["time"] = "25:00"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_action_deadlines_become_events_in_each_language():
    """Action blocks (plugins/actions) hand their articles over as `actions_by_lang`; here two
    language versions of one invented appeal, as that plugin attaches them."""
    from types import SimpleNamespace

    from calendars import ical
    from calendars.occasions import action_deadlines

    def doc(lang: str, title: str) -> SimpleNamespace:
        prefix = "" if lang == "en" else f"{lang}/"
        return SimpleNamespace(
            slug="free-anna", lang=lang, title=title, url=f"{prefix}articles/free-anna/",
            date=datetime(2024, 2, 20, 10, 0, tzinfo=MOSCOW), prisoners=["anna-one"],
            people=[], action={"deadline": date(2024, 3, 14), "state": "closed"})

    context = {"FEED_SITEURL": "https://example.org",
               "actions_by_lang": {"en": [doc("en", "Free Anna")],
                                   "ru": [doc("ru", "Свободу Анне")], "de": []}}
    [occasion] = action_deadlines(context)
    assert occasion.people == ("anna-one",) and occasion.start == date(2024, 3, 14)

    def url_of(o, lang):
        return o.extra["url"].get(lang) or o.extra["url"]["en"]

    for lang, title, url in (("ru", "Срок: Свободу Анне", "https://example.org/ru/articles/"
                              "free-anna/"),
                             ("de", "Frist: Free Anna", "https://example.org/articles/free-anna/")):
        import pelicanconf
        from ui_i18n.catalogs import translator

        settings = {k: getattr(pelicanconf, k) for k in dir(pelicanconf) if k.isupper()}
        _ = translator(settings, lang).gettext
        text = ical.calendar("T", "D", [occasion], lang, _, url_of, "example.org").decode()
        [ev] = vobject.readOne(text, validate=True).vevent_list
        assert ev.uid.value == f"deadline-free-anna-20240314-{lang}@example.org"
        assert ev.summary.value == title and ev.url.value == url
        assert ev.dtstart.value == date(2024, 3, 14)
        assert ev.dtstamp.value == datetime(2024, 2, 20, tzinfo=ZoneInfo("UTC"))
    assert action_deadlines({}) == []  # no actions plugin: no deadline


def test_a_calendar_is_the_bytes_the_library_writes_for_it_whole(built):
    """ical.calendar serialises each event once per language and joins the library's bytes of
    the calendar's head and of each component (issue 18, item 7): every written file must be
    exactly what icalendar writes when it reads that file and writes it back whole, and a
    calendar made here must equal the library's own Calendar.add_component + to_ical."""
    from icalendar import Calendar

    from calendars import ical
    from calendars.occasions import action_deadlines

    build, _ = built
    for path in sorted(build.out_dir.rglob("*.ics")):
        raw = path.read_bytes()
        assert Calendar.from_ical(raw).to_ical() == raw, path

    def doc(slug: str, day: int) -> SimpleNamespace:
        return SimpleNamespace(
            slug=slug, lang="en", title=f"Write to {slug}", url=f"articles/{slug}/",
            date=datetime(2024, 2, 20, 10, 0, tzinfo=MOSCOW), prisoners=["anna-one"],
            people=[], action={"deadline": date(2024, 3, day), "state": "open"})

    occasions = action_deadlines({"FEED_SITEURL": "https://example.org",
                                  "actions_by_lang": {"en": [doc("a", 4), doc("b", 9)]}})
    assert len(occasions) == 2

    def url_of(o, _lang):
        return o.extra["url"]["en"]

    # The head's lines are serialised once per description, the name's per file: a name
    # with TEXT separators, and one long enough (in UTF-8) to be folded.
    names = ("Name; with, separators", "Политзаключённые: " + "очень длинное имя, " * 6)
    for lang, name, about in (("en", names[0], "About"), ("ru", names[1], "О календаре; да"),
                              ("ru", names[0], "О календаре; да")):
        events = ical.Events(lang, str, url_of, "example.org")
        for chosen in (occasions, occasions[1:], []):
            whole = ical.head(name, about)
            for occasion in chosen:
                whole.add_component(ical.event(occasion, lang, str, url_of, "example.org"))
            if not chosen:
                whole.add_component(ical._zone(ical.DEFAULT_ZONE))
            made = ical.calendar(name, about, chosen, lang, str, url_of, "example.org", events)
            assert made == whole.to_ical(), (lang, name, len(chosen))
