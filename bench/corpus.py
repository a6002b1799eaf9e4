"""Synthetic corpora for the benchmarks.

`make_corpus(dest, n)`: an n-article copy of the sample site (used by bench/linker.py).
`make_bench_site(root, n, p)`: the corpus `invoke bench` builds four ways. n English source
articles (the 15 sample articles repeated under new slugs) with their translations into the
five other languages, both as Markdown files and as content catalogues (copied under the new
slugs); p registry entries (the 26 real people, then invented ones); every article mentions
real people, and the ones translated as files also name an invented person in each language.
The baselines (plain Pelican, Hugo) get the same Markdown, plus one Markdown page per person
and language standing in for the profiles the pipeline builds from the registry.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import yaml

from safe_input.slugs import slugify
from site_scheme import LANGUAGES as LANGS
from site_scheme import source_suffix

ROOT = Path(__file__).resolve().parent.parent

GIVEN_M = ["Андрей", "Виктор", "Глеб", "Денис", "Егор", "Илья", "Кирилл", "Матвей", "Олег",
           "Пётр", "Роман", "Семён", "Тимур", "Фёдор", "Ярослав", "Степан", "Арсений", "Савва"]
FAMILY_M = ["Белов", "Воронов", "Гусев", "Жуков", "Зайцев", "Комаров", "Лебедев", "Морозов",
            "Новиков", "Павлов", "Рыбаков", "Соколов", "Тихонов", "Фомин", "Харитонов",
            "Широков", "Щукин", "Юдин", "Ястребов", "Быстров", "Горелов", "Дроздов", "Ершов",
            "Калинин", "Лаптев", "Мельников", "Носков", "Орехов", "Панов", "Родионов",
            "Сорокин", "Титов", "Уваров", "Филатов", "Цветков", "Чернышёв", "Шаров", "Яковлев",
            "Архипов", "Блинов", "Власов", "Голубев", "Данилов", "Ефремов", "Жданов",
            "Зимин", "Исаев", "Карпов", "Лукин", "Маслов", "Никитин", "Осипов", "Поляков",
            "Рябов", "Савин", "Трофимов", "Устинов", "Фролов"]
# A sentence naming an invented person, per language (nominative: no declension needed).
MENTION = {
    "en": "{name} also receives letters of support through the campaign.",
    "ru": "{name} тоже получает письма поддержки через кампанию.",
    "uk": "{name} теж отримує листи підтримки через кампанію.",
    "de": "Auch {name} erhält über die Kampagne Briefe der Unterstützung.",
    "fr": "{name} reçoit lui aussi des lettres de soutien grâce à la campagne.",
    "es": "{name} también recibe cartas de apoyo a través de la campaña.",
}


def synthetic_people(count: int, real_count: int = 10) -> list[dict]:
    """The first `real_count` real registry entries, then invented people with distinct names."""
    import iuliia

    real = [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "content/prisoners").glob("*.yaml"))]
    people = real[: min(count, real_count)]
    for given, family in product(GIVEN_M, FAMILY_M):
        if len(people) >= count:
            break
        latin = {"given": iuliia.WIKIPEDIA.translate(given),
                 "family": iuliia.WIKIPEDIA.translate(family)}
        slug = slugify(f"{latin['given']} {latin['family']}")  # the site's one slug rule
        people.append({
            "slug": slug, "gender": "m", "status": "imprisoned", "status_as_of": "2024",
            "names": {"ru": {"given": given, "family": family},
                      "uk": {"given": given, "family": family},
                      **{lang: dict(latin) for lang in ("en", "de", "fr", "es")}},
            "letters": {"state": "address-unknown"},
            "sources": [{"publication": "synthetic", "date": "2024"}],
            "last_verified": "2024-01-01", "bio": {"en": "Synthetic entry for the benchmark."}})
    return people


def write_registry(content: Path, people: list[dict]) -> None:
    shutil.rmtree(content / "prisoners", ignore_errors=True)
    (content / "prisoners").mkdir()
    for person in people:
        (content / "prisoners" / f"{person['slug']}.yaml").write_text(
            yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")


def _groups() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    for path in sorted((ROOT / "content/articles").rglob("*.md")):
        groups.setdefault(path.name.split(".")[0], []).append(path)
    return groups


def _renamed(text: str, new_slug: str) -> str:
    text = re.sub(r"^Slug: .*$", f"Slug: {new_slug}", text, flags=re.M)
    if not re.search(r"^Slug:", text, flags=re.M):
        text = text.replace("\n\n", f"\nSlug: {new_slug}\n\n", 1)
    return text


def make_corpus(dest: Path, articles: int, people: list[dict] | None = None) -> int:
    """Write content/ with `articles` default-language articles; returns files written."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "content", dest, ignore=shutil.ignore_patterns("articles"))
    groups = _groups()
    names = sorted(groups)
    invented = [p for p in people or [] if p.get("bio", {}).get("en", "").startswith("Synth")]
    written = 0
    for i in range(articles):
        slug = names[i % len(names)]
        new_slug = f"{slug}-{i:05d}"
        translated_as_files = len(groups[slug]) > 1
        for path in groups[slug]:
            text = _renamed(path.read_text(encoding="utf-8"), new_slug)
            if invented and translated_as_files:
                lang = re.search(r"^Lang: (\w+)", text, flags=re.M).group(1)
                person = invented[i % len(invented)]["names"][lang]
                name = f"{person['given']} {person['family']}"
                text = text.rstrip("\n") + "\n\n" + MENTION[lang].format(name=name) + "\n"
            out = dest / "articles" / f"{i // 100:03d}" / path.name.replace(slug, new_slug, 1)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            action = re.search(r"^Action: *(\S+)", text.split("\n\n", 1)[0], flags=re.M)
            if action:  # the action file it names sits beside it (plugins/actions)
                shutil.copyfile(path.parent / action.group(1), out.parent / action.group(1))
            written += 1
    return written


