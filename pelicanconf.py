"""Development settings. `pelican content -s pelicanconf.py -o DIR` builds the complete site."""

import logging
from pathlib import Path

# The plugins are this project's installed packages (`make` installs them, editable), so they
# import one another, and this file imports them, by name.
import site_scheme
from pipeline import plugins

SITENAME = "Left Political Prisoners"
SITEURL = ""
AUTHOR = "Editorial collective"
PATH = "content"
TIMEZONE = "Europe/Moscow"  # a Date without an offset is read as Moscow time
# Two documents with one slug in one language: content_model's input error names both files
# and the fix; Pelican's own warning for it (pelican/utils.py get_original_items, one "\n%s"
# per document) only restates it, so its message template is filtered (LOG_FILTER).
LOG_FILTER = [(logging.WARNING, 'There are %s items "%s" with lang %s: ' + "\n%s" * count)
              for count in range(2, 10)]

# ---- Languages and URLs: plugins/site_scheme is the one source ----------------------------
# DEFAULT_LANG, LANGUAGES, ARTICLE_/PAGE_/DRAFT_ *_URL and *_SAVE_AS (plain and _LANG_) and
# PAGINATION_PATTERNS are made there: the default language lives at "/", every other one under
# "/<lang>/". Listing pages, profiles, feeds, sitemaps and open data take their addresses from
# the same module (site_scheme.PATTERNS).
globals().update(site_scheme.pelican_settings())
# Pelican's own single-language listings are replaced by the per-language ones above.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Drafts (`Status: draft`, Pelican's convention) are written for preview under drafts/, never
# listed or put in feeds; publishconf.py does not write them at all (site_scheme: "draft").

DEFAULT_PAGINATION = 10
# Each language's home lists, in a marked section, up to this many newer texts that are not in
# that language yet (in their original language, linked to the translators' page); 0: none.
HOME_NOT_TRANSLATED_MAX = 5
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None}

# ---- Content model (plugins/content_model) -----------------------------------------------
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
CATEGORIES = ["statements", "appeals", "declarations", "interviews", "reports", "news"]
LICENSE_DEFAULT = "CC BY 4.0"
# What a document's `Template:` may name (theme/templates/<name>.html); other templates need a
# context (a person, a listing) that a document does not give them.
ARTICLE_TEMPLATES = ["article"]
PAGE_TEMPLATES = ["page"]
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.footnotes": {"UNIQUE_IDS": False},
        "markdown.extensions.tables": {},
        "markdown.extensions.attr_list": {},
        "markdown.extensions.fenced_code": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {"smart_angled_quotes": True},
    },
    "output_format": "html5",
}
# Quotation marks per language for "straight double quotes" (left, right), as HTML entities.
# Single quotes stay ‘ ’: smarty renders apostrophes (Дар'я, geht's) with the right single quote.
QUOTES = {
    "en": ("&ldquo;", "&rdquo;"),
    "ru": ("&laquo;", "&raquo;"),
    "uk": ("&laquo;", "&raquo;"),
    "de": ("&bdquo;", "&ldquo;"),
    "fr": ("&laquo;&#8239;", "&#8239;&raquo;"),
    "es": ("&laquo;", "&raquo;"),
}

# ---- Theme and UI strings (plugins/ui_i18n) -----------------------------------------------
THEME = "theme"
# Every template is autoescaped: a field is text unless it is HTML the reader's sanitiser made
# (a document's content and summary, marked `|safe` in the theme, and registry bios, which
# plugins/prisoner_registry hands over as Markup). trim/lstrip_blocks are Pelican's defaults.
# auto_reload off: Pelican makes an environment per generator and build, so a template never
# changes under one; on, every page stat()ed base.html and each imported template again.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
                     "extensions": [], "auto_reload": False}
THEME_STATIC_DIR = "theme"
UI_TRANSLATIONS_DIR = str(Path(__file__).resolve().parent / "translations")
# Content catalogues (plugins/content_i18n): translations/content/<lang>/<slug>.po
CONTENT_TRANSLATIONS_DIR = str(Path(__file__).resolve().parent / "translations" / "content")
TRANSLATION_THRESHOLD = 80  # percent of segments translated and not fuzzy before publishing

# The order comes from the declared pipeline (plugins/pipeline/pipeline.yaml, shown in the
# README): each signal's receivers run in the order declared there.
PLUGINS = plugins()
# The performance layer (plugins/site_writer): False writes with Pelican's plain writer, in one
# process, rendering every output (the same bytes, slower).
PERFORMANCE = True

