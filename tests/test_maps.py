"""Unit tests on the generated map pages (no browser, no network)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import geopandas as gpd
import pytest

from geo import _html, maps
from tests._maps_fixtures import (
    FAR_IDS,
    XSS_IMG,
    XSS_SCRIPT,
    expected_layer_counts,
    make_result,
    write_boundary,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_boundary(tmp_path / "haidian.geojson")
    monkeypatch.setattr(maps, "BOUNDARY_PATH", path)
    return path


@pytest.fixture(scope="module")
def result():
    return make_result()


@pytest.fixture(scope="module")
def xss_result():
    return make_result(xss=True)


def page_of(result, **kw) -> str:
    return maps.render_html(maps.build_map(result, **kw))


def payload_of(page: str) -> dict:
    """The JSON handed to geoMap.init (script_json output is plain JSON)."""
    m = re.search(r"geoMap\.init\(map_\w+, (\{.*?\}), \[\[", page, re.S)
    assert m, "no geoMap.init call in page"
    return json.loads(m.group(1))


class Tags(HTMLParser):
    """Collects start tags and their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


# ---------------------------------------------------------------- offline


def test_page_loads_nothing_from_the_network(result) -> None:
    page = page_of(result)
    for tag, attrs in tags_of(page):
        if tag == "script":
            assert "src" not in attrs, f"external script {attrs}"
        if tag == "link":
            assert not (attrs.get("href") or "").startswith(("http:", "https:", "//")), attrs
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page and "bootstrapcdn" not in page
    assert "url(images/" not in page  # Leaflet's control icons are inlined
    assert "sourceMappingURL" not in page


def test_leaflet_is_inlined_from_xstatic(result) -> None:
    import xstatic.pkg.leaflet as xleaflet

    page = page_of(result)
    assert f"Leaflet {xleaflet.VERSION}" in page or "leafletjs.com" in page
    assert "window.geoMap" in page  # our runtime


def test_clustering_js_only_when_a_layer_is_big(result, monkeypatch) -> None:
    assert "marker-cluster-small" not in page_of(result)  # plugin CSS/JS left out
    monkeypatch.setattr(maps, "CLUSTER_THRESHOLD", 2)
    page = page_of(result)
    assert "marker-cluster-small" in page
    assert any(layer["cluster"] for layer in payload_of(page)["layers"])


# ---------------------------------------------------------------- layers


def test_one_layer_per_programme_named_with_counts(result) -> None:
    layers = payload_of(page_of(result))["layers"]
    counts = expected_layer_counts(result)
    progs = result.report.programmes
    assert [layer["name"] for layer in layers[: len(progs)]] == [
        _html.escape(f"{p.title} ({counts[p.index]}" + (" · 区外 3)" if p.index == 8 else ")")) for p in progs
    ]
    assert [layer["group"] for layer in layers[: len(progs)]] == [
        maps.UNSECTIONED if not p.section else p.section for p in progs
    ]
    assert [len(layer["places"]) for layer in layers[: len(progs)]] == [counts[p.index] for p in progs]


def test_far_places_go_to_beyond_layer_and_out_of_the_frame(result) -> None:
    data = payload_of(page_of(result))
    beyond = data["layers"][-1]
    assert beyond["name"].startswith(_html.escape(maps.BEYOND_NAME))
    names = {data["places"][i][0] for i in beyond["places"]}
    expected = {result.places.loc[pid, "name"] for pid in FAR_IDS}
    assert names == expected
    (s, w), (n, e) = data["bounds"]
    assert 39.85 < s < n < 40.2 and 116.0 < w < e < 116.45  # 雄安/延庆/副中心 excluded


