"""What `invoke i18n.extract` and `invoke i18n.status` do, as functions the tests call too."""

from __future__ import annotations

import re
from pathlib import Path

from .catalogs import Stats, extract, merge, read, stats, write
from .segments import parse

_LANG = re.compile(r"^lang:\s*(\S+)", re.I | re.M)


def sources(content: Path, default_lang: str) -> list[tuple[str, Path]]:
    """(slug, file) of every source document: articles and pages in the default language."""
    found = []
    for folder in ("articles", "pages"):
        for path in sorted((content / folder).rglob("*.md")):
            header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
            lang = _LANG.search(header)
            if (lang.group(1).lower() if lang else default_lang) != default_lang:
                continue
            doc = parse(path.read_text(encoding="utf-8"))
            found.append((doc.meta("slug") or path.stem, path))
    return found


def registry_entries(content: Path):
    """(folder, slug, file, entry) of every valid registry file (invalid ones are the build's
    business: it reports them with file and field)."""
    import yaml
    from pydantic import ValidationError

    from prisoner_registry.schema import Case, Person
    from safe_input import text as input_text
    from safe_input import yaml_safe

    for folder, model in (("prisoners", Person), ("cases", Case)):
        for path in sorted((content / folder).glob("*.yaml")):
            # The build's own reading rules: size cap, no anchors/aliases (safe_input).
            text, _problems = input_text.read(path, input_text.MAX_YAML_BYTES, "MAX_YAML_BYTES")
            try:
                if text is None:
                    continue
                yield folder, path.stem, path, model.model_validate(yaml_safe.load(text))
            except (ValidationError, yaml.YAMLError, yaml_safe.Refused):
                continue


def extract_all(root: Path, content: Path, out: Path, languages: list[str],
                default_lang: str) -> list[Path]:
    """Write or update translations/content/<lang>/<slug>.po for every source and language,
    and <lang>/prisoners/<slug>.po, <lang>/cases/<slug>.po for the registry."""
    from .registry import template as registry_template

    written = []
    for folder, slug, path, entry in registry_entries(content):
        label = entry.names.en.full if hasattr(entry, "names") else entry.name["en"]
        tpl = registry_template(entry, path, path.relative_to(root).as_posix(), label)
        for lang in languages:
            if lang == default_lang:
                continue
            po = out / lang / folder / f"{slug}.po"
            write(po, merge(tpl, read(po) if po.exists() else None, lang))
            written.append(po)
    seen: dict[str, Path] = {}
    for slug, path in sources(content, default_lang):
        if slug in seen:
            raise SystemExit(f"{path}: Slug '{slug}' is also used by {seen[slug]}")
        seen[slug] = path
        doc = parse(path.read_text(encoding="utf-8"))
        template = extract(doc, path.relative_to(root).as_posix(), doc.meta("title"),
                           doc.meta("category"))
        for lang in languages:
            if lang == default_lang:
                continue
            po = out / lang / f"{slug}.po"
            old = read(po) if po.exists() else None
            write(po, merge(template, old, lang))
            written.append(po)
    return written


def status(out: Path, ui: Path, languages: list[str], default_lang: str,
           content: Path) -> list[tuple[str, str, Stats]]:
    """(language, part, stats) for the UI, articles and pages of every target language."""
    from babel.messages.pofile import read_po

    docs = sources(content, default_lang)
    kinds = {slug: ("pages" if "/pages/" in path.as_posix() else "articles") for slug, path in docs}
    paths = dict(docs)
    rows = []
    for lang in languages:
        if lang == default_lang:
            continue
        with (ui / lang / "LC_MESSAGES" / "messages.po").open("rb") as fp:
            rows.append((lang, "UI", stats(read_po(fp))))
        registry = Stats(0, 0, 0)
        for folder, slug, _path, entry in registry_entries(content):
            from .registry import table, texts

            po = out / lang / folder / f"{slug}.po"
            usable = table(po)
            fuzzy = {m.context for m in read(po) if m.fuzzy} if po.exists() else set()
            for key, value in texts(entry):
                done = lang in value or key in usable
                registry = Stats(registry.translated + done,
                                 registry.fuzzy + (not done and key in fuzzy),
                                 registry.untranslated + (not done and key not in fuzzy))
        rows.append((lang, "registry", registry))
        for part in ("articles", "pages"):
            total = Stats(0, 0, 0)
            for slug, kind in kinds.items():
                po = out / lang / f"{slug}.po"
                as_file = paths[slug].with_name(f"{paths[slug].stem}.{lang}.md").exists()
                if kind == part and po.exists() and not as_file:  # a translated file wins
                    s = stats(read(po))
                    total = Stats(total.translated + s.translated, total.fuzzy + s.fuzzy,
                                  total.untranslated + s.untranslated)
            rows.append((lang, part, total))
    return rows


def format_status(rows) -> str:
    lines = ["| language | part | translated | fuzzy | untranslated | % |",
             "|---|---|---|---|---|---|"]
    for lang, part, s in rows:
        percent = f"{s.percent:.0f}" if s.total else "–"  # nothing here needs a catalogue
        lines.append(f"| {lang} | {part} | {s.translated} | {s.fuzzy} | {s.untranslated} | "
                     f"{percent} |")
    return "\n".join(lines)
