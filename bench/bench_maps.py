"""Map size and speed on synthetic reports: prints a table, asserts nothing.

    python bench/bench_maps.py [SIZES...]      # default: 1000 10000 50000

For each size: seeded random sites inside Haidian's bbox spread over 9
programmes, the HTML bytes per site, the Python build time (build_map +
render), and headless Chromium's time from navigation until the map has
drawn (the runtime's ready flag, then two animation frames so the canvas and
cluster icons are painted), best of three on this shared machine. Target: 10k sites <= 3 MB and <= 2 s to draw.
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _synth import names as synth_names  # noqa: E402

from geo import maps  # noqa: E402
from geo.model import Mention, Programme, Report  # noqa: E402

PROGRAMMES = 9
PER_SENTENCE = 5  # sites named in one 、-list sentence, as reports do
BBOX = (39.90, 116.10, 40.12, 116.38)  # inside Haidian: s, w, n, e
KINDS = ("village", "road", "facility", "park", "campus", "company", "station", "landmark")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip


def synthetic_result(n: int, seed: int = 7):
    """A LinkResult-shaped object with ``n`` linked point sites."""
    import geopandas as gpd
    from shapely.geometry import Point

    try:
        from geo.link import LinkResult
    except ImportError:  # before link.py existed
        from tests._maps_fixtures import LinkResult

    rng = random.Random(seed)
    pool = synth_names(n, seed)
    text_parts: list[str] = []
    programmes, mentions, rows, geoms = [], [], [], []
    offset = 0
    per_prog = -(-n // PROGRAMMES)
    for k in range(PROGRAMMES):
        start = offset
        title = f"第{k + 1}项重点任务。"
        text_parts.append(title)
        offset += len(title)
        chunk = range(k * per_prog, min(n, (k + 1) * per_prog))
        for a in range(chunk.start, chunk.stop, PER_SENTENCE):
            ids = list(range(a, min(chunk.stop, a + PER_SENTENCE)))
            sentence_start = offset
            sentence = "推进" + "、".join(pool[i] for i in ids) + "等项目建设。"
            pos = sentence_start + 2
            spans = []
            for i in ids:
                spans.append((i, pos, pos + len(pool[i])))
                pos += len(pool[i]) + 1
            for i, s, e in spans:
                mentions.append(Mention(pool[i], f"p{i:06d}", pool[i], s, e, "exact", k, sentence))
            text_parts.append(sentence)
            offset += len(sentence)
        programmes.append(Programme(k, "合成章节" if k < 5 else "", (), title[:-1], start, offset, f"{k + 1:02d}-p"))
    for i in range(n):
        progs = sorted({i // per_prog} | ({rng.randrange(PROGRAMMES)} if rng.random() < 0.1 else set()))
        lat = rng.uniform(BBOX[0], BBOX[2])
        lon = rng.uniform(BBOX[1], BBOX[3])
        rows.append(
            {
                "id": f"p{i:06d}", "name": pool[i], "name_en": "", "kind": KINDS[i % len(KINDS)],
                "lat": lat, "lon": lon, "precision": "exact" if i % 3 else "approximate",
                "crs_source": "wgs84", "source": "https://www.openstreetmap.org/", "admin": "海淀区",
                "aliases": [], "note": "", "programmes": progs,
            }
        )  # fmt: skip
        geoms.append(Point(lon, lat))
    text = "".join(text_parts)
    report = Report("synthetic", f"合成报告 {n}", text, "utf-8", (), tuple(programmes), (0, len(text)))
    places = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326").set_index("id")
    return LinkResult(report, tuple(mentions), (), places)


def build(result) -> tuple[str, float]:
    t = time.perf_counter()
    html = maps.render_html(maps.build_map(result))
    return html, time.perf_counter() - t


def draw_seconds(browser, path: Path, runs: int = 3) -> tuple[float, float]:
    """Best of ``runs``: (runtime ready, drawn) in seconds since navigation.

    The machine is shared, so the minimum is the honest figure; each run is a
    fresh offline context (no network, no route round trips to Python).
    """
    best = (math.inf, math.inf)
    for _ in range(runs):
        ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("window.geoMapReady === true", timeout=120_000)
        ready, drawn = page.evaluate(
            "new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
            "() => r([window.geoMapReadyAt, performance.now()]))))"
        )
        ctx.close()
        best = min(best, (ready / 1000, drawn / 1000), key=lambda t: t[1])
    return best


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    have_chromium = Path(CHROMIUM).exists()
    print(f"{'sites':>7} {'HTML MB':>8} {'B/site':>7} {'build s':>8} {'ready s':>8} {'drawn s':>8} {'clustered':>9}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS) if have_chromium else None
        for n in sizes:
            result = synthetic_result(n)
            html, seconds = build(result)
            path = Path(tmp) / f"bench-{n}.html"
            path.write_text(html, encoding="utf-8")
            size = len(html.encode("utf-8"))
            ready, drawn = draw_seconds(browser, path) if browser is not None else (math.nan, math.nan)
            clustered = html.count('"cluster":true')
            print(
                f"{n:>7} {size / 1e6:>8.2f} {size / n:>7.0f} {seconds:>8.2f} {ready:>8.2f} {drawn:>8.2f} {clustered:>9}"
            )
        if browser is not None:
            browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10_000, 50_000])