def test_far_places_without_boundary_use_distance(result, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(maps, "BOUNDARY_PATH", tmp_path / "missing.geojson")
    data = payload_of(page_of(result))
    assert data["outline"] is None
    assert len(data["layers"][-1]["places"]) == len(FAR_IDS)


def test_malformed_boundary_is_skipped(result, monkeypatch, tmp_path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(maps, "BOUNDARY_PATH", bad)
    assert payload_of(page_of(result))["outline"] is None


def test_outline_source_in_attribution(result) -> None:
    outline = payload_of(page_of(result))["outline"]
    assert 'href="https://example.org/haidian-test-outline"' in outline["attribution"]


def test_single_programme_map(result) -> None:
    data = payload_of(page_of(result, programme=6))
    assert [layer["name"] for layer in data["layers"]] == [_html.escape("积极推进城市更新 (6)")]
    with pytest.raises(ValueError, match="no programme"):
        maps.build_map(result, programme=99)


def test_points_lines_and_areas_keep_their_geometry(result) -> None:
    data = payload_of(page_of(result))
    by_name = {p[0]: p[8] for p in data["places"]}
    assert isinstance(by_name["五塔寺"], list) and len(by_name["五塔寺"]) == 2
    assert by_name["中关村大街"]["type"] == "LineString"
    assert by_name["三山五园"]["type"] == "Polygon"


def test_popup_quotes_sentence_with_mark_offsets(result) -> None:
    data = payload_of(page_of(result))
    wuta = next(p for p in data["places"] if p[0] == "五塔寺")
    sentence_index, offsets = wuta[7][0]
    sentence = data["sentences"][sentence_index]
    assert sentence[offsets[0] : offsets[1]] == "五塔寺"
    assert data["programmes"]["6"] == "积极推进城市更新"


def test_empty_gazetteer_still_builds(result) -> None:
    empty = type(result)(result.report, (), result.unlinked, gpd.GeoDataFrame(geometry=[], crs="EPSG:4326"))
    data = payload_of(page_of(empty))
    assert all(layer["places"] == [] for layer in data["layers"])
    assert data["bounds"]


# ---------------------------------------------------------------- escaping


def test_xss_payloads_are_inert(xss_result) -> None:
    page = page_of(xss_result)
    for raw in (XSS_IMG, XSS_SCRIPT, "</script><script>alert(3)", '"><svg onload', "<b onmouseover"):
        assert raw not in page
    for tag, attrs in tags_of(page):
        assert tag not in ("img", "svg", "b", "iframe"), (tag, attrs)
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
    assert page.count("<script") == page.count("</script>") == 4
    hrefs = [a.get("href") or "" for _, a in tags_of(page)]
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    data = payload_of(page)
    xss = next(p for p in data["places"] if "onerror" in p[0])
    assert xss[0] == _html.escape(XSS_IMG)
    assert data["sources"][xss[4]] == "javascript:alert(8)"  # plain text, not a link


def test_site_pages_escape_titles_and_unplaced(xss_result, tmp_path) -> None:
    maps.write_site(xss_result, tmp_path)
    for page in (tmp_path / "index.html", tmp_path / "10-programme.html"):
        text = page.read_text(encoding="utf-8")
        assert XSS_SCRIPT not in text and XSS_IMG not in text and "<b onmouseover" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        assert "<" not in title
    assert "&lt;b onmouseover=alert(6)&gt;村" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_build_summary_lists_possible_names_apart(result) -> None:
    from geo.build import BuildSummary

    lines = BuildSummary(Path("out"), (result,), (), {}).lines()
    assert any(line.startswith("  not in the gazetteer (add with") and "骚子营" in line for line in lines)
    assert "  possibly names, the tagger doubts them: 东西水磨" in lines


def test_unplaced_lists_put_possible_names_last_and_mark_them(xss_result) -> None:
    items = maps._unplaced_items(xss_result, None)
    names = [html.unescape(i[0]) for i in items]
    # Text order within each group; the names the tagger doubts come last, flagged.
    assert names[-2:] == ["东西水磨", "<b onmouseover=alert(6)>村"] and [i[2] for i in items[-2:]] == ["1", "1"]
    assert all(i[2] == "" for i in items[:-2]) and names.index("骚子营") < names.index("双新村")
    listed = maps._unplaced_html(items)
    assert listed.count('class="geo-possible"') == 2 and "<b onmouseover" not in listed
    assert re.search(r'<li class="geo-possible" title="[^"<>]+"><span>东西水磨</span>', listed)
    assert listed.endswith(f"</ul><p><small>? {maps.LABELS['possible']}</small></p>")  # the key, for print
    assert "<small>?" not in maps._unplaced_html(items[:-2])


def test_template_syntax_in_text_is_not_evaluated(result, tmp_path) -> None:
    # branca compiles what MacroElements render as Jinja; our text must never be.
    from dataclasses import replace

    report = result.report
    progs = (replace(report.programmes[0], title="{{ 7*7 }}任务{% raw %}"), *report.programmes[1:])
    places = result.places.copy()
    places.loc["wutasi", "name"] = "{{ 6*7 }}寺{# open comment"
    odd = type(result)(
        replace(report, title="报告{{ 5*5 }}", programmes=progs), result.mentions, result.unlinked, places
    )
    maps.write_site(odd, tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for literal in ("{{ 7*7 }}任务{% raw %}", "{{ 6*7 }}寺{# open comment", "报告{{ 5*5 }}"):
        assert literal in index
    assert "49任务" not in index and "42寺" not in index and "报告25" not in index


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "</script><script>alert(1)</script>",
            '"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"',
        ),
        ("a\u2028b\u2029c", '"a\\u2028b\\u2029c"'),
        ("&amp; <!--", '"\\u0026amp; \\u003c!--"'),
        ("中文`${x}`", '"中文`${x}`"'),
    ],
)
def test_script_json(value: str, expected: str) -> None:
    assert _html.script_json(value) == expected
    assert json.loads(_html.script_json(value)) == value


