"""Every catalogue passes msgfmt --check, Translate Toolkit's pofilter and the link-target check;
each check is shown to catch a planted error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

CATALOGUES = sorted((ROOT / "translations").rglob("*.po"))
PLURAL_RU = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")


def pofilter(path: Path, out: Path) -> str:
    """The units pofilter flags (printf and brace placeholders, XML/HTML tags, URLs, plural
    forms), as the text of its output catalogue (empty when nothing is flagged)."""
    subprocess.run([str(Path(shutil.which("pofilter") or ROOT / ".venv/bin/pofilter")),
                    "-t", "printf", "-t", "pythonbraceformat", "-t", "xmltags", "-t", "urls",
                    "-t", "nplurals", "--nofuzzy", "--progress=none", str(path), str(out)],
                   check=True, capture_output=True)
    if out.is_dir():
        return "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.po"))
    return out.read_text(encoding="utf-8") if out.exists() else ""


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
    flagged = pofilter(ROOT / "translations", tmp_path / "flagged")
    assert "msgid" not in flagged.replace('msgid ""', ""), flagged


def test_pofilter_catches_planted_errors(tmp_path):
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

msgid "Read <em>this</em> at https://example.org/a"
msgstr "Прочтите <b>это</b> на https://example.com/b"
''', encoding="utf-8")
    flagged = pofilter(po, tmp_path / "flagged.po")
    assert "%(count)s publication" in flagged
    assert "Read <em>this</em>" in flagged


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
        "paragraph.1: link targets ['/articles/a/'] became ['https://elsewhere.example/']"]
