"""Tasks (invoke). Everything the site needs happens inside Pelican; these only orchestrate.
`invoke --list` lists them with one line each, `invoke --help TASK` gives a task's options;
README.md's commands table says what each does.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from invoke import Collection, task

import site_scheme  # the site's languages and URLs

if TYPE_CHECKING:
    from content_i18n.catalogs import Stats

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
MIRROR_OUTPUT = ROOT / "output-mirror"
PY = sys.executable


def _run(c, args: list[str], **kwargs) -> None:
    """Run one command given as a list: every argument is quoted for the shell (shlex.join),
    so a file name such as `a";touch X;"b.md` stays one argument and never runs."""
    c.run(shlex.join(str(a) for a in args), **kwargs)


def _pelican(c, settings: str, out: Path, overrides: tuple[str, ...] = ()) -> None:
    """`overrides`: SETTING=VALUE pairs (JSON values), all after one -e: Pelican keeps only
    the last -e it is given."""
    _run(c, [PY, "-m", "pelican", "content", "-s", settings, "-o", out, "--log-handler",
             "plain", *(("-e", *overrides) if overrides else ())], pty=False)


class ChecksFailed(Exception):
    pass


def _require_validator(task: str, then: str) -> None:
    """Exit with one line, before any work, when the HTML checker a task needs is missing."""
    from site_checks.html_validity import ValidatorMissing, require_validator

    try:
        # This project's node_modules: the installed site_checks package may be another
        # checkout's (a copy of the project uses the venv's plugins).
        require_validator(ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    except ValidatorMissing as exc:
        sys.exit(f"invoke {task} validates every page with the Nu HTML Checker, which cannot "
                 f"run: {exc}. {then}")


def _site_checks(settings_file: str, out: Path, html: bool, siteurl: str | None = None) -> None:
    """Raise ChecksFailed (after printing one line per problem) when the built site fails.
    `siteurl`: the address the folder was built for, when it differs from the settings'."""
    from pelican.settings import read_settings

    from site_checks import run_checks

    settings = read_settings(str(ROOT / settings_file))
    if siteurl is not None:
        settings = {**settings, "SITEURL": siteurl, "FEED_SITEURL": siteurl}
    problems = run_checks(out, settings, html=html)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems:
        raise ChecksFailed(f"{len(problems)} site check problem(s)")


def _atomic_build(c, settings: str, target: Path = OUTPUT, overrides: tuple[str, ...] = (),
                  html_check: bool = False) -> None:
    """Build into a new sibling directory and check it; replace `target` only when both
    succeeded, so a failed build never leaves a half-written site where a server reads it.
    Exits with one line (no traceback) when `target` cannot be replaced."""
    name = target.relative_to(ROOT)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        sys.exit(f"{name} is in the way: it is a file or a link, not a folder; move it away "
                 f"and build again (the site is built into a folder named {name}/)")
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=target.parent))
    except OSError as exc:
        sys.exit(f"Cannot create a build folder beside {name}/: {_reason(exc)}; make "
                 f"{target.parent} writable and build again")
    # The writer (plugins/site_writer) links in what is unchanged from the site it replaces,
    # and keeps its keys under that folder's name (the fresh folder's name is temporary).
    import json

    overrides = (*overrides, f"OUTPUT_REPLACES={json.dumps(str(target))}")
    try:
        _pelican(c, settings, fresh, overrides)
        _site_checks(settings, fresh, html=html_check)
    except BaseException as exc:
        from site_checks.html_validity import ValidatorMissing

        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed; {name}/ was left as it was.", file=sys.stderr)
        if isinstance(exc, ChecksFailed):
            sys.exit(f"{exc}; fix them (details above)")
        if isinstance(exc, ValidatorMissing):
            sys.exit(str(exc))
        raise
    _swap_in(fresh, target)
    print(f"Built {name}/")


