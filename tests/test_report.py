"""Reading reports: encodings, saved pages, page junk, the outline, bad input.

Expected answers come from reading reports/haidian-2021-12-15.txt: it starts
inside section (一) with that heading lost, has four programmes there, then
section (二) with an untitled introduction and five programmes, between a
navigation line and a disclaimer/comment-box footer.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.report import clean_text, outline, read_report, read_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
COPIES = ROOT / "tests" / "data" / "reports"

TITLE = "(北京市)北京市海淀区人民政府工作报告(2021年12月15日)"
SECTION2 = "突出规划引领,构建新型城市形态"
PROGRAMMES = [
    ("", "加快发展现代产业体系"),
    ("", "加快推进“两区”建设"),
    ("", "统筹推进中关村科学城建设"),
    ("", "推进国际消费中心城市建设"),
    (SECTION2, "发挥规划的战略引领和刚性管控作用,健全规划引领项目生成的实施机制"),
    (SECTION2, "持续实施“疏解整治促提升”专项行动"),
    (SECTION2, "积极推进城市更新"),
    (SECTION2, "强化交通治理"),
    (SECTION2, "统筹做好“四个服务”和协同发展"),
]
JUNK = ["导航菜单", "本文仅代表作者观点", "本文地址", "留言与评论", "验证码", "不代表本站立场"]


@pytest.fixture(scope="module")
def sample():
    return read_report(SAMPLE)


def test_sample_title_and_encoding(sample):
    assert sample.title == TITLE
    assert sample.encoding == "utf-8"
    assert sample.text[sample.body[0] :].lstrip().startswith("加快发展现代产业体系。")


def test_sample_programmes_and_sections(sample):
    assert [(p.section, p.title) for p in sample.programmes] == PROGRAMMES
    assert [(s.number, s.title, s.level) for s in sample.sections] == [("(二)", SECTION2, 2)]
    assert sample.programmes[0].section_path == ("",)
    assert sample.programmes[4].section_path == (SECTION2,)


def test_section_intro_belongs_to_the_section_not_a_programme(sample):
    intro = sample.text.index("坚持把分区规划")
    assert sample.programme_at(intro) is None
    assert sample.sections[0].end <= intro < sample.programmes[4].start


def test_programme_spans_are_their_paragraphs(sample):
    for p in sample.programmes:
        assert sample.text[p.start :].startswith(p.title)
        assert "\n\n" not in sample.text[p.start : p.end]
    assert sample.text[: sample.programmes[-1].end].endswith("强化驻区单位服务,深化双拥共建。")


@pytest.mark.parametrize("word", JUNK)
def test_page_junk_is_gone(sample, word):
    assert word not in sample.text


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("haidian.html", "utf-8"),
        ("haidian.gb18030.txt", "gb18030"),
        ("haidian.bom.txt", "utf-8-sig"),
        ("haidian.wrapped.txt", "utf-8"),
        ("haidian.paged.txt", "utf-8"),
    ],
)
def test_copies_give_the_same_text_and_outline(sample, name, encoding):
    report = read_report(COPIES / name)
    assert report.encoding == encoding
    assert report.text == sample.text
    assert report.title == TITLE
    assert [(p.section, p.title) for p in report.programmes] == PROGRAMMES


def test_big5_copy_is_detected_and_keeps_the_outline(sample):
    report = read_report(COPIES / "haidian.big5.txt")
    assert report.encoding == "big5"
    assert report.title == "(北京市)北京市海淀區人民政府工作報告(2021年12月15日)"
    assert [p.title for p in report.programmes][:3] == [
        "加快發展現代產業體系",
        "加快推進“兩區”建設",
        "統籌推進中關村科學城建設",
    ]
    assert len(report.programmes) == 9 and report.sections[0].number == "(二)"


def test_fullwidth_copy_keeps_the_outline():
    report = read_report(COPIES / "haidian.fullwidth.txt")
    assert report.title == "（北京市）北京市海淀区人民政府工作报告（2021年12月15日）"
    assert [(s.number, s.title) for s in report.sections] == [("（二）", "突出规划引领，构建新型城市形态")]
    assert report.programmes[2].title == "统筹推进中關(guān)村科学城建设"
    assert len(report.programmes) == 9


def test_saved_page_drops_scripts_share_buttons_comments_and_hidden_text():
    text, _, page_title = read_text(COPIES / "haidian.html")
    assert page_title.startswith(TITLE)
    for word in [
        "分享到微信",
        "新浪微博",
        "隐藏的统计代码",
        "海淀镇真好",
        "console.log",
        "京ICP备",
        "当前位置",
        "上一篇",
    ]:
        assert word not in text


def test_stdin(monkeypatch):
    data = SAMPLE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    report = read_report("-")
    assert report.title == TITLE and len(report.programmes) == 9


def test_forced_encoding(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("一、总体要求\n\n加快建设。推进海淀镇。\n".encode("gb18030"))
    assert read_report(p, encoding="gb18030").encoding == "gb18030"
    with pytest.raises(InputError, match="unknown encoding"):
        read_report(p, encoding="klingon")


# --- bad input: one clear line, never a traceback ------------------------------------------


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_report(p)


def test_binary_file(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\x00")
    with pytest.raises(InputError, match=r"report\.pdf: looks like a binary file"):
        read_report(p)


def test_unknown_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Überblick über den Bericht: Straße, Café\n".encode("latin-1") * 3)
    with pytest.raises(InputError, match=r"latin\.txt: cannot tell the encoding.*re-save the file as UTF-8"):
        read_report(p)


def test_50_mb_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: the size is real, the disk is not used
    t = time.perf_counter()
    with pytest.raises(InputError, match=r"huge\.txt: is 50\.0 MB.*split it"):
        read_report(p)
    assert time.perf_counter() - t < 1


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)


def test_page_with_only_furniture(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><body><div class='nav'>首页</div><p>本文地址:/a.html</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no report text left"):
        read_report(p)


@pytest.mark.parametrize("error", ["empty", "binary", "encoding", "missing"])
def test_messages_are_one_line(tmp_path, error):
    p = tmp_path / "x.txt"
    {
        "empty": lambda: p.write_bytes(b""),
        "binary": lambda: p.write_bytes(b"\x00\x00\xff"),
        "encoding": lambda: p.write_bytes(b"\xe9t\xe9 \xe0 Paris\n"),
        "missing": lambda: None,
    }[error]()
    with pytest.raises(InputError) as info:
        read_report(p)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(p))


def test_a_projects_lead_and_partner_units_are_report_text_not_a_site_footer():
    # lianjiang-2021-zb: each of the county's 实事 names its units in a sentence.
    item = "(4)建设民俗公园。\n主办单位:住建局、榕发公司,协办单位:凤城镇、敖江镇。\n"
    footer = "主办单位:连江县人民政府办公室 承办单位:连江县融媒体中心\n技术支持:某某网络公司\n"
    assert clean_text(item + footer).split() == item.split()


# --- the outline on other report shapes -----------------------------------------------------


def test_report_without_headings():
    text = clean_text("加快推进城市更新。完成朱房村腾退。\n\n强化交通治理。推进地铁13号线建设。\n")
    report = outline(text)
    assert report.sections == ()
    assert [(p.section_path, p.title) for p in report.programmes] == [
        (("",), "加快推进城市更新"),
        (("",), "强化交通治理"),
    ]


def test_no_headings_and_no_title_sentences_is_fine():
    report = outline(clean_text("各位代表:\n\n现在,我代表区人民政府向大会报告工作,请予审议。\n"))
    assert report.programmes == () and report.sections == ()


@pytest.mark.parametrize(
    ("heading", "number", "level"),
    [
        ("第一部分 过去五年工作回顾", "第一部分", 0),
        ("一、2020年工作回顾", "一、", 1),
        ("二.今后五年的目标", "二.", 1),
        ("(三)坚持规划引领", "(三)", 2),
        ("（三）坚持规划引领", "（三）", 2),
        ("1.持续提升交通承载能力", "1.", 3),
        ("2、加快建设城市运行保障设施", "2、", 3),
        ("(4)完善路网", "(4)", 4),
    ],
)
def test_heading_forms(heading, number, level):
    report = outline(clean_text(f"{heading}\n\n加快推进城市更新。完成朱房村腾退。\n"))
    assert [(s.number, s.level) for s in report.sections] == [(number, level)]
    assert report.programmes[0].section_path == (report.sections[0].title,)


def test_nested_sections_give_a_path():
    text = "一、2022年工作安排\n\n(一)突出规划引领\n\n积极推进城市更新。推进朱房村腾退。\n\n(二)强化交通治理\n\n织密路网。启动6条道路建设。\n"
    report = outline(clean_text(text))
    assert [p.section_path for p in report.programmes] == [
        ("2022年工作安排", "突出规划引领"),
        ("2022年工作安排", "强化交通治理"),
    ]


def test_run_in_section_heading_opens_a_section():
    # 2018 Haidian report style: "(一)heading。body" in one paragraph.
    text = (
        "(一)疏解整治促提升成效显著。紧紧抓住疏解非首都功能这个“牛鼻子”,扎实开展12个专项行动。\n\n"
        "疏解整治与优化提升同步推进。集中连片推动重点地区综合改造,双泉堡地区成为示范。\n"
    )
    report = outline(clean_text(text))
    assert [(s.number, s.title) for s in report.sections] == [("(一)", "疏解整治促提升成效显著")]
    assert [(p.section, p.title) for p in report.programmes] == [
        ("疏解整治促提升成效显著", "疏解整治与优化提升同步推进")
    ]


def test_statement_sentence_is_not_a_programme_title():
    report = outline(clean_text("2020年是极不平凡的一年。在市委坚强领导下,全区上下团结奋战。\n"))
    assert report.programmes == ()


def test_numbered_programme_paragraph():
    report = outline(clean_text("(三)规划建设基础设施\n\n1.持续提升交通承载能力。优先推进轨道交通规划建设。\n"))
    assert report.programmes[0].title == "持续提升交通承载能力"


# --- linear time ------------------------------------------------------------------------------


def _paragraphs() -> str:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return "".join(ln.strip() for ln in lines[2:20] if ln.strip() and not ln.startswith("本文"))


def test_ten_megabyte_single_line_reads_quickly(tmp_path):
    line = _paragraphs()
    p = tmp_path / "one-line.txt"
    p.write_text((line * (10_000_000 // len(line) + 1))[:10_000_000], encoding="utf-8")
    t = time.perf_counter()
    report = read_report(p)
    assert time.perf_counter() - t < 10
    assert len(report.text) > 9_000_000  # a long line is report text, not page junk


def test_hard_wrap_detection_leaves_prose_alone(sample):
    # Normal prose (one line per paragraph) must not be joined.
    assert clean_text(SAMPLE.read_text(encoding="utf-8")).count("\n\n") == sample.text.count("\n\n")


def test_short_headings_among_long_paragraphs_are_not_a_wrap():
    # Kunming 2022 (round 18): four twelve-character lines among long paragraphs looked like a hard wrap,
    # so the heading 城市功能 ran into the next paragraph (城市功能地铁5号线).
    report = read_report(ROOT / "tests" / "data" / "labelled" / "kunming-2022-s.txt")
    assert "城市功能\n\n地铁5号线" in report.text
