"""Fixtures for the map tests: a LinkResult built by hand from the sample report.

Coordinates here are rough test values (WGS-84), not gazetteer claims. The
fixture finds each place's surfaces in the real sample text, longest first,
so offsets obey ``text[m.start:m.end] == m.surface`` like link.py's output.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely import wkt
from shapely.geometry import Point

from geo.model import Mention, Programme, Report, Section, Unlinked

try:  # the real contract once geo/link.py lands
    from geo.link import LinkResult
except ImportError:

    @dataclass(frozen=True)
    class LinkResult:  # type: ignore[no-redef]
        report: Report
        mentions: tuple[Mention, ...]
        unlinked: tuple[Unlinked, ...]
        places: gpd.GeoDataFrame


REPORT_PATH = Path(__file__).resolve().parents[1] / "reports" / "haidian-2021-12-15.txt"
SECTION_2 = "突出规划引领,构建新型城市形态"

# (title as it opens its paragraph, section title)
PROGRAMMES = (
    ("加快发展现代产业体系", ""),
    ("加快推进“两区”建设", ""),
    ("统筹推进中关村科学城建设", ""),
    ("推进国际消费中心城市建设", ""),
    ("发挥规划的战略引领和刚性管控作用", SECTION_2),
    ("持续实施“疏解整治促提升”专项行动", SECTION_2),
    ("积极推进城市更新", SECTION_2),
    ("强化交通治理", SECTION_2),
    ("统筹做好“四个服务”和协同发展", SECTION_2),
)

# id, name, name_en, kind, precision, (lat, lon) or WKT, surfaces, source
# fmt: off
PLACES: tuple[tuple[str, str, str, str, str, Any, tuple[str, ...], str], ...] = (
    ("zgc", "中关村", "Zhongguancun", "area", "approximate", (39.9834, 116.3160), ("中关村",), "https://www.openstreetmap.org/"),
    ("zgc-forum", "中关村论坛永久会址", "ZGC Forum venue", "facility", "approximate", (40.0520, 116.2050), ("中关村论坛永久会址",), "estimate"),
    ("zgc-yihao", "中关村壹号", "Zhongguancun No.1", "campus", "approximate", (40.0556, 116.2456), ("中关村壹号",), ""),
    ("shangzhuang-rd", "上庄路", "Shangzhuang Road", "road", "approximate", "LINESTRING (116.175 40.04, 116.176 40.07, 116.178 40.10)", ("上庄路",), ""),
    ("wenquan-water", "温泉自来水厂", "Wenquan waterworks", "facility", "approximate", (40.0440, 116.1900), ("温泉自来水厂",), ""),
    ("daoxianghu-water", "稻香湖再生水厂", "Daoxianghu reclaimed-water plant", "facility", "approximate", (40.0800, 116.1700), ("稻香湖再生水厂",), ""),
    ("haidian-town", "海淀镇", "Haidian Town", "town", "centroid", (39.9900, 116.3000), ("海淀镇",), ""),
    ("sijiqing", "四季青镇", "Sijiqing Town", "town", "centroid", (39.9650, 116.2550), ("四季青镇",), ""),
    ("dongsheng", "东升科技园", "Dongsheng Science Park", "campus", "exact", (40.0200, 116.3500), ("东升科技园",), ""),
    ("gongzhufen", "公主坟", "Gongzhufen", "area", "exact", (39.9070, 116.3210), ("公主坟",), ""),
    ("sanshan", "三山五园", "Three Hills and Five Gardens", "area", "approximate", "POLYGON ((116.25 39.99, 116.31 39.99, 116.31 40.02, 116.25 40.02, 116.25 39.99))", ("三山五园",), ""),
    ("fuyuanmen", "福缘门", "Fuyuanmen", "village", "exact", (40.0060, 116.3030), ("福缘门",), ""),
    ("guajiatun", "挂甲屯", "Guajiatun", "village", "exact", (40.0025, 116.2970), ("挂甲屯",), ""),
    ("dayouzhuang", "大有庄", "Dayouzhuang", "village", "exact", (40.0040, 116.2830), ("大有庄",), ""),
    ("jingzhang", "京张铁路遗址公园", "Jingzhang Railway Heritage Park", "park", "approximate", "LINESTRING (116.337 39.96, 116.345 39.99, 116.350 40.03)", ("京张铁路遗址公园",), ""),
    ("qinghe", "清河", "Qinghe River", "river", "approximate", "LINESTRING (116.28 40.03, 116.33 40.03, 116.37 40.04)", ("清河",), ""),
    ("zgc-dajie", "中关村大街", "Zhongguancun Street", "road", "exact", "LINESTRING (116.316 39.96, 116.316 39.99)", ("中关村大街",), ""),
    ("zgc-square", "中关村广场", "Zhongguancun Plaza", "landmark", "exact", (39.9810, 116.3120), ("中关村广场",), ""),
    ("wutasi", "五塔寺", "Wuta Temple", "landmark", "exact", (39.9443, 116.3337), ("五塔寺",), ""),
    ("mingguang", "明光村", "Mingguang Village", "village", "centroid", (39.9630, 116.3450), ("明光村",), ""),
    ("line13", "地铁13号线", "Metro Line 13", "rail", "approximate", "LINESTRING (116.34 39.94, 116.35 39.98, 116.32 40.06)", ("地铁13号线",), ""),
    ("changan", "长安街", "Chang'an Avenue", "road", "approximate", "LINESTRING (116.30 39.907, 116.40 39.907)", ("长安街",), ""),
    ("diaoyutai", "钓鱼台", "Diaoyutai", "landmark", "exact", (39.9250, 116.3080), ("钓鱼台",), ""),
    ("yuquanshan", "玉泉山", "Yuquan Hill", "landmark", "exact", (39.9980, 116.2480), ("玉泉山",), ""),
    ("yanqing", "延庆区", "Yanqing District", "district", "centroid", (40.4566, 115.9750), ("延庆区",), ""),
    ("subcentre", "北京城市副中心", "Beijing Municipal Administrative Centre", "area", "centroid", (39.9090, 116.6560), ("北京城市副中心",), ""),
    ("xiongan", "雄安新区", "Xiong'an New Area", "region", "centroid", (39.0500, 115.9500), ("雄安新区",), ""),
)
# fmt: on
FAR_IDS = frozenset({"yanqing", "subcentre", "xiongan"})

UNLINKED = ("骚子营", "双新村", "宝山村", "朱房", "北大西门", "东西水磨")

# A rough hexagon-ish outline around Haidian, for tests only.
BOUNDARY_RING = (
    (116.05, 40.05), (116.10, 40.16), (116.25, 40.16), (116.33, 40.10), (116.39, 40.02),
    (116.39, 39.95), (116.34, 39.90), (116.25, 39.88), (116.17, 39.93), (116.06, 39.97), (116.05, 40.05),
)  # fmt: skip
BOUNDARY_SOURCE = "https://example.org/haidian-test-outline"

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_TITLE = f"测试{XSS_SCRIPT}`${{alert(2)}}`"
XSS_PARAGRAPH = (
    f"  {XSS_TITLE}。推进{XSS_IMG}和</script><script>alert(3)</script>建设,"
    "访问javascript:alert(4)与`${alert(5)}`,整治<b onmouseover=alert(6)>村。\n"
)


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (ending in 。) around [start, end), a real substring of text."""
    a = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    while text[a] == " ":
        a += 1
    b = text.find("。", end)
    return text[a : len(text) if b == -1 else b + 1]


