"""Place-like names the gazetteer lacks: what the rules find in real report text.

The expected names were checked by reading the sample (reports/
haidian-2021-12-15.txt) and the labelled excerpts in tests/data/labelled/.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.gazetteer import Place
from geo.link import Matcher, find_mentions, find_unlinked
from geo.normalize import fold, normalize
from geo.report import read_report
from geo.unplaced import candidates

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
LABELLED = ROOT / "tests" / "data" / "labelled"

# Everything the rules report on the sample with an empty gazetteer, in text order.
SAMPLE_UNPLACED = [
    "中关村论坛永久会址", "中关村科学城", "上庄路", "温泉自来水厂", "稻香湖再生水厂", "海淀镇", "四季青镇", "东升科技园",
    "中关村壹号", "中粮大悦城", "万象汇", "公主坟", "中关村", "一道绿隔地区", "三山五园地区", "福缘门", "挂甲屯", "大有庄",
    "骚子营", "三山五园", "京张铁路遗址公园", "清河滨水绿廊", "中关村大街", "信息路", "中关村广场", "北大西门片区", "东西水磨",
    "五塔寺", "明光村", "朱房", "双新村", "宝山村", "地铁13号线", "长安街", "钓鱼台", "玉泉山", "雄安新区",
]  # fmt: skip


def place(pid: str, name: str, *aliases: str) -> Place:
    return Place(pid, name, "area", 40.0, 116.3, "centroid", "wgs84", "test", aliases=aliases)


def unplaced(text_or_path, places=()):
    report = read_report(text_or_path)
    matcher = Matcher(places)
    return find_unlinked(report, find_mentions(report, matcher), matcher)


def norm_candidates(text: str, taken=()) -> list[str]:
    norm = normalize(text).norm
    return [norm[s:e] for s, e, _ in candidates(norm, 0, len(norm), list(taken))]


def test_sample_with_an_empty_gazetteer():
    assert [u.surface for u in unplaced(SAMPLE)] == SAMPLE_UNPLACED


def test_sample_kinds():
    kinds = {u.surface: u.kind for u in unplaced(SAMPLE)}
    assert kinds["朱房"] == "area" and kinds["明光村"] == "village" and kinds["上庄路"] == "road"
    assert kinds["地铁13号线"] == "rail" and kinds["中粮大悦城"] == "mall" and kinds["稻香湖再生水厂"] == "facility"


def test_linked_names_are_not_reported_and_nothing_overlaps():
    places = [
        place("zgc-kxc", "中关村科学城"),
        place("zgc", "中关村"),
        place("sanshan", "三山五园", "三山五园地区"),
        place("haidian-zhen", "海淀镇"),
    ]
    report = read_report(SAMPLE)
    matcher = Matcher(places)
    mentions = find_mentions(report, matcher)
    found = find_unlinked(report, mentions, matcher)
    surfaces = [u.surface for u in found]
    for linked in ("中关村科学城", "三山五园地区", "三山五园", "海淀镇", "中关村"):
        assert linked not in surfaces
    spans = sorted([(m.start, m.end) for m in mentions] + [(u.start, u.end) for u in found])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(report.text[u.start : u.end] == u.surface for u in found)


@pytest.mark.parametrize(
    "junk",
    # v1 output on the sample: overlapping or badly cut names
    ["筹办2022中关村", "保留村美丽乡", "保留村美丽乡村", "展脱贫攻坚成果同乡", "脱贫攻坚成果同乡村", "四季青镇村", "引领村",
     "织密区域路", "平方米道路", "集成电路", "跨国公司地区", "信息路沿线", "长安街沿线", "京张铁路"],
)  # fmt: skip
def test_v1_junk_is_gone(junk):
    assert junk not in [u.surface for u in unplaced(SAMPLE)]


@pytest.mark.parametrize(
    "generic",
    [
        "背街小巷",
        "输变电站",
        "规划保留村",
        "一刻钟便民生活圈",
        "重点消费集聚区",
        "美丽乡村",
        "重点地区",
        "滨水道路",
        "园林绿道",
    ],
)
def test_generic_phrases_are_never_reported(generic):
    assert not any(generic in u.surface or u.surface in generic for u in unplaced(SAMPLE))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stem boundaries: verbs, numbers and measure words, admin names
        ("加快推进朱房村腾退。", ["朱房村"]),
        ("高标准开展88条背街小巷环境整治提升。", []),
        ("推进8个输变电站建设,统筹实施100万平方米道路大中修。", []),
        ("管庄兴会公园、十八里店乡朝南森林公园对公众开放。", ["管庄兴会公园", "十八里店乡", "朝南森林公园"]),
        ("完成3处全龄友好型公园改造。", []),
        ("建设110千伏变电站。", []),
        # overlaps: the longer name wins
        ("落实三山五园地区整体保护规划。", ["三山五园地区"]),
        ("加快京张铁路遗址公园建设。", ["京张铁路遗址公园"]),
        # line names need a number or an extension
        ("开通运营S1线、M6线西延。推进地铁13号线拆分。", ["S1线", "M6线", "地铁13号线"]),
        ("守住生态保护红线,实现线上线下融合。", []),
        # lists closed by a place noun
        ("统筹推进福缘门、挂甲屯、大有庄、骚子营等地区腾退改造。", ["福缘门", "挂甲屯", "大有庄", "骚子营"]),
        ("加强长安街沿线、钓鱼台、玉泉山周边等地区环境保障。", ["长安街", "钓鱼台", "玉泉山"]),
        ("满足小米、字节跳动、腾讯、美团等项目空间需求。", []),
        # masked phrases do not start a name, but a name may end in a generic word
        ("实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接。", []),
        ("潞城镇持续夯实都市工业发展基础,加快姚家园路东延。", ["潞城镇", "姚家园路"]),
        # slogans listing kinds of place
        ("深化“馆桥城园岛河”一体化发展。", []),
        # blocked phrases (not_places.txt) hide the suffix inside them
        ("高水平筹办2022中关村论坛。加快中关村论坛永久会址建设。", ["中关村论坛永久会址"]),
    ],
)
def test_rules_on_report_sentences(text, expected):
    assert norm_candidates(text) == [fold(e) for e in expected]


def test_traditional_and_spliced_text():
    text = "依托石景山體育中心、蓮石湖公園,建成地鐵6號(hào)線西延,推進(jìn)五里坨再生水廠升級(jí)改造。"
    assert norm_candidates(text) == ["石景山体育中心", "莲石湖公园", "地铁6号线", "五里坨再生水厂"]


def test_taken_spans_block_candidates():
    text = "完善中关村大街环境。"
    norm = normalize(text).norm
    start = norm.index("中关村")
    assert norm_candidates(text, [(start, start + 3)]) == []
    assert norm_candidates(text) == ["中关村大街"]


@pytest.mark.parametrize("meta", sorted(LABELLED.glob("*.json")), ids=lambda p: p.stem)
def test_labelled_not_places_are_never_reported(meta):
    labels = json.loads(meta.read_text(encoding="utf-8"))
    found = {normalize(u.surface).norm for u in unplaced(meta.with_suffix(".txt"))}
    bad = {fold(n) for n in labels.get("not_places", [])} & found
    assert not bad


def test_dev_set_precision_and_recall():
    """The figures bench/eval_linking.py prints for the dev split, as a floor."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_linking", ROOT / "bench" / "eval_linking.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["eval_linking"] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    score = bench.Score()
    for doc in bench.load_docs():
        if doc.split == "dev":
            bench.score_unlinked(doc, Matcher([]), score)
    assert score.precision >= 0.95
    assert score.recall >= 0.85


_fragments = st.sampled_from(
    ["推进", "朱房村", "、", "上庄路", "北段", "等地区", "美丽乡村", "88条", "背街小巷", "地铁13号线", "。", "中关村", "大街",
     "三山五园", "地区", "公园", "和", "乡村振兴", "村庄", "腾退", "街道", "S1线", "\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_fragments, max_size=40).map("".join), st.data())
def test_candidates_never_overlap(text, data):
    norm = normalize(text).norm
    taken = []
    if norm:
        a = data.draw(st.integers(0, len(norm) - 1))
        taken = [(a, data.draw(st.integers(a + 1, len(norm))))]
    found = list(candidates(norm, 0, len(norm), taken))
    spans = sorted([(s, e) for s, e, _ in found])
    assert all(s < e for s, e in spans)
    assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False))
    assert not any(s < taken[0][1] and taken[0][0] < e for s, e in spans) if taken else True


def test_long_enumeration_is_linear():
    norm = "推进" + "、".join(["海淀镇", "朱房村", "甲乙"] * 33_334) + "等地区建设。"
    t = time.perf_counter()
    found = list(candidates(norm, 0, len(norm), []))
    assert time.perf_counter() - t < 10
    assert len(found) > 60_000
