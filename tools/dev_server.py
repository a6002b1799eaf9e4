"""`make serve` / `invoke serve`: the editor's preview server (development only).

One long-running process keeps Pelican's context warm. When a Markdown file of a document in
the last build is saved, that file is read again through Pelican's readers, linked and
summarised as in the build, given what the build's plugins gave it (language versions, the
catalogues' progress, the action box), and its page is written at once, through the normal
templates and the build's writer class (`prioritise`: the performance layer's writer would
otherwise keep it for the end of a build), into the output folder; then the normal
incremental build (`Pelican.run`, as `pelican -r` runs it) brings everything else up to date:
listings, feeds, catalogue versions, profiles. That build renders the page again from the same
text and keeps the file when the bytes are the same (tests/test_dev_server.py checks they
are). Any other change (a new or deleted file, another Slug, Lang or Status, the theme, the
settings, catalogues) goes straight to the normal build.

After each build the things a saved page needs are made ready: the name matcher, the page
templates compiled (the build rendered in forked processes), a writer with the keys this
build recorded; the kept build is then frozen for the garbage collector, so that a full
collection does not walk it while a page is written.

The site is served from the output folder with the headers its `_headers` file gives (the
real Content-Security-Policy). Only in the responses, never in the files, each HTML page gets
`<script src="/__dev__/reload.js" defer>`: a same-origin file that asks `/__dev__/changes`
which pages were rewritten and reloads the tab when its page is one of them. A built or
published site therefore never contains it.

    python tools/dev_server.py [--content content] [-s pelicanconf.py] [-o output]
                               [--bind 127.0.0.1] [--port 8000]

This module only uses Pelican's public pieces (read_settings, Pelican, the generators' readers
and templates, the writer class the build used, signals) and the plugins' public functions.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import logging
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from pelican import Pelican, signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
RELOAD_JS = Path(__file__).with_name("dev_reload.js")
DEV_PREFIX = "/__dev__/"
# Document lists of Pelican's generators, in the order they write them.
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles",
                 "drafts_translations", "drafts")
PAGE_LISTS = ("translations", "pages", "hidden_translations", "hidden_pages",
              "draft_translations", "draft_pages")
# A change to any of these makes another document, not the same one with other text.
IDENTITY = ("slug", "lang", "status", "save_as", "template")

_last: dict = {}  # the last build's generators and writer, kept by the receivers below


def _keep_generators(generators) -> None:
    _last["generators"] = generators


def _keep_writer(_generator, writer=None) -> None:
    _last["writer"] = writer


signals.all_generators_finalized.connect(_keep_generators)
signals.article_writer_finalized.connect(_keep_writer)


class NeedsFullBuild(Exception):
    """The change cannot be shown by writing one document's page: the normal build shows it."""


class Changes:
    """Which output pages changed, by version (thread-safe): the reload script asks for the
    URL paths written since the version it was served with."""

    def __init__(self) -> None:
        self.version = 0
        # (version, step, URL paths, what else is known of the step: see add())
        self.log: list[tuple[int, str, set[str], dict]] = []
        self.building = True
        self._lock = threading.Lock()

    def add(self, step: str, paths: set[str], **facts) -> int:
        """Record a step ("page" or "build") that rewrote the pages at these URL paths.
        `facts` (JSON values) go with it: a build's `started` and `ended` (time.time_ns()),
        a page's `files` ({output path: SHA-256 of the bytes written})."""
        with self._lock:
            self.version += 1
            self.log.append((self.version, step, paths, facts))
            return self.version

    def since(self, version: int) -> dict:
        with self._lock:
            paths = set().union(*[p for v, _s, p, _f in self.log if v > version])
            steps = [{"version": v, "step": s, "paths": sorted(p), **f}
                     for v, s, p, f in self.log if v > version]
            return {"version": self.version, "building": self.building,
                    "paths": sorted(paths), "steps": steps[-20:]}


def url_paths(rel: str) -> set[str]:
    """The URL paths a browser uses for an output file ("articles/x/index.html" →
    "/articles/x/", "/articles/x/index.html")."""
    rel = rel.replace(os.sep, "/")
    paths = {"/" + rel}
    if rel == "index.html" or rel.endswith("/index.html"):
        paths.add("/" + rel[: -len("index.html")])
    return paths


