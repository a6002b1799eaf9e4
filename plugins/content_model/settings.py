"""plugins/content_model's settings, declared once (site_settings)."""

from safe_input.text import MAX_SOURCE_BYTES
from site_settings import REQUIRED, Setting, declare

SCHEMA = declare(
    "content_model", ("CATEGORIES", "LICENSE_", "QUOTES", "ARTICLE_TEMPLATE", "PAGE_TEMPLATE",
                      "MAX_SOURCE_"),
    Setting("CATEGORIES", list[str], REQUIRED, "The sections an article's Category may name"),
    Setting("LICENSE_DEFAULT", str, "", "Licence of a text without a License field"),
    Setting("ARTICLE_TEMPLATES", list[str], ["article"],
            "Templates an article's Template field may name"),
    Setting("PAGE_TEMPLATES", list[str], ["page"], "Templates a page's Template field may name"),
    Setting("QUOTES", dict[str, tuple[str, str]], {},
            "Quotation marks per language for straight double quotes, (left, right) as HTML "
            "entities"),
    Setting("MAX_SOURCE_BYTES", int, MAX_SOURCE_BYTES,
            "Largest text an editor may publish as one page (bytes)", bounds=(1, None)),
)