# Feeds are built by plugins/feeds (feedgen), not by Pelican's single-language writer.
FEED_SITEURL = "http://127.0.0.1:8000"  # feeds need absolute URLs; publishconf.py sets the real one
FEED_TAG_AUTHORITY = "left-prisoners.example.org,2024"  # entry ids: stable when SITEURL changes
FEED_MAX_ITEMS = 20  # newest entries, with full text, in each subscription document
# RFC 5005 archive pages: entries per page (title, summary, link; no full text)
FEED_ARCHIVE_ITEMS = 100
FEED_LICENSE = "CC BY 4.0"
FEED_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
WEBSUB_HUB = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = False  # tasks.py builds into a fresh directory and swaps it in
RELATIVE_URLS = False
CORRECTIONS_EMAIL = "corrections@solidarity.invalid"
MIRRORS: list[str] = []
# A status confirmed longer ago than this is shown as "last confirmed <date>", not as current
# (plugins/prisoner_registry); a historical case or a death does not go out of date.
STATUS_STALE_AFTER_MONTHS = 12
STATUS_NEVER_STALE = ["historical", "deceased"]
# Prisoner-support groups named on profiles where the address is unknown or letters are not
# wanted (theme/templates/prisoner.html), per language; a language without a list uses "en".
# Only real, public groups at their own published address: OVD-Info is named in the project's
# reference (../shared/reference/prisoners.md), https://ovd.info/ is its public site. Add a
# group only with an address the group itself publishes; never guess one.
SUPPORT_GROUPS = {
    "en": [{"name": "OVD-Info", "url": "https://ovd.info/"}],
    "ru": [{"name": "ОВД-Инфо", "url": "https://ovd.info/"}],
    "uk": [{"name": "ОВД-Інфо", "url": "https://ovd.info/"}],
    "de": [{"name": "OVD-Info", "url": "https://ovd.info/"}],
    "fr": [{"name": "OVD-Info", "url": "https://ovd.info/"}],
    "es": [{"name": "OVD-Info", "url": "https://ovd.info/"}],
}
PRISONER_LINKS_EVERY_MENTION = False  # True: link every mention, not only the first
# ---- Build caches: a rebuild after an edit re-reads only changed files -----------------------
# Pelican's reader cache (Markdown → HTML and metadata per file, checked by mtime), the content
# catalogues' summaries and the compiled name matcher. content_model puts the reader cache in a
# sub-folder named after everything reading depends on (settings, UI catalogues, its own code),
# so a change there starts a fresh cache instead of serving stale HTML.
CACHE_PATH = str(Path(__file__).resolve().parent / "cache" / "pelican")
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "mtime"
GZIP_CACHE = False
# The compiled name matcher is kept here between builds (recompiled when the registry changes).
PRISONER_LINKS_CACHE = str(Path(__file__).resolve().parent / "cache")
# Longest text an editor may publish as one page; larger files are refused with a clear message.
MAX_SOURCE_BYTES = 1_000_000

# ---- Reader safety (plugins/security_headers, plugins/site_checks, plugins/mirror) ---------
# Every resource comes from the site itself; nothing may load from, or report to, another host.
CSP_DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
}
CSP_INLINE_SCRIPTS: list[str] = []  # exact text of any inline <script>; hashed into script-src
# Sources one listing adds to the policy, on its pages only (per language: `_headers`, nginx and
# the page's meta): the search page runs Pagefind's WebAssembly (plugins/site_search).
CSP_LISTING_SOURCES = {"search": {"script-src": ["'wasm-unsafe-eval'"]}}
# Markdown writes table alignment as these style attributes; only they are allowed (hashed).
CSP_STYLE_ATTRIBUTES = ["text-align: left;", "text-align: center;", "text-align: right;"]
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                          "browsing-topics=()",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Feeds and open data may be read by web-based feed readers and partners' pages.
EXTRA_HEADERS = {
    **{f"/{site_scheme.folder('feed-all', lang)}*": {"Access-Control-Allow-Origin": "*"}
       for lang in site_scheme.LANGUAGES},
    **{"/" + site_scheme.url(name): {"Access-Control-Allow-Origin": "*"}
       for name in ("open-data-json", "open-data-csv", "open-data-schema", "mentions")},
}
MIRROR_BUILD = False  # True in `invoke build --mirror`: relative links, works from file://
ONION_ADDRESS = ""  # e.g. "http://…onion/"; shown on the "If this site is blocked" page
