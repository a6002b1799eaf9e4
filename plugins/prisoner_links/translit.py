"""Latin spellings of a Cyrillic name: established schemes (iuliia) plus the German and French
press conventions, which no scheme library carries (Кагарлицкий -> Kagarlizki, Kagarlitski)."""

from __future__ import annotations

import iuliia

# (label, schema): English/Wikipedia, BGN/PCGN, scientific, ISO 9, passport (ICAO), French MVD.
SCHEMES = (
    ("Wikipedia", iuliia.WIKIPEDIA),
    ("BGN/PCGN", iuliia.BGN_PCGN),
    ("scientific", iuliia.SCIENTIFIC),
    ("ISO 9", iuliia.GOST_7034),
    ("ICAO passport", iuliia.ICAO_DOC_9303),
    ("French MVD", iuliia.MVD_310_FR),
)

_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}
_FRENCH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
    "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
}
_VOWELS = set("аеёиоуыэюяьъ")


def _press(word: str, table: dict[str, str], german: bool) -> str:
    low = word.lower()
    # Press usage drops the adjectival ending's й: Кагарлицкий -> Kagarlizki / Kagarlitski.
    if low.endswith(("ий", "ый")):
        low = low[:-2] + "и"
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        if german and ch == "е" and (not prev or prev in _VOWELS):
            out.append("je")
        elif ch == "с" and prev in _VOWELS and i + 1 < len(low) and low[i + 1] in _VOWELS:
            out.append("ss")  # Matissow, Matissov: a single s between vowels reads as z
        else:
            out.append(table.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def german_press(word: str) -> str:
    return _press(word, _GERMAN, german=True)


def german_press_tz(word: str) -> str:
    """The German press variant that writes ц as "tz" (Kagarlitzki, Kusnetzow) where the
    Duden rule writes "z" (Kagarlizki, Kusnezow)."""
    return _press(word, {**_GERMAN, "ц": "tz"}, german=True)


def french_press(word: str) -> str:
    return _press(word, _FRENCH, german=False)


def latin_spellings(word: str) -> dict[str, str]:
    """{spelling: rule} for one Cyrillic word."""
    out: dict[str, str] = {}
    for label, schema in SCHEMES:
        out.setdefault(schema.translate(word), f"transliteration ({label})")
    out.setdefault(german_press(word), "transliteration (German press)")
    if "ц" in word.lower():
        out.setdefault(german_press_tz(word), "transliteration (German press, ц as tz)")
    out.setdefault(french_press(word), "transliteration (French press)")
    low = word.lower()
    if low.endswith(("ский", "цкий", "ской")):
        # -sky / -skiy / -skii / -ski / -skij are all in use for the same ending.
        for spelling in list(out):
            stem = spelling.rstrip("iyjĭ").removesuffix("i")
            for ending in ("y", "iy", "ii", "i", "ij", "yi"):
                out.setdefault(stem + ending, "transliteration (-sky ending variant)")
    return out
