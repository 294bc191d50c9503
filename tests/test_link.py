"""Linking rules, on real report text with answers checked by reading it."""

from __future__ import annotations

import random

import pytest

from geo.gazetteer import parse_row
from geo.link import Matcher, link
from geo.report import outline

# A test gazetteer: names only matter here; coordinates are fixture values.
NAMES = {
    "zgc": ("中关村", "area", ""), "zgc-kxc": ("中关村科学城", "area", ""),
    "zgc-1": ("中关村壹号", "campus", ""), "forum-site": ("中关村论坛永久会址", "facility", ""),
    "north": ("中关村科学城北区", "area", ""), "south": ("中关村科学城南区", "area", ""),
    "dongsheng": ("东升科技园", "park", ""), "dxh": ("稻香湖再生水厂", "facility", ""),
    "fym": ("福缘门", "village", ""), "gjt": ("挂甲屯", "village", ""), "dyz": ("大有庄", "village", ""),
    "szy": ("骚子营", "village", ""), "sx": ("双新村", "village", ""), "bs": ("宝山村", "village", ""),
    "dsm": ("东水磨", "village", ""), "xsm": ("西水磨", "village", ""),
    "wd": ("吴店客运站", "station", ""), "cy": ("长阳客运站", "station", ""), "dd": ("窦店客运站", "station", ""),
    "x2": ("西二环路", "road", ""), "x3": ("西三环路", "road", ""), "haidian": ("海淀区", "district", ""),
    "hr": ("怀柔科学城", "area", ""), "wl": ("未来科学城", "area", ""), "yz": ("北京经济技术开发区", "area", "亦庄"),
}
SCOPED = {"north": "北区@中关村科学城", "south": "南区@中关村科学城"}


def make_places(ids=None):
    rows = []
    for pid, (name, kind, aliases) in NAMES.items():
        rows.append({"id": pid, "name": name, "kind": kind, "lat": "39.98", "lon": "116.31",
                     "precision": "exact", "crs_source": "wgs84", "source": "test fixture",
                     "aliases": aliases, "scoped_aliases": SCOPED.get(pid, "")})
    rows.append({"id": "scyq", "name": "三城一区", "kind": "group", "precision": "exact", "crs_source": "wgs84",
                 "source": "test fixture", "parts": "zgc-kxc|hr|wl|yz"})
    places = [parse_row(r)[0] for r in rows]
    return [p for p in places if ids is None or p.id in ids]


def run(text: str, places=None):
    report = outline(text)
    return link(report, places or make_places())


def links(text: str, places=None):
    return [(m.surface, m.place_id, m.method) for m in run(text, places).mentions]


# From the sample, programme 3.
P3 = ("统筹推进中关村科学城建设。加快北区建设进度,开复工527万平方米,力争竣工128万平方米。统筹推进上庄路北段、温泉自来水厂、"
      "稻香湖再生水厂二期、8个输变电站等基础设施建设。加大南区谋划发展力度,统筹整合区域楼宇资源,"
      "加快推动东升科技园二期、三期建设,为产业发展储备、匹配空间资源。")


def test_longest_match_and_scoped_aliases():
    got = links(P3)
    assert got == [
        ("中关村科学城", "zgc-kxc", "exact"),
        ("北区", "north", "scoped-alias"),
        ("稻香湖再生水厂二期", "dxh", "exact"),
        ("南区", "south", "scoped-alias"),
        ("东升科技园二期", "dongsheng", "exact"),
        ("三期", "dongsheng", "enumeration"),
    ]


def test_scoped_alias_needs_its_context_in_the_paragraph():
    text = "统筹推进中关村科学城建设。推进产业发展。\n\n加快城市建设。加快北区建设进度,加大南区谋划发展力度。"
    assert [s for s, _, _ in links(text)] == ["中关村科学城"]


def test_longest_match_beats_shorter_names():
    text = "推进国际消费中心城市建设。完善中关村壹号等园区配套商业,持续打造公主坟、中关村等重点消费集聚区。"
    assert links(text) == [("中关村壹号", "zgc-1", "exact"), ("中关村", "zgc", "exact")]


