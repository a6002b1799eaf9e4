"""The letters kit (issue 19): the phrasebook, rules and electronic services per language
(`<lang>/letters/`), a printable bilingual letter sheet for each person who can receive
letters (`<lang>/prisoners/<slug>/letter/`), and "Who needs a letter now" (`<lang>/letters/now/`).

Everything about a person is shown only when `letters.state` is `can-write` and
`consent.address` is true (prisoner_registry.envelope); never for `do-not-write`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

import build_errors
import site_scheme
from prisoner_registry.envelope import (
    addressee,
    can_receive_letters,
    envelope_lines,
    has_letter_sheet,
)
from prisoner_registry.views import Text
from safe_input.text import MAX_YAML_BYTES

from . import catalog
from .kit import SOURCE_LANG, Kit
from .need import who_needs_a_letter

SOURCE_FILE = "letters.yaml"  # in the content folder


@dataclass
class LettersKit:
    """The kit and its translations: glosses[lang][(msgctxt, msgid)] = msgstr."""

    kit: Kit
    glosses: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)

    def gloss(self, context: str, msgid: str, lang: str) -> Text | None:
        """The text in `lang`: the Russian itself for Russian, the catalogue's translation
        otherwise, or None when it is not translated (or fuzzy) yet."""
        if lang == SOURCE_LANG:
            return Text(msgid, SOURCE_LANG)
        found = self.glosses.get(lang, {}).get((context, msgid))
        return Text(found, lang) if found else None


def load_kit(settings: dict) -> LettersKit | None:
    """content/letters.yaml and every language's catalogue, problems reported through
    build_errors with file and field or line; None without a kit file (a site may have none:
    then no kit page is written and nothing links to one)."""
    from content_i18n.catalogs import CatalogueError

    from prisoner_registry.loader import read_model

    content = Path(settings["PATH"])
    path = content / SOURCE_FILE
    if not path.exists():
        return None
    rel = f"{content.name}/{SOURCE_FILE}"
    kit = read_model(path, rel, Kit, build_errors.report,
                     settings.get("MAX_YAML_BYTES", MAX_YAML_BYTES))
    if kit is None:
        return None
    found = LettersKit(kit)
    folder = catalog.catalog_dir(settings)
    for lang in settings["LANGUAGES"]:
        if lang == SOURCE_LANG:
            continue
        po = catalog.catalog_path(folder, lang)
        try:
            found.glosses[lang] = catalog.glosses(po, folder.parent)
        except CatalogueError as exc:
            # The fix CatalogueError carries, as content and registry catalogues and
            # i18n.status report it (none for a link: msgfmt does not fix one).
            build_errors.report(catalog.relative(po, Path.cwd()), exc.where,
                                exc.problem + exc.fix)
    return found


def sheet_url(settings: dict, lang: str, slug: str) -> str:
    """Site-relative URL of a person's letter sheet (site_scheme "letter-sheet")."""
    return site_scheme.url("letter-sheet", lang, slug=slug)


class LettersGenerator(Generator):
    """Writes the kit, the letter sheets and "Who needs a letter now" in every language."""

    def generate_context(self) -> None:
        self.context["letters_kit"] = load_kit(self.settings)

    def generate_output(self, writer) -> None:
        settings = self.settings
        kit = self.context.get("letters_kit")
        registry = self.context.get("registry")
        people = list(registry.people.values()) if registry is not None else []
        langs = settings["LANGUAGES"]
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])

        def alternates(kind: str, slug: str = "") -> dict[str, str]:
            return {x: site_scheme.url(kind, x, slug=slug) for x in langs}

        for lang in langs:
            ordered = who_needs_a_letter(people, lang)
            pages = [("letters-now", "letters_now")]  # lists writable_people()
            if kit is not None:
                pages.append(("letters", "letters"))
            for kind, template in pages:
                name = site_scheme.save_as(kind, lang)
                write(name, self.get_template(template), self.context, page_lang=lang,
                      page_alternates=alternates(kind))
            for person in ordered:
                if not has_letter_sheet(person):
                    continue
                name = site_scheme.save_as("letter-sheet", lang, slug=person.slug)
                write(name, self.get_template("letter_sheet"), self.context,
                      page_lang=lang, person=person,
                      page_alternates=alternates("letter-sheet", person.slug))


def _get_generators(_pelican):
    return LettersGenerator


def _install_globals(generator) -> None:
    """Template helpers, in every generator's environment (the home page lists the people who
    can receive letters too): `writable_people()`, `letter_sheet(person)`, `kit_gloss(…)`,
    `envelope_lines(person)`, `addressee(person)`."""
    settings = generator.settings
    from ui_i18n.jinja import page_lang

    @pass_context
    def writable_people(ctx) -> list:
        """The people who can receive letters now, in the "Who needs a letter now" order for
        the page's language (letters_kit.need)."""
        registry = ctx.get("registry")
        return who_needs_a_letter(registry.people.values(), page_lang(ctx)) if registry else []

    @pass_context
    def letter_sheet(ctx, person) -> str | None:
        """Site-relative URL of the person's letter sheet in the page's language, or None
        when there is none (cannot receive letters, or no envelope in the registry)."""
        return sheet_url(settings, page_lang(ctx), person.slug) if has_letter_sheet(person) \
            else None

    @pass_context
    def kit_gloss(ctx, context: str, msgid: str, lang: str | None = None) -> Text | None:
        kit = ctx.get("letters_kit")
        return kit.gloss(context, msgid, lang or page_lang(ctx)) if kit else None

    generator.env.globals.update(
        writable_people=writable_people, letter_sheet=letter_sheet, kit_gloss=kit_gloss,
        envelope_lines=envelope_lines, addressee=addressee,
        can_receive_letters=can_receive_letters,
    )


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_install_globals)
