"""Checks on what the build will write, made after reading and before any file is written
(build_errors stops the build at get_writer):

- every document's output path stays inside the output folder and is its own: it does not
  coincide with another document's, nor fall inside a listing the plugins write (prisoners/,
  feeds/, translate/, tag/…, a language's folder, the theme's and static files' folders);
- every static file (STATIC_PATHS) is, after following symbolic links, inside the content
  folder: a link to /etc/passwd in content/images/ must not be copied into the site.
"""

from __future__ import annotations

import os
import posixpath

from pelican.contents import Article

import build_errors
from safe_input.urls import inside

# Folders the plugins write into besides the LISTING_URLS listings (plugins/feeds,
# plugins/prisoner_registry, Pelican's pagination "{base_name}/page/{number}/").
GENERATED_FOLDERS = {"feeds": "the feeds (plugins/feeds)",
                     "cases": "the case pages (plugins/prisoner_registry)",
                     "prisoners": "the prisoners index and profiles (plugins/prisoner_registry)",
                     "page": "the listings' later pages (pagination)",
                     "calendars": "the iCalendar files (plugins/calendars)"}
ROOT_FILES = {"prisoners.json", "prisoners.csv", "prisoners.schema.json", "_headers"}


def reserved(settings: dict) -> dict[str, str]:
    """Output paths the plugins write, as {path or folder/: what it is}; folders end in "/"."""
    out: dict[str, str] = {}
    page_listings = set(settings.get("PAGE_LISTINGS", ()))
    for lang in settings["LANGUAGES"]:
        prefix = "" if lang == settings["DEFAULT_LANG"] else f"{lang}/"
        for kind, url in settings.get("LISTING_URLS", {}).items():
            if kind in page_listings:
                continue  # written by a page (content/pages/<kind>*.md)
            first = url.split("/", 1)[0]
            if not first:
                out[prefix + "index.html"] = f"the {lang} home page"
            elif "/" in url:
                # the first kind naming a folder names it (prisoners/ before its letter sheets)
                out.setdefault(f"{prefix}{first}/", f"the {kind} listing ({prefix}{first}/)")
            else:
                out[prefix + first] = f"the {kind} page ({prefix}{first})"
        for folder, what in GENERATED_FOLDERS.items():
            out.setdefault(f"{prefix}{folder}/", what)
    for folder in [settings.get("THEME_STATIC_DIR", "theme"), *settings.get("STATIC_PATHS", [])]:
        out.setdefault(folder.strip("/") + "/", f"the files copied from {folder}/")
    for name in ROOT_FILES:
        out[name] = f"the open data file {name}"
    # The search bundle (plugins/site_search) replaces this folder after the pages are written.
    out["pagefind/"] = "the search index (plugins/site_search)"
    return out


def _source(settings: dict, doc) -> str:
    base = os.path.basename(settings["PATH"].rstrip("/"))
    where = f"{base}/{doc.relative_source_path}"
    if getattr(doc, "translationsource", "") == "catalogue":
        where += f" (the {doc.lang} version from its catalogue)"
    return where


def check_output_paths(generators) -> None:
    """Report documents whose output escapes the output folder or collides with another."""
    settings = generators[0].settings
    areas = reserved(settings)
    owners: dict[str, list] = {}
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                     "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages",
                     "draft_translations"):
            for doc in getattr(generator, name, []):
                save_as = getattr(doc, "save_as", "")
                if save_as:
                    docs = owners.setdefault(posixpath.normpath(save_as.replace(os.sep, "/")),
                                             [])
                    if not any(d is doc for d in docs):
                        docs.append(doc)
    for path, docs in sorted(owners.items()):
        first = docs[0]
        if path.startswith("../") or path == ".." or posixpath.isabs(path):
            build_errors.report(_source(settings, first), "Slug",
                                f"its page would be written to {path}, outside the output "
                                "folder; use a plain Slug")
            continue
        for other in docs[1:]:
            build_errors.report(_source(settings, other), "Slug",
                                f"its page would be written to {path}, like "
                                f"{_source(settings, first)}; give one of them another Slug")
        is_article = isinstance(first, Article)
        for area, what in areas.items():
            hit = path.startswith(area) if area.endswith("/") else path == area
            if hit and not (is_article and area.startswith("articles/")):
                build_errors.report(_source(settings, first), "Slug",
                                    f"its page would be written to {path}, inside {what}; "
                                    "give it another Slug")
                break


def check_static_files(generator) -> None:
    """Static files must be, after following symbolic links, inside the content folder."""
    root = generator.settings["PATH"]
    base = os.path.basename(root.rstrip("/"))
    for static in getattr(generator, "staticfiles", []):
        if not inside(static.source_path, root):
            build_errors.report(f"{base}/{static.relative_source_path}", "file",
                                f"is a link to {os.path.realpath(static.source_path)}, outside "
                                "the content folder; only files inside content/ are "
                                "published: copy the file there instead of linking it")
