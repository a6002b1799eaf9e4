"""Tasks (invoke). Everything the site needs happens inside Pelican; these only orchestrate.

invoke build      build into a fresh directory, swap it in as output/ only on success
invoke serve      local server with auto-rebuild on http://127.0.0.1:8000
invoke test       the whole test suite
invoke publish    build with publishconf.py (same atomic swap)
invoke new        scaffold an article with every metadata field
invoke clean      remove output/ and caches
invoke i18n.extract-ui / i18n.update-ui   the UI catalogue (Babel)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import Collection, task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PY = sys.executable
sys.path.insert(0, str(ROOT / "plugins"))


def _pelican(c, settings: str, out: Path, extra: str = "") -> None:
    c.run(
        f'"{PY}" -m pelican content -s {settings} -o "{out}" --log-handler plain {extra}'.strip(),
        pty=False,
    )


def _atomic_build(c, settings: str, target: Path = OUTPUT) -> None:
    """Build into a new sibling directory; replace `target` only when the build succeeded."""
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=target.parent))
    try:
        _pelican(c, settings, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed; {target.relative_to(ROOT)}/ was left as it was.", file=sys.stderr)
        raise
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        from stable_output import keep_timestamps

        keep_timestamps(target, fresh)  # unchanged files keep Last-Modified for partners
        target.rename(old)
    fresh.rename(target)
    target.chmod(0o755)  # mkdtemp makes it 0700; a web server must be able to read it
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {target.relative_to(ROOT)}/")


@task
def build(c):
    """Build the whole site (every language) into output/, atomically."""
    _atomic_build(c, "pelicanconf.py")


@task
def publish(c):
    """Build with publishconf.py (public SITEURL) into output/, atomically, then tell the
    WebSub hub (WEBSUB_HUB in the environment) that the feeds changed."""
    _atomic_build(c, "publishconf.py")
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "publishconf.py"))
    if settings.get("WEBSUB_HUB"):
        from feeds.websub import feed_urls, notify

        for topic, status in notify(settings["WEBSUB_HUB"], feed_urls(settings)):
            print(f"WebSub hub notified ({status}): {topic}")


@task
def serve(c, port=8000):
    """Serve output/ on localhost and rebuild when content, theme or plugins change."""
    c.run(f'"{PY}" -m pelican content -s pelicanconf.py -o output -lr -p {port}', pty=True)


@task
def test(c, k=""):
    """Run the whole test suite (browser tests included)."""
    c.run(f'"{PY}" -m pytest' + (f' -k "{k}"' if k else ""), pty=False)


@task
def clean(c):
    """Remove built output and caches."""
    for path in [OUTPUT, *ROOT.glob("output.*"), ROOT / "cache"]:
        shutil.rmtree(path, ignore_errors=True)


def _slugify(text: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "untitled"


@task(
    help={
        "title": "the article's title",
        "lang": "en, ru, uk, de, fr or es",
        "category": "statements, appeals, declarations, interviews, reports or news",
        "slug": "shared by all language versions (default: from the title)",
    }
)
def new(c, title, lang="en", category="statements", slug=""):
    """Scaffold an article with every metadata field, in a chosen language."""
    sys.path.insert(0, str(ROOT))
    import pelicanconf as conf

    if lang not in conf.LANGUAGES:
        sys.exit(f"--lang: '{lang}' is not one of {', '.join(conf.LANGUAGES)}")
    if category not in conf.CATEGORIES:
        sys.exit(f"--category: '{category}' is not one of {', '.join(conf.CATEGORIES)}")
    slug = slug or _slugify(title)
    now = dt.datetime.now(dt.UTC).astimezone()
    suffix = "" if lang == conf.DEFAULT_LANG else f".{lang}"
    path = ROOT / "content" / "articles" / str(now.year) / f"{slug}{suffix}.md"
    if path.exists():
        sys.exit(f"{path.relative_to(ROOT)} exists already; choose another --slug")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""Title: {title}
Date: {now:%Y-%m-%d %H:%M%z}
Modified:
Lang: {lang}
Slug: {slug}
Category: {category}
Summary: One or two sentences for lists and feeds.
Tags:
Authors:
Signatories:
Source:
SourceURL:
OriginalLanguage: {lang}
TranslatedBy:
License: {conf.LICENSE_DEFAULT}
Prisoners:

Write the text here. Footnotes look like this.[^1]

[^1]: The note.
""",
        encoding="utf-8",
    )
    print(f"Created {path.relative_to(ROOT)}")


@task(help={"path": "a Markdown draft (article or page), in any language"})
def mentions(c, path):
    """Preview the prisoner links a draft will get, what was declined and why."""
    c.run(f'"{PY}" -m prisoner_links "{path}" -s pelicanconf.py', pty=False,
          env={"PYTHONPATH": str(ROOT / "plugins")})


@task(name="bench-linker")
def bench_linker(c):
    """Linker time with 10 and 1,000 people on a 1,000-article corpus, and its build share."""
    c.run(f'"{PY}" bench/linker.py', pty=False)


@task(name="extract-ui")
def extract_ui(c):
    """Extract every UI string (theme and plugins) into translations/messages.pot."""
    from ui_i18n.extract import write_template

    catalog = write_template(ROOT, ROOT / "translations" / "messages.pot")
    print(f"translations/messages.pot: {len(catalog)} strings")


@task(name="update-ui", pre=[extract_ui])
def update_ui(c):
    """Merge messages.pot into every language's messages.po (fuzzy marking, nothing lost)."""
    sys.path.insert(0, str(ROOT))
    import pelicanconf as conf
    from ui_i18n.extract import update_catalogues

    others = [lang for lang in conf.LANGUAGES if lang != conf.DEFAULT_LANG]
    for po in update_catalogues(
        ROOT / "translations" / "messages.pot", ROOT / "translations", others
    ):
        print(f"updated {po.relative_to(ROOT)}")


@task
def extract(c):
    """Write or update every content catalogue (translations/content/<lang>/<slug>.po)."""
    sys.path.insert(0, str(ROOT))
    from content_i18n.workflow import extract_all

    import pelicanconf as conf

    written = extract_all(ROOT, ROOT / "content", Path(conf.CONTENT_TRANSLATIONS_DIR),
                          conf.LANGUAGES, conf.DEFAULT_LANG)
    print(f"{len(written)} content catalogues up to date in translations/content/")


@task(name="status")
def i18n_status(c):
    """Print translated / fuzzy / untranslated per language for UI, articles and pages."""
    sys.path.insert(0, str(ROOT))
    from content_i18n.workflow import format_status, status

    import pelicanconf as conf

    print(format_status(status(Path(conf.CONTENT_TRANSLATIONS_DIR), ROOT / "translations",
                               conf.LANGUAGES, conf.DEFAULT_LANG, ROOT / "content")))


i18n = Collection("i18n")
i18n.add_task(extract)
i18n.add_task(i18n_status)
i18n.add_task(extract_ui)
i18n.add_task(update_ui)
ns = Collection(build, publish, serve, test, clean, new, mentions, bench_linker, i18n)
