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

import build_errors
import site_scheme
from safe_input import walk
from safe_input.urls import inside


def reserved(settings: dict) -> dict[str, str]:
    """Output paths the plugins write, as {path or folder/: what it is}; folders end in "/".
    Made from site_scheme.PATTERNS (every address of the site) and Pelican's static folders;
    pages (content/pages/) and documents are checked against each other, not reserved."""
    out: dict[str, str] = {}
    for lang in site_scheme.LANGUAGES:
        prefix = site_scheme.prefix(lang)
        for name, found in site_scheme.PATTERNS.items():
            if found.page or name in ("article", "page", "draft"):
                continue  # documents: each is checked against every other one below
            fixed = found.path.split("{", 1)[0]  # the part before the first field
            if found.site_wide and "{" in found.path:
                folder = fixed[: fixed.rfind("/") + 1]
                if folder:
                    out.setdefault(folder, f"{found.doc} ({folder}, {found.writer})")
                continue
            where = "" if found.site_wide else prefix
            first, slash, _rest = found.path.partition("/")
            if not first:
                out[where + "index.html"] = f"the {lang} home page"
            elif slash:
                folder = f"{where}{first}/"
                out.setdefault(folder, f"{found.doc} ({folder}, {found.writer})")
            else:
                out[where + first] = f"{found.doc} ({where}{first}, {found.writer})"
        out.setdefault(f"{prefix}{site_scheme.PAGE_FOLDER}/",
                       "the listings' later pages (pagination)")
    for folder in [settings.get("THEME_STATIC_DIR", "theme"), *settings.get("STATIC_PATHS", [])]:
        out.setdefault(folder.strip("/") + "/", f"the files copied from {folder}/")
    return out


def slug_key(doc) -> tuple:
    """What two documents must not share: kind, slug, language and draft or not. Documents
    equal in it are reported by content_model._check_unique_slugs; check_output_paths leaves
    their shared output path to it."""
    return (type(doc).__name__, doc.slug, doc.lang, getattr(doc, "status", "") == "draft")


def source_label(settings: dict, doc) -> str:
    """The document's file as an editor names it (content/articles/a.md), and for a version
    made from a catalogue, which language's."""
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
            build_errors.report(source_label(settings, first), "Slug",
                                f"its page would be written to {path}, outside the output "
                                "folder; use a plain Slug")
            continue
        for other in docs[1:]:
            if slug_key(other) == slug_key(first):
                continue  # a shared slug: _check_unique_slugs says it once
            build_errors.report(source_label(settings, other), "Slug",
                                f"its page would be written to {path}, like "
                                f"{source_label(settings, first)}; give one of them another Slug")
        for area, what in areas.items():
            hit = path.startswith(area) if area.endswith("/") else path == area
            if hit:
                build_errors.report(source_label(settings, first), "Slug",
                                    f"its page would be written to {path}, inside {what}; "
                                    "give it another Slug")
                break


def check_static_files(generator) -> None:
    """Static files must be, after following symbolic links, inside the content folder (a
    link in content/ is the editor's; links in the output folder: remove_output_links)."""
    root = generator.settings["PATH"]
    base = os.path.basename(root.rstrip("/"))
    for static in getattr(generator, "staticfiles", []):
        if not inside(static.source_path, root):
            build_errors.report(f"{base}/{static.relative_source_path}", "file",
                                f"is a link to {os.path.realpath(static.source_path)}, outside "
                                "the content folder; only files inside content/ are "
                                "published: copy the file there instead of linking it")


def remove_output_links(pelican) -> None:
    """Before anything is written (get_writer, once the build is known to go ahead): every
    symbolic link in the output folder is removed, each named in one warning
    (safe_input.walk.remove_links). Pelican's plain writer (PERFORMANCE off) and its theme and
    static copies write a file at its place following a link there, so a link left by hand
    had them overwrite a file outside the output; a link left where the build writes
    nothing would be deployed with the site. The build writes none (STATIC_CREATE_LINKS
    is off)."""
    if not build_errors.pending():  # a build stopped by input errors touches nothing
        walk.remove_links(pelican.output_path)
