"""Train geo/data/names.crf, the tagger of ``geo.tagger``, on the labelled report excerpts.

    python scripts/train_tagger.py

It learns from every text of the ``dev`` split of tests/data/labelled (a
held-out round is never trained on until it has been scored and moved to
dev): each character is tagged B, I or O by the labelled places and then the
ambiguous names where no place stands (the evaluation neither rewards nor
penalises them), in the same sentence-sized pieces the tagger reads. Each text is learnt twice: as
written, and with the stem of every labelled place swapped for a village's name of the same length
(秦相|路 -> 龙祥|路, 十八里店 -> 上周塘村), so the tagger learns where names stand, not only which
names it has seen (4-fold on the 1,571 dev texts: 277 more names found, 154 more false; README).
Training is deterministic: the same texts give the same model.
"""

from __future__ import annotations

import functools
import random
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_linking import Doc, load_docs  # noqa: E402

from geo import tagger  # noqa: E402
from geo.divisions import area_names  # noqa: E402
from geo.normalize import normalize  # noqa: E402
from geo.report import read_report  # noqa: E402

PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def _tags(doc: Doc, norm: str) -> list[str]:
    tags = ["O"] * len(norm)
    # The places first, longest first; then the ambiguous names where no place stands, so a compound
    # readers split (璜土镇|璜土村, labelled ambiguous whole) is taught split, as it is scored.
    for group in (doc.places, doc.ambiguous - doc.places):
        for name in sorted(group, key=len, reverse=True):
            i = norm.find(name) if name else -1
            while i >= 0:
                if all(t == "O" for t in tags[i : i + len(name)]):
                    tags[i : i + len(name)] = ["B"] + ["I"] * (len(name) - 1)
                i = norm.find(name, i + 1)
    return tags


def _pieces(norm: str, tags: list[str]) -> list[tuple[list[list[str]], list[str]]]:
    area = area_names(norm)
    return [(tagger.features(norm[a:b], area), tags[a:b]) for a, b in tagger.chunks(norm, 0, len(norm))]


def labelled_sequences(doc: Doc) -> list[tuple[list[list[str]], list[str]]]:
    """(features, tags) for each piece of a labelled text."""
    norm = normalize(read_report(doc.path).text).norm
    return _pieces(norm, _tags(doc, norm))


@functools.cache
def _villages_by_length() -> dict[int, list[str]]:
    by_length: dict[int, list[str]] = {}
    for name in sorted(tagger._village_names()[0]):
        by_length.setdefault(len(name), []).append(name)
    return by_length


def swapped(doc: Doc, norm: str, tags: list[str]) -> str:
    """``norm`` with the stem of each labelled place (the name less its longest suffix, 2–4 Chinese
    characters) replaced by a village's name of the same length, chosen by a generator seeded by the
    text's name. The tags stay as they are."""
    from geo.unplaced import _automata

    suffixes = sorted(_automata()[1], key=len, reverse=True)
    by_length = _villages_by_length()
    rng = random.Random(zlib.crc32(doc.name.encode()))
    chars = list(norm)
    for i, j in tagger.runs(tags):
        name = norm[i:j]
        if name in doc.places:
            suffix = next((x for x in suffixes if name.endswith(x) and len(name) > len(x)), "")
            stem = name[: len(name) - len(suffix)]
            if 2 <= len(stem) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in stem):
                chars[i : i + len(stem)] = rng.choice(by_length[len(stem)])
    return "".join(chars)


def training_sequences(doc: Doc) -> list[tuple[list[list[str]], list[str]]]:
    """The pieces of a labelled text as written, then of its copy with the places' stems swapped."""
    norm = normalize(read_report(doc.path).text).norm
    tags = _tags(doc, norm)
    return _pieces(norm, tags) + _pieces(swapped(doc, norm, tags), tags)


def train(docs: list[Doc], out: Path) -> int:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    pieces = 0
    for doc in docs:
        for x, y in training_sequences(doc):
            trainer.append(x, y)
            pieces += 1
    trainer.set_params(PARAMS)
    trainer.train(str(out))
    return pieces


def main() -> int:
    docs = [d for d in load_docs() if d.split == "dev"]
    t = time.perf_counter()
    pieces = train(docs, tagger.MODEL)
    size = tagger.MODEL.stat().st_size
    print(f"{tagger.MODEL}: {len(docs)} texts, {pieces} pieces, {size / 1e6:.1f} MB, {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