def parse_headers_file(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The site's `_headers` file (Netlify/Cloudflare Pages format) as [(pattern, headers)];
    empty when there is none."""
    rules: list[tuple[str, dict[str, str]]] = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), {}))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


class Site:
    """The warm Pelican build of one content folder into one output folder."""

    def __init__(self, settings_file: Path, content: Path, output: Path):
        self.settings_file, self.content, self.output = settings_file, content, output
        self.changes = Changes()
        # Whether saved files are waiting to be handled (main() gives the watcher's queue).
        self.waiting: Callable[[], bool] = lambda: False

    def _pelican(self) -> Pelican:
        settings = read_settings(str(self.settings_file), override={
            "PATH": str(self.content), "OUTPUT_PATH": str(self.output)})
        return Pelican(settings)

    def build(self) -> bool:
        """The normal (incremental) build; records the pages it rewrote. False if it failed
        (the reason is printed, the server keeps running)."""
        self.changes.building = True
        gc.unfreeze()  # the last build's objects (see below) may go once this one replaces them
        started = time.time_ns()
        ok = True
        try:
            self._pelican().run()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a build error must not stop the preview
            ok = False
            message = str(exc) if exc.__class__.__name__ in ("InputErrors", "CleanFailure") \
                else traceback.format_exc()
            print(f"Build failed:\n{message}", file=sys.stderr, flush=True)
            self._stop_search_index()
        finally:
            # parallel_output freezes the heap before forking its writers; in a long-running
            # process each build's garbage would otherwise stay frozen for good.
            gc.unfreeze()
            self.changes.building = False
        ended = time.time_ns()
        written = {p for f in self._written_since(started) for p in url_paths(f)}
        self.changes.add("build", written if len(written) < 2000 else {"*"},
                         started=started, ended=ended)
        if ok:
            for step in (self._warm_linker, self._warm_templates, self._warm_writer):
                if self.waiting():  # a save came in: its page first (what is not ready yet
                    break           # is made when that page needs it)
                step()
            # The kept build is a large heap of long-lived objects; the collector's full passes
            # would walk all of it while a saved page is read and rendered. Frozen, they skip
            # it (no collection first: that would itself walk it; build() unfreezes).
            gc.freeze()
        return ok

    def _stop_search_index(self) -> None:
        """A build that failed after its pages were written has Pagefind running on them;
        the `pelican` command's exit stops it, this process goes on, so it is stopped here."""
        if "site_search" in sys.modules:  # loaded as a plugin by this process's builds
            from site_search import stop_index

            stop_index()

    @staticmethod
    def _warm_templates() -> None:
        """Compile now the templates a document's page is rendered with, and every template
        they extend, include or import: the build rendered its pages in forked writer
        processes, so this process has not compiled them (about a second for the theme)."""
        from jinja2 import meta

        for gen in _last.get("generators") or []:
            if not isinstance(gen, (ArticlesGenerator, PagesGenerator)):
                continue
            lists = ARTICLE_LISTS if isinstance(gen, ArticlesGenerator) else PAGE_LISTS
            names = {d.template for name in lists for d in getattr(gen, name, None) or []}
            todo = [gen.get_template(n).name for n in sorted(names)]
            seen: set[str] = set()
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                gen.env.get_template(name)  # compiled once, kept in the environment's cache
                source = gen.env.loader.get_source(gen.env, name)[0]
                todo += [n for n in meta.find_referenced_templates(gen.env.parse(source))
                         if isinstance(n, str)]

    @staticmethod
    def _warm_writer() -> None:
        """Make the writer for the next pages written first now, not when the editor saves:
        the performance layer's writer reads the keys this build recorded and the theme's
        stamps when it is made (a few tenths of a second at 2,000 articles)."""
        generators = _last.get("generators") or []
        if generators and _last.get("writer") is not None:
            gen = generators[0]
            _last["page_writer"] = type(_last["writer"])(gen.output_path, settings=gen.settings)

    @staticmethod
    def page_writer():
        """A writer for pages written first (the one made after the last build, else a new
        one). Each is used for one batch of saves: Pelican's writer refuses to write one file
        twice."""
        writer = _last.pop("page_writer", None)
        if writer is None and _last.get("writer") is not None and _last.get("generators"):
            gen = _last["generators"][0]
            writer = type(_last["writer"])(gen.output_path, settings=gen.settings)
        return writer

    @staticmethod
    def _warm_linker() -> None:
        """Load the compiled name matcher now, not when the editor saves (it takes about a
        second with 1,000 people)."""
        generators = _last.get("generators") or []
        context = generators[0].context if generators else {}
        registry = context.get("registry")
        if registry is None or "prisoner_links" not in context.get("PLUGINS", []):
            return
        from prisoner_links import document_linker

        _last["linker"] = (registry, document_linker(registry, context))

    def _sha256(self, rel: str) -> str | None:
        try:
            return hashlib.sha256((self.output / rel).read_bytes()).hexdigest()
        except OSError:
            return None

    def _written_since(self, started_ns: int) -> list[str]:
        found = []
        for folder, _dirs, files in os.walk(self.output):
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if os.stat(path).st_mtime_ns >= started_ns:
                        found.append(os.path.relpath(path, self.output))
                except OSError:
                    pass
        return found

    def page_first(self, path: Path, writer=None) -> list[str]:
        """Read the saved Markdown file `path` again and write its document's page at once
        with the last build's context and templates, through `writer` (page_writer()'s; the
        build's writer class). Returns the output files written; raises NeedsFullBuild when
        only the normal build can show the change."""
        generators = _last.get("generators")
        writer = writer or self.page_writer()
        if not generators or writer is None:
            raise NeedsFullBuild("no finished build yet")
        # Pelican keeps absolute source paths; both sides are made from the resolved
        # content folder, so a string comparison finds it (no system call per document).
        real = os.path.abspath(path)
        for gen in generators:
            if isinstance(gen, ArticlesGenerator):
                lists, content_class = ARTICLE_LISTS, Article
            elif isinstance(gen, PagesGenerator):
                lists, content_class = PAGE_LISTS, Page
            else:
                continue
            found = [(name, i) for name in lists
                     for i, d in enumerate(getattr(gen, name, None) or [])
                     if getattr(d, "source_path", None) == real
                     and getattr(d, "translationsource", None) != "catalogue"]
            if found:
                break
        else:
            raise NeedsFullBuild("not a document of the last build")
        if len(found) != 1:
            raise NeedsFullBuild("more than one document from one file")
        name, index = found[0]
        old = getattr(gen, name)[index]
        new = self._read(gen, path, content_class)
        changed = [a for a in IDENTITY if getattr(new, a, None) != getattr(old, a, None)]
        if changed:
            raise NeedsFullBuild(f"{', '.join(changed)} changed")
        if content_class is not Article and new.title != old.title:
            # a page's title is in every page's menu, kept as a fragment of the last build
            raise NeedsFullBuild("a page's title (in the menu) changed")
        # What plugins made of the document after reading (language versions, catalogue
        # progress, the action box, the URL worked out once) carries over, also where it
        # replaced a field read from the file (`Action: x.yaml` becomes the box's texts) that
        # the editor left as it was; what the reader makes from the text is new.
        for attr, value in old.__dict__.items():
            if attr in ("_summary", "_content", "metadata"):
                continue
            if attr not in new.__dict__ or attr == "translations" or (
                    attr in old.metadata and attr in new.metadata
                    and new.metadata[attr] == old.metadata[attr]):
                new.__dict__[attr] = value
        # Its language versions (the switcher, which also shows the catalogues' progress
        # from each version) name the new document, not the one it replaces.
        alternates = getattr(old, "alternates", None)
        if isinstance(alternates, dict):
            new.alternates = {lang: new if doc is old else doc for lang, doc in alternates.items()}
        self._catalogue_progress(gen, old, new)
        if "multilang" in gen.settings.get("PLUGINS", []):
            from multilang import localise_links  # as the build does, before linking

            localise_links(gen.context, gen.settings, [new])
        self._link(gen, new)
        from auto_summaries import summarise

        summarise(new)
        new.refresh_metadata_intersite_links()
        getattr(gen, name)[index] = new  # the next edit starts from this text
        kwargs = {"relative_urls": gen.settings["RELATIVE_URLS"],
                  "override_output": hasattr(new, "override_save_as"), "url": new.url}
        if content_class is Article:  # as ArticlesGenerator.generate_articles / _drafts
            kwargs.update(article=new, category=getattr(new, "category", None), blog=True)
            if name.startswith("drafts"):
                kwargs["all_articles"] = gen.articles
        else:  # as PagesGenerator.generate_output
            kwargs["page"] = new
        # The performance layer's writer defers outputs to the end of a build; this one is
        # wanted now (its public API; Pelican's plain writer writes at once anyway).
        prioritise = getattr(writer, "prioritise", None)
        if prioritise is not None:
            prioritise([new.save_as])
        writer.write_file(new.save_as, gen.get_template(new.template), gen.context, **kwargs)
        return [new.save_as]

    @staticmethod
    def _read(gen, path: Path, content_class):
        import build_errors

        before = len(build_errors.pending())
        signal = "article" if content_class is Article else "page"
        new = gen.readers.read_file(
            base_path=gen.path, path=os.path.relpath(path, gen.path),
            content_class=content_class, context=gen.context,
            preread_signal=getattr(signals, f"{signal}_generator_preread"), preread_sender=gen,
            context_signal=getattr(signals, f"{signal}_generator_context"), context_sender=gen)
        if len(build_errors.pending()) > before:
            build_errors.reset()  # the normal build reports them, with the file and field
            raise NeedsFullBuild("the file has an input problem")
        return new

    @staticmethod
    def _catalogue_progress(gen, old, new) -> None:
        """What content_i18n gives a source document in the build, from the saved text: the
        progress its switcher shows for each language whose catalogue version is not
        published (a new paragraph is untranslated everywhere). Raises NeedsFullBuild when
        the text publishes or withdraws a version, or a catalogue has a problem."""
        if getattr(old, "catalogue_progress", None) is None \
                or "content_i18n" not in gen.settings.get("PLUGINS", []):
            return
        from content_i18n.build import versions_for

        import build_errors
        from content_model.reader import markdown_config

        files = {t.lang for t in getattr(old, "translations", None) or []
                 if getattr(t, "translationsource", None) != "catalogue"}
        before = len(build_errors.pending())
        versions = versions_for(new.source_path, new.lang, new.slug, gen.settings,
                                build_errors.report,
                                lambda lang: markdown_config(gen.settings, lang), skip=files)
        if len(build_errors.pending()) > before:
            build_errors.reset()  # the normal build reports them
            raise NeedsFullBuild("a catalogue of the text has a problem")
        published = {lang for lang, d in (getattr(old, "alternates", None) or {}).items()
                     if getattr(d, "translationsource", None) == "catalogue"}
        if {v.lang for v in versions if v.html} != published:
            raise NeedsFullBuild("a language version is published or withdrawn")
        new.catalogue_progress = {v.lang: v.stats.shown_percent for v in versions
                                  if not v.html}

    @staticmethod
    def _link(gen, doc) -> None:
        """Link the document's mentions as prisoner_links does in the build."""
        registry = gen.context.get("registry")
        if registry is None or "prisoner_links" not in gen.settings.get("PLUGINS", []):
            return
        from prisoner_links import document_linker, linking_enabled

        forced = sorted(s for s in getattr(doc, "prisoners", []) or [] if s in registry.people)
        people = forced
        if linking_enabled(doc):
            if "linker" not in _last or _last["linker"][0] is not registry:
                _last["linker"] = (registry, document_linker(registry, gen.settings))
            from private_api import content_html, set_content_html

            result = _last["linker"][1](doc.lang, forced, content_html(doc))
            set_content_html(doc, result.html)
            people, doc.mentions = result.people, result.mentions
        doc.detected_people = people
        doc.people = [registry.people[s] for s in people if s in registry.people]

    def on_change(self, paths: set[Path]) -> None:
        """Saved files: each Markdown document's page first, then the normal build."""
        writer = None
        for path in sorted(paths):
            if path.suffix != ".md" or not path.is_file():
                continue
            started, cpu = time.perf_counter(), time.process_time()
            try:  # how long after the save (its mtime) this process got to it
                noticed = max(0.0, (time.time_ns() - path.stat().st_mtime_ns) / 1e9)
            except OSError:
                noticed = 0.0
            try:
                writer = writer or self.page_writer()
                written = self.page_first(path, writer)
            except NeedsFullBuild as exc:
                print(f"{path.name}: {exc}; building the site", flush=True)
                continue
            except Exception:  # the preview falls back to the normal build
                print(f"{path.name}: could not write its page first; building the site\n"
                      f"{traceback.format_exc()}", file=sys.stderr, flush=True)
                continue
            self.changes.add("page", {p for f in written for p in url_paths(f)},
                             files={f: self._sha256(f) for f in written})
            print(f"{path.name}: page written in {time.perf_counter() - started:.2f} s "
                  f"({time.process_time() - cpu:.2f} s CPU; the save was noticed "
                  f"{noticed:.2f} s after it was made)", flush=True)
        started = time.perf_counter()
        if self.build():
            print(f"site rebuilt in {time.perf_counter() - started:.1f} s", flush=True)


def handler_for(site: Site):
    """The request handler: files from the output folder with `_headers`, the reload script
    added to HTML responses, and the /__dev__/ endpoints."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site.output), **kwargs)

        def end_headers(self):
            path = urlparse(self.path).path
            # A later matching rule's header replaces an earlier one's (as Netlify and the
            # nginx snippet do): the search page's own policy, not the site-wide one as well.
            chosen: dict[str, str] = {}
            for pattern, headers in parse_headers_file(site.output / "_headers"):
                if (path.startswith(pattern[:-1]) if pattern.endswith("*")
                        else path == pattern):
                    chosen.update(headers)
            for name, value in chosen.items():
                self.send_header(name, value)
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):  # noqa: N802 (http.server's name)
            self._serve(head=False)

        def do_HEAD(self):  # noqa: N802 (http.server's name)
            # The headers a GET gets, Content-Length of the body with the reload script too.
            self._serve(head=True)

        def _serve(self, head: bool) -> None:
            url = urlparse(self.path)
            if url.path == DEV_PREFIX + "reload.js":
                return self._send(RELOAD_JS.read_bytes(), "text/javascript; charset=utf-8",
                                  head=head)
            if url.path == DEV_PREFIX + "changes":
                import json

                raw = (parse_qs(url.query).get("since") or ["0"])[0]
                since = int(raw) if raw.isascii() and raw.isdigit() else 0
                body = json.dumps(site.changes.since(since)).encode()
                return self._send(body, "application/json", head=head)
            local = Path(self.translate_path(url.path))
            if local.is_dir() and url.path.endswith("/"):
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                html = local.read_bytes()
                tag = (f'<script src="{DEV_PREFIX}reload.js" data-version='
                       f'"{site.changes.version}" defer></script>').encode()
                html = html.replace(b"</head>", tag + b"</head>", 1)
                status = 404 if unquote(url.path).endswith("404.html") else 200
                return self._send(html, "text/html; charset=utf-8", status, head=head)
            return super().do_HEAD() if head else super().do_GET()

        def _send(self, body: bytes, kind: str, status: int = 200, head: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, *args):  # a request log would bury the build's messages
            pass

    return Handler


def watched(site: Site, settings: dict) -> list[Path]:
    folders = [site.content, Path(settings["THEME"]), ROOT / "plugins",
               Path(settings["UI_TRANSLATIONS_DIR"]),
               Path(settings["CONTENT_TRANSLATIONS_DIR"]), site.settings_file]
    return [p for p in dict.fromkeys(folders) if p.exists()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("-s", "--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "output")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    args = parser.parse_args(argv)
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING, name="pelican")  # as the pelican command does
    site = Site(args.settings.resolve(), args.content.resolve(), args.output.resolve())
    site.output.mkdir(parents=True, exist_ok=True)
    try:
        server = ThreadingHTTPServer((args.bind, args.port), handler_for(site))
    except OSError as error:  # most often: another server already listens on the port
        sys.exit(f"make serve: cannot listen on {args.bind}:{args.port} ({error.strerror}); "
                 "stop the other server or choose a port: invoke serve --port 8001")
    import watchfiles

    settings = read_settings(str(site.settings_file))
    saves: queue.Queue[set[Path] | None] = queue.Queue()  # None: the watcher has stopped
    stop = threading.Event()

    def watch() -> None:
        """Saved files, noticed while this process builds or makes things ready too."""
        try:
            for batch in watchfiles.watch(*watched(site, settings), step=20, debounce=400,
                                          rust_timeout=1000, yield_on_timeout=False,
                                          stop_event=stop, raise_interrupt=False):
                paths = {Path(p) for _change, p in batch
                         if not p.endswith((".partial", ".swp", "~"))}
                if paths:
                    saves.put(paths)
        finally:
            saves.put(None)

    # Watching starts before the first build, so the watcher is ready by the time "Serving"
    # is printed: started after it, a save made in the next second or so (the watcher
    # setting up on a large content tree) was lost, and its page never rewritten.
    threading.Thread(target=watch, daemon=True).start()
    site.waiting = lambda: not saves.empty()
    site.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {site.output} at http://{args.bind}:{server.server_address[1]}/ "
          "(Ctrl-C stops)", flush=True)
    try:
        while (paths := saves.get()) is not None:
            while not saves.empty():  # everything saved meanwhile, in one go
                more = saves.get_nowait()
                if more is None:
                    saves.put(None)
                    break
                paths |= more
            site.on_change(paths)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()


if __name__ == "__main__":
    main()
