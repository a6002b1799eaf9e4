"""Action blocks: what an appeal or statement asks readers to do, as structured data.

An article names a sidecar YAML file in its header (`Action: free-x.action.yaml`, next to the
article; fields in model.py and README "Action blocks"). After reading, this plugin

- reads and checks every action file once (problems stop the build through build_errors, one
  line each with the file and field);
- gives every language version of the article an `action` view for the theme's action box
  (theme/templates/_action.html): its texts in the version's language from the article's
  content catalogue (msgctxt `action-role`, `action-ask`, `action-sample`, `action-outcome`),
  else the source text marked with its language; a changed or fuzzy one is shown in the source
  language with the outdated note, as content_i18n does for every segment;
- decides the state on the build's day: an action past its deadline (the day after it, in
  TIMEZONE) is closed, so a site changes state when it is rebuilt (`invoke publish` on a
  schedule; README "Publishing on a schedule");
- writes each language's actions page ("actions" in site_scheme) and puts the open actions into
  the context (`actions_by_lang`, `open_actions_by_lang`) for the feeds plugin and the home
  page (`home_sections`, with the people who can receive letters now).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from typing import NamedTuple
from urllib.parse import quote
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

import build_errors
import site_scheme

from . import files
from .model import Action, deadline_problem
from .settings import SCHEMA


class Shown(NamedTuple):
    """A text and the language it is shown in (the page's, or the source's when untranslated)."""

    text: str
    lang: str


def today(settings: dict) -> date:
    """The build's day in the site's TIMEZONE, or ACTIONS_TODAY (YYYY-MM-DD) when set (a
    fixed day for reproducible builds and tests)."""
    fixed = SCHEMA.get(settings, "ACTIONS_TODAY")
    if fixed:
        return date.fromisoformat(str(fixed))
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()


def _day_of(when: datetime, settings: dict) -> date:
    """The day of a document's `Date` in TIMEZONE (the day its page shows)."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return (when if when.tzinfo else when.replace(tzinfo=zone)).astimezone(zone).date()


def _table(settings: dict, lang: str, slug: str) -> dict | None:
    """(msgctxt, msgid) -> (msgstr, fuzzy) of the article's catalogue in `lang`, or None."""
    from content_i18n.catalogs import CatalogueError
    from content_i18n.naming import catalogue_path
    from content_i18n.summaries import cached, summarise

    path = catalogue_path(settings["CONTENT_TRANSLATIONS_DIR"], lang, slug)
    if not path.exists():
        return None
    try:
        return (cached(path) or summarise(path)).table
    except CatalogueError:
        return None  # content_i18n reports it with file and line


def mailto(email: str, subject: str, body: str) -> str:
    """A mailto: URL with subject and body (RFC 6068: UTF-8, percent-encoded, CRLF lines)."""
    def enc(text: str) -> str:
        return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    url = f"mailto:{email}?subject={enc(subject)}"
    return url + (f"&body={enc(body)}" if body else "")


def view(action: Action, source_lang: str, doc, settings: dict, day: date) -> dict:
    """What the action box shows on `doc` (one language version): plain values, so what the
    writer keys a page by changes exactly when the box does."""
    lang = doc.lang
    table = _table(settings, lang, doc.slug) if lang != source_lang else None
    outdated = False

    def shown(kind: str, text: str) -> Shown | None:
        nonlocal outdated
        if not text:
            return None
        if lang == source_lang or table is None:
            return Shown(text, source_lang)
        from content_i18n.build import lookup
        from content_i18n.segments import Segment

        string, stale = lookup(Segment(kind, text, 0), table)
        outdated = outdated or stale
        return Shown(string.strip(), lang) if string is not None else Shown(text, source_lang)

    texts = {kind: shown(kind, text) for kind, text in action.texts()}
    state = action.state_on(day)
    sample = texts.get("action-sample")
    target = action.target
    return {
        "state": state,
        "by_deadline": state == "closed" and action.state == "open",
        "deadline": action.deadline,
        "name": target.name, "postal": target.postal, "email": target.email,
        "url": target.url,
        "role": texts.get("action-role"), "ask": texts["action-ask"], "sample": sample,
        "outcome": texts.get("action-outcome"),
        "outdated": outdated,
        "mailto": mailto(target.email, str(doc.title), sample.text if sample else
                         texts["action-ask"].text) if target.email and state == "open" else "",
    }


def _source_of(docs: list, default_lang: str):
    """The version whose header names the action: the default language's, else one without
    TranslationOf, as content_i18n picks a document's source."""
    return sorted(docs, key=lambda d: (d.lang != default_lang,
                                       bool(getattr(d, "translationof", None)),
                                       d.source_path))[0]


