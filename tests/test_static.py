"""Static maps: files, size, Chinese text, determinism, fonts, escaping.

The fixture below has the shape of ``geo.link.LinkResult`` (places of the
2021 Haidian report, coordinates approximate) so these tests run before
link.py lands and without the internet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pytest
from matplotlib.text import Text
from PIL import Image
from shapely.geometry import LineString, Point, Polygon

from geo import fonts, static
from geo.model import Mention, Programme, Report, Unlinked

DATE = "2026-11-27"


@dataclass(frozen=True)
class FakeLinkResult:
    report: Report
    mentions: tuple[Mention, ...]
    unlinked: tuple[Unlinked, ...]
    places: gpd.GeoDataFrame


# A rough hand-drawn Haidian outline: enough to frame the map in tests.
HAIDIAN = Polygon(
    [
        (116.30, 39.893), (116.335, 39.905), (116.345, 39.94), (116.39, 39.95),
        (116.39, 39.99), (116.385, 40.03), (116.36, 40.05), (116.30, 40.07),
        (116.27, 40.10), (116.24, 40.16), (116.17, 40.16), (116.10, 40.12),
        (116.05, 40.07), (116.06, 40.02), (116.12, 39.98), (116.18, 39.95),
        (116.22, 39.92), (116.26, 39.90),
    ]
)  # fmt: skip

TITLES = (
    "加快发展现代产业体系",
    "统筹推进中关村科学城建设",
    "推进国际消费中心城市建设",
    "持续实施“疏解整治促提升”专项行动",
    "积极推进城市更新",
    "强化交通治理",
    "统筹做好“四个服务”和协同发展",
)

# (name, kind, geometry as lon/lat, programme indices)
PLACES: list[tuple[str, str, object, list[int]]] = [
    ("小米科技园", "company", Point(116.300, 40.045), [0]),
    ("字节跳动", "company", Point(116.316, 39.967), [0]),
    ("腾讯北京总部", "company", Point(116.270, 40.044), [0]),
    ("中关村论坛永久会址", "facility", Point(116.262, 40.072), [0]),
    ("中关村科学城北区", "area", Polygon(
        [(116.10, 40.04), (116.26, 40.04), (116.28, 40.09), (116.24, 40.15), (116.12, 40.12)]
    ), [1]),
    ("上庄路", "road", LineString([(116.205, 40.05), (116.21, 40.09), (116.205, 40.125)]), [1]),
    ("温泉自来水厂", "facility", Point(116.190, 40.045), [1]),
    ("稻香湖再生水厂", "facility", Point(116.180, 40.090), [1]),
    ("海淀镇", "town", Point(116.300, 39.990), [1]),
    ("四季青镇", "town", Point(116.260, 39.960), [1]),
    ("东升科技园", "park", Point(116.353, 40.013), [1]),
    ("中关村壹号", "park", Point(116.235, 40.082), [2]),
    ("清河万象汇", "mall", Point(116.335, 40.035), [2]),
    ("公主坟", "area", Point(116.310, 39.907), [2]),
    ("中关村", "area", Point(116.315, 39.983), [2]),
    ("三山五园", "area", Polygon(
        [(116.18, 39.99), (116.30, 39.99), (116.31, 40.02), (116.19, 40.03)]
    ), [3]),
    ("福缘门", "village", Point(116.306, 40.005), [3]),
    ("挂甲屯", "village", Point(116.297, 39.998), [3]),
    ("大有庄", "village", Point(116.284, 40.006), [3]),
    ("骚子营", "village", Point(116.292, 40.008), [3]),
    ("京张铁路遗址公园", "park", LineString([(116.345, 39.955), (116.340, 39.985), (116.335, 40.01)]), [4]),
    ("清河", "river", LineString(
        [(116.24, 40.02), (116.29, 40.03), (116.33, 40.036), (116.38, 40.033), (116.45, 40.04)]
    ), [4]),
    ("中关村大街", "road", LineString([(116.318, 39.955), (116.316, 39.99)]), [4]),
    ("中关村广场", "landmark", Point(116.314, 39.978), [4]),
    ("北大西门", "landmark", Point(116.303, 39.993), [4]),
    ("五塔寺", "landmark", Point(116.330, 39.945), [4]),
    ("明光村", "village", Point(116.350, 39.960), [4]),
    ("朱房", "village", Point(116.330, 40.040), [4]),
    ("地铁13号线", "rail", LineString(
        [(116.353, 39.940), (116.336, 39.993), (116.319, 40.043), (116.305, 40.053),
         (116.36, 40.07), (116.42, 40.045), (116.43, 39.94)]
    ), [5]),
    ("钓鱼台", "landmark", Point(116.310, 39.925), [6]),
    ("玉泉山", "landmark", Point(116.255, 39.995), [6]),
    ("延庆区", "district", Point(115.985, 40.465), [6]),
    ("北京城市副中心", "area", Point(116.656, 39.905), [6]),
    ("雄安新区", "area", Point(115.98, 39.02), [6]),
    ("<img src=x onerror=alert(1)>", "landmark", Point(116.28, 39.94), [6]),
]  # fmt: skip


def make_result(places: list[tuple[str, str, object, list[int]]] = PLACES) -> FakeLinkResult:
    text = "\n".join(TITLES)
    programmes, at = [], 0
    for i, title in enumerate(TITLES):
        programmes.append(Programme(i, "(一)示例部分", ("(一)示例部分",), title, at, at + len(title), f"{i:02d}-p"))
        at += len(title) + 1
    report = Report(
        path="reports/haidian-2021-12-15.txt",
        title="(北京市)北京市海淀区人民政府工作报告(2021年12月15日)",
        text=text,
        encoding="utf-8",
        sections=(),
        programmes=tuple(programmes),
        body=(0, len(text)),
    )
    rows = [
        {
            "id": f"p{i:03d}",
            "name": name,
            "name_en": "",
            "kind": kind,
            "lat": geom.representative_point().y,
            "lon": geom.representative_point().x,
            "precision": "approx",
            "source": "osm" if i % 3 else "manual",
            "admin": "海淀区",
            "note": "",
            "geometry": geom,
            "programmes": progs,
        }
        for i, (name, kind, geom, progs) in enumerate(places)
    ]
    columns = ["id", "name", "name_en", "kind", "lat", "lon", "precision", "source", "admin", "note", "geometry"]
    gdf = gpd.GeoDataFrame(rows, columns=[*columns, "programmes"], geometry="geometry", crs="EPSG:4326")
    gdf = gdf.set_index("id")
    unlinked = (Unlinked("双新村", 0, 3, "village", 4, "完成双新村、宝山村等棚改"),)
    return FakeLinkResult(report, (), unlinked, gdf)


@pytest.fixture
def outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "haidian.geojson"
    feature = {
        "type": "Feature",
        "properties": {"name": "海淀区", "source": "test fixture (hand-drawn)"},
        "geometry": HAIDIAN.__geo_interface__,
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    monkeypatch.setattr(static, "OUTLINE_PATH", path)
    return path


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("programme", [None, 3, 6])
def test_writes_png_and_svg(tmp_path: Path, outline: Path, programme: int | None) -> None:
    out = static.render_static(make_result(), tmp_path / "map", programme=programme, date=DATE)
    assert out == [tmp_path / "map.png", tmp_path / "map.svg"]
    with Image.open(out[0]) as im:
        assert im.size == (1500, 1125)
    ET.parse(out[1])  # well-formed XML


def test_svg_holds_the_chinese_title(tmp_path: Path, outline: Path) -> None:
    out = static.render_static(make_result(), tmp_path / "m", programme=3, formats=("svg",), date=DATE)
    svg = out[0].read_text("utf-8")
    # Text is drawn as glyph paths (the SVG looks right without the font);
    # matplotlib keeps each string in a comment beside its glyphs.
    assert TITLES[3] in svg
    assert "福缘门" in svg and DATE in svg
    font = fonts.find_cjk_font()
    if font is not None:  # glyph defs are named <postscript name>-<glyph index>
        from matplotlib import ft2font

        index, _family = fonts.chinese_face(font)
        face = ft2font.FT2Font(str(font), face_index=index)
        for ch in "福缘门挂甲屯":  # labels use the regular face (the title is bold)
            assert f'id="{face.postscript_name}-{face.get_char_index(ord(ch)):x}"' in svg


def test_same_input_same_bytes(tmp_path: Path, outline: Path) -> None:
    a = static.render_static(make_result(), tmp_path / "a", date=DATE)
    b = static.render_static(make_result(), tmp_path / "b", date=DATE)
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.suffix


def test_same_bytes_across_processes(tmp_path: Path, outline: Path) -> None:
    """Hash randomisation must not reorder anything drawn."""
    script = (
        "import sys; from pathlib import Path; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "import test_static as t; from geo import static;"
        "static.OUTLINE_PATH = Path(sys.argv[3]);"
        "static.render_static(t.make_result(), Path(sys.argv[4]), date=t.DATE)"
    )
    root = Path(__file__).resolve().parents[1]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [str(root), str(Path(__file__).parent), str(outline), str(tmp_path / seed)]
        subprocess.run([sys.executable, "-c", script, *args], check=True, env=env)
    for suffix in (".png", ".svg"):
        one = (tmp_path / "1").with_suffix(suffix).read_bytes()
        two = (tmp_path / "2").with_suffix(suffix).read_bytes()
        assert one == two, suffix


def test_far_places_do_not_zoom_out(tmp_path: Path, outline: Path) -> None:
    result = make_result()
    svg = static.render_static(result, tmp_path / "far", programme=6, formats=("svg",), date=DATE)[0].read_text("utf-8")
    assert "海淀区以外" in svg
    for name in ("雄安新区", "延庆区", "北京城市副中心"):
        assert name in svg  # listed in the side box


def test_works_without_outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(static, "OUTLINE_PATH", tmp_path / "missing.geojson")
    out = static.render_static(make_result(), tmp_path / "m", date=DATE)
    assert all(p.stat().st_size > 0 for p in out)


def test_programme_without_places(tmp_path: Path, outline: Path) -> None:
    result = make_result([p for p in PLACES if 5 not in p[3]])
    out = static.render_static(result, tmp_path / "m", programme=5, formats=("png",), date=DATE)
    assert out[0].stat().st_size > 0


def test_rejects_bad_arguments(tmp_path: Path, outline: Path) -> None:
    with pytest.raises(ValueError, match="programme 99"):
        static.render_static(make_result(), tmp_path / "m", programme=99)
    with pytest.raises(ValueError, match="formats"):
        static.render_static(make_result(), tmp_path / "m", formats=("gif",))


def test_markup_in_a_name_is_escaped(tmp_path: Path, outline: Path) -> None:
    svg_path = static.render_static(make_result(), tmp_path / "x", programme=6, formats=("svg",), date=DATE)[0]
    text = svg_path.read_text("utf-8")
    root = ET.fromstring(text)  # still well-formed XML
    assert not any(el.tag.endswith("img") for el in root.iter())
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_import_is_light() -> None:
    code = "import sys, geo.static, geo.fonts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------- fonts


def test_font_found_with_glyphs_for_every_label() -> None:
    path = fonts.find_cjk_font()
    if path is None:
        pytest.skip("no CJK font on this machine (install fonts-noto-cjk)")
    labels = "".join(name for name, *_ in PLACES) + "".join(TITLES) + "来源海淀区以外图例"
    assert fonts.missing_glyphs(path, labels) == ""


def test_no_missing_glyph_warnings(tmp_path: Path, outline: Path) -> None:
    if fonts.find_cjk_font() is None:
        pytest.skip("no CJK font on this machine (install fonts-noto-cjk)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would raise
        static.render_static(make_result(), tmp_path / "g", date=DATE)


def test_env_override_by_path_and_family(monkeypatch: pytest.MonkeyPatch) -> None:
    found = fonts.find_cjk_font()
    if found is None:
        pytest.skip("no CJK font on this machine")
    monkeypatch.setenv(fonts.ENV_VAR, str(found))
    assert fonts.find_cjk_font() == found
    family = fonts.font_family(found)
    monkeypatch.setenv(fonts.ENV_VAR, family)
    assert fonts.find_cjk_font() is not None


def test_env_override_read_at_call_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"nope")
    monkeypatch.setenv(fonts.ENV_VAR, str(bogus))
    with pytest.warns(fonts.MissingCJKFontWarning, match=fonts.ENV_VAR):
        fallback = fonts.find_cjk_font()
    monkeypatch.delenv(fonts.ENV_VAR)
    assert fallback == fonts.find_cjk_font()  # fell back to the normal search


def test_latin_font_is_not_taken_for_cjk(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans")
    monkeypatch.setenv(fonts.ENV_VAR, dejavu)
    with pytest.warns(fonts.MissingCJKFontWarning):
        found = fonts.find_cjk_font()
    assert found is None or Path(found) != Path(dejavu)


def test_ttc_collection_picks_the_simplified_face() -> None:
    ttc = next((p for p in fonts.known_paths() if p.suffix == ".ttc" and p.is_file()), None)
    if ttc is None or "NotoSansCJK" not in ttc.name:
        pytest.skip("Noto Sans CJK .ttc not installed")
    assert fonts.font_family(ttc) == "Noto Sans CJK SC"


def test_no_font_still_renders_with_one_warning(tmp_path: Path, outline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "KNOWN_FAMILIES", ())
    monkeypatch.setattr(fonts, "known_paths", lambda: [])
    assert fonts.find_cjk_font() is None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = static.render_static(make_result(), tmp_path / "nf", formats=("png",), date=DATE)
    assert out[0].stat().st_size > 0
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1, messages
    assert "fonts-noto-cjk" in messages[0] and "\n" not in messages[0]


# ------------------------------------------------------------------ layout


def draw(result: FakeLinkResult, programme: int | None = None):  # -> matplotlib Figure
    with static._rendering():
        return static._draw(result, static._programme(result.report, programme), DATE)


def labels(fig) -> list:  # the label texts (not their white halos)
    ax = fig.axes[0]
    return [t for t in ax.texts if t.get_zorder() == 8 and not t.get_path_effects()]


@pytest.mark.parametrize("programme", [None, 3, 4])
def test_labels_do_not_overlap(outline: Path, programme: int | None) -> None:
    fig = draw(make_result(), programme)
    fig.canvas.draw()  # annotations learn their positions when drawn
    renderer = fig.canvas.get_renderer()
    ax_box = fig.axes[0].get_window_extent(renderer)
    # Text's own extent: an Annotation's would include its leader line.
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in labels(fig)]
    named = {name for name, *_ in PLACES}
    assert sum(text in named for text, _ in boxes) >= 0.8 * len(boxes)  # most get their name
    for i, (a, box_a) in enumerate(boxes):
        assert ax_box.x0 <= box_a.x0 and box_a.x1 <= ax_box.x1, a
        assert ax_box.y0 <= box_a.y0 and box_a.y1 <= ax_box.y1, a
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), (a, b)


def test_crowded_labels_get_numbers(outline: Path) -> None:
    # Twenty villages within a few hundred metres cannot all be named in place.
    crowd = [(f"村{i:02d}号", "village", Point(116.30 + i * 0.0004, 40.0), [0]) for i in range(20)]
    fig = draw(make_result(crowd))
    texts = [t.get_text() for t in labels(fig)]
    numbers = [t for t in texts if t.isdigit()]
    assert numbers, texts
    side = " ".join(t.get_text() for t in fig.axes[1].texts)
    assert "图中编号" in side and "村" in side


def test_far_places_keep_the_frame_on_haidian(outline: Path) -> None:
    fig = draw(make_result(), 6)
    x0, x1 = fig.axes[0].get_xlim()
    y0, y1 = fig.axes[0].get_ylim()
    assert x1 - x0 < 60_000 and y1 - y0 < 60_000  # metres; Xiong'an is 110 km away


def test_pdf_is_reproducible(tmp_path: Path, outline: Path) -> None:
    a = static.render_static(make_result(), tmp_path / "a", programme=3, formats=("pdf",), date=DATE)[0]
    b = static.render_static(make_result(), tmp_path / "b", programme=3, formats=("pdf",), date=DATE)[0]
    assert a.read_bytes().startswith(b"%PDF") and a.read_bytes() == b.read_bytes()


def test_no_places_at_all(tmp_path: Path, outline: Path) -> None:
    result = make_result([])
    out = static.render_static(result, tmp_path / "empty", formats=("png",), date=DATE)
    assert out[0].stat().st_size > 0


def test_a_report_about_another_district_is_drawn_in_it(tmp_path) -> None:
    from geo.gazetteer import load_places
    from geo.link import link
    from geo.report import read_report

    path = tmp_path / "report.txt"
    path.write_text(
        "北京市通州区人民政府工作报告\n\n一、加快城市副中心建设\n"
        "通州区将继续全力服务支持北京城市副中心建设，加强与海淀区中关村科学城合作，对接雄安新区。\n",
        encoding="utf-8",
    )
    result = link(read_report(path), load_places(Path(__file__).resolve().parents[1] / "places.csv"))
    out = static.render_static(result, tmp_path / "out", formats=("svg",), date=DATE)
    svg = next(p for p in out if str(p).endswith(".svg")).read_text(encoding="utf-8")
    assert "通州区以外" in svg and "海淀区以外" not in svg


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a city's report (Kunming 2022, labelled) and a county's beyond Beijing: no Haidian outline
        ((Path(__file__).parent / "data" / "labelled" / "kunming-2022-s.txt").read_text(encoding="utf-8"), "昆明市"),
        ("湖北省浠水县人民政府工作报告\n\n一、加快建设\n浠水县将继续推进项目建设。\n", "浠水县"),
    ],
)
def test_a_report_from_beyond_beijing_has_no_haidian_outline(tmp_path: Path, text: str, name: str) -> None:
    from geo.report import read_report

    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert static._district_outline(read_report(path)) == (None, name, name)


def test_without_an_outline_the_frame_centres_on_the_places() -> None:
    # far from Haidian (Kunming's Dianchi), the centre is the places', not Haidian's fallback
    places = gpd.GeoDataFrame(geometry=[Point(102.70, 24.90), Point(102.72, 24.86)], crs="EPSG:4326")
    (x, y), (hx, hy) = static._centre(None, places), static._centre(None)
    assert abs(x - hx) > 1_000_000 or abs(y - hy) > 1_000_000
    assert static._centre(None, places.iloc[:0]) == (hx, hy)