def _swap_in(fresh: Path, target: Path) -> None:
    """Rename `fresh` to `target`, keeping the previous `target` until that worked. On an
    OSError (permissions, an immutable or busy folder) the previous site is put back, `fresh`
    is removed and the build exits with one line naming the folder and the reason."""
    name = target.relative_to(ROOT)
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    try:
        fresh.chmod(0o755)  # mkdtemp makes it 0700; a web server must be able to read it
        if target.exists():
            from site_writer.files import keep_timestamps

            keep_timestamps(target, fresh)  # unchanged files keep Last-Modified for partners
            target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)
            raise
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        sys.exit(f"Built and checked, but {name}/ cannot be replaced: {_reason(exc)}; fix its "
                 f"permissions (or what holds it) and build again. {name}/ was left as it was.")
    shutil.rmtree(old, ignore_errors=True)


def _reason(exc: OSError) -> str:
    """'Permission denied (/path)' from an OSError, for a one-line message."""
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


@task(help={"mirror": "build output-mirror/: publishconf.py addresses, relative links "
                      "(works from any domain, an onion address or file://)"})
def build(c, mirror=False):
    """Build the whole site into output/, checked, swapped in at once.

    Every language; links and third-party loads are checked before the swap."""
    if mirror:
        _atomic_build(c, "publishconf.py", MIRROR_OUTPUT, overrides=("MIRROR_BUILD=true",))
    else:
        _atomic_build(c, "pelicanconf.py")


@task(help={"dir": "the built site (default output/)",
            "settings": "settings it was built with (default: publishconf.py, for the "
                        "address its pages name, when they name an absolute one, as after "
                        "invoke publish or in output-mirror/; else pelicanconf.py)",
            "html": "also validate HTML with the Nu HTML Checker (needs Java)"})
def check(c, dir="output", settings=None, html=True):
    """Check a built folder: links, other hosts, the CSP, feeds, valid HTML.

    Every internal link resolves, nothing loads from another host, no inline code the CSP
    blocks, feeds parse, and (by default) every page is valid HTML."""
    folder = ROOT / dir
    shown = dir.rstrip("/")  # named with one slash: `--dir output/` is not 'output//'
    if not (folder / "index.html").is_file():
        # Checks of an empty or missing folder found nothing wrong and said "all site checks
        # passed" (a newcomer's `invoke check` before any build); every build writes index.html.
        what = ("is no folder" if not folder.is_dir() else
                "is empty" if not any(folder.iterdir()) else "holds no built site (no index.html)")
        # make build writes output/ only: output-mirror/ comes from its own build.
        how = ("invoke build --mirror" if folder.name == MIRROR_OUTPUT.name
               else "make build (or invoke build)")
        sys.exit(f"invoke check: {shown}/ {what}; build the site first: {how}, then invoke "
                 "check")
    siteurl = None
    if settings is None:
        # The site's own host comes from the settings: checked against pelicanconf.py, a
        # published build's links to its own domain (the mirror's canonical links too) would
        # read as another host's. A folder whose pages name an absolute address was built
        # with publishconf.py for that address (invoke publish, perhaps with another SITEURL).
        siteurl = _built_for(ROOT / dir)
        published = siteurl or Path(dir).name == MIRROR_OUTPUT.name
        settings = "publishconf.py" if published else "pelicanconf.py"
        siteurl = siteurl or None
    if html:
        _require_validator("check", "Or skip that check: invoke check --no-html")
    try:
        _site_checks(settings, ROOT / dir, html=html, siteurl=siteurl)
    except ChecksFailed as exc:
        sys.exit(str(exc))
    print(f"{shown}/: all site checks passed")