def _attach(generator) -> None:
    settings = generator.settings
    root = settings["PATH"]
    base = os.path.basename(root.rstrip("/"))
    day = today(settings)
    groups: dict[str, list] = {}
    for name in ("articles", "translations", "drafts", "drafts_translations"):
        for doc in getattr(generator, name, []) or []:
            groups.setdefault(doc.slug, []).append(doc)
    for _slug, docs in groups.items():
        declaring = [d for d in docs if getattr(d, "translationsource", "") != "catalogue"
                     and str(d.metadata.get("action") or "").strip()]
        if not declaring:
            continue
        source = _source_of(declaring, settings["DEFAULT_LANG"])
        action, rel, problems = files.load(source.source_path, root)
        for where, message in problems:
            build_errors.report(rel or f"{base}/{source.relative_source_path}", where, message)
        for other in declaring:
            if other is not source and str(other.metadata["action"]).strip() != \
                    str(source.metadata["action"]).strip():
                build_errors.report(f"{base}/{other.relative_source_path}", "Action",
                                    f"names another file than the source text "
                                    f"({base}/{source.relative_source_path}); an action is "
                                    "declared once, in the source: remove this line")
        if action is None:
            continue
        problem = deadline_problem(action.deadline, _day_of(source.date, settings))
        if problem:
            build_errors.report(rel, "deadline", problem)
            continue
        for doc in docs:
            doc.action = view(action, source.lang, doc, settings, day)
            # What the box shows is part of what the writer keys the page and the feeds by
            # (their metadata); a copy, so no cache that holds the read metadata sees it.
            doc.metadata = {**doc.metadata, "actionview": json.dumps(
                doc.action, sort_keys=True, default=str, ensure_ascii=False)}


def card(doc) -> dict:
    """An action on the actions page and the home page: plain values."""
    action = doc.action
    return {"url": doc.url, "title": str(doc.title),
            "title_lang": getattr(doc, "title_lang", "") or doc.lang, "ask": action["ask"],
            "deadline": action["deadline"], "state": action["state"],
            "by_deadline": action["by_deadline"], "name": action["name"],
            "outcome": action["outcome"]}


def writable_people(registry, settings: dict, lang: str) -> list[dict]:
    """People who can receive letters now (letters.state can-write, address published with
    consent), in `lang`'s alphabetical order: [{name, url}]."""
    if registry is None:
        return []
    from prisoner_registry import profile_url
    from ui_i18n.collation import collate, person_key

    people = [p for p in registry.people.values()
              if p.letters.state == "can-write" and p.consent.address]
    return [{"name": getattr(p.names, lang).full, "url": profile_url(settings, lang, p.slug)}
            for p in collate(people, lang, key=lambda p: person_key(p, lang))]


def _page_url(context: dict, settings: dict, lang: str, slug: str) -> str:
    """The URL of the page `slug` in `lang`, else in the default language, else ""."""
    pages = context.get("pages_by_lang", {})
    for other in (lang, settings["DEFAULT_LANG"]):
        found = next((p for p in pages.get(other, []) if p.slug == slug), None)
        if found is not None:
            return found.url
    return ""


def _collect(generators) -> None:
    """Per language: every article with an action (open ones first, by deadline), the open
    ones, and what the home page shows besides the latest texts."""
    context = generators[0].context
    settings = generators[0].settings
    by_lang = context.get("articles_by_lang", {})
    actions, open_, home = {}, {}, {}
    for lang in settings["LANGUAGES"]:
        docs = [a for a in by_lang.get(lang, []) if isinstance(getattr(a, "action", None), dict)]
        docs.sort(key=lambda a: (a.action["state"] != "open", a.action["deadline"], a.slug))
        actions[lang] = docs
        open_[lang] = [a for a in docs if a.action["state"] == "open"]
        home[lang] = {"home_actions": [card(a) for a in open_[lang]],
                      "home_writable": writable_people(context.get("registry"), settings,
                                                       lang),
                      "home_howto_url": _page_url(context, settings, lang, "how-to-write")}
    context["actions_by_lang"] = actions
    context["open_actions_by_lang"] = open_
    context["home_sections"] = home


class ActionsPageGenerator(Generator):
    """Each language's actions page: open actions, then closed ones with their outcome."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        langs = settings["LANGUAGES"]
        alternates = {lang: site_scheme.url("actions", lang) for lang in langs}
        for lang in langs:
            docs = self.context.get("actions_by_lang", {}).get(lang, [])
            cards = [card(a) for a in docs]
            writer.write_file(
                site_scheme.save_as("actions", lang), self.get_template("actions"),
                self.context, relative_urls=settings["RELATIVE_URLS"], page_lang=lang,
                open_actions=[c for c in cards if c["state"] == "open"],
                closed_actions=[c for c in cards if c["state"] != "open"],
                page_alternates=alternates, url=alternates[lang], page_kind="actions",
                template_name="actions")


def _get_generators(_pelican):
    return ActionsPageGenerator


def register() -> None:
    signals.article_generator_finalized.connect(_attach)
    signals.all_generators_finalized.connect(_collect)
    signals.get_generators.connect(_get_generators)
