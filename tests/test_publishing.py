"""Safe publishing: strict mode, `invoke check`, `invoke publish` (checks, then rsync, never a
broken site), `invoke build --mirror` and the security-headers files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article
from tests.test_tasks import invoke, project  # noqa: F401 (fixture)

STATIC_LINK = "A photo: [rally]({filename}/images/rally.png)."


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def publish(project: Path, live: Path) -> subprocess.CompletedProcess:  # noqa: F811
    env = {**os.environ, "DEPLOY_TARGET": f"{live}/", "SITEURL": "https://site.example"}
    env.pop("WEBSUB_HUB", None)
    return subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=project,
                          capture_output=True, text=True, env=env, timeout=900)


def refused_publish(project: Path, env: dict, live: Path) -> str:  # noqa: F811
    """Run `invoke publish` expecting a refusal before any work: its one line (no traceback),
    ending with "Nothing was built or deployed.", nothing deployed to `live`, no output."""
    proc = subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=project,
                          capture_output=True, text=True, env=env, timeout=900)
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in said, said[-3000:]
    [line] = [line for line in said.splitlines() if line.strip()]
    assert line.endswith("Nothing was built or deployed."), line
    assert not live.exists()
    assert not [p for p in project.iterdir() if p.name.startswith("output")]
    return line


def test_strict_mode_turns_every_warning_into_an_error(content, tmp_path):
    (content / "images").mkdir()
    (content / "images/rally.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_article(content, "a.md", {**VALID, "Slug": "a"}, body=STATIC_LINK)
    relaxed = run_pelican(content, tmp_path / "dev")
    assert relaxed.returncode == 0, relaxed.output
    assert "Use {static} instead" in relaxed.output  # Pelican's own warning
    strict = run_pelican(content, tmp_path / "pub",
                         settings_with(tmp_path / "s.py", STRICT_WARNINGS=True))
    assert strict.returncode != 0
    said = strict.said
    assert "strict mode: 1 warning treated as error; fix them before publishing" in said
    assert "{filename} used for linking to static content /images/rally.png in articles/a.md" \
        in said
    assert "Traceback" not in strict.output


def test_check_passes_on_the_sample_site_and_names_each_planted_fault(project):  # noqa: F811
    assert invoke(project, "build").returncode == 0
    clean = invoke(project, "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "output/: all site checks passed" in clean.stdout
    page = project / "output/ru/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace(
        "</main>", '<img src="https://counter.example/p.gif" alt=""><p><div>x</p>'
                   '<a href="../articles/nowhere/">x</a></main>'), encoding="utf-8")
    broken = invoke(project, "check")
    assert broken.returncode != 0
    lines = broken.stderr.splitlines()
    assert ("ru/index.html: <img src>: loads https://counter.example/p.gif from a third-party "
            "host; readers must not be exposed to other hosts: copy the file into the site or "
            "remove it") in lines
    assert any(line.startswith("ru/index.html: <a href>: ../articles/nowhere/ does not resolve")
               for line in lines)
    assert any(line.startswith("ru/index.html: line ") and "“p”" in line for line in lines), \
        "the Nu HTML Checker's finding, with its line"


def test_publish_checks_then_deploys_with_rsync(project, tmp_path):  # noqa: F811
    live = tmp_path / "live"
    (live / "stale").mkdir(parents=True)
    (live / "stale/index.html").write_text("taken down", encoding="utf-8")
    proc = publish(project, live)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Deployed output/ to {live}/" in proc.stdout
    assert snapshot(live) == snapshot(project / "output")
    assert not (live / "stale").exists(), "pages removed from the site leave the server too"
    index = lxml.html.parse(str(live / "index.html")).getroot()
    assert index.xpath("//link[@rel='canonical']/@href") == ["https://site.example/"]
    assert "Content-Security-Policy: default-src 'none'" in (live / "_headers").read_text()


@pytest.mark.parametrize("fault", ["strict warning", "broken link"])
def test_publish_refuses_a_site_that_fails_and_leaves_live_and_output_alone(
        project, tmp_path, fault):  # noqa: F811
    live = tmp_path / "live"
    assert publish(project, live).returncode == 0
    before_live, before_out = snapshot(live), snapshot(project / "output")
    content = project / "content"
    if fault == "strict warning":
        (content / "images").mkdir(exist_ok=True)
        (content / "images/rally.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        write_article(content, "fault.md", {**VALID, "Slug": "fault"}, body=STATIC_LINK)
        expected = "strict mode: 1 warning treated as error"
    else:
        write_article(content, "fault.md", {**VALID, "Slug": "fault"},
                      body='<img src="/images/missing.png" alt="A rally">')
        expected = ("articles/fault/index.html: <img src>: /images/missing.png does not resolve "
                    "to a file in the output")
    proc = publish(project, live)
    assert proc.returncode != 0
    assert expected in " ".join((proc.stdout + proc.stderr).split())
    assert "Build failed; output/ was left as it was." in proc.stderr
    assert "Deployed" not in proc.stdout
    assert snapshot(live) == before_live
    assert snapshot(project / "output") == before_out
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


def test_mirror_build_has_only_relative_links_and_absolute_feeds(project):  # noqa: F811
    proc = invoke(project, "build", "--mirror")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mirror = project / "output-mirror"
    checked = 0
    for page in mirror.rglob("*.html"):
        tree = lxml.html.parse(str(page)).getroot()
        for el in tree.xpath("//*[@href or @src]"):
            url = el.get("href") or el.get("src")
            if el.get("rel") == "canonical":
                assert url.startswith("https://left-prisoners.example.org/")
                continue
            assert not url.startswith(("/", "https://left-prisoners.example.org")), \
                (page, url)
            if el.tag in ("a", "link") and not url.startswith(("http", "mailto:", "#")):
                target = (page.parent / url.split("#")[0]).resolve()
                assert target.is_file(), (page, url)  # file:// needs the file, not a folder
                checked += 1
    assert checked > 10_000
    feed = (mirror / "ru/feeds/all.atom.xml").read_text(encoding="utf-8")
    assert 'href="https://left-prisoners.example.org/ru/articles/' in feed


def test_nginx_snippet_is_generated_from_the_same_policy():
    generated = subprocess.run(
        [sys.executable, "-m", "security_headers", "nginx"], cwd=ROOT, capture_output=True,
        text=True, check=True).stdout
    committed = (ROOT / "deploy/nginx-security-headers.conf").read_text(encoding="utf-8")
    assert committed == generated, "run: python -m security_headers nginx > deploy/…conf"
    assert 'add_header Referrer-Policy "no-referrer" always;' in committed
    assert "add_header Content-Security-Policy \"default-src 'none'; script-src 'self';" \
        in committed


def test_blocked_page_in_every_language_lists_mirrors_onion_and_feeds(tmp_path):
    mirrors = ["https://mirror-one.example.net/", "https://lpp.example.com/"]
    onion = "http://" + "a" * 56 + ".onion/"
    build = run_pelican(ROOT / "content", tmp_path / "out", settings_with(
        tmp_path / "s.py", MIRRORS=mirrors, ONION_ADDRESS=onion))
    assert build.returncode == 0, build.output
    headings = {"en": "If this site is blocked", "ru": "Если сайт заблокирован",
                "uk": "Якщо сайт заблоковано", "de": "Wenn diese Seite gesperrt ist",
                "fr": "Si ce site est bloqué", "es": "Si este sitio está bloqueado"}
    for lang, heading in headings.items():
        prefix = "" if lang == "en" else f"{lang}/"
        soup = build.html(f"{prefix}blocked/index.html")
        assert soup.html["lang"] == lang
        assert soup.h1.get_text() == heading
        assert [a["href"] for a in soup.select("ul.mirrors a")] == mirrors
        assert soup.select_one("#onion + p a")["href"] == onion
        feeds = [c.get_text() for c in soup.select("ul.feeds code.feed-url")]
        assert f"http://127.0.0.1:8000/{prefix}feeds/all.atom.xml" in feeds
        assert "http://127.0.0.1:8000/feeds/global.atom.xml" in feeds
    for page in build.pages():
        footer = lxml.html.parse(str(page)).getroot().xpath("//footer[@class='site-footer']")
        if footer:
            links = footer[0].xpath(".//a/@href")
            assert mirrors[0] in links and onion in links, page
            assert any(href.endswith("blocked/") for href in links), page


@pytest.mark.parametrize("missing", ["java", "vnu.jar"])
def test_publish_without_the_html_checker_is_one_line_and_builds_nothing(
        project, tmp_path, missing):  # noqa: F811
    live = tmp_path / "live"
    # A SITEURL it would deploy: the address is checked first (README, "Publishing").
    env = {**os.environ, "DEPLOY_TARGET": f"{live}/", "SITEURL": "https://left-prisoners.org"}
    if missing == "java":
        (tmp_path / "bin").mkdir()
        (tmp_path / "bin/bash").symlink_to(shutil.which("bash"))  # invoke runs commands in it
        env["PATH"] = str(tmp_path / "bin")  # and nothing else: no java
        expected = "java not found: run `make system-deps`"
    else:
        (project / "node_modules").unlink()
        expected = "vnu.jar not found: run `make node-deps` (npm ci)"
    line = refused_publish(project, env, live)
    assert line.startswith("invoke publish validates every page with the Nu HTML Checker, "
                           "which cannot run: ") and expected in line, line


@pytest.mark.parametrize("checker", ["installed", "missing"])
def test_publish_refuses_to_deploy_the_example_address_and_builds_nothing(project, tmp_path,  # noqa: F811
                                                                          checker):
    """publishconf.py falls back to https://left-prisoners.example.org when SITEURL is unset;
    deploying that would point every link, feed and sitemap at a documentation domain. The
    address needs nothing installed, so it is named first, before a missing HTML checker."""
    if checker == "missing":
        (project / "node_modules").unlink()
    live = tmp_path / "live"
    env = {**os.environ, "DEPLOY_TARGET": f"{live}/"}
    env.pop("SITEURL", None)
    line = refused_publish(project, env, live)
    assert line.startswith("invoke publish: SITEURL is https://left-prisoners.example.org, an "
                           "example address (RFC 2606 reserves example.org for documentation)")


@pytest.mark.parametrize("siteurl, reason", [
    # Set but empty (a systemd EnvironmentFile's `SITEURL=`, a CI secret that is missing):
    # os.environ.get gives "", not publishconf.py's fallback; pages then link root-relative,
    # and every site check passes while feeds and sitemaps carry relative addresses.
    ("", "not an absolute address"),
    ("left-prisoners.org", "not an absolute address"),  # no scheme: 24,000 broken links
    # Browsers map full-width letters and the ideographic full stop to ASCII (UTS #46).
    ("https://ｅｘａｍｐｌｅ.org", "RFC 2606 reserves example.org"),
    ("https://lpp.example\u3002org", "RFC 2606 reserves example.org"),
    # pelicanconf.py's own feed address, and other names no reader can reach.
    ("http://127.0.0.1:8000", "the reader's own machine (a loopback address)"),
    ("http://[::1]", "the reader's own machine (a loopback address)"),
    ("http://LocalHost.", "RFC 6761 reserves localhost"),
    # Browsers read these as 127.0.0.1 (the URL Standard's IPv4 parser: fewer parts, hex,
    # one number), and ::ffff:127.0.0.1 is its IPv4-mapped IPv6 form.
    ("http://127.1", "the reader's own machine (a loopback address)"),
    ("http://0x7f000001:8000", "the reader's own machine (a loopback address)"),
    ("http://2130706433", "the reader's own machine (a loopback address)"),
    ("http://[::ffff:127.0.0.1]", "the reader's own machine (a loopback address)"),
    # A build machine's LAN address: no reader on the Internet reaches it.
    ("http://192.168.1.20", "a private network's address"),
    ("http://[fd00::1]", "a private network's address"),
    ("https://site.invalid", "RFC 6761 reserves .invalid"),
])
def test_publish_refuses_a_siteurl_that_is_no_real_address(project, tmp_path, siteurl,  # noqa: F811
                                                           reason):
    live = tmp_path / "live"
    env = {**os.environ, "DEPLOY_TARGET": f"{live}/", "SITEURL": siteurl}
    line = refused_publish(project, env, live)
    shown = repr(siteurl) if reason.startswith("not") else siteurl  # '' must show
    assert line.startswith(f"invoke publish: SITEURL is {shown}, ") and reason in line, line