@task(help={"deploy": "rsync to DEPLOY_TARGET after building (default: when it is set)"})
def publish(c, deploy=True):
    """Strict build, every check, swap into output/, rsync to DEPLOY_TARGET.

    publishconf.py with every warning an error, every site check including HTML validity,
    atomic swap into output/, then rsync to DEPLOY_TARGET and tell the WebSub hub. Nothing is
    deployed when any step fails."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "publishconf.py"))
    target = settings.get("DEPLOY_TARGET")
    siteurl = settings["SITEURL"]
    if deploy and target and not _absolute_address(siteurl):
        sys.exit(f"invoke publish: SITEURL is {siteurl!r}, not an absolute address "
                 "(https://your-domain): feeds, sitemaps and canonical links would carry "
                 "relative or broken addresses. Set SITEURL=https://your-domain (environment or "
                 "publishconf.py). Nothing was built or deployed.")
    unreachable = _not_public(siteurl)
    if deploy and target and unreachable:
        sys.exit(f"invoke publish: SITEURL is {siteurl}, {unreachable}: every link, feed and "
                 "sitemap would point there. Set SITEURL=https://your-domain (environment or "
                 "publishconf.py). Nothing was built or deployed.")
    # After the address: that needs nothing installed, the checker needs Java and vnu.jar.
    _require_validator("publish", "Nothing was built or deployed.")
    _atomic_build(c, "publishconf.py", html_check=True)
    if unreachable or not _absolute_address(siteurl):
        print(f"SITEURL is {siteurl!r}, {unreachable or 'not an absolute address'}: set "
              "SITEURL=https://your-domain before deploying.")
    if deploy and target:
        _rsync(c, OUTPUT, target)
    elif deploy:
        print("DEPLOY_TARGET is not set: output/ was built and checked, nothing was deployed.")
    if deploy and target and settings.get("WEBSUB_HUB"):
        from feeds.websub import feed_urls, notify

        for topic, status in notify(settings["WEBSUB_HUB"], feed_urls(settings)):
            print(f"WebSub hub notified ({status}): {topic}")


def _not_public(siteurl: str) -> str:
    """Why readers can never reach `siteurl` ("" when they may): example.com, .net and .org
    and their subdomains are reserved for documentation (RFC 2606 section 3; publishconf.py
    falls back to one when SITEURL is not set); localhost, *.localhost and loopback addresses
    are the reader's own machine, *.invalid never resolves (RFC 6761 sections 6.3, 6.4);
    a private network's address (192.168.x.x, fd00::/8) is no reader's."""
    host = _host(siteurl)
    for domain in ("example.com", "example.net", "example.org"):
        if host == domain or host.endswith("." + domain):
            return f"an example address (RFC 2606 reserves {domain} for documentation)"
    if host == "localhost" or host.endswith(".localhost"):
        return "the reader's own machine (RFC 6761 reserves localhost)"
    if host == "invalid" or host.endswith(".invalid"):
        return "an address that never resolves (RFC 6761 reserves .invalid)"
    address = _ip_address(host)
    if address is None:
        return ""
    address = getattr(address, "ipv4_mapped", None) or address  # ::ffff:127.0.0.1
    if address.is_loopback or address.is_unspecified:
        return "the reader's own machine (a loopback address)"
    if address.is_private or address.is_link_local:
        return "a private network's address (RFC 1918, RFC 4193), not on the Internet"
    return ""


def _ip_address(host: str):
    """The IP address `host` names as a browser reads it, or None for a name: IPv6 in
    brackets, and IPv4 as the URL Standard's IPv4 parser reads it (one to four numbers,
    decimal, hex with 0x or octal with a leading 0: 127.1, 0x7f000001 and 2130706433 are
    127.0.0.1), which is inet_aton's."""
    import ipaddress
    import re
    import socket

    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if not re.fullmatch(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}", host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _built_for(folder: Path) -> str:
    """The address a built folder's pages were made for: its home page's canonical link
    (theme/templates/base.html writes SITEURL there), without the final slash; "" for a
    relative one (a development build, pelicanconf.py) or no home page."""
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    home = folder / "index.html"
    if not home.is_file():
        return ""
    page = BeautifulSoup(home.read_bytes()[:200_000], "html.parser")  # the <head> is early
    link = page.find("link", rel="canonical")
    href = str(link.get("href", "")) if link else ""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return href.rstrip("/")  # the home page's canonical link is SITEURL + "/"


