"""Mentions: find every gazetteer place a report names, and what it lacks.

One leftmost-longest Aho-Corasick pass over the normalised text finds the
names (so 中关村科学城 beats 中关村 and links never overlap). Small rules on
top handle what reports write that is not a plain name: context-scoped
aliases (北区 in the 中关村科学城 paragraph), phase suffixes and their
enumerations (东升科技园二期、三期), shared heads and suffixes in 、-lists
(吴店、长阳、窦店客运站; 西二、三环路), paired directions (东西水磨), and
organisation or event names that contain a place (中关村论坛) which are not
links. The matcher is a pure function of (text, automaton), so a corpus run
can build the automaton once and ship it to workers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import Place, is_placed
from .model import Mention, Programme, Report, Unlinked
from .normalize import Normalized, fold, normalize

if TYPE_CHECKING:
    import geopandas as gpd

# A name followed by one of these is part of a longer name the gazetteer
# lacks (中关村 in 中关村广场): linking the short name would place it wrongly,
# so the hit is dropped and the longer name is reported as unplaced instead.
COMPOUND_SUFFIXES: tuple[str, ...] = (
    "广场", "大街", "大厦", "公园", "科技园", "产业园", "工厂", "西延线", "东延线", "延长线", "南路", "北路",
    "东路", "西路", "中路", "大桥", "壹号", "一号", "小镇",
)
# A place name followed by one of these names an organisation or an event.
ORG_SUFFIXES: tuple[str, ...] = (
    "论坛", "人民政府", "区政府", "政府", "管委会", "委员会", "办事处", "公司", "集团", "协会", "大会",
)
_NOT_AFTER = ORG_SUFFIXES + COMPOUND_SUFFIXES
_NOT_AFTER_FIRST = frozenset(s[0] for s in _NOT_AFTER)
_NUMERALS = "一二三四五六七八九十0123456789"
_SPECIAL_AFTER = _NOT_AFTER_FIRST | frozenset(_NUMERALS)
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期")
_PHASE_ENUM = re.compile(r"[、和及与]([一二三四五六七八九十\d]{1,2}期)")
_DIRECTIONS = "东西南北"
MAX_ITEM = 8  # characters of an enumeration item considered for affix sharing
MAX_LIST_ITEMS = 64  # longer 、-lists are linked item by item but not expanded
_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_END_RE = re.compile("[" + re.escape(_SENTENCE_END) + "]")
BLOCKLIST_PATH = Path(__file__).with_name("data") / "not_places.txt"


# A match in normalised coordinates, before mapping back to the text:
# (entry, start, end), where ``Matcher.entry(entry)`` gives (place_id, method).
# It is the automaton's own tuple shape, so plain matches are used as they come:
# a dense report has a hit every dozen characters, and this is the hot path.
Hit = tuple[int, int, int]


@dataclass(frozen=True)
class LinkResult:
    report: Report
    mentions: tuple[Mention, ...]
    unlinked: tuple[Unlinked, ...]
    # Linked places (groups expanded) with a `programmes` column; None when
    # linked with geometry=False, which spares `geo scan` importing geopandas.
    places: gpd.GeoDataFrame | None
    # Rows the report names that the gazetteer knows but cannot place honestly
    # (precision=unplaced); their note says why.
    unplaced_places: tuple[Place, ...] = ()


def _blocklist() -> tuple[str, ...]:
    if not BLOCKLIST_PATH.exists():
        return ()
    lines = BLOCKLIST_PATH.read_text(encoding="utf-8").splitlines()
    return tuple(s for ln in lines if (s := ln.split("#", 1)[0].strip()))


# A 、-list: runs of name characters joined by 、. The look-behind anchors
# each try at the start of a run and the possessive ++ never backtracks, so
# the scan stays linear however long a run without 、 is.
_ENUM_LIST = re.compile(
    r"(?<![\u4e00-\u9fff0-9A-Za-z])[\u4e00-\u9fff0-9A-Za-z]++(?:、[\u4e00-\u9fff0-9A-Za-z]++)+"
)


def enumerations(norm: str, lo: int, hi: int) -> Iterator[list[tuple[int, int]]]:
    """Item spans of each 、-list in ``norm[lo:hi]``."""
    for m in _ENUM_LIST.finditer(norm, lo, hi):
        items, pos = [], m.start()
        for piece in m.group().split("、"):
            items.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        yield items


class Matcher:
    """The automaton over every name, alias and blocked phrase of a gazetteer."""

    def __init__(self, places: Iterable[Place], blocked: Iterable[str] | None = None) -> None:
        import ahocorasick_rs

        # Sorted by id so results never depend on the CSV's row order.
        self.places: dict[str, Place] = {p.id: p for p in sorted(places, key=lambda p: p.id)}
        names: dict[str, tuple[str, str]] = {}
        for p in self.places.values():
            for n, method in ((p.name, "exact"), *((a, "alias") for a in p.aliases)):
                key = fold(n)
                if key and (key not in names or (method == "exact" and names[key][1] == "alias")):
                    names[key] = (p.id, method)
        self.names = names
        self.blocked: tuple[str, ...] = tuple(_blocklist() if blocked is None else blocked)
        for phrase in self.blocked:
            names.setdefault(fold(phrase), ("", "blocked"))
        self.patterns: list[str] = list(names)
        # By pattern index, None for blocked phrases: the hot loop does no dict look-ups.
        # Entries for the hits the rules add (enumerations, scoped aliases) follow.
        self.entries: list[tuple[str, str] | None] = [
            None if e[1] == "blocked" else e for e in names.values()
        ]
        self._rule_entry: dict[tuple[str, str], int] = {}  # filled as the rules add hits
        self.automaton = ahocorasick_rs.AhoCorasick(
            self.patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        ) if self.patterns else None
        self.scoped: list[tuple[str, str, str]] = sorted(
            (fold(alias), fold(context), p.id) for p in self.places.values() for alias, context in p.scoped_aliases
        )
        self.scoped_automaton = ahocorasick_rs.AhoCorasick(
            [a for a, _, _ in self.scoped], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        ) if self.scoped else None

    def __reduce__(self) -> tuple:
        # Pickled as its inputs and rebuilt on arrival, so a Dask or Spark job can
        # broadcast one Matcher to every worker (the automaton itself won't pickle).
        return (Matcher, (tuple(self.places.values()), self.blocked))

    def lookup(self, s: str) -> str | None:
        entry = self.names.get(s)
        return entry[0] if entry and entry[1] != "blocked" else None

    def entry(self, index: int) -> tuple[str, str]:
        """``(place_id, method)`` of a hit's entry."""
        return self.entries[index]  # type: ignore[return-value]

    def resolve(self, hits: Iterable[Hit]) -> list[tuple[int, int, str, str]]:
        """Hits as ``(start, end, place_id, method)``, for reading."""
        return [(s, e, *self.entries[i]) for i, s, e in hits]  # type: ignore[misc]

    def _hit(self, place_id: str, method: str, start: int, end: int) -> Hit:
        key = (place_id, method)
        k = self._rule_entry.get(key)
        if k is None:  # appended, never changed: earlier hits stay valid
            k = self._rule_entry[key] = len(self.entries)
            self.entries.append(key)
        return (k, start, end)

    def find(self, norm: str, lo: int = 0, hi: int | None = None) -> list[Hit]:
        """All hits in ``norm[lo:hi]`` as ``(entry, start, end)``; non-overlapping, sorted by start."""
        hi = len(norm) if hi is None else hi
        hits = self._plain_hits(norm, lo, hi)
        if self.scoped_automaton is None and norm.find("、", lo, hi) < 0:
            return hits
        taken = _Spans(hits)
        self._scoped_hits(norm, lo, hi, taken)
        exact = {h[1]: h[2] for h in hits}
        for items in enumerations(norm, lo, hi):
            # Most lists are plain names, each already a hit: nothing to expand.
            if not all(exact.get(s) == e for s, e in items):
                self._expand_list(norm, items, taken)
        return taken.hits

    def _plain_hits(self, norm: str, lo: int, hi: int) -> list[Hit]:
        """Automaton hits; then a second look at the few that are blocked, followed by a
        numeral or a suffix, or start with a direction. The automaton runs over the whole
        text and [lo, hi) is cut out by bisection, so plain hits are never copied."""
        if self.automaton is None:
            return []
        hits = self.automaton.find_matches_as_indexes(norm)
        if lo > 0 or hi < len(norm):
            a = bisect.bisect_left(hits, lo, key=lambda h: h[1])
            b = bisect.bisect_right(hits, hi, lo=a, key=lambda h: h[2])
            hits = hits[a:b]
        entries, special, n = self.entries, _SPECIAL_AFTER, len(norm)
        suspects = {i for i, (k, s, e) in enumerate(hits)
                    if entries[k] is None or (e < n and norm[e] in special) or norm[s] in _DIRECTIONS}
        return self._second_look(norm, lo, hi, hits, suspects) if suspects else hits

    def _second_look(self, norm: str, lo: int, hi: int, hits: list[Hit], suspects: set[int]) -> list[Hit]:
        """Blocked phrases; organisation and compound names (中关村论坛, 中关村广场); phases
        (稻香湖再生水厂二期, 东升科技园二期、三期); paired directions (东西水磨 = 东水磨 + 西水磨)."""
        out: list[Hit] = []
        for i, h in enumerate(hits):
            if i not in suspects:
                out.append(h)
                continue
            k, start, end = h
            entry = self.entries[k]
            if entry is None:
                continue
            if end < hi and norm[end] in _NOT_AFTER_FIRST and norm.startswith(_NOT_AFTER, end):
                continue
            limit = hits[i + 1][1] if i + 1 < len(hits) else hi  # never overlap the next hit
            if end < limit and norm[end] in _NUMERALS and (m := _PHASE.match(norm, end, limit)):
                out.append((k, start, m.end()))
                pos = m.end()
                while m2 := _PHASE_ENUM.match(norm, pos, limit):
                    out.append(self._hit(entry[0], "enumeration", m2.start(1), m2.end(1)))
                    pos = m2.end()
                continue
            prev_end = out[-1][2] if out else lo
            before = norm[start - 1] if start - 1 >= prev_end else ""
            if before and before in _DIRECTIONS and norm[start] in _DIRECTIONS and before != norm[start]:
                other = self.lookup(before + norm[start + 1 : end])
                if other:
                    out.append(self._hit(other, "enumeration", start - 1, start))
            out.append(h)
        return out

    def _scoped_hits(self, norm: str, lo: int, hi: int, taken: _Spans) -> None:
        """北区 counts only in a paragraph that also names its context, 中关村科学城."""
        if self.scoped_automaton is None:
            return
        region = norm[lo:hi]
        for idx, s, e in self.scoped_automaton.find_matches_as_indexes(region):
            _, context, pid = self.scoped[idx]
            p_start = region.rfind("\n", 0, s) + 1
            p_end = region.find("\n", e)
            paragraph = region[p_start : p_end if p_end >= 0 else len(region)]
            if context in paragraph and taken.free(s + lo, e + lo):
                taken.add(self._hit(pid, "scoped-alias", s + lo, e + lo))

    def _expand_list(self, text: str, items: list[tuple[int, int]], taken: _Spans) -> None:
        """吴店、长阳、窦店客运站 and 西二、三环路: items share a head or a suffix.

        Work per item is bounded (short items, a few dozen look-ups), and long
        lists are not expanded at all: real shared-affix lists are short.
        """
        if len(items) > MAX_LIST_ITEMS or all(not taken.free(s, e) for s, e in items):
            return
        # The last item carries the shared suffix; it may be followed by other words (三环路大修).
        ls, le = items[-1]
        last_hit = taken.covering(ls, le)
        last = text[last_hit[1]:last_hit[2]] if last_hit else text[ls:min(le, ls + MAX_ITEM)]
        suffixes = [last[k:j] for j in range(len(last), 1, -1) for k in range(1, j)]
        # The first item carries the shared head; it may be preceded by a verb (推进吴店, 完成西二).
        fs, fe = items[0]
        first = text[max(fs, fe - MAX_ITEM):fe]
        for i, (s, e) in enumerate(items[:-1]):
            if not taken.free(s, e) or e - s > MAX_ITEM + (MAX_ITEM if i == 0 else 0):
                continue
            item = text[s:e]
            tails = [item[k:] for k in range(len(item))] if i == 0 else [item]
            for tail in tails:
                pid = next((p for suf in suffixes if (p := self.lookup(tail + suf))), None)
                if pid and taken.free(e - len(tail), e):
                    taken.add(self._hit(pid, "enumeration", e - len(tail), e))
                    break
        heads = [first[k:-1] for k in range(len(first) - 1)]
        for s, e in items[1:]:
            if not taken.free(s, min(e, s + 1)):
                continue
            item = text[s:min(e, s + MAX_ITEM)]
            found = next(((p, ln) for head in heads for ln in range(len(item), 0, -1)
                          if (p := self.lookup(head + item[:ln]))), None)
            if found and taken.free(s, s + found[1]):
                taken.add(self._hit(found[0], "enumeration", s, s + found[1]))