def _programmes(text: str, titles: tuple[tuple[str, str], ...]) -> tuple[Programme, ...]:
    starts = [text.index(f"  {t}") + 2 for t, _ in titles]
    out = []
    for i, ((title, section), start) in enumerate(zip(titles, starts, strict=True)):
        para_end = text.find("\n", start)
        end = para_end if para_end != -1 else len(text)
        path = (section,) if section else ()
        out.append(Programme(i, section, path, title, start, end, f"{i + 1:02d}-programme"))
    return tuple(out)


def _find_mentions(text: str, programmes: tuple[Programme, ...], surfaces: dict[str, str]):
    """Longest-first, non-overlapping matches of surfaces inside programmes."""
    taken: list[tuple[int, int, str, str]] = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), text):
            if any(a < m.end() and m.start() < b for a, b, _, _ in taken):
                continue
            taken.append((m.start(), m.end(), surface, surfaces[surface]))
    taken.sort()
    for start, end, surface, pid in taken:
        prog = next((p for p in programmes if p.start <= start < p.end), None)
        if prog is not None:
            yield start, end, surface, pid, prog


def make_result(*, xss: bool = False, places_rows: tuple = PLACES) -> LinkResult:
    """The sample report linked to the fixture places (plus XSS payloads if ``xss``)."""
    text = REPORT_PATH.read_text(encoding="utf-8")
    titles = PROGRAMMES
    title = "(北京市)北京市海淀区人民政府工作报告(2021年12月15日)"
    rows = list(places_rows)
    if xss:
        cut = text.index("本文仅代表")
        text = text[:cut] + XSS_PARAGRAPH + "\n" + text[cut:]
        titles = titles + ((XSS_TITLE, f"章节{XSS_IMG}"),)
        title = f"{title}{XSS_SCRIPT}"
        rows.append(
            (
                "xss",
                XSS_IMG,
                '"><svg onload=alert(7)>',
                "landmark",
                "exact",
                (39.99, 116.30),
                (XSS_IMG,),
                "javascript:alert(8)",
            )
        )
    programmes = _programmes(text, titles)
    surfaces = {s: row[0] for row in rows for s in row[6]}
    mentions, by_place = [], {}
    for start, end, surface, pid, prog in _find_mentions(text, programmes, surfaces):
        name = next(r[1] for r in rows if r[0] == pid)
        sentence = _sentence_at(text, start, end)
        mentions.append(Mention(surface, pid, name, start, end, "exact", prog.index, sentence, prog.section_path))
        by_place.setdefault(pid, set()).add(prog.index)
    unlinked = []
    extra = ("<b onmouseover=alert(6)>村",) if xss else ()
    for surface in UNLINKED + extra:
        for m in re.finditer(re.escape(surface), text):
            prog = next((p for p in programmes if p.start <= m.start() < p.end), None)
            sentence = _sentence_at(text, m.start(), m.end())
            # 东西水磨 and the payload are names the tagger doubts: listed last, marked as possible.
            doubt = 0.01 if surface in ("东西水磨", *extra) else None
            unlinked.append(
                Unlinked(surface, m.start(), m.end(), "village", prog.index if prog else None, sentence, doubt)
            )
    places = _places_frame(rows, by_place, xss=xss)
    sections = (Section(0, SECTION_2, "(二)", text.index(SECTION_2), text.index(SECTION_2) + len(SECTION_2)),)
    body = (0, text.index("本文仅代表"))
    report = Report(str(REPORT_PATH), title, text, "utf-8", sections, programmes, body)
    return LinkResult(report, tuple(mentions), tuple(sorted(unlinked, key=lambda u: u.start)), places)


