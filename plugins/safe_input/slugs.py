"""The one slug function: every slug on the site (article, page, tag, category, registry entry,
file names made by ``invoke new``) is made by :func:`slugify` and matches :data:`SLUG_PATTERN`.

Character set: lowercase ASCII letters, digits and single hyphens between them — safe in every
URL, file system and shell, and the same in every language's URL.

Transliteration: Unidecode (the one already used for file names). The soft and hard signs
(ь ъ) and apostrophes inside words are dropped before it, not turned into hyphens:
"Дарье Козыревой" -> "dare-kozyrevoi", not "dar-e-kozyrevoi" (issue 17); "Дар'я" -> "daria".
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# Soft and hard signs, and the apostrophes written inside words (Ukrainian м'ясо, French l'été,
# German geht's): U+0027, U+2019 RIGHT SINGLE QUOTATION MARK, U+02BC MODIFIER LETTER APOSTROPHE.
_DROPPED = str.maketrans("", "", "ьъЬЪ'\u2019\u02bc")


def slugify(text: str) -> str:
    """"Свободу Азату Мифтахову и Дарье Козыревой" -> "svobodu-azatu-miftakhovu-i-dare-kozyrevoi".
    Returns "" when nothing of the text can be written in the slug alphabet (an emoji)."""
    text = unicodedata.normalize("NFC", text).translate(_DROPPED)
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


def is_slug(text: str) -> bool:
    """True when ``text`` is already in the slug alphabet (what an explicit `Slug:` must be)."""
    return bool(_SLUG.match(text))
