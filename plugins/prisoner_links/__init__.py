"""Links every mention of a registered prisoner, in every language, to the profile in the
document's language; records who each document mentions (articles' "People in this statement",
profiles' "Mentioned in", mentions.json)."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.log import console

import pipeline
import site_scheme
from private_api import content_html, set_content_html

from .cache import cached_matcher, load_results, registry_key, result_key, save_results
from .linker import link_document
from .settings import SCHEMA

_state: dict = {}
# Link results are cached by this hash: every file that decides a link is in it.
_LINKER_CODE = hashlib.sha256(b"".join(
    Path(__file__).with_name(name).read_bytes()
    for name in ("linker.py", "tree.py", "context.py", "function_words.yaml"))).hexdigest()


def linking_enabled(doc) -> bool:
    """False when the document turns linking off (`PrisonerLinks: off`)."""
    return str(getattr(doc, "prisonerlinks", "on")).strip().lower() not in ("off", "no", "false")


def document_linker(registry, settings: dict, matcher=None):
    """link(lang, forced, html) -> the linker's result (html, people, mentions) for one text,
    with the site's options and profile URLs; `forced` are the slugs its `Prisoners:` names.
    Used by the build for every text and by the dev server (tools/dev_server.py) for the one
    text an editor saved. `matcher`: the compiled matcher (default: compiled or cached)."""
    from prisoner_registry import profile_url

    if matcher is None:
        matcher, _ = cached_matcher(registry.people, settings.get("PRISONER_LINKS_CACHE"))
    every = settings.get("PRISONER_LINKS_EVERY_MENTION", False)
    site = settings.get("SITEURL", "")

    def link(lang: str, forced: list[str], html: str):
        def url(slug: str, lang: str = lang) -> str:
            return f"{site}/{profile_url(settings, lang, slug)}"

        return link_document(html, matcher, url, forced=set(forced), every_mention=every,
                             lang=lang)

    return link


def _link_all(generators) -> None:
    from prisoner_registry import RegistryGenerator, index_mentions, profile_url

    gen = next((g for g in generators if isinstance(g, RegistryGenerator)), None)
    if gen is None or "registry" not in gen.context:
        return
    started = time.perf_counter()
    context, settings = gen.context, gen.settings
    registry = context["registry"]
    matcher, from_cache = cached_matcher(registry.people,
                                         SCHEMA.get(settings, "PRISONER_LINKS_CACHE"))
    matcher_s = time.perf_counter() - started
    every = SCHEMA.get(settings, "PRISONER_LINKS_EVERY_MENTION")
    site = settings.get("SITEURL", "")
    documents = [d for docs in context.get("articles_by_lang", {}).values() for d in docs]
    documents += [d for docs in context.get("pages_by_lang", {}).values() for d in docs]
    linked, declined = Counter(), Counter()
    # Linking is a pure function of the text, the registry, the URL scheme and the options:
    # results are kept between builds, so a rebuild links only the texts that changed.
    known = load_results(settings.get("CACHE_PATH"))
    fresh: dict[str, object] = {}
    scheme = (registry_key(registry.people), _LINKER_CODE, every, site,
              [profile_url(settings, lang, "{slug}") for lang in settings["LANGUAGES"]])
    plan = []  # (document, people its metadata names, result key or None when linking is off)
    for doc in documents:
        forced = sorted(s for s in getattr(doc, "prisoners", []) or [] if s in registry.people)
        key = (result_key(scheme, doc.lang, forced, content_html(doc)) if linking_enabled(doc)
               else None)
        plan.append((doc, forced, key))

    link_one = document_linker(registry, settings, matcher)

    def link(item):
        return link_one(*item)

    # Only texts not linked before, each once (the performance layer may use every core).
    missing = {key: (doc.lang, forced, content_html(doc)) for doc, forced, key in plan
               if key is not None and key not in known}
    known.update(zip(missing, pipeline.each("linking", link, list(missing.values()), settings),
                     strict=True))
    for doc, forced, key in plan:
        if key is None:
            doc.detected_people = forced
            continue
        result = known[key]
        fresh[key] = result
        set_content_html(doc, result.html)
        doc.detected_people = result.people
        doc.mentions = result.mentions
        linked[doc.lang] += sum(1 for m in result.mentions if m.linked and m.text)
        declined[doc.lang] += sum(1 for m in result.declined if "surname" in m.rule)
    save_results(settings.get("CACHE_PATH"), fresh)
    index_mentions(context, lambda a: getattr(a, "detected_people", []))
    for lang in settings["LANGUAGES"]:
        console.print(f"prisoner links ({lang}): {linked[lang]} linked, "
                      f"{declined[lang]} surname-only mentions declined")
    console.print(f"prisoner links: {len(registry.people)} people, {len(documents)} documents, "
                  f"{time.perf_counter() - started:.2f} s"
                  f" (matcher {'from cache' if from_cache else 'compiled'} in {matcher_s:.2f} s)")
    _state["mentions"] = {
        "people": {slug: [{"lang": a.lang, "url": a.url, "title": a.title,
                           "date": a.date.isoformat()} for lang in settings["LANGUAGES"]
                          for a in context["mentioned_in"][slug].get(lang, [])]
                   for slug in sorted(registry.people)},
        "documents": [{"url": d.url, "lang": d.lang, "people": d.detected_people}
                      for d in sorted(documents, key=lambda d: d.url) if d.detected_people],
    }


class MentionsGenerator(Generator):
    """Writes mentions.json: who each document mentions, where each person is mentioned."""

    def generate_output(self, writer) -> None:
        data = _state.pop("mentions", None)
        if data is not None:
            writer.write(site_scheme.save_as("mentions"), None,
                         lambda: json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _get_generators(_pelican):
    return MentionsGenerator


def register() -> None:
    signals.all_generators_finalized.connect(_link_all)
    signals.get_generators.connect(_get_generators)
