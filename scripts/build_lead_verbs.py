"""Write geo/data/lead_verbs.txt: two-character verbs the unplaced-name detector cuts off a name's start.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python scripts/build_lead_verbs.py jieba-0.42.1/jieba/dict.txt

jieba's dictionary (MIT) tags each word with its part of speech and a corpus
frequency. A report puts verbs straight before names (深受|七一南路,
取消|二马路); we keep the two-character words tagged ``v`` (verbs, not
``vn`` nominal verbs such as 建设, which name roads) seen at least
``MIN_FREQ`` times. The detector cuts one only at a stem's start and only when
some of the stem remains (解放路 keeps its name).
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "geo" / "data" / "lead_verbs.txt"
# Measured on the labelled set: 3,000 cuts too few, 300 no better than 1,000.
MIN_FREQ = 1000


def main(src: str) -> None:
    verbs = set()
    for line in Path(src).read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        if tag == "v" and len(word) == 2 and int(freq) >= MIN_FREQ:
            verbs.add(word)
    header = (
        "# Two-character verbs cut off the start of a name's stem (geo/unplaced.py).\n"
        f"# From jieba 0.42.1 dict.txt (MIT): words tagged v, frequency >= {MIN_FREQ}.\n"
        "# Written by scripts/build_lead_verbs.py; one word per line.\n"
    )
    OUT.write_text(header + "".join(f"{v}\n" for v in sorted(verbs)), encoding="utf-8")
    print(f"{OUT}: {len(verbs)} verbs")


if __name__ == "__main__":
    main(sys.argv[1])
