"""Seeded synthetic gazetteers and report-like text, shaped like Chinese place names and prose.

Shared by ``bench/run.py`` and its per-size subprocesses; no randomness without a seed.
"""

from __future__ import annotations

import random

# GB2312 level 1: the 3,755 most common simplified characters, in a fixed order.
COMMON = "".join(
    bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) if (hi, lo) < (0xD7, 0xFA)
)
SUFFIXES = ("村", "镇", "路", "街", "园", "厂", "站", "桥", "河", "公园", "片区", "小区", "大街", "科技园", "水厂")
FILLER = "推进建设完成实施加快提升优化打造完善服务保障发展改革创新生态环境治理城市更新产业"


def names(n: int, seed: int = 1) -> list[str]:
    """``n`` distinct place-like names: 2-4 common characters plus a place suffix."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < n:
        stem = "".join(rng.choices(COMMON, k=rng.randint(2, 4)))
        out[stem + rng.choice(SUFFIXES)] = None
    return list(out)


def text(n_bytes: int, pool: list[str], seed: int = 2, *, name_rate: float = 0.3) -> str:
    """About ``n_bytes`` of UTF-8 prose: sentences of filler with names from ``pool`` inserted.

    A third of the sentences carry a short 、-list of names, as reports do.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        words = []
        for _ in range(rng.randint(3, 8)):
            if rng.random() < name_rate:
                if rng.random() < 0.3:
                    words.append("、".join(rng.choices(pool, k=rng.randint(2, 4))))
                else:
                    words.append(rng.choice(pool))
            else:
                words.append("".join(rng.choices(FILLER, k=rng.randint(2, 6))))
        sentence = "，".join(words) + "。"
        if rng.random() < 0.15:
            sentence += "\n\n"
        parts.append(sentence)
        size += 3 * len(sentence)
    return "".join(parts)


def places(pool: list[str]):
    """``geo.gazetteer.Place`` rows for the names, made directly (no CSV)."""
    from geo.gazetteer import Place

    return [
        Place(
            id=f"p{i:07d}",
            name=n,
            kind="village",
            lat=39.9,
            lon=116.3,
            precision="approximate",
            crs_source="wgs84",
            source="synthetic",
        )
        for i, n in enumerate(pool)
    ]


def csv_text(pool: list[str]) -> str:
    """A places.csv with one valid row per name."""
    from geo.gazetteer import COLUMNS

    head = ",".join(COLUMNS) + "\n"
    row = ",{},,village,39.9,116.3,approximate,wgs84,synthetic,,,,,,,\n"
    return head + "".join(f"p{i:07d}" + row.format(n) for i, n in enumerate(pool))