def _absolute_address(siteurl: str) -> bool:
    """Whether `siteurl` is an absolute http(s) address with a host: an empty SITEURL (set but
    empty in the environment, so publishconf.py's fallback does not apply) or one without a
    scheme builds, but its feeds, sitemaps and canonical links are relative or broken."""
    from urllib.parse import urlsplit

    parts = urlsplit(siteurl.strip())
    return parts.scheme in ("http", "https") and bool(_host(siteurl))


def _host(siteurl: str) -> str:
    """The host of `siteurl` as a browser resolves it: lower case, IDNA's mapping (UTS #46:
    full-width letters and the ideographic full stop are ASCII letters and dots), no final
    dot; "" when there is none."""
    import contextlib
    from urllib.parse import urlsplit

    host = urlsplit(siteurl.strip()).hostname or ""
    # nameprep maps "ｅｘａｍｐｌｅ" to "example"; an empty or too long label: compared as it is
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return host.lower().rstrip(".")


def _rsync(c, source: Path, target: str) -> None:
    """--delay-updates puts every changed file in place at the end, so readers never see a
    half-copied site; --delete-after removes what was taken down, last."""
    if not shutil.which("rsync"):
        sys.exit("rsync not found: run `make system-deps` (installs Debian's rsync)")
    _run(c, ["rsync", "--recursive", "--links", "--times", "--checksum", "--delay-updates",
             "--delete-after", "--chmod=D755,F644", f"{source}/", target], pty=False)
    print(f"Deployed {source.relative_to(ROOT)}/ to {target}")


@task(help={"port": "the port on 127.0.0.1 to serve on (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on localhost and rebuild on save; the open tab reloads.

    A saved article's page is rewritten first, then the rest (tools/dev_server.py;
    development only)."""
    _run(c, [PY, ROOT / "tools" / "dev_server.py", "--port", port], pty=True)


@task(help={"k": "run only the tests whose names match this pytest -k expression"})
def test(c, k=""):
    """Run the whole test suite (browser tests included), or the tests -k names."""
    _run(c, [PY, "-m", "pytest", *(["-k", k] if k else [])], pty=False)


def caches() -> list[Path]:
    """Every cache a build or a tool keeps in the project: the build caches named by the
    settings (CACHE_PATH: reader cache, render keys, catalogue summaries, link results;
    PRISONER_LINKS_CACHE: the compiled name matcher), for development, publishing and mirror
    builds, their common folder cache/, and Python's, pytest's and ruff's."""
    from pelican.settings import read_settings

    found = {ROOT / "cache", ROOT / ".pytest_cache", ROOT / ".ruff_cache"}
    for name in ("pelicanconf.py", "publishconf.py"):
        settings = read_settings(str(ROOT / name))
        for key in ("CACHE_PATH", "PRISONER_LINKS_CACHE"):
            if settings.get(key):
                path = Path(settings[key])
                # content_model names the reader cache after what reading depends on:
                # cache/pelican/reader-<hash>; the folder above it holds all of them.
                found.add(path.parent if path.name.startswith("reader-") else path)
    skip = {".venv", "node_modules", ".git"}
    found.update(p for p in ROOT.rglob("__pycache__") if not skip & set(p.parts))
    return sorted(found)


@task
def clean(c):
    """Remove output/, output-mirror/ and every cache the build and the tools keep."""
    for path in [OUTPUT, MIRROR_OUTPUT, *ROOT.glob("output.*"), *ROOT.glob("output-mirror.*"),
                 *caches()]:
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "title": "the article's title",
        "lang": " or ".join(site_scheme.LANGUAGES),
        "category": "statements, appeals, declarations, interviews, reports or news",
        "slug": "shared by all language versions (default: from the title)",
    }
)
def new(c, title, lang="en", category="statements", slug=""):
    """Scaffold a draft article with every metadata field, in a chosen language.

    `Status: draft`: previewed under drafts/, never published until the line is removed."""
    sys.path.insert(0, str(ROOT))
    import pelicanconf as conf

    # Any case, as the build reads `Lang:` and `Category:` (content_model.reader), written
    # lower case.
    lang, category = lang.strip().lower(), category.strip().lower()
    if lang not in conf.LANGUAGES:
        sys.exit(f"--lang: '{lang}' is not one of {', '.join(conf.LANGUAGES)}")
    if category not in conf.CATEGORIES:
        sys.exit(f"--category: '{category}' is not one of {', '.join(conf.CATEGORIES)}")
    if re.fullmatch(r"--?[A-Za-z][\w-]*(=.*)?", title):
        # `invoke new --help` took '--help' for the title and wrote help.md. Only what reads
        # as an option: a title may start with a hyphen typed for a minus or a dash
        # ("-1 year for Boris", "- a letter").
        sys.exit(f"invoke new: {title!r} is an option, not a title; give the article's title, "
                 "e.g. invoke new --title \"Free them all\" (this task's help: invoke --help new)")
    from content_model.rules import SCAFFOLD_PLACEHOLDERS as todo
    from safe_input.slugs import is_slug, slugify  # the site's one slug rule

    if slug and not is_slug(slug):
        # The build's own slug rule, checked before anything is written (a slug is also the
        # file name: `../x` or a space would put the file somewhere else).
        sys.exit(f"--slug: '{slug}' may hold only lowercase letters a-z, digits and hyphens; "
                 f"write '{slugify(slug) or 'untitled'}'")
    # No "untitled" fallback: a second such title would find untitled.md taken, and the
    # address would say nothing of the article.
    slug = slug or slugify(title)
    if not is_slug(slug):
        sys.exit("--title gives no slug (no letters or digits); give one with --slug")
    now = dt.datetime.now(dt.UTC).astimezone()
    suffix = site_scheme.source_suffix(lang)
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
Status: draft
Summary: {todo["summary"]}
Tags:
Authors:
Signatories:
Source:
SourceURL:
OriginalLanguage: {lang}
TranslatedBy:
License: {conf.LICENSE_DEFAULT}
Prisoners:
Action:

