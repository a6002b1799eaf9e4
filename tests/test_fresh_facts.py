"""Fresh facts (issue 17, item 7): an old status says when it was last confirmed instead of
passing as current, and the sample registry claims no check newer than its facts."""

from __future__ import annotations

from datetime import date

import yaml

from tests.sitebuild import ROOT, run_pelican, settings_with
from tests.test_registry import CASE, person, write_yaml


def _status_line(build, rel: str) -> str:
    return " ".join(build.html(rel).select_one(".status-line").get_text(" ").split())


def _two_people(content):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person("anna-old", status="pre-trial-detention",
                                            status_as_of="2021-09", last_verified="2021-09-16"))
    this_month = date.today().strftime("%Y-%m")
    write_yaml(content, "prisoners", person("anna-new", status_as_of=this_month,
                                            last_verified=date.today().isoformat()))


def test_old_status_says_when_it_was_last_confirmed(content, tmp_path):
    _two_people(content)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    old = _status_line(build, "prisoners/anna-old/index.html")
    assert "last confirmed September 2021" in old and "as of" not in old, old
    assert build.html("prisoners/anna-old/index.html").select(".status.status-stale")
    new = _status_line(build, "prisoners/anna-new/index.html")
    assert new.startswith("Imprisoned as of") and "last confirmed" not in new, new
    ru = _status_line(build, "ru/prisoners/anna-old/index.html")
    assert "последнее подтверждение: сентябрь 2021" in ru.lower(), ru
    index = build.html("prisoners/index.html")
    [item] = [li for li in index.select("#status-pre-trial-detention li")]
    assert "last confirmed September 2021" in item.get_text(" "), item


def test_the_age_is_a_setting(content, tmp_path):
    _two_people(content)
    settings = settings_with(tmp_path / "s.py", STATUS_STALE_AFTER_MONTHS=12 * 100)
    build = run_pelican(content, tmp_path / "out", settings)
    assert build.returncode == 0, build.output
    old = _status_line(build, "prisoners/anna-old/index.html")
    assert "as of September 2021" in old and "last confirmed" not in old, old


def test_historical_cases_do_not_go_stale(content, tmp_path):
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person("anna-hist", status="historical",
                                            status_as_of="2012-12", last_verified="2012-12"))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "as of December 2012" in _status_line(build, "prisoners/anna-hist/index.html")


def test_sample_registry_claims_no_check_newer_than_its_facts(site):
    from prisoner_registry.schema import Person, verification_problem

    for path in sorted((ROOT / "content/prisoners").glob("*.yaml")):
        entry = Person.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert verification_problem(entry) is None, path
    # The nine people of the Kuznetsov case: a 2021 status is not presented as current.
    line = _status_line(site, "prisoners/alexey-kurlov/index.html")
    assert "last confirmed September 2021" in line, line
    provenance = site.html("prisoners/alexey-kurlov/index.html").select_one(".provenance")
    assert "Last verified 2021." in " ".join(provenance.get_text(" ").split())