@dataclass
class BenchSite:
    root: Path
    content: Path  # the pipeline's content/
    settings: Path  # pelicanconf.py with this corpus's catalogues and cache
    plain: Path  # plain Pelican: content and settings
    hugo: Path  # a Hugo site
    edit_target: Path  # the article the incremental run edits


def copy_catalogues(dest: Path, articles: int) -> None:
    """Each source slug's catalogues, under every new slug (the same text, so they apply)."""
    src = ROOT / "translations" / "content"
    names = sorted(_groups())
    shutil.copytree(src, dest, ignore=lambda d, files: [
        f for f in files if f.endswith(".po") and f[:-3] in names])
    for lang_dir in (d for d in src.iterdir() if d.is_dir()):
        for i in range(articles):
            slug = names[i % len(names)]
            po = lang_dir / f"{slug}.po"
            if po.exists():
                shutil.copy(po, dest / lang_dir.name / f"{slug}-{i:05d}.po")


def make_bench_site(root: Path, articles: int, people_count: int) -> BenchSite:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    people = synthetic_people(people_count, real_count=10_000)
    content = root / "content"
    make_corpus(content, articles, people)
    write_registry(content, people)
    copy_catalogues(root / "catalogues", articles)
    settings = root / "bench_settings.py"  # not "pelicanconf": it imports that module
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"CONTENT_TRANSLATIONS_DIR = {str(root / 'catalogues')!r}\n"
        f"PRISONER_LINKS_CACHE = {str(root / 'cache')!r}\n"
        f"CACHE_PATH = {str(root / 'cache' / 'pelican')!r}\n", encoding="utf-8")
    plain = _plain_pelican(root / "plain", content, people)
    hugo = _hugo_site(root / "hugo", plain / "content")
    edit = sorted((content / "articles").rglob("*.md"))[len(people) % 7]
    return BenchSite(root, content, settings, plain, hugo, edit)


def _profile_markdown(person: dict, lang: str) -> str:
    names = person["names"][lang]
    bio = person.get("bio", {})
    text = bio.get(lang) or bio.get("en") or ""
    return (f"Title: {names['given']} {names['family']}\nSlug: {person['slug']}\nLang: {lang}\n\n"
            f"Status: {person['status']}, as of {person['status_as_of']}.\n\n{text}\n")


def _plain_pelican(dest: Path, content: Path, people: list[dict]) -> Path:
    """The same Markdown, plus one page per person and language, for Pelican with defaults."""
    shutil.copytree(content / "articles", dest / "content" / "articles")
    shutil.copytree(content / "pages", dest / "content" / "pages")
    profiles = dest / "content" / "profiles"
    profiles.mkdir(parents=True)
    for person in people:
        for lang in LANGS:
            (profiles / f"{person['slug']}{source_suffix(lang)}.md").write_text(
                _profile_markdown(person, lang), encoding="utf-8")
    (dest / "pelicanconf.py").write_text(
        'SITENAME = "bench"\nSITEURL = ""\nTIMEZONE = "Europe/Moscow"\nDEFAULT_LANG = "en"\n'
        'PATH = "content"\nARTICLE_PATHS = ["articles"]\nPAGE_PATHS = ["pages", "profiles"]\n'
        "DEFAULT_PAGINATION = 10\nPLUGINS = []\nLOAD_CONTENT_CACHE = False\n"
        # The default theme lists every page in its menu; with 6,000 profile pages that is
        # quadratic and would make the baseline look slower than Pelican is.
        "DISPLAY_PAGES_ON_MENU = False\n", encoding="utf-8")
    return dest


HUGO_CONFIG = """baseURL = "http://127.0.0.1:8000/"
title = "bench"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
paginate = 10
disableKinds = ["robotsTXT"]
[taxonomies]
  category = "categories"
  tag = "tags"
[languages]
""" + "".join(f'  [languages.{lang}]\n    weight = {i + 1}\n    languageName = "{lang}"\n'
              for i, lang in enumerate(LANGS))

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head><body><nav>{{ range .Site.Menus.main }}{{ .Name }}{{ end }}
{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def _hugo_site(dest: Path, markdown: Path) -> Path:
    """The same Markdown as a multilingual Hugo site (translations by file name, as here)."""
    (dest / "content").mkdir(parents=True)
    (dest / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        (dest / "layouts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / "layouts" / rel).write_text(text, encoding="utf-8")
    for src in markdown.rglob("*.md"):
        header, _, body = src.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
        meta = {k.strip().lower(): v.strip() for k, v in meta.items()}
        front = {"title": meta.get("title", src.stem), "slug": meta.get("slug", src.stem)}
        if "date" in meta:
            front["date"] = re.sub(r"^(\S+) (\d\d:\d\d)", r"\1T\2:00", meta["date"])
        if "category" in meta:
            front["categories"] = [meta["category"]]
        if meta.get("tags"):
            front["tags"] = [t.strip() for t in meta["tags"].split(",") if t.strip()]
        if "summary" in meta:
            front["summary"] = meta["summary"]
        out = dest / "content" / src.relative_to(markdown)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body,
                       encoding="utf-8")
    return dest


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("-p", "--people", type=int, default=1000)
    args = parser.parse_args()
    site = make_bench_site(args.dest, args.articles, args.people)
    print(f"bench site in {site.root}")