@pytest.mark.parametrize(
    ("source", "is_link"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ("OSM relation 123", False),
        ("https://", False),
    ],
)
def test_link_or_text(source: str, is_link: bool) -> None:
    out = _html.link_or_text(source)
    assert out.startswith("<a ") is is_link
    assert "<script" not in out


def test_marked_offsets_survive_entities_and_astral_chars() -> None:
    text = "A&B<𠀀>中关村C"
    start = text.index("中关村")
    escaped, offsets = _html.marked(text, [(start, start + 3)])
    assert escaped == "A&amp;B&lt;𠀀&gt;中关村C"
    units = escaped.encode("utf-16-le")
    assert units[offsets[0] * 2 : offsets[1] * 2].decode("utf-16-le") == "中关村"


def test_inline_script_refuses_breakout() -> None:
    with pytest.raises(ValueError):
        _html.inline_script("var a = '</SCRIPT>';")


# ---------------------------------------------------------------- page


def test_charset_lang_and_title(result) -> None:
    page = page_of(result)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN"')
    assert '<meta charset="utf-8">' in page
    assert f"<title>{_html.escape(result.report.title)}</title>" in page


def test_deterministic_bytes(result) -> None:
    assert page_of(result) == page_of(result)
    assert page_of(result, programme=2) == page_of(result, programme=2)


