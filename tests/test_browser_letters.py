"""The letters kit in Debian's Chromium (issue 19, item 7): the letter sheet printed to PDF on
A4 (page count, the address on page 1, read back with pypdf), the kit pages in en, ru and de,
and no sheet for a person who asks for no letters. Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import pytest
import yaml

import site_scheme
from tests.letters_fixtures import POSTAL, build_letters_site
from tests.sitebuild import ROOT
from tests.test_browser import ARTIFACTS, axe_run, served

pytestmark = pytest.mark.browser
KIT = yaml.safe_load((ROOT / "content/letters.yaml").read_text(encoding="utf-8"))
# A4 and as few pages as possible: the envelope, what the letter says and the letter itself
# fit on one A4 page in all six languages (measured with this test and by hand).
MAX_PAGES = 1


@pytest.fixture(scope="module")
def letters_url(tmp_path_factory):
    with served(build_letters_site(tmp_path_factory.mktemp("letters-browser")).out_dir) as url:
        yield url


def _pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text as pypdf extracts it, whitespace removed (a PDF places words, not
    spaces, so only the characters' order is compared)."""
    from pypdf import PdfReader

    return [re.sub(r"\s+", "", page.extract_text() or "")
            for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["ru", "de", "en"])
def test_letter_sheet_prints_on_a4_with_the_address_on_page_one(browser, letters_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    page.goto(f"{letters_url}/{site_scheme.prefix(lang)}prisoners/vera-pisma/letter/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"letter-sheet-{lang}.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("nav.main-nav").is_visible()
    assert not page.locator(".letter-sheet .screen-only").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    (ARTIFACTS / f"letter-sheet-{lang}.pdf").write_bytes(pdf)
    from pypdf import PdfReader

    first = PdfReader(io.BytesIO(pdf)).pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in first.mediabox.upper_right)
    assert (round(width_mm), round(height_mm)) == (210, 297)  # A4, from the stylesheet
    pages = _pdf_pages(pdf)
    assert len(pages) <= MAX_PAGES, len(pages)
    for part in ("ТестpismaАннаПетровна,1991г.р.", POSTAL["facility"], POSTAL["street"],
                 POSTAL["locality"], "614000", "Кому", "Куда"):
        assert re.sub(r"\s+", "", part) in pages[0], (part, pages[0][:400])
    letter = [sentences[0] for sentences in KIT["phrasebook"].values()]
    assert all(re.sub(r"\s+", "", s) in "".join(pages) for s in letter)
    assert hosts == {"127.0.0.1"}
    context.close()


@pytest.mark.parametrize(("lang", "gloss"), [("en", "Greetings"), ("ru", None),
                                             ("de", "Begrüßung")])
def test_kit_page_in_chromium(browser, letters_url, lang, gloss):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375,
                                                                       "height": 800})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    page.goto(f"{letters_url}/{site_scheme.prefix(lang)}letters/")
    assert page.locator("html").get_attribute("lang") == lang
    first = KIT["phrasebook"]["greetings"][0]
    assert page.locator('.phrasebook .ru[lang="ru"]').first.inner_text() == first
    glosses = page.locator(".phrasebook .gloss")
    if gloss is None:
        assert glosses.count() == 0
    else:
        assert page.locator("#phrases-greetings").inner_text() == gloss
        assert glosses.first.is_visible() and glosses.first.inner_text() != first
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / f"letters-kit-{lang}-375.png"), full_page=True)
    assert hosts == {"127.0.0.1"}
    context.close()


def test_do_not_write_person_has_no_sheet_in_chromium(browser, letters_url):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(f"{letters_url}/de/prisoners/ivan-molchit/letter/")
    assert response.status == 404
    page.goto(f"{letters_url}/de/prisoners/ivan-molchit/")
    assert page.locator('#write a[href*="/letter"]').count() == 0
    assert page.locator("#write .letters-closed").is_visible()
    page.goto(f"{letters_url}/de/prisoners/vera-pisma/")
    page.click("#write .letter-sheet-link a")
    page.wait_for_url(f"{letters_url}/de/prisoners/vera-pisma/letter/")
    assert page.locator(".env-to .postal-code").inner_text().replace("\n", "") == "614000"
    context.close()


@pytest.mark.parametrize("path", ["de/prisoners/vera-pisma/letter/", "ru/letters/",
                                  "letters/now/"])
def test_axe_finds_no_serious_violation_on_the_letters_pages(browser, letters_url, path):
    context = browser.new_context(bypass_csp=True)  # lets the injected axe run
    page = context.new_page()
    page.goto(f"{letters_url}/{path}")
    result = axe_run(page)
    context.close()
    assert result["rules"] > 20
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
