"""Defence in depth: every page carries the Content-Security-Policy itself, in a <meta> right
after <meta charset>, generated from the same settings as `_headers` (minus the directives CSP3
does not allow in a meta element), so copies served without `_headers` keep the policy."""

from __future__ import annotations

import lxml.html

from tests.sitebuild import VALID, run_pelican, settings_with, write_article
from tests.test_browser import parse_headers_file

META_IGNORED = {"frame-ancestors", "report-uri", "sandbox"}  # CSP3, section 3.3


def _directives(policy: str) -> dict[str, str]:
    return dict((d.strip().split(" ", 1) + [""])[:2] for d in policy.split(";") if d.strip())


def _meta_policy(page) -> tuple[str, list[str]]:
    """The page's meta policy and the tags of the <head> elements before it."""
    head = lxml.html.parse(str(page)).getroot().find("head")
    before = []
    for el in head:
        if (el.get("http-equiv") or "").lower() == "content-security-policy":
            return el.get("content"), before
        before.append(el.tag if el.tag != "meta" else f"meta {' '.join(el.attrib)}")
    raise AssertionError(f"{page}: no <meta http-equiv=Content-Security-Policy>")


def test_every_page_carries_the_header_policy_first_in_its_head(site):
    rules = parse_headers_file(site.out_dir / "_headers")
    header = rules[0][1]["Content-Security-Policy"]
    assert "frame-ancestors" in _directives(header)
    pages = site.pages()
    assert len(pages) > 300
    wider = 0
    for page in pages:
        # The policy `_headers` gives the page's URL (a later matching rule's header replaces
        # an earlier one's): the search pages' allows WebAssembly, every other is `/*`'s.
        path = "/" + page.relative_to(site.out_dir).as_posix()
        for pattern, headers in rules:
            if path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern:
                header = headers.get("Content-Security-Policy", header)
        expected = {k: v for k, v in _directives(header).items() if k not in META_IGNORED}
        assert "script-src" in expected
        policy, before = _meta_policy(page)
        assert _directives(policy) == expected, page
        assert before == ["meta charset"], page
        wider += "'wasm-unsafe-eval'" in policy
        header = rules[0][1]["Content-Security-Policy"]
    assert wider == 6  # the six search pages, and no other


def test_the_meta_policy_is_generated_from_the_settings(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    directives = {"default-src": ["'none'"], "img-src": ["'self'", "https://img.example"],
                  "style-src": ["'self'"], "frame-ancestors": ["'none'"],
                  "report-uri": ["/csp-report"], "sandbox": ["allow-forms"]}
    build = run_pelican(content, tmp_path / "out",
                        settings_with(tmp_path / "s.py", CSP_DIRECTIVES=directives))
    assert build.returncode == 0, build.output
    header = _directives(parse_headers_file(build.out_dir / "_headers")[0][1]
                         ["Content-Security-Policy"])
    assert header["report-uri"] == "/csp-report" and header["sandbox"] == "allow-forms"
    policy, _ = _meta_policy(build.out_dir / "articles/a/index.html")
    meta = _directives(policy)
    assert set(meta) == {"default-src", "img-src", "style-src"}
    assert meta["img-src"] == "'self' https://img.example"
    assert meta["style-src"] == header["style-src"]  # the hashed table-alignment styles too
