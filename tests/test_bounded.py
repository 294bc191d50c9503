"""Hostile input does bounded work (from the hostile-input issue).

Each case is an input shape that once made (or could make) the pipeline quadratic or
memory-hungry, at a size CI can afford, with a ceiling an order of magnitude above the
linear cost, so a loaded runner does not flake but a quadratic regression fails.
``python bench/run.py`` measures the same shapes at full size.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.gazetteer import COLUMNS, Place, read_places
from geo.link import MAX_SENTENCE, Matcher, link
from geo.report import MAX_BYTES, outline, read_report

ROOT = Path(__file__).resolve().parent.parent


def _place(pid: str, name: str) -> Place:
    return Place(id=pid, name=name, kind="area", lat=40.0, lon=116.3, precision="exact", crs_source="wgs84",
                 source="t")  # fmt: skip


NAMES = ["海淀区", "中关村科学城", "四季青镇", "东升科技园", "公主坟", "钓鱼台", "福缘门", "西二环路"]
MATCHER = Matcher([_place(f"p{i}", n) for i, n in enumerate(NAMES)], blocked=())


def _ceiling(seconds: float, fn) -> object:
    t0 = time.perf_counter()
    out = fn()
    took = time.perf_counter() - t0
    assert took < seconds, f"took {took:.1f} s (ceiling {seconds} s): the work is not bounded"
    return out


def test_oversized_report_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as f:  # sparse: no disk used
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="MB"):
        _ceiling(2, lambda: read_report(big))


def test_one_long_enumeration() -> None:
    text = "推进" + "、".join(NAMES[i % len(NAMES)] for i in range(20_000)) + "建设。\n"
    result = _ceiling(20, lambda: link(outline(text), MATCHER))
    assert len(result.mentions) == 20_000
    # Every mention quotes a bounded window, not the whole 100k-character sentence.
    assert max(len(m.sentence) for m in result.mentions) <= MAX_SENTENCE + 2


def test_one_long_line_keeps_memory_bounded() -> None:
    text = "海淀区推进中关村科学城建设，" * 20_000 + "\n"  # 280k characters, no full stop
    result = _ceiling(20, lambda: link(outline(text), MATCHER))
    assert len(result.mentions) == 40_000
    assert sum(len(m.sentence) for m in result.mentions) <= 40_000 * (MAX_SENTENCE + 2)


def test_prefix_chain_gazetteer() -> None:
    chain = "海淀区中关村科学城东升科技园四季青镇公主坟钓鱼台福缘门西二环路" * 4
    matcher = Matcher([_place(f"c{i}", chain[: i + 1]) for i in range(len(chain))], blocked=())
    text = "，".join(chain[: 1 + (i * 37) % len(chain)] for i in range(2_000)) + "。\n"
    result = _ceiling(20, lambda: link(outline(text), matcher))
    assert len(result.mentions) == 2_000


def test_large_places_csv(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    rows = "".join(f"p{i},地名{i:06d}村,,village,39.9,116.3,approximate,wgs84,s,,,,,,,\n" for i in range(20_000))
    path.write_text(",".join(COLUMNS) + "\n" + rows, encoding="utf-8")
    pf = _ceiling(30, lambda: read_places(path))
    assert len(pf.places) == 20_000 and not pf.problems
    _ceiling(30, lambda: Matcher(pf.places))


_LONG_RUN = "from geo.link import Matcher; Matcher([]).find('海' * 60_000)"


def test_long_cjk_run_without_enumeration_commas() -> None:
    # In a subprocess: the regex engine does not return to Python until it is done.
    try:
        subprocess.run([sys.executable, "-c", _LONG_RUN], cwd=ROOT, timeout=4, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("Matcher.find on 60,000 CJK characters without 、 did not finish in 4 s")
