"""Issue 18, item 6: the build does not need the name-recognition stack (natasha and what
only it brings: pymorphy2, slovnet, navec, yargy, razdel); it is the `mentions` extra,
with its own lock file, installed by `invoke mentions` on first use."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.sitebuild import ROOT, settings_with

# numpy is not listed: matplotlib (the numbers page's charts, plugins/registry_numbers) needs
# it in the build.
NAME_RECOGNITION = ["natasha", "pymorphy2", "slovnet", "navec", "yargy", "razdel"]


def test_the_build_needs_no_name_recognition_stack(tmp_path):
    """The whole sample site (linker included) builds with natasha and what only it brings
    made unimportable."""
    script = ("import sys\n"
              f"for name in {NAME_RECOGNITION!r}:\n"
              "    sys.modules[name] = None  # import raises ImportError\n"
              "from pelican import main\n"
              f"main([{str(ROOT / 'content')!r}, '-s', {str(ROOT / 'pelicanconf.py')!r}, '-o', "
              f"{str(tmp_path / 'out')!r}])\n")
    settings = settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "cache"))
    script = script.replace(repr(str(ROOT / "pelicanconf.py")), repr(str(settings)))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "out/ru/prisoners/index.html").is_file()
    assert "linked" in proc.stdout + proc.stderr  # the linker ran


def test_name_recognition_is_an_extra_with_its_own_honest_lock():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in meta["dependencies"] if d.startswith(tuple(NAME_RECOGNITION))]
    assert any(d.startswith("natasha") for d in meta["optional-dependencies"]["mentions"])

    def pins(name: str) -> dict[str, str]:
        text = (ROOT / name).read_text(encoding="utf-8")
        return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", text, re.MULTILINE))

    build, mentions = pins("requirements.lock"), pins("requirements-mentions.lock")
    assert not set(NAME_RECOGNITION) & set(build)
    assert set(NAME_RECOGNITION) <= set(mentions)
    assert {name: mentions.get(name) for name in build} == build  # same pins for the rest
    assert "pymorphy3" in build  # the linker's morphology stays in the build


def test_the_preview_without_natasha_says_so_in_one_line(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("Title: Draft\nDate: 2024-05-01\nLang: ru\nCategory: news\n\nТекст.\n",
                     encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", "import runpy, sys\nsys.modules['natasha'] = None\n"
         f"sys.argv = ['prisoner_links', {str(draft)!r}, '-s', 'pelicanconf.py']\n"
         "runpy.run_module('prisoner_links', run_name='__main__')"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "natasha" in lines[0] and "invoke mentions" in lines[0]


def test_the_readme_licence_list_names_every_dependency_of_the_build():
    """Every package pyproject.toml's `dependencies` installs for the build is named in the
    README's Licence section (matplotlib, icalendar, PyICU and pagefind were left out once)."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [re.match(r"[A-Za-z0-9_.-]+", d).group(0) for d in deps["project"]["dependencies"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence\n", 1)[1].split("\n## ", 1)[0].lower()
    assert [n for n in names if n.lower() not in section] == []
