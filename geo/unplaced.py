"""Place-like names the gazetteer lacks, found by their suffixes.

A work report names places as a short proper stem plus a generic suffix:
朱房村, 上庄路, 地铁13号线, 清河滨水绿廊. We look for those suffixes, walk
left over the stem until punctuation or a function word, and drop what is
generic (背街小巷, 输变电站, 规划保留村). It is a rule set, measured by
``bench/eval_linking.py`` on labelled text, not a parser.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence

# (suffix, kind), longest first so 大街 wins over 街.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("号线", "rail"), ("胡同", "road"), ("大街", "road"), ("公园", "park"), ("片区", "area"),
    ("地区", "area"), ("科技园", "park"), ("产业园", "park"), ("再生水厂", "facility"), ("水厂", "facility"),
    ("客运站", "station"), ("火车站", "station"), ("站", "station"), ("村", "village"), ("镇", "town"),
    ("乡", "town"), ("路", "road"), ("街", "road"), ("线", "rail"), ("园", "park"), ("厂", "facility"),
    ("桥", "road"), ("河", "river"), ("绿廊", "park"), ("湿地", "park"),
)
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in SUFFIXES))
_KIND = dict(SUFFIXES)
# Words that end a stem when walking left: verbs, conjunctions, measure words.
_STOP_PREFIXES: tuple[str, ...] = (
    "推进", "推动", "加快", "建设", "完成", "实施", "统筹", "持续", "优化", "打造", "完善", "启动", "开展",
    "做好", "加强", "强化", "支持", "服务", "围绕", "落实", "提升", "改造", "整治", "腾退", "以及", "包括",
    "重点", "新增", "全面", "积极", "大力", "着力", "深入", "继续", "进一步", "规划", "沿线", "周边",
    "和", "与", "及", "等", "的", "在", "对", "为", "把", "将", "了", "是", "个", "条", "座", "处", "项", "家",
)
# Generic phrases: never a proper place name, even with a place suffix.
GENERIC: frozenset[str] = frozenset({
    "背街小巷", "输变电站", "变电站", "规划保留村", "一刻钟便民生活圈", "重点消费集聚区", "美丽乡村", "乡村",
    "村", "镇", "乡", "路", "街", "线", "园", "厂", "站", "桥", "河", "道路", "滨水道路", "城乡", "街乡",
    "街镇", "园区", "智慧园区", "公园", "地区", "片区", "重点地区", "农村", "村庄", "街区", "街道",
    "生产线", "一线", "底线", "红线", "主线", "路线", "热线", "专线", "战线", "防线", "沿线", "上线", "干线",
    "全线", "支线", "在线", "线上", "线下", "前沿", "思路", "道路", "出路", "新路", "之路", "铁路",
    "高速公路", "公路", "马路", "环路", "水厂", "工厂", "电厂", "车站", "网站", "加油站", "充电站", "驿站",
    "服务站", "工作站", "污水处理厂", "河道", "河湖", "城乡结合部地区", "产业园", "科技园", "绿廊",
})
GENERIC_STEMS: frozenset[str] = frozenset({
    "各", "本", "全", "新", "老", "该", "此", "重点", "周边", "城市", "沿线", "相关", "部分", "其他", "若干",
    "现代", "智慧", "特色", "生态", "美丽", "规划", "保留", "示范", "试点", "中心", "专业", "综合",
})
MAX_STEM = 8
MIN_STEM = 2


def _stem_start(norm: str, end: int, lo: int) -> int:
    """Walk left from a suffix over CJK characters and digits, up to MAX_STEM."""
    i = end
    while i > lo and end - i < MAX_STEM:
        ch = norm[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or ch.isdigit() or ch in "()（）"):
            break
        i -= 1
    return i


def _trim(norm: str, s: int, e_stem: int) -> int:
    """Drop leading verbs and function words from the stem ``norm[s:e_stem]``."""
    changed = True
    while changed and s < e_stem:
        changed = False
        stem = norm[s:e_stem]
        # The rightmost stop word wins: 推进地铁 -> 地铁; 88条背街 -> 背街.
        best = -1
        for w in _STOP_PREFIXES:
            j = stem.rfind(w)
            if j >= 0 and j + len(w) > best:
                best = j + len(w)
        m = re.search(r"\d+(个|条|座|处|项|家|所|平方米|公里|万)", stem)
        if m and m.end() > best:
            best = m.end()
        if best > 0:
            s += best
            changed = True
    return s


def candidates(
    norm: str,
    lo: int,
    hi: int,
    taken: Sequence[tuple[int, int]],
    *,
    known: Container[str] = (),
) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` of unlinked place-like names in ``norm[lo:hi]``.

    ``taken`` are spans already linked; a candidate overlapping one is skipped.
    """
    taken = sorted(taken)
    seen_end = -1
    for m in _SUFFIX_RE.finditer(norm, lo, hi):
        suffix_s, end = m.span()
        if suffix_s < seen_end:
            continue
        # Let the longest suffix at this end win (再生水厂 over 厂).
        start = _trim(norm, _stem_start(norm, suffix_s, lo), suffix_s)
        stem, name = norm[start:suffix_s], norm[start:end]
        if len(stem) < MIN_STEM or name in GENERIC or stem in GENERIC_STEMS or name in known:
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        if stem.isdigit() or re.fullmatch(r"[\d一二三四五六七八九十百千万]+", stem):
            continue
        seen_end = end
        yield start, end, _KIND[m.group()]
