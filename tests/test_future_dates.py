"""One rule for dates ahead of the build (safe_input.dates): a text's Date and the registry's
dates get the same day of tolerance, read in the site's TIMEZONE (Moscow), and the same
one-line message naming file and field. The registry compared its dates as strings with the
build machine's date: a maintainer in Moscow writing today's date after 21:00 UTC, or
tomorrow's, was refused where a text with that Date built."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.sitebuild import VALID, run_pelican, write_article
from tests.test_bad_input import refused
from tests.test_registry import person, write_yaml

MOSCOW = ZoneInfo("Europe/Moscow")  # pelicanconf.TIMEZONE


def day(days: int) -> str:
    """The date `days` from today in Moscow, as an editor there writes it."""
    return (datetime.now(MOSCOW) + timedelta(days=days)).strftime("%Y-%m-%d")


def test_tomorrows_date_builds_in_a_text_and_in_the_registry_alike(content, tmp_path):
    write_article(content, "tomorrow.md", {**VALID, "Slug": "tomorrow", "Date": day(1)})
    write_yaml(content, "prisoners", person(status_as_of=day(1), last_verified=day(1)))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.out_dir / "articles/tomorrow/index.html").exists()
    assert (build.out_dir / "prisoners/anna-test/index.html").exists()


def test_a_date_further_ahead_is_refused_in_the_same_words_in_a_text_and_in_the_registry(
        content, tmp_path):
    ahead = day(3)
    write_article(content, "typo.md", {**VALID, "Slug": "typo", "Date": ahead})
    write_yaml(content, "prisoners", person(status_as_of=ahead, last_verified=ahead))
    build = run_pelican(content, tmp_path / "out")
    refused(build,
            f"content/articles/typo.md: Date: '{ahead}' is in the future (more than a day "
            "after this build); check the year and write the day it is published, no later "
            "than a day after this build (a Date further ahead would keep the text at the top "
            "of every listing and feed), or keep 'Status: draft' until that day",
            *(f"content/prisoners/anna-test.yaml: {field}: '{ahead}' is in the future (more "
              "than a day after this build); check the date (only a hearing's date, under "
              "hearings, may lie ahead)" for field in ("status_as_of", "last_verified")))
    assert build.said.count("content/articles/typo.md") == 1, build.output
    assert build.said.count("anna-test.yaml") == 2, build.output