{todo["body"]} Footnotes look like this.[^1]

{todo["note"]}
""",
        encoding="utf-8",
    )
    print(f"Created {path.relative_to(ROOT)} as a draft (preview: "
          f"{site_scheme.url('draft', lang, slug=slug)}); remove the "
          "'Status: draft' line to publish it")


MENTIONS_LOCK = ROOT / "requirements-mentions.lock"


@task(help={"path": "a Markdown draft (article or page), in any language"})
def mentions(c, path):
    """Preview the prisoner links a draft will get, and what was declined and why.

    Its name recognition (natasha) is not part of the build: installed from
    requirements-mentions.lock on first use."""
    import importlib.util

    if path.startswith("-") or not Path(path).is_file():
        # `invoke mentions --help` reached here as a path, and installed natasha first.
        what = "is an option, not a draft" if path.startswith("-") else "is no file"
        sys.exit(f"invoke mentions: {path!r} {what}; give a draft's path, e.g. invoke mentions "
                 "content/articles/draft.md (this task's help: invoke --help mentions)")
    if importlib.util.find_spec("natasha") is None:
        print("invoke mentions: installing its name recognition (natasha, the `mentions` "
              f"extra) from {MENTIONS_LOCK.name}", file=sys.stderr)
        done = c.run(shlex.join([PY, "-m", "pip", "install", "--quiet", "--require-hashes",
                                 "--no-deps", "-r", str(MENTIONS_LOCK)]), warn=True, pty=False)
        if not done.ok:
            sys.exit(f"invoke mentions needs natasha and could not install it (see above); "
                     f"install it with: {PY} -m pip install --require-hashes --no-deps -r "
                     f"{MENTIONS_LOCK.name}")
    _run(c, [PY, "-m", "prisoner_links", path, "-s", "pelicanconf.py"], pty=False)


@task(help={"sizes": "source-article counts to run (default 200,2000)",
            "people": "registry entries (default 1000)",
            "repeat": "runs of each build; the median is reported (default 3)"})
def bench(c, sizes="200,2000", people=1000, repeat=3):
    """Time plain Pelican, the full pipeline, rebuilds and Hugo on one corpus.

    Plain Pelican, full pipeline, incremental and fresh-folder rebuilds, and Hugo on the
    same synthetic corpus, then make serve's edit-to-page time and each output family's
    cost; results in bench/results/bench.md and bench.json (installs Debian's hugo)."""
    _run(c, [PY, "bench/run.py", "--sizes", sizes, "--people", people, "--repeat", repeat],
         pty=False)


@task(help={"articles": "source articles in the corpus", "people": "registry entries",
            "cold": "profile a first build (no caches) instead of a rebuild after an edit"})
def profile(c, articles=2000, people=1000, cold=False):
    """Where a build's time goes: a call tree of one build of the bench corpus.

    pyinstrument on one single-process build (bench/profile.py); the call tree goes to
    bench/results/profile-*.txt."""
    _run(c, [PY, "bench/profile.py", "--articles", articles, "--people", people,
             *(["--cold"] if cold else [])], pty=False)


@task(name="bench-linker")
def bench_linker(c):
    """Linker time with 10 and 1,000 people on a 1,000-article corpus, and its build share."""
    _run(c, [PY, "bench/linker.py"], pty=False)


@task(name="extract-ui")
def extract_ui(c):
    """Extract every UI string (theme and plugins) into translations/messages.pot."""
    from ui_i18n.extract import write_template

    catalog, written = write_template(ROOT, ROOT / "translations" / "messages.pot")
    print(f"translations/messages.pot: {len(catalog)} strings"
          f"{'' if written else ', unchanged'}")


@task(name="update-ui", pre=[extract_ui])
def update_ui(c):
    """Merge messages.pot into every language's messages.po (fuzzy marking, nothing lost)."""
    sys.path.insert(0, str(ROOT))
    import pelicanconf as conf
    from ui_i18n.extract import UpdateProblems, update_catalogues

    others = [lang for lang in conf.LANGUAGES if lang != conf.DEFAULT_LANG]
    problems = []
    try:
        written = update_catalogues(ROOT / "translations" / "messages.pot",
                                    ROOT / "translations", others)
    except UpdateProblems as exc:
        written, problems = exc.written, exc.problems
    for po in written:
        print(f"updated {po.relative_to(ROOT)}")
    print(f"{len(others) - len(written) - len(problems)} of {len(others)} catalogues unchanged")
    for po, where, message in problems:
        print(f"{os.path.relpath(po)}: {where}: {message}; left as it is", file=sys.stderr)
    if problems:
        raise SystemExit(1)


@task
def extract(c):
    """Write or update every content catalogue (translations/content/<lang>/<slug>.po)."""
    sys.path.insert(0, str(ROOT))
    from content_i18n.workflow import ExtractProblems, extract_all

    import pelicanconf as conf

    try:
        written = extract_all(ROOT, ROOT / "content", Path(conf.CONTENT_TRANSLATIONS_DIR),
                              conf.LANGUAGES, conf.DEFAULT_LANG, conf.TRANSLATION_THRESHOLD,
                              conf.MARKDOWN)
    except ExtractProblems as exc:
        for problem in exc.problems:
            print(f"{os.path.relpath(problem.path)}: {problem.where}: {problem.problem}; "
                  "left unchanged: fix it, then check with msgfmt --check", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"translations/content/: {len(written.created)} content catalogues made, "
          f"{len(written.updated)} updated, {len(written.unchanged)} unchanged")
    for po, md in written.unused:
        print(f"{os.path.relpath(po)}: not used: the text is translated as the Markdown file "
              f"{os.path.relpath(md)}, which wins; left as it is (delete it if nobody needs it)")
    _extract_letters(conf)


def _extract_letters(conf) -> None:
    """The letters kit's catalogues (translations/letters/<lang>.po) from content/letters.yaml."""
    from content_i18n.catalogs import CatalogueError

    from letters_kit import SOURCE_FILE
    from letters_kit.catalog import catalog_dir, extract
    from letters_kit.kit import Kit
    from prisoner_registry.loader import read_model

    problems: list[tuple[str, str, str]] = []
    source = ROOT / "content" / SOURCE_FILE
    kit = read_model(source, f"content/{SOURCE_FILE}", Kit, lambda *p: problems.append(p))
    for problem in problems:
        print(": ".join(problem), file=sys.stderr)
    if kit is None:
        raise SystemExit(1)
    try:
        written = extract(kit, f"content/{SOURCE_FILE}", catalog_dir(vars(conf)),
                          conf.LANGUAGES)
    except CatalogueError as exc:
        print(f"{os.path.relpath(exc.path)}: {exc.where}: {exc.problem}; left unchanged: fix "
              "it, then check with msgfmt --check", file=sys.stderr)
        raise SystemExit(1) from None
    for path in written:
        print(f"updated {path.relative_to(ROOT)}")


def _letters_status(settings: dict) -> list[tuple[str, str, Stats]]:
    """(language, "letters", Stats) for every language with a letters kit catalogue (all but
    Russian, the kit's source), counted as the build uses them (letters_kit.catalog.stats);
    none without content/letters.yaml. A kit file the build refuses: its lines, then exit 1.
    Raises CatalogueError for a catalogue the build refuses."""
    from letters_kit import SOURCE_FILE
    from letters_kit.catalog import catalog_dir, catalog_path, stats
    from letters_kit.kit import SOURCE_LANG, Kit
    from prisoner_registry.loader import read_model

    source = ROOT / "content" / SOURCE_FILE
    if not source.exists():
        return []
    problems: list[tuple[str, str, str]] = []
    kit = read_model(source, f"content/{SOURCE_FILE}", Kit, lambda *p: problems.append(p))
    for problem in problems:
        print(": ".join(problem), file=sys.stderr)
    if kit is None:
        raise SystemExit(1)
    folder = catalog_dir(settings)
    # The folder's parent as root, as the build reads them: a linked letters/ is refused too.
    return [(lang, "letters", stats(kit, catalog_path(folder, lang), folder.parent))
            for lang in settings["LANGUAGES"] if lang != SOURCE_LANG]


@task(name="status")
def i18n_status(c):
    """Print translated / fuzzy / untranslated per language and kind of catalogue."""
    sys.path.insert(0, str(ROOT))
    from content_i18n.catalogs import CatalogueError
    from content_i18n.workflow import format_status, status
    from pelican.settings import read_settings

    import pelicanconf as conf

    # The build's own settings: a translation the build does not use counts as untranslated.
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    try:
        rows = status(Path(conf.CONTENT_TRANSLATIONS_DIR), ROOT / "translations",
                      conf.LANGUAGES, conf.DEFAULT_LANG, ROOT / "content", settings)
        # The letters kit's rows last in each language's group (a stable sort).
        rows = sorted([*rows, *_letters_status(settings)],
                      key=lambda row: conf.LANGUAGES.index(row[0]))
    except CatalogueError as exc:  # a translator's broken file: one line, as the build says
        fix = "" if "msgfmt --check" in exc.problem else exc.fix
        print(f"{os.path.relpath(exc.path)}: {exc.where}: {exc.problem}{fix}", file=sys.stderr)
        raise SystemExit(1) from None
    print(format_status(rows))


i18n = Collection("i18n")
i18n.add_task(extract)
i18n.add_task(i18n_status)
i18n.add_task(extract_ui)
i18n.add_task(update_ui)
ns = Collection(build, check, publish, serve, test, clean, new, mentions, bench, profile,
                bench_linker, i18n)