def test_events_and_bodies_are_not_places():
    text = ("加快推进两区建设。加快中关村论坛永久会址建设,高水平筹办2022中关村论坛,将论坛打造成为国家级平台。"
            "海淀区人民政府负责实施。")
    assert links(text) == [("中关村论坛永久会址", "forum-site", "exact")]


def test_enumerations_link_item_by_item():
    text = ("持续实施专项行动。统筹推进福缘门、挂甲屯、大有庄、骚子营等地区腾退改造。"
            "完成双新村、宝山村等棚改和边角地项目收尾。")
    assert [s for s, _, _ in links(text)] == ["福缘门", "挂甲屯", "大有庄", "骚子营", "双新村", "宝山村"]


def test_shared_suffix_and_head_expand():
    text = "强化交通治理。推进吴店、长阳、窦店客运站建设,完成西二、三环路大修。"
    assert links(text) == [
        ("吴店", "wd", "enumeration"), ("长阳", "cy", "enumeration"), ("窦店客运站", "dd", "exact"),
        ("西二", "x2", "enumeration"), ("三环路", "x3", "enumeration"),
    ]


def test_paired_directions_expand():
    text = "积极推进城市更新。优化中关村广场、北大西门片区、东西水磨等重要节点功能布局。"
    assert links(text) == [("东", "dsm", "enumeration"), ("西水磨", "xsm", "exact")]


def test_group_expands_to_its_parts():
    result = run("统筹做好协同发展。坚持优势互补,全面推动“三城一区”融合发展。")
    assert [(m.surface, m.place_id) for m in result.mentions] == [("三城一区", "scyq")]
    assert sorted(result.places.index) == ["hr", "wl", "yz", "zgc-kxc"]
    assert all(progs == [0] for progs in result.places["programmes"])


def test_traditional_text_links_to_simplified_names():
    text = "統籌推進中關村科學城建設。加快推動東升科技園二期、三期建設。"
    result = run(text)
    assert [(m.surface, m.place_id) for m in result.mentions] == [
        ("中關村科學城", "zgc-kxc"), ("東升科技園二期", "dongsheng"), ("三期", "dongsheng")]
    for m in result.mentions:
        assert text[m.start:m.end] == m.surface


def test_result_does_not_depend_on_row_order():
    places = make_places()
    base = links(P3, places)
    for seed in range(5):
        shuffled = places[:]
        random.Random(seed).shuffle(shuffled)
        assert links(P3, shuffled) == base


def test_mentions_carry_programme_sentence_and_section(sample_report):
    result = link(sample_report, make_places())
    m = next(m for m in result.mentions if m.surface == "西水磨")
    assert sample_report.programmes[m.programme].title == "积极推进城市更新"
    assert m.section_path == ("突出规划引领,构建新型城市形态",)
    assert m.sentence.startswith("坚持“规划引领、试点先行") and m.sentence.endswith("功能布局。")
    first = next(m for m in result.mentions if m.surface == "中关村科学城")
    assert first.section_path == ("",)  # the excerpt lost section (一)'s heading


