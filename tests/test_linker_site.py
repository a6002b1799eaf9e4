"""The linker in the sample site and the editor's preview."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.sitebuild import ROOT, VALID, run_pelican, write_article


def test_sample_articles_link_every_prisoner_they_list(site):
    for path in (ROOT / "content/articles").rglob("*.md"):
        header = dict(line.split(": ", 1) for line in
                      path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines())
        listed = {s.strip() for s in header.get("Prisoners", "").split(",") if s.strip()}
        prefix = "" if header["Lang"] == "en" else f"{header['Lang']}/"
        soup = site.html(f"{prefix}articles/{header['Slug']}/index.html")
        linked = {a["data-prisoner"] for a in soup.select(".e-content a.prisoner-link")}
        assert linked == listed, path.name
        box = {a["href"].split("/")[-2] for a in soup.select(".people-box a")}
        assert box == listed, path.name


def test_mentions_json_lists_documents_and_people(site):
    data = json.loads((site.out_dir / "mentions.json").read_text(encoding="utf-8"))
    urls = [m["url"] for m in data["people"]["boris-kagarlitsky"]]
    assert "ru/articles/free-boris-kagarlitsky/" in urls
    assert "de/articles/free-boris-kagarlitsky/" in urls
    doc = next(d for d in data["documents"] if d["url"] == "articles/ufa-five-trial-opens/")
    assert doc["people"] == ["alexey-dmitriev", "dmitry-chuvilin", "pavel-matisov",
                             "rinat-burkeev", "yuri-efimov"]


def test_opt_out_and_build_report(content, tmp_path):
    for src in ("prisoners", "cases"):  # copied: a link out of content/ is refused
        shutil.copytree(ROOT / "content" / src, content / src)
    write_article(content, "a.md", {**VALID, "Slug": "a"}, "Boris Kagarlitsky spoke.")
    write_article(content, "b.md", {**VALID, "Slug": "b", "PrisonerLinks": "off"},
                  "Boris Kagarlitsky spoke.")
    write_article(content, "c.ru.md", {**VALID, "Slug": "c", "Lang": "ru"},
                  "Кагарлицкий выступил.")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert build.html("articles/a/index.html").select_one("a.prisoner-link")
    assert not build.html("articles/b/index.html").select_one("a.prisoner-link")
    assert not build.html("ru/articles/c/index.html").select_one("a.prisoner-link")
    assert "prisoner links (en): 1 linked, 0 surname-only mentions declined" in build.output
    assert "prisoner links (ru): 0 linked, 1 surname-only mentions declined" in build.output


def test_editor_preview_explains_links_refusals_and_unknown_names(tmp_path):
    draft = tmp_path / "draft.ru.md"
    draft.write_text(
        "Title: Черновик\nDate: 2024-05-01\nLang: ru\nCategory: news\n\n"
        "Суд продлил арест Бориса Кагарлицкого. Адвокат Сергея Платонова подал жалобу, "
        "а Козырева осталась в СИЗО. Задержан активист Пётр Сидоров.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "invoke", "mentions", str(draft)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "+ 'Бориса Кагарлицкого' -> boris-kagarlitsky (Борис Кагарлицкий); rule: " \
        "Russian genitive" in out
    assert "- 'Платонова' -> maria-platonova? preceded by another given name ('Сергея')" in out
    assert "- 'Козырева' -> daria-kozyreva? surname only, and the document does not name " \
        "this person in full" in out
    assert "? Пётр Сидоров" in out
    assert "Кагарлицкого" not in out.split("Names not in the registry")[1]


def test_editor_preview_knows_inflected_registered_names_and_groups_others(tmp_path):
    draft = tmp_path / "draft.ru.md"
    draft.write_text(
        "Title: Черновик\nDate: 2024-05-01\nLang: ru\nCategory: news\n\n"
        "Азат Мифтахов в колонии. Азату передали письмо от матери, а Дарья Козырева ждёт суда, "
        "и Дарье передали книги. Борис Немцов был убит в 2015 году. О Борисе Немцове помнят. "
        "Сергей Кагарлицкий дал интервью.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "invoke", "mentions", str(draft)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    others = proc.stdout.split("Names not in the registry")[1].splitlines()[1:]
    assert others == ["  ? Борис Немцов (also: Борисе Немцове)", "  ? Сергей Кагарлицкий"]
