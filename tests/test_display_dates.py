"""One rule for displayed dates (issue 17, item 4): lists are ordered by instant, and every date
shown is the date in the site's TIMEZONE (Europe/Moscow), whatever offset the editor wrote."""

from __future__ import annotations

from tests.sitebuild import VALID, run_pelican, write_article

# UTC instants: a 20:00, b 20:30, c 21:30 (all on 30 June). In Moscow (UTC+3): a 23:00 and
# b 23:30 on 30 June, c 00:30 on 1 July. Newest first: c, b, a.
DATES = {
    "a": "2025-07-01 01:00+05:00",
    "b": "2025-06-30 23:30",  # no offset: read in TIMEZONE (Moscow)
    "c": "2025-07-01 00:30+03:00",
}


def _build(content, tmp_path, lang="en"):
    suffix = "" if lang == "en" else f".{lang}"
    for slug, date in DATES.items():
        write_article(content, f"{slug}{suffix}.md",
                      {**VALID, "Title": f"Text {slug}", "Slug": slug, "Date": date, "Lang": lang})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    return build


def test_listings_in_instant_order_with_dates_in_moscow_time(content, tmp_path):
    build = _build(content, tmp_path)
    for rel in ("index.html", "category/news/index.html", "archives/index.html"):
        soup = build.html(rel)
        titles = [a.get_text() for a in soup.select("main h2 a, main li a")
                  if a.get_text().startswith("Text ")]
        assert titles == ["Text c", "Text b", "Text a"], rel
    cards = build.html("index.html").select("main .card")
    shown = [card.select_one("time").get_text() for card in cards]
    assert shown == ["July 1, 2025", "June 30, 2025", "June 30, 2025"]
    stamps = [card.select_one("time")["datetime"] for card in cards]
    assert stamps == ["2025-07-01T00:30:00+03:00", "2025-06-30T23:30:00+03:00",
                      "2025-06-30T23:00:00+03:00"]


def test_article_page_shows_the_moscow_date(content, tmp_path):
    build = _build(content, tmp_path, lang="ru")
    time = build.html("ru/articles/a/index.html").select_one(".meta time")
    assert time.get_text().replace("\u202f", " ") == "30 июня 2025 г."
    assert time["datetime"] == "2025-06-30T23:00:00+03:00"