# Every place the sample names, by programme, as read by hand:
# (programme index, surface as written, acceptable gazetteer names).
SAMPLE_EXPECTED = [
    (0, "小米", {"小米", "小米科技园"}), (0, "字节跳动", {"字节跳动"}), (0, "腾讯", {"腾讯", "腾讯北京总部"}),
    (0, "美团", {"美团"}),
    (1, "中关村论坛永久会址", {"中关村论坛永久会址"}),
    (2, "中关村科学城", {"中关村科学城"}), (2, "北区", {"中关村科学城北区"}), (2, "上庄路北段", {"上庄路北段", "上庄路"}),
    (2, "温泉自来水厂", {"温泉自来水厂"}), (2, "稻香湖再生水厂", {"稻香湖再生水厂"}), (2, "南区", {"中关村科学城南区"}),
    (2, "海淀镇", {"海淀镇"}), (2, "四季青镇", {"四季青镇"}), (2, "东升科技园", {"东升科技园"}),
    (2, "三期", {"东升科技园"}),
    (3, "中关村壹号", {"中关村壹号"}), (3, "中粮大悦城", {"中粮大悦城", "中粮·祥云小镇", "海淀大悦城"}),
    (3, "万象汇", {"万象汇", "西北旺万象汇", "海淀万象汇"}), (3, "麦德龙", {"麦德龙"}),
    (3, "沃尔玛山姆会员店", {"沃尔玛山姆会员店", "山姆会员店"}), (3, "公主坟", {"公主坟"}), (3, "中关村", {"中关村"}),
    (4, "一道绿隔地区", {"一道绿隔地区"}),
    (5, "三山五园地区", {"三山五园地区"}), (5, "福缘门", {"福缘门", "福缘门村"}), (5, "挂甲屯", {"挂甲屯", "挂甲屯村"}),
    (5, "大有庄", {"大有庄"}), (5, "骚子营", {"骚子营"}),
    (5, "三山五园国家文物保护利用示范区", {"三山五园国家文物保护利用示范区", "三山五园地区"}),
    (6, "马上清(青)西", {"马上清西", "马上清(青)西"}), (6, "京张铁路遗址公园", {"京张铁路遗址公园"}),
    (6, "清河滨水绿廊", {"清河滨水绿廊"}), (6, "中关村大街", {"中关村大街"}), (6, "信息路", {"信息路"}),
    (6, "中关村广场", {"中关村广场"}), (6, "北大西门片区", {"北大西门片区"}), (6, "东", {"东水磨"}),
    (6, "西水磨", {"西水磨"}), (6, "五塔寺", {"五塔寺"}), (6, "明光村", {"明光村"}), (6, "朱房", {"朱房", "朱房村"}),
    (6, "双新村", {"双新村"}), (6, "宝山村", {"宝山村"}),
    (7, "地铁13号线", {"地铁13号线", "北京地铁13号线"}),
    (8, "长安街", {"长安街"}), (8, "钓鱼台", {"钓鱼台", "钓鱼台国宾馆"}), (8, "玉泉山", {"玉泉山"}),
    (8, "三城一区", {"三城一区"}), (8, "延庆区", {"延庆区"}), (8, "北京城市副中心", {"北京城市副中心"}),
    (8, "雄安新区", {"雄安新区"}),
]


def _find(result, programme, surface, names):
    for m in result.mentions:
        if m.programme == programme and m.surface.startswith(surface) and m.name in names:
            return m
    return None


def test_sample_links_every_expected_place_that_has_a_row(sample_result, shipped_places):
    known = {n for p in shipped_places for n in p.names}
    missing = [(prog, s) for prog, s, names in SAMPLE_EXPECTED
               if names & known and _find(sample_result, prog, s, names) is None]
    assert missing == []


def test_sample_has_no_false_links(sample_result):
    expected = [(prog, s, names) for prog, s, names in SAMPLE_EXPECTED]
    false = [(m.programme, m.surface, m.name) for m in sample_result.mentions
             if not any(m.programme == prog and m.surface.startswith(s) and m.name in names
                        for prog, s, names in expected)]
    assert false == []


def test_sample_offsets_index_the_text(sample_result):
    text = sample_result.report.text
    assert sample_result.mentions
    for m in sample_result.mentions:
        assert text[m.start:m.end] == m.surface
    for u in sample_result.unlinked:
        assert text[u.start:u.end] == u.surface
    spans = sorted((m.start, m.end) for m in sample_result.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize("phrase", ["导航菜单", "本文仅代表作者观点", "本文地址", "留言与评论", "验证码"])
def test_page_junk_is_gone(sample_report, phrase):
    assert phrase not in sample_report.text


def test_matcher_is_reusable_across_reports():
    matcher = Matcher(make_places())
    a = link(outline(P3), matcher)
    b = link(outline(P3), matcher)
    assert a.mentions == b.mentions


def test_matcher_pickles_for_broadcast_to_workers():
    import pickle

    matcher = Matcher(make_places())
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone.find(P3) == matcher.find(P3)
    assert clone.find(P3)  # and it finds something
