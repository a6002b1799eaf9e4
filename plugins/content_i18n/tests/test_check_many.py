"""catalogs.check_many (several catalogues per msgfmt run) gives the verdict and message that
catalogs.check (one msgfmt run per catalogue) gives, for every file, good or broken."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_i18n.catalogs import CatalogueError, check, check_many

ROOT = Path(__file__).resolve().parents[3]
GOOD = sorted((ROOT / "translations" / "content" / "ru").glob("*.po"))[:6]


def _header(plural: str = "nplurals=2; plural=(n != 1);", charset: str = "UTF-8") -> str:
    return ('msgid ""\nmsgstr ""\n"Language: de\\n"\n"MIME-Version: 1.0\\n"\n'
            f'"Content-Type: text/plain; charset={charset}\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n'
            f'"Plural-Forms: {plural}\\n"\n\n')


ENTRY = 'msgctxt "paragraph"\nmsgid "Write to him."\nmsgstr "Schreiben Sie ihm."\n'
BROKEN = {  # msgfmt alone accepts header-not-first and latin1-header, refuses the rest
    # msgfmt checks these per input file, not per domain: a batch would not notice them
    "no-header": ENTRY,
    "header-not-first": ENTRY + "\n" + _header(),
    "own-domain": _header() + 'domain "other"\n' + ENTRY,
    # a domain directive after a string moves the next entries into another batch member's
    # domain, where a plural count its own header would refuse passes
    "mid-line-domain": _header() + 'msgid "x"\nmsgstr "y" domain "c0"\n'
    + '#, fuzzy\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'
    + 'msgstr[2] "c"\n',
    "latin1-header": _header(charset="ISO-8859-1") + ENTRY,
    # and these per domain
    "bad-plural": _header(plural="nplurals=2; plural=(n %% ;") + ENTRY,
    "unterminated": _header() + 'msgctxt "paragraph"\nmsgid "Write\nmsgstr "x"\n',
    "no-msgstr": _header() + 'msgctxt "paragraph"\nmsgid "Write to him."\n',
    "duplicate": _header() + ENTRY + "\n" + ENTRY,
    "format": _header() + '#, python-format\nmsgid "%(name)s wrote"\nmsgstr "%(nom)s"\n',
}


def _verdict(result) -> str:
    if isinstance(result, CatalogueError):
        return f"refused: {result}"
    return f"accepted: {result!r}"


def _alone(path: Path) -> str:
    try:
        return _verdict(check(path))
    except CatalogueError as exc:
        return _verdict(exc)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_catalogue_among_good_ones_is_refused_as_it_is_alone(tmp_path, name):
    bad = tmp_path / f"{name}.po"
    bad.write_text(BROKEN[name], encoding="utf-8")
    paths = [*GOOD[:3], bad, *GOOD[3:]]
    assert [_verdict(r) for r in check_many(paths)] == [_alone(p) for p in paths]


def test_good_catalogues_are_accepted_in_one_run_with_their_text(tmp_path):
    many = []
    for index in range(250):  # more than one batch
        path = tmp_path / f"c{index}.po"
        path.write_text(_header() + ENTRY.replace("him", f"him {index}"), encoding="utf-8")
        many.append(path)
    results = check_many([*GOOD, *many])
    assert [_verdict(r) for r in results] == [_alone(p) for p in [*GOOD, *many]]
    assert all(isinstance(r, str) for r in results)


def test_one_broken_catalogue_costs_a_few_runs_not_one_per_catalogue(tmp_path, monkeypatch):
    import subprocess

    from content_i18n import catalogs

    runs = []
    real_run = subprocess.run

    def counting(args, *rest, **kwargs):
        runs.append(args)
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(catalogs.subprocess, "run", counting)
    paths = []
    for index in range(256):
        path = tmp_path / f"c{index}.po"
        path.write_text(_header() + ENTRY.replace("him", f"him {index}"), encoding="utf-8")
        paths.append(path)
    (tmp_path / "c77.po").write_text(BROKEN["duplicate"], encoding="utf-8")
    results = check_many(paths)
    used = len(runs)
    assert [i for i, r in enumerate(results) if isinstance(r, CatalogueError)] == [77]
    assert _verdict(results[77]) == _alone(paths[77])
    # The whole batch, then halving 256 down to the broken file: 2 runs for each of 8 levels.
    assert used <= 1 + 2 * 8, used


@pytest.mark.parametrize("escape", [r"\a", r"\007", r"\x07", r"\f"])
def test_an_escape_polib_would_show_as_text_is_refused_with_its_line(tmp_path, escape):
    # msgfmt --check accepts these and compiles the character; polib, which the build reads
    # catalogues with, leaves them as text, so the page would show "\007".
    path = tmp_path / "x.po"
    path.write_text(_header() + 'msgctxt "paragraph"\nmsgid "Write to him."\n'
                    f'msgstr "Schreiben {escape}Sie ihm."\n', encoding="utf-8")
    for result in (check_many([path])[0], pytest.raises(CatalogueError, check, path).value):
        assert isinstance(result, CatalogueError)
        assert str(result).startswith(f"{path}: line 11: the escape {escape[:2]}")
    # An escaped backslash followed by a letter is text, and the escapes polib reads pass.
    path.write_text(_header() + 'msgid "a"\nmsgstr "C:\\\\a \\"q\\" \\n\\t"\n', encoding="utf-8")
    assert isinstance(check(path), str)


def test_the_quick_escape_search_misses_no_escape_the_line_search_finds():
    """po_escape runs the line-by-line escape search only where the quick one finds a
    backslash followed by another character: every text the first refuses, the second finds."""
    import random

    from safe_input.text import _PO_ESCAPE as _C_ESCAPE
    from safe_input.text import _PO_ESCAPE_ANYWHERE as _C_ESCAPE_ANYWHERE

    rng = random.Random(18)
    alphabet = ['\\', '"', "n", "t", "r", "a", "0", "7", "x", "F", "#", " ", "\n", "msgstr "]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        if _C_ESCAPE.search(text):
            found += 1
            assert _C_ESCAPE_ANYWHERE.search(text), repr(text)
    assert found > 1000


@pytest.mark.skipif(not os.path.isdir("/dev/shm") or not os.access("/dev/shm", os.W_OK),
                    reason="no writable tmpfs at /dev/shm on this system")
def test_a_batch_makes_the_files_it_throws_away_in_memory(tmp_path, monkeypatch):
    """msgfmt writes one .mo per catalogue of a batch; made on a disk's file system they
    cost the kernel about four times what they cost in memory (tmpfs), and nothing reads
    them."""
    import subprocess

    from content_i18n import catalogs

    folders: list[str] = []
    real_run = subprocess.run

    def recording(args, *rest, **kwargs):
        folders.append(kwargs.get("cwd"))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(catalogs.subprocess, "run", recording)
    assert all(isinstance(r, str) for r in check_many(GOOD))
    assert folders and all(Path(folder).parent == Path("/dev/shm") for folder in folders)