class _Spans:
    """Non-overlapping hits kept sorted by start, with bisection for every query."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits: list[Hit] = hits  # already sorted and non-overlapping
        self.starts: list[int] = [h[1] for h in hits]

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.hits[i - 1][2] > start:
            return False
        return not (i < len(self.hits) and self.hits[i][1] < end)

    def covering(self, start: int, end: int) -> Hit | None:
        """The first hit overlapping [start, end), if any."""
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.hits[i - 1][2] > start:
            return self.hits[i - 1]
        if i < len(self.hits) and self.hits[i][1] < end:
            return self.hits[i]
        return None

    def add(self, hit: Hit) -> None:
        i = bisect.bisect_right(self.starts, hit[1])
        self.hits.insert(i, hit)
        self.starts.insert(i, hit[1])


# --- report-level linking --------------------------------------------------------------------


MAX_SENTENCE = 240  # longer "sentences" (a 、-list of thousands) are quoted as a window


class Sentences:
    """Sentence boundaries of a text, found once, looked up by bisection.

    Quotes are cached: the mentions of one sentence share one string.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        self._cache: dict[tuple[int, int], str] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start)
        j = bisect.bisect_left(self.ends, end, i)
        return (self.ends[i - 1] if i > 0 else 0), (self.ends[j] if j < len(self.ends) else len(self.text))

    def at(self, start: int, end: int) -> str:
        a, b = self.bounds(start, end)
        if b - a > MAX_SENTENCE:
            half = max((MAX_SENTENCE - (end - start)) // 2, 0)
            a2, b2 = max(a, start - half), min(b, end + half)
            return ("…" if a2 > a else "") + self.text[a2:b2].strip() + ("…" if b2 < b else "")
        quote = self._cache.get((a, b))
        if quote is None:
            quote = self._cache[(a, b)] = self.text[a:b].strip()
        return quote


@dataclass
class _Context:
    """What mentions and unlinked names need to know about where they stand."""

    report: Report
    nz: Normalized

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.report.text)

    @cached_property
    def section_starts(self) -> list[int]:
        return [s.start for s in self.report.sections]

    @cached_property
    def body(self) -> tuple[int, int]:
        return self.nz.to_norm(self.report.body[0]), self.nz.to_norm(self.report.body[1])

    def section_path(self, offset: int, prog: Programme | None) -> tuple[str, ...]:
        if prog is not None:
            return prog.section_path
        i = bisect.bisect_right(self.section_starts, offset) - 1
        return (self.report.sections[i].title,) if i >= 0 else ("",)


