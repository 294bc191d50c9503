"""End to end in Chromium: the real sample build, and hostile files through `geo build`.

The other browser tests drive maps.py with fixtures; these go through the
CLI with real files (report -> places.csv -> build -> pages), offline.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geo.cli import cli
from geo.gazetteer import COLUMNS
from tests.test_browser import CHROMIUM, TILE_HOSTS, browser, open_page  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed at /usr/bin/chromium"),
]


def _build(out, *args):
    res = CliRunner().invoke(cli, ["build", "--out", str(out), "--no-images", *map(str, args)], obj={})
    assert res.exit_code == 0, res.output
    return res


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "maps"
    _build(out)
    return out


def test_sample_layers_match_places_geojson(sample_site, open_page):  # noqa: F811
    """Each programme layer draws every place places.geojson says it names: near ones in the
    layer itself ("title (n · 区外 k)"), far ones once each in the Beyond Haidian layer."""
    features = json.loads((sample_site / "places.geojson").read_text(encoding="utf-8"))["features"]
    page = open_page(sample_site / "index.html")
    assert page.errors == []
    assert all(u.split("/")[2].endswith(TILE_HOSTS) for u in page.blocked)
    layers = page.js("geoMapState.roots.map((r, k) => [r.geoSpec.name, geoMapState.drawnCount(k)])")
    far_drawn = next(n for name, n in layers if "Beyond Haidian" in name)
    far_total = 0
    titles = [
        "加快发展现代产业体系", "加快推进“两区”建设", "统筹推进中关村科学城建设", "推进国际消费中心城市建设",
        "发挥规划的战略引领和刚性管控作用,健全规划引领项目生成的实施机制", "持续实施“疏解整治促提升”专项行动",
        "积极推进城市更新", "强化交通治理", "统筹做好“四个服务”和协同发展",
    ]
    for title in titles:
        name, drawn = next((n, d) for n, d in layers if n.startswith(title + " ("))
        near, _, far = name[len(title) + 2 : -1].partition(" · 区外 ")
        named = sum(1 for f in features if title in f["properties"]["programmes"])
        assert drawn == int(near), name
        assert int(near) + int(far or 0) == named, name
        far_total += int(far or 0)
    assert 0 < far_drawn <= far_total  # 雄安新区, 延庆区 … drawn once each, away from the default view
    assert sum(d for _, d in layers[:-1]) + far_total == sum(len(f["properties"]["programmes"]) for f in features)


HOSTILE_ROW = {
    "id": "xss-place", "name": "<img src=x onerror=alert(1)>", "name_en": "\"><svg onload=alert(2)>",
    "kind": "village", "lat": "39.99", "lon": "116.30", "precision": "exact", "crs_source": "wgs84",
    "source": "javascript:alert(3)", "admin": "海淀区", "aliases": "`${alert(4)}`|</script><script>alert(5)</script>",
    "note": "{{ 12345*3 }} <b onmouseover=alert(6)>x</b>",
}
HOSTILE_REPORT = (
    "海淀区政府工作报告<script>alert(7)</script>\n\n"
    "加快推进`${alert(8)}`建设。推进<img src=x onerror=alert(1)>和`${alert(4)}`改造,"
    "整治</script><script>alert(5)</script>村。\n\n"
    "强化交通治理。推进{{ 12345*3 }}路建设,访问javascript:alert(9)。\n"
)


def test_hostile_gazetteer_and_report_run_nothing(tmp_path, open_page):  # noqa: F811
    import csv

    places = tmp_path / "places.csv"
    with places.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerow({c: HOSTILE_ROW.get(c, "") for c in COLUMNS})
    report = tmp_path / "report.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    out = tmp_path / "maps"
    _build(out, report, "--places", places, "--embed")
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 3
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "37035" not in html  # no template evaluated {{ 12345*3 }} …
        if path.name == "index.html":
            assert "{{ 12345*3 }}" in html  # … it is there as text
        page = open_page(path)
        page.page.locator(".leaflet-control-layers").hover()
        page.page.wait_for_timeout(100)
        assert page.js("window.__alerts") == [], path.name
        assert page.js("document.querySelectorAll('[onerror],[onload],[onmouseover]').length") == 0, path.name
        assert page.errors == [], path.name
        if path.name == "index.html":
            assert "<script>alert(7)</script>" in page.js("document.body.innerText")  # the title, literally
            page.page.fill(".geo-search input", "img")
            page.page.locator(".geo-search li[data-i]").first.click()
            popup = page.page.locator(".leaflet-popup-content")
            assert "<img src=x onerror=alert(1)>" in popup.inner_text()
            assert popup.locator("a").count() == 0  # the javascript: source is not a link
            assert page.js("window.__alerts") == []


def test_popup_opens_clear_of_the_layer_list(sample_site, open_page):  # noqa: F811
    page = open_page(sample_site / "index.html", (1300, 800))
    page.page.fill(".geo-search input", "东升")
    page.page.locator(".geo-search li[data-i]").first.click()
    page.page.wait_for_timeout(300)
    popup = page.page.locator(".leaflet-popup").bounding_box()
    layers = page.page.locator(".leaflet-control-layers").bounding_box()
    assert popup["x"] + popup["width"] <= layers["x"]  # the popup is not under the open layer list
    assert page.page.locator(".geo-search li").count() == 0  # choosing a result closes the list
    assert "东升科技园二期" in page.page.locator(".leaflet-popup-content mark").all_inner_texts()
