"""A matching copy of the report text, with a map back to the text as shown.

Reports arrive in traditional characters, with full-width or half-width
punctuation, CJK or ASCII quotes, and sometimes with pinyin spliced into words
(``中關(guān)村``). Matching runs on a normalised copy; every offset found there
maps back through ``orig`` so mentions still index ``Report.text``.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

# Tone-marked (or tone-numbered) pinyin in brackets right after a CJK
# character, as some web copies insert for every character of a phrase.
_TONED_SPLICE = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]"
    r"(?:[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,4}|[a-zü]{1,6}[1-5])"
    r"[)）]"
)
# The same pages give neutral-tone syllables no mark: (men), (de). Plain ASCII
# words in brackets may be real content ("(AI)"), so these are removed only
# from texts that already show toned splices.
_TONELESS_SPLICE = re.compile(r"(?<=[\u3400-\u9fff])[(（](?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü][a-zü]{0,4}[)）]")

_PUNCT = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u300c": '"',
    "\u300d": '"',
    "\u300e": '"',
    "\u300f": '"',
    "\u2014": "-",
    "\u2013": "-",
    "\u2015": "-",
    "\u2012": "-",
    "\uff5e": "~",
    "\u30fb": "\u00b7",
    "\u2027": "\u00b7",
}


@functools.cache
def _table() -> dict[int, str]:
    """Full-width ASCII -> ASCII, quotes unified, traditional -> simplified (char by char)."""
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(k): v for k, v in _PUNCT.items()})
    table.update(_t2s_chars())
    table.update({ord(k): v for k, v in _VARIANTS.items()})
    return table


# Traditional variants OpenCC's character table leaves alone, seen in web copies of reports.
_VARIANTS = {"陜": "陕"}  # 陜西 (the variant of 陝西)


def _t2s_chars() -> dict[int, str]:
    # OpenCC's own character table; phrase-level conversion would change
    # lengths, and one-to-one characters are what place names need.
    try:
        import opencc
    except ImportError:  # matching then works on simplified text only
        return {}
    path = Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            table[ord(trad)] = simp
    return table


def fold(s: str) -> str:
    """Normalise a gazetteer name the same way as report text (no deletions)."""
    return s.translate(_table())


@dataclass(frozen=True)
class Normalized:
    text: str  # the text as shown
    norm: str  # the matching copy
    orig: array  # orig[i] = index in text of norm[i]; orig[len(norm)] = len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``norm`` back to ``text``."""
        orig = self.orig
        return orig[start], orig[end - 1] + 1 if end > start else orig[start]

    def to_norm(self, offset: int) -> int:
        """The first norm index at or after a text offset."""
        return bisect.bisect_left(self.orig, offset, 0, len(self.norm))


def splices(text: str) -> list[tuple[int, int]]:
    """Spans of spliced pinyin, in text order."""
    toned = [m.span() for m in _TONED_SPLICE.finditer(text)]
    if not toned:
        return []
    spans = sorted(set(toned) | {m.span() for m in _TONELESS_SPLICE.finditer(text)})
    return spans


def normalize(text: str) -> Normalized:
    folded = text.translate(_table())
    deletions = splices(text)
    if not deletions:
        return Normalized(text, folded, array("q", range(len(text) + 1)))
    pieces: list[str] = []
    orig = array("q")
    pos = 0
    for a, b in deletions:
        pieces.append(folded[pos:a])
        orig.extend(range(pos, a))
        pos = b
    pieces.append(folded[pos:])
    orig.extend(range(pos, len(text) + 1))
    return Normalized(text, "".join(pieces), orig)