def _find_mentions(ctx: _Context, matcher: Matcher) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Mentions, and the spans they take in the normalised text."""
    report, nz, text = ctx.report, ctx.nz, ctx.report.text
    lo, hi = ctx.body
    mentions: list[Mention] = []
    spans: list[tuple[int, int]] = []
    places, sentences, programme_at, entries = matcher.places, ctx.sentences, report.programme_at, matcher.entries
    for k, h_start, h_end in matcher.find(nz.norm, lo, hi):
        place_id, method = entries[k]  # type: ignore[misc]
        start, end = nz.span(h_start, h_end)
        place = places[place_id]
        prog = programme_at(start)
        mentions.append(Mention(
            surface=text[start:end], place_id=place_id, name=place.name, start=start, end=end,
            method=method, programme=prog.index if prog else None,
            sentence=sentences.at(start, end), section_path=ctx.section_path(start, prog),
        ))
        spans.append((h_start, h_end))
    return mentions, spans


def find_mentions(report: Report, matcher: Matcher, nz: Normalized | None = None) -> list[Mention]:
    return _find_mentions(_Context(report, nz or normalize(report.text)), matcher)[0]


def _find_unlinked(ctx: _Context, taken: Sequence[tuple[int, int]], matcher: Matcher,
                   tagged: bool = True) -> list[Unlinked]:
    from .unplaced import scored_candidates

    report, nz = ctx.report, ctx.nz
    lo, hi = ctx.body
    out: list[Unlinked] = []
    for s, e, kind, confidence in scored_candidates(nz.norm, lo, hi, taken, known=matcher.names, tagged=tagged):
        start, end = nz.span(s, e)
        prog = report.programme_at(start)
        out.append(Unlinked(report.text[start:end], start, end, kind, prog.index if prog else None,
                            ctx.sentences.at(start, end), confidence))
    return out


def find_unlinked(report: Report, mentions: Sequence[Mention], matcher: Matcher,
                  nz: Normalized | None = None, *, tagged: bool = True) -> list[Unlinked]:
    ctx = _Context(report, nz or normalize(report.text))
    taken = [(ctx.nz.to_norm(m.start), ctx.nz.to_norm(m.end)) for m in mentions]
    return _find_unlinked(ctx, taken, matcher, tagged)


def named_places(mentions: Sequence[Mention], matcher: Matcher) -> dict[str, set[int]]:
    """Place id -> programmes naming it, groups expanded to their parts."""
    progs: dict[str, set[int]] = {}
    for m in mentions:
        place = matcher.places[m.place_id]
        ids = [pid for pid in place.parts if pid in matcher.places] if place.kind == "group" else [place.id]
        for pid in ids:
            progs.setdefault(pid, set())
            if m.programme is not None:
                progs[pid].add(m.programme)
    return progs


def linked_places(progs: dict[str, set[int]], matcher: Matcher) -> gpd.GeoDataFrame:
    from .gazetteer import to_geodataframe

    placed = [matcher.places[pid] for pid in sorted(progs) if is_placed(matcher.places[pid])]
    gdf = to_geodataframe(placed)
    gdf["programmes"] = [sorted(progs[pid]) for pid in gdf.index]
    return gdf


def link(report: Report, places: Iterable[Place] | Matcher, *, geometry: bool = True,
         tagged: bool = True) -> LinkResult:
    """Link a report against a gazetteer (Places, or a prebuilt Matcher).

    ``tagged=False`` finds unplaced names by the rules alone, without the
    statistical tagger: about three times faster, for scanning large corpora."""
    matcher = places if isinstance(places, Matcher) else Matcher(places)
    ctx = _Context(report, normalize(report.text))
    mentions, spans = _find_mentions(ctx, matcher)
    unlinked = _find_unlinked(ctx, spans, matcher, tagged)
    progs = named_places(mentions, matcher)
    unplaced = tuple(matcher.places[pid] for pid in sorted(progs) if not is_placed(matcher.places[pid]))
    places = linked_places(progs, matcher) if geometry else None
    return LinkResult(report, tuple(mentions), tuple(unlinked), places, unplaced)
