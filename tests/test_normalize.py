"""The matching copy: traditional, full-width, quotes, spliced pinyin, and offsets back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo._encoding import decode
from geo.normalize import fold, normalize, splices


@pytest.mark.parametrize(
    ("shown", "folded"),
    [
        ("中關村科學城", "中关村科学城"),
        ("釣魚臺", "钓鱼台"),
        ("海淀區四季青鎮", "海淀区四季青镇"),
        ("溫榆河公園", "温榆河公园"),
        ("（二）", "(二)"),
        ("地铁１３号线", "地铁13号线"),
        ("“两区”", '"两区"'),
        ("「兩區」", '"两区"'),
        ("中关村大街—信息路", "中关村大街-信息路"),
        ("S1线", "S1线"),
        ("北京\u3000海淀", "北京 海淀"),
        ("中关村", "中关村"),
    ],
)
def test_fold(shown, folded):
    assert fold(shown) == folded
    assert len(fold(shown)) == len(shown)


@pytest.mark.parametrize(
    ("shown", "norm"),
    [
        ("中關(guān)村", "中关村"),
        ("中關（guān）村", "中关村"),
        ("運(yùn)動(dòng)", "运动"),
        ("規(guī)劃建設(shè)", "规划建设"),
        ("他們(men)的(de)運(yùn)動(dòng)", "他们的运动"),  # toneless, because toned ones are there
        ("中关村(guan1)大街", "中关村大街"),
    ],
)
def test_pinyin_splices_are_removed(shown, norm):
    assert normalize(shown).norm == norm


@pytest.mark.parametrize(
    "kept",
    [
        "人工智能(AI)产业",  # upper case: real content
        "示范区(de)试点",  # toneless, and no toned splice anywhere: may be content
        "面积(ha)统计",
        "(guān) at the start",  # not after a CJK character
    ],
)
def test_brackets_that_are_not_splices_are_kept(kept):
    assert normalize(kept).norm == fold(kept)


def test_spans_map_back_to_the_text_as_shown():
    text = "推进中關(guān)村大街（二）改造"
    nz = normalize(text)
    start = nz.norm.index("中关村大街")
    a, b = nz.span(start, start + len("中关村大街"))
    assert text[a:b] == "中關(guān)村大街"
    assert nz.to_norm(text.index("村")) == start + 2
    assert splices(text) == [(4, 10)]  # the (guān) after 關


def test_a_variant_opencc_leaves_folds_too():
    # Real text of a labelled text (fushui-shangnan-2020-yb2, traditional): 陜 is a variant of 陝.
    text = "陜西高科農業產業園"
    assert normalize(text).norm == "陕西高科农业产业园" == fold("陝西高科農業產業園")


def test_sample_in_traditional_folds_to_the_simplified_sample():
    # The Big5 copy was made with OpenCC s2t; folding must undo it where places live.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    simplified = (root / "reports" / "haidian-2021-12-15.txt").read_text(encoding="utf-8")
    traditional, encoding = decode((root / "tests/data/reports/haidian.big5.txt").read_bytes(), "big5 copy")
    assert encoding == "big5"
    for name in [
        "中关村科学城",
        "四季青镇",
        "稻香湖再生水厂",
        "钓鱼台",
        "玉泉山",
        "地铁13号线",
        "东升科技园",
        "延庆区",
    ]:
        assert name in fold(traditional)
    # Elsewhere only a variant or two differ (著力 for 着力), never a length.
    folded, expected = fold(traditional), fold(simplified)
    assert len(folded) == len(expected)
    assert sum(a != b for a, b in zip(folded, expected, strict=True)) <= 3


# Report-like text: CJK (simplified and traditional), brackets, pinyin, ASCII.
_pieces = st.sampled_from(
    [
        "中",
        "關",
        "村",
        "(guān)",
        "（二）",
        "“",
        "”",
        "a",
        "(AI)",
        "。",
        "、",
        "\n",
        "運",
        "(yùn)",
        "1",
        "３",
        " ",
        "(men)",
    ]
)


@given(st.lists(_pieces, max_size=60).map("".join))
def test_offsets_are_honest(text):
    nz = normalize(text)
    assert nz.orig[len(nz.norm)] == len(text)
    assert all(nz.orig[i] < nz.orig[i + 1] for i in range(len(nz.norm)))
    for i, ch in enumerate(nz.norm):
        assert fold(text[nz.orig[i]]) == ch
    for i in range(len(nz.norm) + 1):
        for j in range(i + 1, min(len(nz.norm), i + 6) + 1):
            a, b = nz.span(i, j)
            # The shown span folds to the norm span once its splices are dropped.
            assert normalize(text[a:b]).norm == nz.norm[i:j] or "(" in text[a:b] or "（" in text[a:b]
