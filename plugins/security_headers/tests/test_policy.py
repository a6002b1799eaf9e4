"""The policy from settings: hashes as CSP defines them, no 'unsafe-inline', and the same headers
in `_headers` and in the nginx snippet (where a location must repeat the inherited ones)."""

from __future__ import annotations

from security_headers.policy import (
    content_security_policy,
    csp_hash,
    headers,
    headers_file,
    meta_policy,
    nginx_snippet,
)

SETTINGS = {
    "CSP_DIRECTIVES": {"default-src": ["'none'"], "script-src": ["'self'"],
                       "style-src": ["'self'"], "form-action": ["'none'"]},
    "CSP_INLINE_SCRIPTS": [],
    "CSP_STYLE_ATTRIBUTES": [],
    "SECURITY_HEADERS": {"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"},
    "EXTRA_HEADERS": {"/feeds/*": {"Access-Control-Allow-Origin": "*"}},
}


def test_hash_is_the_one_browsers_compute():
    # The example in MDN's Content-Security-Policy script-src documentation.
    assert csp_hash("alert('Hello, world.');") == \
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_inline_code_is_allowed_only_by_hash():
    plain = content_security_policy(SETTINGS)
    assert plain == ("default-src 'none'; script-src 'self'; style-src 'self'; "
                     "form-action 'none'")
    policy = content_security_policy({**SETTINGS, "CSP_INLINE_SCRIPTS": ["alert('Hello, world.');"],
                                      "CSP_STYLE_ATTRIBUTES": ["text-align: center;"]})
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == \
        "'self' 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert directives["style-src"].startswith("'self' 'unsafe-hashes' 'sha256-")
    assert "unsafe-inline" not in policy
    assert SETTINGS["CSP_DIRECTIVES"]["script-src"] == ["'self'"]  # settings left as they were


def test_headers_file_has_every_header_under_its_pattern():
    text = headers_file(SETTINGS)
    blocks = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line, [])
        elif line.startswith("  "):
            current.append(line.strip())
    assert blocks["/*"] == [f"Content-Security-Policy: {content_security_policy(SETTINGS)}",
                            "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff"]
    assert blocks["/feeds/*"] == ["Access-Control-Allow-Origin: *"]


def test_nginx_locations_repeat_the_inherited_headers():
    text = nginx_snippet(SETTINGS)
    top, location = text.split("location ", 1)
    assert 'add_header Referrer-Policy "no-referrer" always;' in top
    assert location.startswith("/feeds/ {")
    # nginx drops every inherited add_header in a location that has one of its own.
    for name in ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
                 "Access-Control-Allow-Origin"):
        assert f"add_header {name} " in location


def test_the_meta_policy_is_the_header_policy_without_what_a_meta_may_not_carry():
    settings = {**SETTINGS, "CSP_STYLE_ATTRIBUTES": ["text-align: center;"],
                "CSP_DIRECTIVES": {**SETTINGS["CSP_DIRECTIVES"], "frame-ancestors": ["'none'"],
                                   "report-uri": ["/csp"], "sandbox": ["allow-forms"],
                                   "base-uri": ["'none'"]}}
    header = content_security_policy(settings)
    meta = meta_policy(settings)
    kept = [d for d in header.split("; ")
            if d.split(" ", 1)[0] not in ("frame-ancestors", "report-uri", "sandbox")]
    assert len(kept) == len(header.split("; ")) - 3
    assert meta == "; ".join(kept)
    assert "base-uri 'none'" in meta and "'unsafe-hashes' 'sha256-" in meta


LISTING = {**SETTINGS, "DEFAULT_LANG": "en", "LANGUAGES": ["en", "ru"],
           "LISTING_URLS": {"search": "search/"},
           "CSP_LISTING_SOURCES": {"search": {"script-src": ["'wasm-unsafe-eval'"]}}}


def test_a_listing_widens_the_policy_on_its_own_pages_only():
    rules = headers(LISTING)
    assert list(rules) == ["/*", "/feeds/*", "/search/*", "/ru/search/*"]  # after "/*"
    for pattern in ("/search/*", "/ru/search/*"):
        assert rules[pattern] == {"Content-Security-Policy": content_security_policy(
            LISTING, "search")}
    assert "wasm-unsafe-eval" not in rules["/*"]["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in content_security_policy(LISTING, "search")
    assert meta_policy(LISTING, "search") == content_security_policy(LISTING, "search")
    assert meta_policy(LISTING) == content_security_policy(SETTINGS)
    assert LISTING["CSP_DIRECTIVES"]["script-src"] == ["'self'"]  # settings left as they were


def test_nginx_gives_a_listing_its_policy_instead_of_the_inherited_one():
    text = nginx_snippet(LISTING)
    block = text.split("location /ru/search/ {", 1)[1].split("}", 1)[0]
    policies = [line for line in block.splitlines() if "Content-Security-Policy" in line]
    assert policies == [f'    add_header Content-Security-Policy '
                        f'"{content_security_policy(LISTING, "search")}" always;']
    assert 'add_header Referrer-Policy "no-referrer" always;' in block
