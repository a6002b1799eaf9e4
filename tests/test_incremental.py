"""Rebuilding into the same folder after an edit (the writer's keys, reader cache, catalogue cache,
parallel writers) gives exactly the files a build from scratch gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, run_pelican, settings_with


def files(folder: Path) -> dict[str, bytes]:
    return comparable_search_bundle({p.relative_to(folder).as_posix(): p.read_bytes()
                                     for p in sorted(folder.rglob("*")) if p.is_file()})


def comparable_search_bundle(found: dict[str, bytes]) -> dict[str, bytes]:
    """The files with the Pagefind bundle (plugins/site_search) put in a form two runs on the
    same pages agree on. Pagefind 1.5.2 writes each language's filter lists in hash-map order
    (made stable upstream after 1.5.2), so the filter files, and the metadata and entry that
    name them, get other bytes and names on every run. They are compared by what they hold:
    each language's filter files as sorted bytes, the entry's languages with their page
    counts, one metadata file per language. Fragments and index chunks (named by their
    content, stable) are compared as they are."""
    import gzip
    import json

    kept: dict[str, bytes] = {}
    filters: dict[str, list[bytes]] = {}
    for name, data in found.items():
        if name.startswith("pagefind/filter/"):
            lang = name.rsplit("/", 1)[1].split("_", 1)[0]
            filters.setdefault(lang, []).append(bytes(sorted(gzip.decompress(data))))
        elif name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta"):
            kept["pagefind/metadata of " + name.split(".")[1].split("_", 1)[0]] = b""
        elif name == "pagefind/pagefind-entry.json":
            entry = json.loads(data)["languages"]
            kept[name] = json.dumps({lang: [info["wasm"], info["page_count"]]
                                     for lang, info in entry.items()}, sort_keys=True).encode()
        else:
            kept[name] = data
    for lang, lists in filters.items():
        kept[f"pagefind/filters of {lang}"] = b"\0".join(sorted(lists))
    return kept


def edit(path: Path, old: str | None, new: str | None) -> None:
    """Replace `old` by `new` in the file; `old` None: write `new` as a new file; `new` None:
    delete the file (a text taken down)."""
    if new is None:
        path.unlink()
        return
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "article text and title": [
        ("articles/2024/free-boris-kagarlitsky.md", "Title: Free Boris Kagarlitsky:",
         "Title: Free Boris Kagarlitsky now:"),
        ("articles/2024/free-boris-kagarlitsky.md", "He is\n66 years old.",
         "He is\n66 years old. Write to him."),
    ],
    "a registry entry": [
        ("prisoners/boris-kagarlitsky.yaml", "Marxist sociologist",
         "Marxist sociologist and editor"),
    ],
    "a status change (index, case and profile pages)": [
        ("prisoners/boris-kagarlitsky.yaml", "status: imprisoned", "status: released"),
    ],
    "a case's name": [
        ("cases/kuznetsov-case.yaml", "en: Case of Igor Kuznetsov and others",
         "en: The case of Igor Kuznetsov and eight others"),
    ],
    "a new article": [
        ("articles/2025/new-appeal.md", None,
         "Title: A new appeal\nDate: 2025-03-01 10:00\nLang: en\nCategory: appeals\n"
         "Tags: freedom of speech\n\nBoris Kagarlitsky and Daria Kozyreva must be freed.\n"),
    ],
    # Its pages, catalogue versions and feed entries go: the rebuilt folder keeps none.
    "an article taken down": [
        ("articles/2023/skoryakin-fined-and-released.md", "", None),
    ],
    "a new mention": [
        ("articles/2024/knif-conference.md", "\n\n", "\n\nDaria Kozyreva sent greetings.\n\n"),
    ],
}


@pytest.mark.parametrize("case", EDITS)
def test_rebuild_after_an_edit_equals_a_build_from_scratch(tmp_path, case):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "matcher"))
    inplace = tmp_path / "inplace"
    first = run_pelican(content, inplace, settings)
    assert first.returncode == 0, first.output
    before = files(inplace)
    for rel, old, new in EDITS[case]:
        edit(content / rel, old, new)
    again = run_pelican(content, inplace, settings)
    assert again.returncode == 0, again.output
    scratch = run_pelican(content, tmp_path / "scratch",
                          settings_with(tmp_path / "s2.py", CACHE_PATH=str(tmp_path / "c2"),
                                        PRISONER_LINKS_CACHE=str(tmp_path / "m2")))
    assert scratch.returncode == 0, scratch.output
    rebuilt, expected = files(inplace), files(tmp_path / "scratch")
    assert sorted(rebuilt) == sorted(expected)
    differing = [name for name in expected if rebuilt[name] != expected[name]]
    assert differing == []
    changed = [name for name in expected if before.get(name) != expected[name]]
    assert changed, "the edit must show somewhere"


@pytest.mark.parametrize("case", ["article text and title",
                                  "a status change (index, case and profile pages)"])
def test_a_fresh_folder_build_after_an_edit_equals_a_build_from_scratch(tmp_path, case):
    """What `invoke build` does: a new folder naming the one it replaces (OUTPUT_REPLACES);
    outputs whose inputs did not change are linked in from there, the rest rendered."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "matcher"))
    old = tmp_path / "output"
    assert run_pelican(content, old, settings).returncode == 0
    before = files(old)
    for rel, was, now in EDITS[case]:
        edit(content / rel, was, now)
    replaces = settings_with(tmp_path / "r.py", CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "matcher"),
                             OUTPUT_REPLACES=str(old))
    fresh = run_pelican(content, tmp_path / "fresh", replaces)
    assert fresh.returncode == 0, fresh.output
    scratch = run_pelican(content, tmp_path / "scratch",
                          settings_with(tmp_path / "s2.py", CACHE_PATH=str(tmp_path / "c2"),
                                        PRISONER_LINKS_CACHE=str(tmp_path / "m2")))
    assert scratch.returncode == 0, scratch.output
    rebuilt, expected = files(tmp_path / "fresh"), files(tmp_path / "scratch")
    assert sorted(rebuilt) == sorted(expected)
    assert [name for name in expected if rebuilt[name] != expected[name]] == []
    assert files(old) == before  # the folder it replaces is left as it was
    # Most outputs were taken over, not rendered: they are the old folder's files.
    linked = [p for p in (tmp_path / "fresh").rglob("*.html")
              if (old / p.relative_to(tmp_path / "fresh")).exists()
              and (old / p.relative_to(tmp_path / "fresh")).samefile(p)]
    pages = [name for name in expected if name.endswith(".html")]
    assert len(linked) > len(pages) // 4, (len(linked), len(pages))
