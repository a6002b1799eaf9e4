"""Issue 18, item 5: strict mode (STRICT_WARNINGS, `invoke publish`) sees every warning from
every stage and every process of the build, the last `finalized` receivers' included."""

from __future__ import annotations

from pathlib import Path

import pelicanconf
from tests.sitebuild import VALID, run_pelican, settings_with, write_article

LATE = '''
import logging, os
from pelican import signals

log = logging.getLogger(__name__)
PARENT = os.getpid()
said = set()


def _late(pelican):
    log.warning("planted: a warning from the last finalized receiver")


def _in_writer_process(*_args, **_kwargs):
    if os.getpid() != PARENT and "child" not in said:
        said.add("child")
        log.warning("planted: a warning from a writer process")


def register():
    signals.finalized.connect(_late)
    signals.content_written.connect(_in_writer_process)
'''


def _planted(tmp_path: Path, name: str, **settings: object) -> Path:
    """Settings for a build with a planted plugin whose receivers warn: the last one at
    `finalized`, and one in a writer process (content_written, in a forked process)."""
    folder = tmp_path / "planted"
    folder.mkdir(exist_ok=True)
    (folder / "late_warning.py").write_text(LATE, encoding="utf-8")
    return settings_with(tmp_path / name, PLUGIN_PATHS=[str(folder)],
                         PLUGINS=[*pelicanconf.PLUGINS, "late_warning"],
                         CACHE_PATH=str(tmp_path / "cache"), **settings)


def test_strict_mode_sees_a_warning_from_the_last_finalized_receiver(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    relaxed = run_pelican(content, tmp_path / "dev",
                          _planted(tmp_path, "dev.py", PARALLEL_WORKERS=1))
    assert relaxed.returncode == 0, relaxed.output
    assert "planted: a warning from the last finalized receiver" in relaxed.output
    strict = run_pelican(content, tmp_path / "pub", _planted(
        tmp_path, "pub.py", PARALLEL_WORKERS=1, STRICT_WARNINGS=True))
    said = strict.said
    assert strict.returncode != 0, said
    assert "strict mode: 1 warning treated as error" in said
    assert "planted: a warning from the last finalized receiver" in said
    assert "Traceback" not in strict.output


def test_strict_mode_sees_a_warning_from_a_writer_process(content, tmp_path):
    for n in range(12):  # pages enough for every writer process to write some
        write_article(content, f"a{n}.md", {**VALID, "Slug": f"a{n}", "Title": f"Text {n}"})
    strict = run_pelican(content, tmp_path / "pub",
                         _planted(tmp_path, "pub.py", PARALLEL_WORKERS=2, STRICT_WARNINGS=True))
    said = strict.said
    assert strict.returncode != 0, said
    assert "strict mode: 2 warnings treated as errors" in said, said
    assert "planted: a warning from a writer process" in said
    assert "planted: a warning from the last finalized receiver" in said