def _places_frame(rows, by_place: dict[str, set[int]], *, xss: bool) -> gpd.GeoDataFrame:
    records, geoms = [], []
    for pid, name, name_en, kind, precision, where, surfaces, source in rows:
        if pid not in by_place:
            continue
        geom = wkt.loads(where) if isinstance(where, str) else Point(where[1], where[0])
        rep = geom.representative_point()
        aliases = [s for s in surfaces if s != name]
        if pid == "zgc":
            aliases = ["中关村地区", "ZGC"]
        if pid == "xss":
            aliases = ["</script><script>alert(9)</script>", "`${alert(10)}`"]
        records.append(
            {
                "id": pid, "name": name, "name_en": name_en, "kind": kind,
                "lat": rep.y, "lon": rep.x, "precision": precision, "crs_source": "wgs84",
                "source": source, "admin": "海淀区", "aliases": aliases,
                "note": "`${alert(11)}` <i>note</i>" if pid == "xss" else "",
                "programmes": sorted(by_place[pid]),
            }
        )  # fmt: skip
        geoms.append(geom)
    return gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326").set_index("id")


def expected_layer_counts(result: LinkResult) -> dict[int, int]:
    """Programme index -> number of near (non-FAR) places it names."""
    out = {p.index: 0 for p in result.report.programmes}
    for pid, progs in result.places["programmes"].items():
        if pid not in FAR_IDS:
            for i in progs:
                out[i] += 1
    return out


def write_boundary(path: Path, *, source: str = BOUNDARY_SOURCE) -> Path:
    feature = {
        "type": "Feature",
        "properties": {"name": "海淀区", "source": source},
        "geometry": {"type": "Polygon", "coordinates": [[list(c) for c in BOUNDARY_RING]]},
    }
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False), encoding="utf-8"
    )
    return path
