"""Each language's typography on titles, summaries, metadata and registry texts as on bodies
(issue 17, item 3): real builds, read as text the way a reader sees it."""

from __future__ import annotations

import pytest

from tests.sitebuild import VALID, run_pelican, write_article

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def typeset_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("typo") / "content"
    (content / "pages").mkdir(parents=True)
    write_article(content, "tyumen.md", {
        **VALID, "Title": 'The "Tyumen case" goes on', "Slug": "tyumen",
        "Summary": 'Six people and the "Vanguard" charge.'}, 'A "quoted" body.')
    write_article(content, "tyumen.ru.md", {
        **VALID, "Lang": "ru", "Title": 'А. Мифтахов и "Тюменское дело"', "Slug": "tyumen",
        "Summary": 'Подписали 10 000 человек, среди них Б. Ю. Кагарлицкий.'},
        'Письмо подписали 12 500 человек. Среди них А. Мифтахов.')
    write_article(content, "tyumen.fr.md", {
        **VALID, "Lang": "fr", "Title": 'L\'"histoire" d\'un procès', "Slug": "tyumen"},
        'Des accusations d\'"appels publics" et l\'"histoire" du cercle.')
    build = run_pelican(content, tmp_path_factory.mktemp("typo-out") / "out")
    assert build.returncode == 0, build.output
    return build


def test_english_title_and_summary_get_curly_quotes_like_the_body(typeset_site):
    soup = typeset_site.html("articles/tyumen/index.html")
    assert soup.select_one("h1").get_text() == "The “Tyumen case” goes on"
    assert "“quoted”" in soup.select_one(".e-content").get_text()
    card = typeset_site.html("index.html").select_one(".card")
    assert "“Vanguard”" in card.get_text()
    assert '"' not in card.get_text()


def test_russian_title_quotes_initials_and_numbers(typeset_site):
    soup = typeset_site.html("ru/articles/tyumen/index.html")
    assert soup.select_one("h1").get_text() == f"А.{NBSP}Мифтахов и «Тюменское дело»"
    body = soup.select_one(".e-content").get_text()
    assert f"12{NBSP}500 человек" in body and f"А.{NBSP}Мифтахов" in body
    summary = typeset_site.html("ru/index.html").select_one(".card .summary").get_text()
    assert f"10{NBSP}000 человек" in summary
    assert f"Б.{NBSP}Ю.{NBSP}Кагарлицкий" in summary


def test_french_elision_is_followed_by_an_opening_guillemet(typeset_site):
    soup = typeset_site.html("fr/articles/tyumen/index.html")
    body = soup.select_one(".e-content").get_text()
    assert f"d’«{NNBSP}appels publics{NNBSP}»" in body
    assert f"l’«{NNBSP}histoire{NNBSP}»" in body
    assert "’ »" not in body and f"’{NNBSP}»" not in body and "‘«" not in body
    assert soup.select_one("h1").get_text() == f"L’«{NNBSP}histoire{NNBSP}» d’un procès"


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_no_doubled_full_stop_after_an_abbreviated_date(site, lang):
    for rel in (f"{lang}/prisoners/boris-kagarlitsky/index.html",
                f"{lang}/cases/tyumen-case/index.html"):
        # Every "Last verified" sentence (on the page and in the printed address line) ends
        # in the abbreviated year, «2024 г.», with one full stop.
        html = site.html(rel)
        sentences = [t for t in html.find_all(string=True)
                     if "2024" in t and ("г." in t or "р." in t)]
        assert sentences, rel  # (profiles also print it in the print-only address line)
        text = html.get_text()
        assert ".." not in text.replace("...", ""), rel


def test_registry_texts_get_the_language_quotes(site):
    assert site.html("cases/may-6th-affair/index.html").select_one("h1").get_text() == \
        "The “May 6th affair” (Bolotnaya)"
    profile = site.html("prisoners/alexander-kupriyanov/index.html").select_one("main")
    assert "“Doctor Pravda”" in profile.get_text()
    assert '"Doctor Pravda"' not in profile.get_text()
