"""Every catalogue passes msgfmt --check, Translate Toolkit's pofilter and the link-target check;
each check is shown to catch a planted error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.sitebuild import ROOT

CATALOGUES = sorted((ROOT / "translations").rglob("*.po"))
PLURAL_RU = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")


# Translate Toolkit's checks that fit this project. Left out: quoting checks (typographic
# quotes, «» and „“ are correct in translations), brackets ("Emprisonné(e)" is a choice),
# capitalisation, punctuation and sentence-count heuristics, and untranslated/unchanged
# (progress, counted by invoke i18n.status).
CHECKS = ("xmltags", "urls", "emails", "printf", "pythonbraceformat", "nplurals", "escapes",
          "newlines", "tabs", "validchars", "variables", "numbers", "startwhitespace",
          "endwhitespace")


def pofilter(path: Path, out: Path) -> list[tuple[str, str, str]]:
    """pofilter's findings as (file, msgid, check), read from the catalogues it writes:
    each flagged unit carries a `(pofilter) check: …` translator comment."""
    args = [str(Path(shutil.which("pofilter") or ROOT / ".venv/bin/pofilter"))]
    for check in CHECKS:
        args += ["-t", check]
    subprocess.run([*args, "--nofuzzy", "--progress=none", str(path), str(out)],
                   check=True, capture_output=True)
    files = sorted(out.rglob("*.po")) if out.is_dir() else [out] if out.exists() else []
    found = []
    for file in files:
        for entry in polib.pofile(str(file)):
            for line in entry.tcomment.splitlines():
                if line.startswith("(pofilter) "):
                    check = line.removeprefix("(pofilter) ").split(":", 1)[0]
                    found.append((file.relative_to(out).as_posix() if out.is_dir()
                                  else file.name, entry.msgid, check))
    return found


def test_there_are_catalogues_for_every_language():
    base = ROOT / "translations/content"
    langs = {p.relative_to(base).parts[0] for p in base.rglob("*.po")}
    assert langs == {"ru", "uk", "de", "fr", "es"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_msgfmt_check(path):
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_pofilter_finds_nothing_in_the_catalogues(tmp_path):
    assert pofilter(ROOT / "translations", tmp_path / "flagged") == []


def test_pofilter_catches_planted_errors_and_accepts_typographic_quotes(tmp_path):
    po = tmp_path / "bad.po"
    po.write_text(f'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ru\\n"
"Plural-Forms: {PLURAL_RU}\\n"

#, python-format
msgid "%(count)s publication"
msgid_plural "%(count)s publications"
msgstr[0] "публикация"
msgstr[1] "%(count)s публикации"
msgstr[2] "%(count)s публикаций"

msgctxt "paragraph"
msgid "Read <em>this</em> at https://example.org/a"
msgstr "Прочтите <b>это</b> на https://example.com/b"

msgctxt "paragraph"
msgid "The court fined him 300,000 roubles."
msgstr "Суд назначил ему штраф."

msgctxt "paragraph"
msgid "He said: \\"We will not be silent.\\""
msgstr "Он сказал: «Мы не будем молчать»."
''', encoding="utf-8")
    found = {(msgid, check) for _, msgid, check in pofilter(po, tmp_path / "flagged.po")}
    assert found == {("%(count)s publication", "printf"),
                     ("Read <em>this</em> at https://example.org/a", "xmltags"),
                     ("Read <em>this</em> at https://example.org/a", "urls"),
                     ("The court fined him 300,000 roubles.", "numbers")}


def test_markdown_link_targets_survive_translation():
    from content_i18n.catalogs import read
    from content_i18n.checks import link_target_problems

    for path in sorted((ROOT / "translations/content").rglob("*.po")):
        assert link_target_problems(read(path)) == [], path


def test_link_target_check_catches_a_changed_target(tmp_path):
    from content_i18n.catalogs import read
    from content_i18n.checks import link_target_problems

    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgctxt "paragraph.1"\nmsgid "See [the appeal](/articles/a/)."\n'
                  'msgstr "См. [обращение](https://elsewhere.example/)."\n', encoding="utf-8")
    assert link_target_problems(read(po)) == [
        ("paragraph.1", "See [the appeal](/articles/a/).",
         "link targets ['/articles/a/'] became ['https://elsewhere.example/']")]


@pytest.mark.parametrize("msgstr", [
    'См. <a href="https://elsewhere.example/">обращение</a>.',
    "См. [обращение](https://elsewhere.example/ 'title').",
    "См. [обращение]( https://elsewhere.example/).",
    "См. <https://elsewhere.example/>.",
    "См. [обращение][e].\n[e]: https://elsewhere.example/",
    'См. [обращение](/articles/a/){: href="https://elsewhere.example/"}.',
    '<img src="https://elsewhere.example/pixel.gif" alt="">См. [обращение](/articles/a/).',
    'См. <a href="javascript:fetch(`https://elsewhere.example/`)">обращение</a>.',
])
def test_link_target_check_sees_every_way_markdown_makes_a_link(msgstr):
    """A changed or added target is caught however the Markdown spells it: raw HTML,
    single-quoted titles, a space after the parenthesis, autolinks, reference definitions,
    attr_list's href, an image that loads from elsewhere."""
    from content_i18n.checks import link_target_problem

    problem = link_target_problem("See [the appeal](/articles/a/).", msgstr)
    assert problem is not None and "https://elsewhere.example/" in problem
