"""A character CRF for unplaced names, trained on the dev texts: an experiment, not shipped.

    pip install python-crfsuite
    python bench/crf_experiment.py            # CRF on characters, suffix lists, stop words, division names
    python bench/crf_experiment.py --rules    # ... plus the rules' own candidates as features

It trains on every labelled text except held-out rounds 12 and 13, and scores
those two rounds the way bench/eval_linking.py scores the rules, so the two
can be compared. The rules were revised on round 12 after it was scored, so
round 13 is the clean comparison. Findings are in README ("Measured").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_linking import Doc, Score, canon, load_docs  # noqa: E402

from geo import unplaced  # noqa: E402
from geo.divisions import area_names  # noqa: E402
from geo.normalize import normalize  # noqa: E402
from geo.report import read_report  # noqa: E402

SUFFIXES = sorted({s for s, _ in unplaced.SUFFIXES}, key=len, reverse=True)
STOPS = frozenset(unplaced.STOP_WORDS)
TEST_ROUNDS = (12, 13)


def held_out_round(doc: Doc) -> int | None:
    note = json.loads(doc.path.with_suffix(".json").read_text(encoding="utf-8")).get("note", "")
    m = re.search(r"held-out (?:in )?round (\d+)", note)
    return int(m.group(1)) if m else None


def bio(norm: str, spans: list[tuple[int, int]]) -> list[str]:
    tags = ["O"] * len(norm)
    for s, e in spans:
        if all(t == "O" for t in tags[s:e]):
            tags[s : s + 1] = ["B"]
            tags[s + 1 : e] = ["I"] * (e - s - 1)
    return tags


def occurrences(norm: str, names: set[str]) -> list[tuple[int, int]]:
    out = []
    for name in sorted(names, key=len, reverse=True):
        i = norm.find(name) if name else -1
        while i >= 0:
            out.append((i, i + len(name)))
            i = norm.find(name, i + 1)
    return out


def features(norm: str, rules: list[str] | None) -> list[list[str]]:
    n = len(norm)
    suffix_at: list[str | None] = [None] * n
    suffix_end: list[str | None] = [None] * n
    for i in range(n):
        for s in SUFFIXES:
            if norm.startswith(s, i):
                suffix_at[i], suffix_end[i + len(s) - 1] = s, s
                break
    stop_end = [any(norm[max(0, i - k + 1) : i + 1] in STOPS for k in (1, 2, 3, 4)) for i in range(n)]
    area = bio(norm, occurrences(norm, set(area_names(norm))))

    def ch(i: int) -> str:
        return norm[i] if 0 <= i < n else "#"

    def cls(c: str) -> str:
        if c == "#":
            return "E"
        if "\u3400" <= c <= "\u9fff":
            return "H"
        return "D" if c.isdigit() else "L" if c.isascii() and c.isalpha() else "P"

    rows = []
    for i in range(n):
        f = [
            "bias", f"c0={ch(i)}", f"c-1={ch(i - 1)}", f"c+1={ch(i + 1)}", f"c-2={ch(i - 2)}", f"c+2={ch(i + 2)}",
            f"b-1={ch(i - 1)}{ch(i)}", f"b+1={ch(i)}{ch(i + 1)}", f"cls={cls(ch(i - 1))}{cls(ch(i))}{cls(ch(i + 1))}",
            f"suffix_end={suffix_end[i]}", f"suffix_here={suffix_at[i]}", f"stop_before={i == 0 or stop_end[i - 1]}",
            f"stop_end={stop_end[i]}", f"area={area[i]}",
        ]  # fmt: skip
        f += [f"suffix_in{k}={suffix_at[i + k]}" for k in (1, 2, 3) if i + k < n and suffix_at[i + k]]
        if rules is not None:
            before, after = rules[i - 1] if i else "S", rules[i + 1] if i + 1 < n else "E"
            f += [f"rule={rules[i]}", f"rule-1={before}", f"rule+1={after}"]
        rows.append(f)
    return rows


def prepare(doc: Doc, with_rules: bool) -> tuple[str, list[list[str]], list[str]]:
    norm = normalize(read_report(doc.path).text).norm
    # Ambiguous names are taught as names: predicting them is never counted against the tagger.
    gold = bio(norm, occurrences(norm, doc.places | doc.ambiguous))
    rules = bio(norm, [(s, e) for s, e, _ in unplaced.candidates(norm, 0, len(norm), [])]) if with_rules else None
    return norm, features(norm, rules), gold


def spans_of(tags: list[str]) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(tags):
        if tags[i] != "O":
            j = i + 1
            while j < len(tags) and tags[j] == "I":
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", action="store_true", help="give the CRF the rules' candidates as features")
    args = parser.parse_args()
    try:
        import pycrfsuite
    except ImportError:
        print("needs python-crfsuite: pip install python-crfsuite", file=sys.stderr)
        return 2
    docs = load_docs()
    test = [d for d in docs if held_out_round(d) in TEST_ROUNDS]
    train = [d for d in docs if d not in test]
    trainer = pycrfsuite.Trainer(verbose=False)
    for d in train:
        _, x, y = prepare(d, args.rules)
        trainer.append(x, y)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        model = str(Path(tmp) / "names.crf")
        trainer.train(model)
        tagger = pycrfsuite.Tagger()
        tagger.open(model)
        print(f"trained on {len(train)} texts; scored on held-out rounds {TEST_ROUNDS}")
        for rnd in TEST_ROUNDS:
            score = Score()
            part = [d for d in test if held_out_round(d) == rnd]
            for d in part:
                norm, x, _ = prepare(d, args.rules)
                found = {canon(norm[s:e]) for s, e in spans_of(tagger.tag(x))}
                score.tp += len(found & d.places)
                score.fp += len(found - d.places - d.ambiguous)
                score.fn += len(d.places - found)
            print(f"round {rnd}: {len(part)} texts, tp {score.tp} fp {score.fp} fn {score.fn}, "
                  f"P {score.precision:.2f} R {score.recall:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
