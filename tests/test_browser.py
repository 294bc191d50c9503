"""The map pages in Debian's headless Chromium, with every http(s) request blocked."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo import maps
from geo.coords import distance_m, wgs84_to_gcj02
from tests._maps_fixtures import XSS_IMG, expected_layer_counts, make_result, write_boundary

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TILE_HOSTS = ("tile.openstreetmap.org", "is.autonavi.com")
LIGHT, GAODE = maps.BASEMAPS[0][0], maps.BASEMAPS[2][0]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _site(tmp: Path, *, xss: bool) -> tuple[Any, Path]:
    mp = pytest.MonkeyPatch()
    mp.setattr(maps, "BOUNDARY_PATH", write_boundary(tmp / "haidian.geojson"))
    try:
        result = make_result(xss=xss)
        maps.write_site(result, tmp / "site", embed=True)
        # The bare build_map page carries the in-map unplaced list too.
        (tmp / "site" / "bare.html").write_text(maps.render_html(maps.build_map(result)), encoding="utf-8")
    finally:
        mp.undo()
    return result, tmp / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Any, Path]:
    return _site(tmp_path_factory.mktemp("site"), xss=False)


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> tuple[Any, Path]:
    return _site(tmp_path_factory.mktemp("xss"), xss=True)


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens")


class Page:
    """A page opened offline, recording errors, blocked requests and alerts."""

    def __init__(self, browser: Any, url: str, size: tuple[int, int] = (1280, 800)) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", self._console)
        self.page.route("**/*", self._route)
        self.page.add_init_script(
            "window.__alerts = [];"
            "for (const f of ['alert', 'confirm', 'prompt'])"
            "  window[f] = (x) => { window.__alerts.push(f + ':' + x); };"
        )
        self.page.goto(url)
        self.page.wait_for_function("window.geoMapReady === true", timeout=15_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("http://", "https://")):
            self.blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def _console(self, msg: Any) -> None:
        url = (msg.location or {}).get("url", "")
        # Blocked tiles are expected offline; anything else is a real error.
        if msg.type == "error" and not (msg.text.startswith("Failed to load resource") and url.startswith("http")):
            self.errors.append(f"console: {msg.text} ({url})")

    def js(self, code: str, arg: Any = None) -> Any:
        return self.page.evaluate(code, arg)

    def place_index(self, name: str) -> int:
        return self.js("n => geoMapState.data.places.findIndex(p => p[0] === n)", name)

    def leaf_latlngs(self, i: int) -> Any:
        return self.js(
            """i => { const l = geoMapState.leaves[i][0].leaf;
                      return l.getLatLng ? [l.getLatLng()] : l.getLatLngs().flat(3); }""",
            i,
        )

    def choose_basemap(self, name: str) -> None:
        self.page.get_by_role("radio", name=name, exact=True).check()

    def overlay_box(self, text: str) -> Any:
        return self.page.locator(".leaflet-control-layers-overlays label", has_text=text).locator("input")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_page(browser) -> Iterator[Any]:
    pages: list[Page] = []

    def opener(path: Path, size: tuple[int, int] = (1280, 800)) -> Page:
        pages.append(Page(browser, path.as_uri(), size))
        return pages[-1]

    yield opener
    for p in pages:
        p.close()


# ---------------------------------------------------------------- tests


def test_every_page_loads_offline_without_errors(site, open_page, screens) -> None:
    result, folder = site
    names = ["index.html", "embed.html", "bare.html"] + [f"{p.slug}.html" for p in result.report.programmes]
    for name in names:
        page = open_page(folder / name, (960, 540) if name == "embed.html" else (1280, 800))
        assert page.errors == [], name
        hosts = {u.split("/")[2] for u in page.blocked}
        assert all(h.endswith(TILE_HOSTS) for h in hosts), hosts  # only tiles wanted the network
        assert page.js("document.documentElement.lang") == "zh-CN"
        if name in ("index.html", "embed.html"):
            page.page.screenshot(path=str(screens / name.replace(".html", ".png")))


def test_drawn_features_per_layer(site, open_page) -> None:
    result, folder = site
    page = open_page(folder / "index.html")
    expected = expected_layer_counts(result)
    drawn = page.js("geoMapState.roots.map((r, k) => geoMapState.drawnCount(k))")
    n = len(result.report.programmes)
    assert drawn[:n] == [expected[p.index] for p in result.report.programmes]
    assert drawn[n:] == [3]  # the beyond layer: 雄安新区, 延庆区, 北京城市副中心
    # Every drawn feature sits on the canvas renderer, not just in a group.
    on_canvas = page.js(
        "Object.values(geoMapState.leaves).flat().filter(h => h.leaf._renderer instanceof L.Canvas).length"
    )
    assert on_canvas == sum(drawn)


def test_programme_page_draws_only_its_places(site, open_page) -> None:
    result, folder = site
    prog = result.report.programmes[6]
    page = open_page(folder / f"{prog.slug}.html")
    assert page.js("geoMapState.roots.length") == 1
    assert page.js("geoMapState.drawnCount(0)") == expected_layer_counts(result)[prog.index]


def test_toggling_a_layer_removes_its_features(site, open_page) -> None:
    _, folder = site
    page = open_page(folder / "index.html")
    k = page.js("geoMapState.roots.findIndex(r => r.geoSpec.name.startsWith('积极推进城市更新'))")
    before = page.js("k => geoMapState.drawnCount(k)", k)
    assert before > 0
    box = page.overlay_box("积极推进城市更新")
    box.uncheck()
    assert page.js("k => geoMapState.drawnCount(k)", k) == 0
    # 京张铁路遗址公园 is that programme's only park: the legend drops "park".
    assert page.page.locator(".geo-legend-row[data-kind=park]").count() == 0
    box.check()
    assert page.js("k => geoMapState.drawnCount(k)", k) == before
    assert page.page.locator(".geo-legend-row[data-kind=park]").count() == 1


def test_hover_and_popup_show_the_quote(site, open_page, screens) -> None:
    _, folder = site
    page = open_page(folder / "index.html")
    i = page.place_index("五塔寺")
    x, y = page.js(
        """i => { const l = geoMapState.leaves[i][0].leaf, m = geoMapState.map;
                  m.setView(l.getLatLng(), 16, {animate: false});
                  const p = m.latLngToContainerPoint(l.getLatLng()), r = m.getContainer().getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y]; }""",
        i,
    )
    page.page.mouse.move(x, y)
    assert page.page.locator(".leaflet-tooltip").inner_text() == "五塔寺"
    page.page.mouse.click(x, y)
    popup = page.page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "五塔寺" in text and "Wuta Temple" in text and "积极推进城市更新" in text and "精确 exact" in text
    assert popup.locator("mark").all_inner_texts() == ["五塔寺"]
    page.page.screenshot(path=str(screens / "popup.png"))
    assert page.errors == []


def test_search_finds_aliases_and_opens_popup(site, open_page) -> None:
    _, folder = site
    page = open_page(folder / "index.html")
    page.page.fill(".geo-search input", "zgc")  # an alias of 中关村, any case
    page.page.locator(".geo-search li[data-i]").first.click()
    assert page.page.locator(".leaflet-popup-content .geo-name").inner_text().startswith("中关村")
    page.page.fill(".geo-search input", "不存在的地方")
    assert page.page.locator(".geo-search li.geo-none").count() == 1


def test_gcj02_port_matches_python(site, open_page) -> None:
    _, folder = site
    page = open_page(folder / "embed.html", (960, 540))
    grid = [(lat, lon) for lat in (18.2, 30.5, 39.0, 39.9, 40.05, 53.5) for lon in (73.5, 100.0, 116.3, 121.5, 135.0)]
    grid += [(51.5, -0.12), (35.7, 139.8), (0.5, 116.0)]  # outside China: unchanged
    js = page.js("pts => pts.map(p => geoMap.wgs84ToGcj02(p[0], p[1]))", grid)
    for (lat, lon), (jlat, jlon) in zip(grid, js, strict=True):
        plat, plon = wgs84_to_gcj02(lat, lon)
        assert distance_m(plat, plon, jlat, jlon) < 0.01, (lat, lon)


def test_gaode_basemap_shifts_overlays_and_back(site, open_page, screens) -> None:
    _, folder = site
    page = open_page(folder / "index.html")
    i_point, i_line = page.place_index("五塔寺"), page.place_index("中关村大街")
    outline = "geoMapState.outline.getLayers()[0].getLatLngs().flat(3).slice(0, 3)"
    before = [page.leaf_latlngs(i_point), page.leaf_latlngs(i_line), page.js(outline)]
    page.choose_basemap(GAODE)
    after = [page.leaf_latlngs(i_point), page.leaf_latlngs(i_line), page.js(outline)]
    for old_set, new_set in zip(before, after, strict=True):
        for old, new in zip(old_set, new_set, strict=True):
            glat, glon = wgs84_to_gcj02(old["lat"], old["lng"])
            assert distance_m(glat, glon, new["lat"], new["lng"]) < 0.01
            assert distance_m(old["lat"], old["lng"], new["lat"], new["lng"]) > 100  # it did move
    page.page.screenshot(path=str(screens / "gaode.png"))
    page.choose_basemap(LIGHT)
    back = [page.leaf_latlngs(i_point), page.leaf_latlngs(i_line), page.js(outline)]
    assert back == before
    assert page.errors == []


def test_gaode_shift_with_clustered_layer(tmp_path, open_page, monkeypatch) -> None:
    monkeypatch.setattr(maps, "CLUSTER_THRESHOLD", 2)
    monkeypatch.setattr(maps, "BOUNDARY_PATH", write_boundary(tmp_path / "b.geojson"))
    path = tmp_path / "cluster.html"
    path.write_text(maps.render_html(maps.build_map(make_result())), encoding="utf-8")
    page = open_page(path)
    assert page.js("geoMapState.roots.some(r => r.geoCluster)")
    i = page.place_index("福缘门")  # a point in a clustered layer
    old = page.leaf_latlngs(i)[0]
    page.choose_basemap(GAODE)
    new = page.leaf_latlngs(i)[0]
    glat, glon = wgs84_to_gcj02(old["lat"], old["lng"])
    assert distance_m(glat, glon, new["lat"], new["lng"]) < 0.01
    page.choose_basemap(LIGHT)
    assert page.leaf_latlngs(i)[0] == old
    assert page.errors == []


def test_xss_payloads_do_not_run(xss_site, open_page, screens) -> None:
    result, folder = xss_site
    pages = ["index.html", "bare.html", "embed.html", f"{result.report.programmes[-1].slug}.html"]
    for name in pages:
        page = open_page(folder / name)
        if name != "embed.html":
            page.page.fill(".geo-search input", "img")
            page.page.locator(".geo-search li[data-i]").first.click()
            content = page.page.locator(".leaflet-popup-content").inner_text()
            assert XSS_IMG in content and "javascript:alert(8)" in content
            assert page.page.locator(".leaflet-popup-content a").count() == 0  # no javascript: link
        if name == "bare.html":
            page.page.locator(".geo-unplaced summary").click()
            assert "<b onmouseover=alert(6)>村" in page.page.locator(".geo-unplaced").inner_text()
            page.page.locator(".geo-unplaced li", has_text="onmouseover").hover()
            # Names the tagger doubts come last, greyed and marked with a question mark.
            last = ".geo-unplaced li:last-child"
            assert page.page.locator(last).get_attribute("class") == "geo-possible"
            assert page.js(f"getComputedStyle(document.querySelector('{last} > span'), '::after').content") == '"?"'
        page.page.locator(".leaflet-control-layers").hover()
        page.page.wait_for_timeout(100)
        assert page.js("window.__alerts") == [], name
        assert (
            page.js(
                "document.querySelectorAll('[onerror],[onload],[onmouseover],svg:not(.leaflet-attribution-flag),b').length"
            )
            == 0
        ), name
        assert page.errors == [], name
        if name == "bare.html":
            page.page.screenshot(path=str(screens / "xss.png"))


def test_screenshot_shows_sites_framed(site, open_page, screens) -> None:
    _, folder = site
    page = open_page(folder / "index.html", (1400, 900))
    shot = screens / "combined.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # something was drawn
    # The default view frames Haidian: every near place is inside the map's view.
    inside = page.js(
        """(() => { const b = geoMapState.map.getBounds(); const s = geoMapState;
              return s.roots.slice(0, -1).every(r => !s.map.hasLayer(r) || r.getLayers().every(
                  l => b.intersects(l.getBounds ? l.getBounds() : L.latLngBounds([l.getLatLng()])))); })()"""
    )
    assert inside
    zoom = page.js("geoMapState.map.getZoom()")
    assert zoom >= 10 and not math.isnan(zoom)  # far places did not zoom the map out
