"""Every copy of the sample links to the same places, in the same order.

The copies in tests/data/reports/ (made by make_copies.py) are the sample as
a saved web page, GB18030, Big5 traditional, UTF-8 with BOM, PDF-to-text
hard-wrapped, paginated, and with full-width brackets and spliced pinyin.
The gazetteer is built here, so the test does not depend on places.csv.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer import Place
from geo.link import link
from geo.report import read_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
COPIES = ROOT / "tests" / "data" / "reports"


def _place(pid: str, name: str, kind: str = "area", *, aliases=(), scoped=()) -> Place:
    return Place(
        pid, name, kind, 39.99, 116.31, "centroid", "wgs84", "test fixture",
        aliases=tuple(aliases), scoped_aliases=tuple(scoped),
    )  # fmt: skip


GAZETTEER = [
    _place("zgc-kxc", "中关村科学城", scoped=[("北区", "中关村科学城"), ("南区", "中关村科学城")]),
    _place("zgc", "中关村"),
    _place("zgc-forum-site", "中关村论坛永久会址", "facility"),
    _place("shangzhuang-lu", "上庄路", "road"),
    _place("wenquan-water", "温泉自来水厂", "facility"),
    _place("daoxianghu-water", "稻香湖再生水厂", "facility"),
    _place("haidian-zhen", "海淀镇", "town"),
    _place("sijiqing-zhen", "四季青镇", "town"),
    _place("dongsheng-park", "东升科技园", "park"),
    _place("gongzhufen", "公主坟"),
    _place("sanshan-wuyuan", "三山五园", aliases=["三山五园地区"]),
    _place("jingzhang-park", "京张铁路遗址公园", "park"),
    _place("qinghe-corridor", "清河滨水绿廊", "park"),
    _place("zgc-dajie", "中关村大街", "road"),
    _place("dongshuimo", "东水磨"),
    _place("xishuimo", "西水磨"),
    _place("mingguang-cun", "明光村", "village"),
    _place("line-13", "地铁13号线", "rail", aliases=["13号线"]),
    _place("changan-jie", "长安街", "road"),
    _place("diaoyutai", "钓鱼台", "landmark"),
    _place("yuquanshan", "玉泉山", "landmark"),
    _place("yanqing", "延庆区", "district"),
]

COPY_NAMES = [
    "haidian.html",
    "haidian.gb18030.txt",
    "haidian.big5.txt",
    "haidian.bom.txt",
    "haidian.wrapped.txt",
    "haidian.paged.txt",
    "haidian.fullwidth.txt",
]


@pytest.fixture(scope="module")
def baseline():
    return link(read_report(SAMPLE), GAZETTEER)


def test_baseline_mentions(baseline):
    ids = [m.place_id for m in baseline.mentions]
    # Read off the sample: every fixture place it names, in order.
    assert ids == [
        "zgc-forum-site", "zgc-kxc", "zgc-kxc", "shangzhuang-lu", "wenquan-water", "daoxianghu-water", "zgc-kxc",
        # 中关村壹号 and 中关村广场 are not in the fixture: the 中关村 inside them is not linked.
        "haidian-zhen", "sijiqing-zhen", "dongsheng-park", "dongsheng-park", "gongzhufen", "zgc",
        "sanshan-wuyuan", "sanshan-wuyuan", "jingzhang-park", "qinghe-corridor", "zgc-dajie",
        "dongshuimo", "xishuimo",
        "mingguang-cun", "line-13", "changan-jie", "diaoyutai", "yuquanshan", "yanqing",
    ]  # fmt: skip


@pytest.mark.parametrize("name", COPY_NAMES)
def test_copy_links_the_same_places_in_the_same_order(baseline, name):
    result = link(read_report(COPIES / name), GAZETTEER)
    assert [m.place_id for m in result.mentions] == [m.place_id for m in baseline.mentions]
    assert [m.programme for m in result.mentions] == [m.programme for m in baseline.mentions]


@pytest.mark.parametrize("name", COPY_NAMES)
def test_copy_offsets_index_the_text_as_shown(name):
    result = link(read_report(COPIES / name), GAZETTEER)
    text = result.report.text
    for m in result.mentions:
        assert text[m.start : m.end] == m.surface
    for u in result.unlinked:
        assert text[u.start : u.end] == u.surface


@pytest.mark.parametrize("name", ["haidian.html", "haidian.gb18030.txt", "haidian.bom.txt", "haidian.wrapped.txt"])
def test_copy_keeps_section_paths(baseline, name):
    result = link(read_report(COPIES / name), GAZETTEER)
    assert [m.section_path for m in result.mentions] == [m.section_path for m in baseline.mentions]


def test_spliced_and_traditional_surfaces_are_shown_as_written():
    spliced = link(read_report(COPIES / "haidian.fullwidth.txt"), GAZETTEER)
    assert spliced.mentions[1].surface == "中關(guān)村科学城"
    assert any(m.surface == "海(hǎi)淀镇" for m in spliced.mentions)
    big5 = link(read_report(COPIES / "haidian.big5.txt"), GAZETTEER)
    assert [m.surface for m in big5.mentions if m.place_id == "diaoyutai"] == ["釣魚臺"]


def test_page_junk_gives_no_mention():
    # The saved page hides 海淀镇 in a display:none block and in the comment box.
    result = link(read_report(COPIES / "haidian.html"), GAZETTEER)
    assert sum(m.place_id == "haidian-zhen" for m in result.mentions) == 1
    assert all(m.programme is not None for m in result.mentions)


def test_unlinked_names_agree_across_copies(baseline):
    expected = [u.surface for u in baseline.unlinked]
    assert "朱房" in expected and "福缘门" in expected
    for name in ["haidian.html", "haidian.gb18030.txt", "haidian.wrapped.txt", "haidian.paged.txt"]:
        assert [u.surface for u in link(read_report(COPIES / name), GAZETTEER).unlinked] == expected
