"""Precision and recall of linking and of unlinked-name detection, on labelled text.

    python bench/eval_linking.py            # the table
    python bench/eval_linking.py -v         # plus each miss and each false hit

The labelled set is tests/data/labelled/: one ``NAME.txt`` per report excerpt
and a ``NAME.json`` with ``places`` (names a reader would map), ``not_places``
(phrases that look like places but are not) and ``ambiguous`` (neither
rewarded nor penalised), plus ``split``, ``source`` and ``note``.

Splits. "dev": text the rules were written and tuned on; it includes every
earlier held-out round (each file's ``note`` says which round and what the
round scored before the rules were revised on it). "heldoutN" (heldout5, …):
round N of held-out text, gathered and labelled by reading it before the rules
were run on it, and scored once with the rules as they then stood. A held-out
figure means something only while no rule has been changed because of that
round's errors; once it has been looked at and the rules revised, the round is
moved to "dev" with a note, and the next round starts. The table has one row
per split found, dev first.

Unlinked detection runs with an empty gazetteer, so every labelled place is
expected; it runs again with places.csv when that file has rows, expecting
the labelled places that it does not link. Under each, "the likely ones"
scores only the names the tagger gives at least ``geo.model.LIKELY``
confidence, on the held-out splits: what a user who reads the likely names
alone gets (not on dev, which the tagger was trained on). Linking needs places.csv: a place
is expected to be linked when its name or alias is in the gazetteer.
Names are compared after normalisation (simplified, half-width, no pinyin).

``tests/data/second_reader/`` holds a second reader's labels of some texts,
made blind from the same text; the last row scores them against the first
reader's as if they were the detector's output: how far two readers agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.errors import GeoError  # noqa: E402
from geo.link import Matcher, find_mentions, find_unlinked  # noqa: E402
from geo.model import LIKELY  # noqa: E402
from geo.normalize import normalize  # noqa: E402
from geo.report import read_report  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "labelled"
SECOND_READER = ROOT / "tests" / "data" / "second_reader"
PLACES_CSV = ROOT / "places.csv"


# A line is labelled by its name (13号线); the text may add the mode (地铁13号线).
_LINE_PREFIXES = ("轨道交通", "地铁", "轻轨")


def canon(s: str) -> str:
    s = normalize(s).norm.replace('"', "")
    if s.endswith("线"):
        for prefix in _LINE_PREFIXES:
            if s.startswith(prefix) and len(s) > len(prefix) + 1:
                return s[len(prefix) :]
    return s


@dataclass
class Doc:
    name: str
    split: str
    path: Path
    places: set[str]
    not_places: set[str]
    ambiguous: set[str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_docs(folder: Path = LABELLED) -> list[Doc]:
    docs = []
    for meta in sorted(folder.glob("*.json")):
        d = json.loads(meta.read_text(encoding="utf-8"))
        docs.append(
            Doc(
                meta.stem, d.get("split", "dev"), meta.with_suffix(".txt"), {canon(s) for s in d["places"]},
                {canon(s) for s in d.get("not_places", [])}, {canon(s) for s in d.get("ambiguous", [])},
            )
        )  # fmt: skip
    return docs


def load_gazetteer() -> tuple[Matcher | None, str]:
    if not PLACES_CSV.exists():
        return None, f"{PLACES_CSV.name} not found: linking not measured"
    from geo.gazetteer import load_places

    try:
        places = load_places(PLACES_CSV)
    except GeoError as e:
        return None, f"{PLACES_CSV.name} cannot be used ({e}): linking not measured"
    if not places:
        return None, f"{PLACES_CSV.name} has no rows yet: linking not measured"
    return Matcher(places), f"{PLACES_CSV.name}: {len(places)} places"


def score_unlinked(doc: Doc, matcher: Matcher, score: Score, likely: Score | None = None) -> None:
    """Score the unlinked names found in ``doc``; ``likely`` scores the likely ones alone."""
    report = read_report(doc.path)
    mentions = find_mentions(report, matcher)
    linked = {canon(m.surface) for m in mentions}
    unlinked = find_unlinked(report, mentions, matcher)
    expected = {p for p in doc.places if p not in linked and not any(p in s for s in linked)}
    _score_found(doc, {canon(u.surface) for u in unlinked}, expected, score)
    if likely is not None:
        _score_found(doc, {canon(u.surface) for u in unlinked if u.likely is not False}, expected, likely)


def _score_found(doc: Doc, found: set[str], expected: set[str], score: Score) -> None:
    for name in sorted(found):
        if name in expected:
            score.tp += 1
        elif name not in doc.ambiguous and name not in doc.places:
            score.fp += 1
            score.false.append(f"{doc.name}: {name}")
    for name in sorted(expected - found):
        score.fn += 1
        score.misses.append(f"{doc.name}: {name}")


def score_second_reader(doc: Doc, second: Path, score: Score) -> None:
    """A second reader's places scored as if they were the detector's output."""
    d = json.loads(second.read_text(encoding="utf-8"))
    found = {canon(s) for s in d["places"]}
    for name in sorted(found):
        if name in doc.places:
            score.tp += 1
        elif name not in doc.ambiguous:
            score.fp += 1
            score.false.append(f"{doc.name}: {name}")
    for name in sorted(doc.places - found):
        score.fn += 1
        score.misses.append(f"{doc.name}: {name}")


def score_linking(doc: Doc, matcher: Matcher, score: Score) -> None:
    report = read_report(doc.path)
    nz = normalize(report.text)
    mentions = find_mentions(report, matcher, nz)
    # Every occurrence of a labelled name, as spans of the text; an occurrence
    # inside a longer labelled one (中关村 in 中关村大街) is that one's.
    spans: dict[str, list[tuple[int, int]]] = {}
    for name in sorted(doc.places | doc.ambiguous | doc.not_places, key=len, reverse=True):
        pos = nz.norm.find(name) if name else -1
        while pos >= 0:
            a, b = nz.span(pos, pos + len(name))
            if not any(x <= a and b <= y for occ in spans.values() for x, y in occ):
                spans.setdefault(name, []).append((a, b))
            pos = nz.norm.find(name, pos + 1)

    def overlaps(m, names) -> bool:
        return any(a < m.end and m.start < b for n in names for a, b in spans.get(n, ()))

    for m in mentions:
        # A mention may be longer than the label (东升科技园二期, 长安街沿线).
        if overlaps(m, doc.places | doc.ambiguous) and not overlaps(m, doc.not_places):
            score.tp += 1
        else:
            score.fp += 1
            score.false.append(f"{doc.name}: {m.surface} -> {m.place_id}")
    for name in sorted(doc.places):
        if matcher.lookup(name) is None:
            continue  # the gazetteer lacks it: an unlinked name, not a missed link
        for a, b in spans.get(name, ()):
            if not any(m.start < b and a < m.end for m in mentions):
                score.fn += 1
                score.misses.append(f"{doc.name}: {name} at {a}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    args = parser.parse_args(argv)
    docs = load_docs()
    rows: list[tuple[str, str, int, Score]] = []
    empty = Matcher([])
    splits = sorted({d.split for d in docs}, key=lambda sp: (sp != "dev", sp))

    def by_split(label: str, matcher: Matcher, *, likely_too: bool = False) -> None:
        likely_rows = []
        for split in splits:
            part = [d for d in docs if d.split == split]
            s, likely = Score(), Score()
            for d in part:
                score_unlinked(d, matcher, s, likely)
            rows.append((label, split, len(part), s))
            # Not on dev: the tagger was trained on it, and is sure of its names and doubts its false ones.
            if likely_too and split != "dev":
                likely_rows.append((f"  the likely ones (>= {LIKELY})", split, len(part), likely))
        rows.extend(likely_rows)

    by_split("unlinked names, empty gazetteer", empty, likely_too=True)
    gazetteer, note = load_gazetteer()
    if gazetteer is not None:
        by_split("unlinked names, places.csv", gazetteer)
        sample = [d for d in docs if d.name == "haidian-2021-12-15"]
        s = Score()
        for d in sample:
            score_linking(d, gazetteer, s)
        rows.append(("linking, places.csv", "sample", len(sample), s))
    # How far two careful readers agree: the ceiling a detector is measured against.
    pairs = [(d, SECOND_READER / f"{d.name}.json") for d in docs if (SECOND_READER / f"{d.name}.json").exists()]
    if pairs:
        s = Score()
        for d, second in pairs:
            score_second_reader(d, second, s)
        rows.append(("second reader vs first (labels)", "agreement", len(pairs), s))
    print(f"{'measure':34} {'split':9} {'docs':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>6}")
    for label, split, n, s in rows:
        print(f"{label:34} {split:9} {n:>4} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.2f} {s.recall:>6.2f}")
    print(note)
    if args.verbose:
        for label, split, _, s in rows:
            for line in s.false:
                print(f"  false  [{label}, {split}] {line}")
            for line in s.misses:
                print(f"  missed [{label}, {split}] {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