def test_deterministic_across_processes(boundary) -> None:
    code = (
        "import hashlib, sys; sys.path[:0] = ['.']\n"
        "from pathlib import Path\n"
        "from tests._maps_fixtures import make_result\n"
        "from geo import maps\n"
        f"maps.BOUNDARY_PATH = Path({str(boundary)!r})\n"
        "print(hashlib.sha256(maps.render_html(maps.build_map(make_result())).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(digests) == 1


def test_write_site_pages_and_links(result, tmp_path) -> None:
    paths = maps.write_site(result, tmp_path)
    slugs = [p.slug for p in result.report.programmes]
    assert [p.name for p in paths] == ["index.html"] + [f"{s}.html" for s in slugs]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    hrefs = [a.get("href") for tag, a in tags_of(index) if tag == "a"]
    for s in slugs:
        assert {f"{s}.html", f"{s}.png", f"{s}.svg"} <= set(hrefs)
    assert {"overview.png", "overview.svg"} <= set(hrefs)
    sidebar = index.split('<nav class="geo-side">')[1].split("</nav>")[0]
    assert sidebar.count("骚子营") == 1  # deduplicated, with its programme
    assert "<span>骚子营</span> <small>持续实施“疏解整治促提升”专项行动</small>" in sidebar
    assert 'href="index.html"' in (tmp_path / f"{slugs[6]}.html").read_text(encoding="utf-8")
    assert not (tmp_path / "embed.html").exists()


def test_write_site_without_images(result, tmp_path) -> None:
    maps.write_site(result, tmp_path, images=False)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    hrefs = [a.get("href") or "" for tag, a in tags_of(index) if tag == "a"]
    assert hrefs and not any(h.endswith((".png", ".svg")) for h in hrefs)


def test_embed_page(result, tmp_path) -> None:
    maps.write_site(result, tmp_path, embed=True)
    page = (tmp_path / "embed.html").read_text(encoding="utf-8")
    assert 'class="geo-embed"' in page and "960px" in page and "540px" in page
    assert "geo-side" not in page.split("</style>")[-1]  # no sidebar element
    assert payload_of(page)["embed"] is True


def test_bad_slug_is_refused(result, tmp_path) -> None:
    from dataclasses import replace

    progs = list(result.report.programmes)
    progs[0] = replace(progs[0], slug="../evil")
    bad = type(result)(replace(result.report, programmes=tuple(progs)), result.mentions, result.unlinked, result.places)
    with pytest.raises(ValueError, match="unusable page name"):
        maps.write_site(bad, tmp_path)


def test_import_is_light() -> None:
    code = "import sys, geo.maps; print(sorted(m for m in ('folium', 'geopandas', 'shapely') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_place_record_matches_runtime_slots(result) -> None:
    # The slot layout is shared with assets/geo_map.js (its P_* constants).
    place = payload_of(page_of(result))["places"][0]
    assert len(place) == 10
    js = (ROOT / "geo" / "assets" / "geo_map.js").read_text(encoding="utf-8")
    assert "P_GEOM = 8, P_EXACT = 9" in js


# A report about another district is framed by that district (geo/data/beijing_districts.geojson),
# and one from beyond Beijing draws no outline: nothing is "beyond" a district it does not know.
OTHER_DISTRICT = (
    "北京市通州区人民政府工作报告\n\n一、加快城市副中心建设\n"
    "通州区将继续全力服务支持北京城市副中心建设，加强与海淀区中关村科学城合作，对接雄安新区。\n"
)


def _linked(tmp_path: Path, text: str):
    from geo.gazetteer import load_places
    from geo.link import link
    from geo.report import read_report

    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return link(read_report(path), load_places(ROOT / "places.csv"))


def test_a_report_about_another_district_is_framed_by_it(tmp_path) -> None:
    data = payload_of(page_of(_linked(tmp_path, OTHER_DISTRICT)))
    assert data["outline"]["name"] == _html.escape("通州区界 / Tongzhou boundary")
    beyond = data["layers"][-1]
    assert beyond["name"].startswith(_html.escape("通州区以外 / Beyond Tongzhou"))
    assert {data["places"][i][0] for i in beyond["places"]} == {"中关村科学城", "雄安新区"}
    (s, w), (n, e) = data["bounds"]
    assert 39.5 < s < n < 40.1 and 116.5 < w < e < 117.0  # Tongzhou, not Haidian (116.0-116.4)


def test_a_report_from_beyond_beijing_draws_no_outline(tmp_path) -> None:
    text = OTHER_DISTRICT.replace("北京市通州区", "湖北省浠水县").replace("通州区将", "浠水县将")
    data = payload_of(page_of(_linked(tmp_path, text)))
    assert data["outline"] is None
    assert not any("以外" in layer["name"] for layer in data["layers"])


def test_a_city_report_from_beyond_beijing_draws_no_haidian_outline(tmp_path) -> None:
    # Kunming's 2022 report (a labelled excerpt) names its city often and no county of its own:
    # it once fell back to Haidian's outline.
    text = (ROOT / "tests" / "data" / "labelled" / "kunming-2022-s.txt").read_text(encoding="utf-8")
    data = payload_of(page_of(_linked(tmp_path, text)))
    assert data["outline"] is None
    assert not any("海淀" in layer["name"] for layer in data["layers"])
