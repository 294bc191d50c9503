"""A statistical tagger for place names the suffix rules cannot see.

The rules in ``unplaced`` find names by their suffixes and lists; on new text
they miss names with no suffix (十八里店, 高碑店, 首钢滑雪大跳台) and kinds they
have no rule for. This tagger is a linear-chain CRF over characters
(python-crfsuite), trained on the labelled report excerpts in
``tests/data/labelled`` by ``scripts/train_tagger.py``; its features are the
characters around each position plus what the rules know: where suffixes,
stop words and the report's own division names stand, and where the name of
any of the country's villages or communities stands (北七家, 三家店: a hint,
not proof, since 建设 and 光明 are villages too). Only the names it is
sure of (every character's marginal ≥ ``CONFIDENCE``) are added to the rules'
candidates, so it raises recall without lowering precision (measured in
README).

Text is tagged a sentence at a time (at most ``MAX_CHUNK`` characters), so time
and memory stay linear in the report's length.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

MODEL = Path(__file__).with_name("data") / "names.crf"
VILLAGES = Path(__file__).with_name("data") / "village_names.txt.gz"
_VILLAGE_MAX = 8  # the longest stem kept by scripts/build_village_names.py
# Every character of a name must be tagged with at least this marginal probability.
CONFIDENCE = 0.95
MAX_CHUNK = 400
_DIVISION_ENDS = frozenset("省市县区旗镇乡村")
_SENTENCE_END = re.compile(r"[。;;!!??\n]")
_CLAUSE_END = re.compile(r"[,,、]")


def _cls(c: str) -> str:
    if "\u3400" <= c <= "\u9fff":
        return "H"
    if c.isdigit():
        return "D"
    return "L" if c.isascii() and c.isalpha() else "P"


def features(norm: str, area: Mapping[str, object] = {}) -> list[list[str]]:
    """Feature strings for each character of ``norm`` (the training script uses the same)."""
    import ahocorasick_rs

    from .unplaced import _automata

    n = len(norm)
    _, suffixes, suffix_ac, _, stop_ac = _automata()
    suffix_at: list[str | None] = [None] * n
    suffix_end: list[str | None] = [None] * n
    for idx, s, e in suffix_ac.find_matches_as_indexes(norm):
        suffix_at[s] = suffix_end[e - 1] = suffixes[idx]
    stop_end = [False] * n
    for _, _, e in stop_ac.find_matches_as_indexes(norm, overlapping=True):
        stop_end[e - 1] = True
    area_tag = ["O"] * n
    if area:
        names = sorted(area)
        ac = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        for _, s, e in ac.find_matches_as_indexes(norm):
            area_tag[s:e] = ["B"] + ["I"] * (e - s - 1)
    generic = [False] * n
    for _, s, e in _generic_ac().find_matches_as_indexes(norm, overlapping=True):
        generic[s:e] = [True] * (e - s)
    village = _village_tags(norm)
    padded = "###" + norm + "###"  # three either side: characters up to three away
    classes = "E" + "".join(_cls(c) for c in norm) + "E"
    rows = []
    for i in range(n):
        j = i + 3  # index into ``padded``
        c0, cm1, cp1 = padded[j], padded[j - 1], padded[j + 1]
        row = [
            "bias", "c0=" + c0, "c-1=" + cm1, "c+1=" + cp1, "c-2=" + padded[j - 2], "c+2=" + padded[j + 2],
            "b-1=" + cm1 + c0, "b+1=" + c0 + cp1, "cls=" + classes[i : i + 3],
            f"suffix_end={suffix_end[i]}", f"suffix_here={suffix_at[i]}", f"stop_before={i == 0 or stop_end[i - 1]}",
            f"stop_end={stop_end[i]}", "area=" + area_tag[i], f"generic={generic[i]}",
            "b-2=" + padded[j - 2] + cm1, "b+2=" + cp1 + padded[j + 2],
            "village=" + village[i], "village-1=" + (village[i - 1][:1] if i else "S"),
            # trigrams and characters three away (4-fold on 970 texts: 61 more names found, 11 fewer false)
            "t0=" + padded[j - 1 : j + 2], "t-1=" + padded[j - 2 : j + 1], "t+1=" + padded[j : j + 3],
            "c-3=" + padded[j - 3], "c+3=" + padded[j + 3],
        ]  # fmt: skip
        for k in (1, 2, 3):
            if i + k < n and suffix_at[i + k]:
                row.append(f"suffix_in{k}={suffix_at[i + k]}")
        rows.append(row)
    _add_list_items(norm, rows)
    return rows


_ITEM_BREAKS = frozenset("、,。;:!?()\n\t ")  # (text is folded: no full-width forms)


def _add_list_items(norm: str, rows: list[list[str]]) -> None:
    """Mark the characters of a 、-list's items with the item's length and their place in it: short items
    between 、 are names more often than not, suffix or none (4-fold on 1,571 texts: 67 more names, 13 more false)."""
    n = len(norm)
    left = [-1] * n  # the nearest break before each character, and after it
    last = -1
    for i, ch in enumerate(norm):
        left[i] = last
        if ch in _ITEM_BREAKS:
            last = i
    right = [n] * n
    last = n
    for i in range(n - 1, -1, -1):
        right[i] = last
        if norm[i] in _ITEM_BREAKS:
            last = i
    for i in range(n):
        a, b = left[i], right[i]
        after, before = a >= 0 and norm[a] == "、", b < n and norm[b] == "、"
        if norm[i] in _ITEM_BREAKS or not (after or before):
            continue
        size = min(b - a - 1, 9)
        at = "B" if i == a + 1 else "E" if i == b - 1 else "I"
        rows[i] += [f"inlist={int(after)}{int(before)}", f"ilen={size}", f"ipos={at}", f"ilenpos={size}{at}"]


@functools.cache
def _village_names() -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the country's village and community names (NBS 2023; scripts/build_village_names.py),
    and their first two characters (most text positions start no name: one lookup rules them out)."""
    if not VILLAGES.exists():
        return frozenset(), frozenset()
    with gzip.open(VILLAGES, "rt", encoding="utf-8") as f:
        names = f.read().split()
    return frozenset(names), frozenset(n[:2] for n in names)


def _village_tags(norm: str) -> list[str]:
    """B or I, with the name's length (capped at 5), where a village's name stands; leftmost, then longest."""
    names, heads = _village_names()
    tags = ["O"] * len(norm)
    i, n = 0, len(norm)
    while i < n:
        if norm[i : i + 2] not in heads:
            i += 1
            continue
        for k in range(min(_VILLAGE_MAX, n - i), 1, -1):
            if norm[i : i + k] in names:
                length = min(k, 5)
                tags[i : i + k] = [f"B{length}"] + [f"I{length}"] * (k - 1)
                i += k
                break
        else:
            i += 1
    return tags


@functools.cache
def _generic_ac():
    import ahocorasick_rs

    from .unplaced import GENERIC_STEM_WORDS

    words = sorted(w for w in GENERIC_STEM_WORDS if len(w) >= 2)
    return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard)


def chunks(norm: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Spans of ``norm[lo:hi]`` a sentence long, at most MAX_CHUNK characters each."""
    start = lo
    while start < hi:
        end = min(hi, start + MAX_CHUNK)
        if end < hi:
            window = norm[start:end]
            cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
            cut = cut or max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
            end = start + cut if cut else end
        yield start, end
        start = end


@functools.cache
def _tagger():
    import pycrfsuite

    if not MODEL.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def runs(tags: list[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each name in a B/I/O tagging: a B or I, then the I after it."""
    i = 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        j = i + 1
        while j < len(tags) and tags[j] == "I":
            j += 1
        yield i, j
        i = j


@dataclass(frozen=True)
class Tagging:
    """What the tagger read in one region: the names it is sure of, and how sure it is of given spans."""

    names: tuple[tuple[int, int, float], ...]  # (start, end, confidence) of the names it is sure of
    spans: Mapping[tuple[int, int], float]  # for each span asked: how sure that it is exactly one name
    within: Mapping[tuple[int, int], float]  # … and that it starts a name and lies inside one (of any end)


def tag(
    norm: str, lo: int, hi: int, area: Mapping[str, object] = {}, spans: Iterable[tuple[int, int]] = ()
) -> Tagging | None:
    """Tag ``norm[lo:hi]``: the names the tagger is sure of, and the confidence of ``spans``.

    A span's confidence is the smallest marginal of the tags that make it one name: B at its start,
    I inside and not I after it; ``within`` leaves its end free (B at its start, not O inside), so a
    part of a longer name still scores high. None when no model is installed."""
    tagger = _tagger()
    if tagger is None:
        return None
    asked = sorted(set(spans))
    found: list[tuple[int, int, float]] = []
    confidence: dict[tuple[int, int], float] = {}
    within: dict[tuple[int, int], float] = {}
    k = 0
    for a, b in chunks(norm, lo, hi):
        tagger.set(features(norm[a:b], area))
        tags = tagger.tag()
        for i, j in runs(tags):
            sure = min(tagger.marginal(tags[x], x) for x in range(i, j))
            if sure >= CONFIDENCE:
                found.append((a + i, a + j, sure))
        while k < len(asked) and asked[k][0] < b:
            s, e = asked[k]
            k += 1
            if s < a or e > b:
                confidence[(s, e)] = within[(s, e)] = 0.0  # across a sentence's end: never one name
                continue
            start = tagger.marginal("B", s - a)
            inside = [tagger.marginal("I", x - a) for x in range(s + 1, e)]
            after = [1.0 - tagger.marginal("I", e - a)] if e < b else []
            confidence[(s, e)] = min([start, *inside, *after])
            # A place after its division (枫林镇|隆兴坳村) may start a name or go on with one: readers
            # label the whole too, and so taught the tagger.
            opens = 1.0 - tagger.marginal("O", s - a) if s > a and norm[s - 1] in _DIVISION_ENDS else start
            within[(s, e)] = min([opens] + [1.0 - tagger.marginal("O", x - a) for x in range(s + 1, e)])
    return Tagging(tuple(found), confidence, within)


def names(norm: str, lo: int, hi: int, area: Mapping[str, object] = {}) -> Iterator[tuple[int, int, float]]:
    """``(start, end, confidence)`` of the names the tagger is sure of in ``norm[lo:hi]``."""
    tagging = tag(norm, lo, hi, area)
    if tagging is not None:
        yield from tagging.names
