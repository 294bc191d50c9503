"""Folium maps of a linked report: one layer per programme, offline, escaped.

The page is a folium ``Map`` whose CDN assets are replaced by Leaflet read
from the installed ``xstatic`` packages, plus one JSON payload that our own
runtime (``assets/geo_map.js``) turns into one GeoJSON layer per programme.
Every report or gazetteer string is escaped by ``geo._html`` before it is
put in the payload; the runtime only joins escaped pieces with fixed markup.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from geo import _html

if TYPE_CHECKING:
    import folium
    from branca.element import Element, Figure

    from geo.link import LinkResult
    from geo.model import Mention, Programme, Report

log = logging.getLogger(__name__)

ASSETS = Path(__file__).parent / "assets"
BOUNDARY_PATH = Path(__file__).parent / "data" / "haidian.geojson"
# The other Beijing districts, for a report about one of them (coarser: ~100-300 m).
DISTRICTS_PATH = Path(__file__).parent / "data" / "beijing_districts.geojson"
HAIDIAN_CODE = "110108"

# Used only while no sourced boundary exists: a rough centre of Haidian
# district and its bounding box, enough to frame the view.
HAIDIAN_CENTRE = (40.03, 116.23)  # lat, lon
HAIDIAN_BOUNDS = ((39.89, 116.04), (40.16, 116.40))
NEAR_BUFFER_M = 10_000  # around the boundary
NEAR_RADIUS_M = 25_000  # around HAIDIAN_CENTRE when there is no boundary

CLUSTER_THRESHOLD = 200  # points in one layer before clustering helps
MAX_QUOTES = 10  # sentences quoted per popup
EMBED_SIZE = (960, 540)
COORD_DIGITS = 6  # ~0.1 m
MIN_SPAN_DEG = 0.02  # ~2 km: places spread less than this are framed with their district

UNSECTIONED = "(未标注章节)"
BEYOND_NAME = "海淀区以外 / Beyond Haidian"
OTHER_GROUP = "其他 / Other"
NO_PROGRAMME_NAME = "不属于任何施政任务 / Outside any programme"
OUTLINE_NAME = "海淀区界 / Haidian boundary"
NO_COORDINATE = "无坐标 no coordinate"

LABELS = {
    "precision": "精度 precision",
    "programmes": "提及的施政任务 / Programmes",
    "source": "来源 source",
    "legend": "类型 / Kind",
    "approx": "虚线：近似位置 / dashed: approximate",
    "search": "搜索地点 / Search places",
    "noMatch": "无匹配 / No match",
    "unplaced": "未定位地名 / Unplaced names",
    "possible": "可能不是地名 / possibly not a place name",
    "reference": OTHER_GROUP,
}

# Kind -> (colour, label). Colours are chosen to stay apart on light tiles.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "area": ("#1f77b4", "片区 area"),
    "district": ("#6a3d9a", "行政区 district"),
    "town": ("#8c564b", "街镇 town"),
    "village": ("#b15928", "村 village"),
    "park": ("#2ca02c", "公园 park"),
    "facility": ("#17becf", "设施 facility"),
    "station": ("#e377c2", "车站 station"),
    "rail": ("#d62728", "轨道 rail"),
    "road": ("#ff7f0e", "道路 road"),
    "river": ("#2b6cb0", "河流 river"),
    "mall": ("#bcbd22", "商业 mall"),
    "campus": ("#9467bd", "园区/校园 campus"),
    "company": ("#393b79", "企业 company"),
    "landmark": ("#a55194", "地标 landmark"),
    "region": ("#636363", "区域 region"),
    "group": ("#969696", "组 group"),
    "other": ("#aaaaaa", "其他 other"),
}

PRECISION_LABELS = {
    "exact": "精确 exact",
    "approximate": "近似 approximate",
    "centroid": "质心 centroid",
    "proxy": "代位 proxy",
}

# (name, folium tiles, attribution, GCJ-02?, CSS class) -- the first is shown
# at start. CARTO's Positron now needs an API key, so the light basemap is OSM
# greyed by a CSS filter: keyless, and it keeps OSM's Chinese labels.
_GAODE_URL = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
_OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
BASEMAPS: tuple[tuple[str, str, str | None, bool, str], ...] = (
    ("浅色 Light (OpenStreetMap)", _OSM_URL, _OSM_ATTR, False, "geo-tiles-light"),
    ("OpenStreetMap", _OSM_URL, _OSM_ATTR, False, ""),
    ("高德 Amap (GCJ-02)", _GAODE_URL, "&copy; 高德地图 AutoNavi", True, ""),
)

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_RESERVED_STEMS = {"index", "embed", "overview"}


# ---------------------------------------------------------------- public API


def build_map(result: LinkResult, *, programme: int | None = None, embed: bool = False) -> folium.Map:
    """The combined map (``programme=None``) or one programme's map."""
    return _build(result, programme=programme, embed=embed, site=False)[0]


def write_site(result: LinkResult, out_dir: Path, *, embed: bool = False, images: bool = True) -> list[Path]:
    """Write ``index.html``, one ``<slug>.html`` per programme, and ``embed.html``.

    The index links every programme page and, when ``images``, the PNG/SVG
    images another stage writes beside it. Returns the paths written.
    """
    programmes = result.report.programmes
    _check_slugs(programmes)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, folium.Map]] = []
    index, payload = _build(result, programme=None, embed=False, site=True)
    counts = {layer["programme"]: layer["count"] for layer in payload["layers"] if "programme" in layer}
    _add_sidebar(index, _index_sidebar(result, counts, images=images))
    pages.append(("index.html", index))
    for p in programmes:
        m, _ = _build(result, programme=p.index, embed=False, site=True)
        _add_sidebar(m, _programme_sidebar(result, p, images=images))
        pages.append((f"{p.slug}.html", m))
    if embed:
        pages.append(("embed.html", _build(result, programme=None, embed=True, site=False)[0]))
    written = []
    for name, m in pages:
        path = out_dir / name
        path.write_bytes(render_html(m).encode("utf-8"))
        written.append(path)
    return written


def render_html(m: folium.Map) -> str:
    """The full page of a map built here, as a string (same input, same text)."""
    return m.get_root().render()


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class _Zone:
    """The report's own district: where 'near' ends, and the outline to draw (if sourced)."""

    near: Any  # shapely geometry in lon/lat
    outline: dict[str, Any] | None  # {"geometry": GeoJSON, "source": str}
    bounds: tuple[tuple[float, float], tuple[float, float]]
    name: str = "海淀区"
    name_en: str = "Haidian"

    @property
    def beyond_name(self) -> str:
        return BEYOND_NAME if self.name == "海淀区" else f"{self.name}以外 / Beyond {self.name_en}"

    @property
    def outline_name(self) -> str:
        return OUTLINE_NAME if self.name == "海淀区" else f"{self.name}界 / {self.name_en} boundary"


def _build(result: LinkResult, *, programme: int | None, embed: bool, site: bool) -> tuple[folium.Map, dict[str, Any]]:
    report = result.report
    chosen = _programmes(report, programme)
    zone = _zone_for(report)
    places = _prepare_places(result.places, result.mentions)
    payload = _payload(result, places, chosen, zone, combined=programme is None)
    payload["embed"] = embed
    payload["unplaced"] = [] if site else _unplaced_items(result, programme)
    title = report.title if programme is None else f"{chosen[0].title} — {report.title}"
    m = _new_map(payload["bounds"], embed=embed)
    tiles = _add_basemaps(m)
    use_cluster = any(layer["cluster"] for layer in payload["layers"])
    m.add_child(_runtime(payload, tiles, cluster=use_cluster), name="geo_runtime")
    _set_page(m, title=title, css_class="geo-embed" if embed else ("geo-site" if site else ""))
    _renumber(m.get_root())
    return m, payload


def _programmes(report: Report, programme: int | None) -> tuple[Programme, ...]:
    if programme is None:
        return tuple(report.programmes)
    chosen = tuple(p for p in report.programmes if p.index == programme)
    if not chosen:
        known = ", ".join(str(p.index) for p in report.programmes) or "none"
        raise ValueError(f"no programme with index {programme}; known: {known}")
    return chosen


def _new_map(bounds: list[list[float]], *, embed: bool) -> folium.Map:
    import folium

    class OfflineMap(folium.Map):
        # Leaflet and our runtime are inlined by _Runtime; nothing from CDNs.
        default_js: list[tuple[str, str]] = []
        default_css: list[tuple[str, str]] = []

    (s, w), (n, e) = bounds
    width, height = (f"{EMBED_SIZE[0]}px", f"{EMBED_SIZE[1]}px") if embed else ("100%", "100%")
    return OfflineMap(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=11,
        tiles=None,
        prefer_canvas=True,  # one canvas draws thousands of circles faster than SVG
        control_scale=not embed,
        zoom_control=not embed,
        width=width,
        height=height,
        zoom_snap=0.25,  # frame the sites snugly instead of a whole zoom level out
        zoom_delta=0.5,
    )


def _add_basemaps(m: folium.Map) -> list[tuple[str, Any, bool]]:
    import folium
    import xyzservices

    out = []
    for i, (name, tiles, attr, gcj, css_class) in enumerate(BASEMAPS):
        kwargs: dict[str, Any] = {"subdomains": "1234"} if gcj else {}
        if css_class:
            kwargs["class_name"] = css_class
        # A TileProvider, not a URL string: folium looks strings up in xyzservices'
        # whole catalogue first (~10 ms a layer, three layers a page).
        provider = xyzservices.TileProvider(name=name, url=tiles, attribution=attr or "")
        layer = folium.TileLayer(provider, attr=attr, name=name, show=i == 0, max_zoom=18, **kwargs)
        m.add_child(layer)
        out.append((name, layer, gcj))
    return out


def _set_page(m: folium.Map, *, title: str, css_class: str) -> None:
    from jinja2 import Template

    fig = m.get_root()
    fig.header._children.pop("meta_http", None)  # our template sets <meta charset>
    fig.geo_title = _html.escape(title)
    fig.geo_class = css_class
    fig._template = Template(_PAGE_TEMPLATE)


_PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"{% if this.geo_class %} class="{{ this.geo_class }}"{% endif %}>
<head>
<meta charset="utf-8">
<title>{{ this.geo_title }}</title>
{{ this.header.render(**kwargs) }}
</head>
<body>
{{ this.html.render(**kwargs) }}
<script>
{{ this.script.render(**kwargs) }}
</script>
</body>
</html>
"""


def _renumber(root: Figure) -> None:
    """Replace folium's random element ids by a counter, so output is reproducible."""
    counter = count()

    def visit(el: Element) -> None:
        el._id = f"{next(counter):04d}"
        kids: OrderedDict[str, Element] = OrderedDict()
        for key, child in el._children.items():
            keyed_by_name = key == child.get_name()
            visit(child)
            kids[child.get_name() if keyed_by_name else key] = child
        el._children = kids

    visit(root)
    for part in (root.header, root.html, root.script):
        visit(part)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class _Place:
    id: str
    name: str
    name_en: str
    kind: str
    precision: str
    source: str
    note: str
    search: tuple[str, ...]  # raw name_en and aliases (the name is matched escaped)
    programmes: tuple[int, ...]
    geometry: Any  # shapely geometry, lon/lat


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _strings(value: object) -> tuple[str, ...]:
    if value is None or isinstance(value, float):
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    return tuple(s for s in (_text(v) for v in value) if s)


def _ints(value: object) -> tuple[int, ...]:
    if value is None or isinstance(value, (float, str)):
        return ()
    return tuple(sorted({int(v) for v in value}))


def _prepare_places(gdf: Any, mentions: Sequence[Mention]) -> list[_Place]:
    """The linked places as plain records, ordered by id, with a drawable geometry."""
    from shapely.geometry import Point

    if gdf is None or len(gdf) == 0:
        return []
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    from_mentions: dict[str, set[int]] = {}
    for m in mentions:
        if m.programme is not None:
            from_mentions.setdefault(m.place_id, set()).add(m.programme)
    has_progs = "programmes" in gdf.columns
    # Column lists, not DataFrame.to_dict: 10x faster at 50k rows.
    columns = {c: gdf[c].tolist() for c in gdf.columns if c != gdf.geometry.name}
    out = []
    for k, (pid, geom) in enumerate(zip(gdf.index.tolist(), gdf.geometry.values, strict=True)):
        row = {c: values[k] for c, values in columns.items()}
        pid = str(pid)
        if geom is None or geom.is_empty:
            lat, lon = row.get("lat"), row.get("lon")
            if _text(lat) == "" or _text(lon) == "":
                log.warning("place %s has no geometry and no lat/lon; not drawn", pid)
                continue
            geom = Point(float(lon), float(lat))
        progs = _ints(row.get("programmes")) if has_progs else ()
        if not has_progs:
            progs = tuple(sorted(from_mentions.get(pid, ())))
        name = _text(row.get("name")) or pid
        name_en = _text(row.get("name_en"))
        out.append(
            _Place(
                id=pid,
                name=name,
                name_en=name_en,
                kind=_text(row.get("kind")) or "other",
                precision=_text(row.get("precision")),
                source=_text(row.get("source")),
                note=_text(row.get("note")),
                search=tuple(dict.fromkeys((name_en, *_strings(row.get("aliases"))))),
                programmes=progs,
                geometry=geom,
            )
        )
    out.sort(key=lambda p: p.id)
    return out


def _payload(
    result: LinkResult,
    places: list[_Place],
    chosen: tuple[Programme, ...],
    zone: _Zone,
    *,
    combined: bool,
) -> dict[str, Any]:
    """Everything the page runtime needs, all strings already escaped."""
    import shapely

    chosen_ids = {p.index for p in chosen}
    if not combined:
        places = [p for p in places if chosen_ids.intersection(p.programmes)]
    geoms = [p.geometry for p in places]
    near = shapely.intersects(geoms, zone.near) if places else []
    kinds = _kind_table(places)
    idx = {p.id: i for i, p in enumerate(places)}
    layers = []
    for prog in chosen:
        named = [i for i, p in enumerate(places) if prog.index in p.programmes]
        ids = [i for i in named if near[i]]
        count = _count_label(len(ids), len(named) - len(ids))
        layers.append(_layer(f"{prog.title} ({count})", _section_title(prog), ids, places))
        layers[-1].update(programme=prog.index, count=_html.escape(count))
    if combined:
        loose = [i for i, p in enumerate(places) if near[i] and not p.programmes]
        if loose:
            layers.append(_layer(f"{NO_PROGRAMME_NAME} ({len(loose)})", OTHER_GROUP, loose, places))
    far = [i for i in range(len(places)) if not near[i]]
    if far:
        layers.append(_layer(f"{zone.beyond_name} ({len(far)})", OTHER_GROUP, far, places))
    sentences: dict[str, int] = {}
    quotes = _quotes(result.report.text, result.mentions, idx, sentences)
    tables = _Tables(kinds={k: i for i, (k, _) in enumerate(kinds)})
    records = [_place_record(p, tables, quotes.get(i, [])) for i, p in enumerate(places)]
    return {
        "labels": {k: _html.escape(v) for k, v in LABELS.items()},
        "kinds": [[_html.escape(k), c, _html.escape(label)] for k, (c, label) in kinds],
        "programmes": {str(p.index): _html.escape(p.title) for p in result.report.programmes},
        "places": records,
        "precisions": list(tables.precisions),
        "sources": list(tables.sources),
        "sentences": [_html.escape(s) for s in sentences],
        "search": [_search_terms(p) for p in places],
        "layers": layers,
        "outline": _outline_payload(zone),
        "bounds": _fit_bounds(geoms, near, zone),
    }


def _count_label(near: int, far: int) -> str:
    # Far places sit in the "beyond" layer; say so, so the counts add up.
    return f"{near} · 区外 {far}" if far else str(near)


def _section_title(prog: Programme) -> str:
    return prog.section or UNSECTIONED


def _layer(name: str, group: str, ids: list[int], places: list[_Place]) -> dict[str, Any]:
    points = sum(1 for i in ids if places[i].geometry.geom_type == "Point")
    return {
        "name": _html.escape(name),
        "group": _html.escape(group),
        "places": ids,
        "cluster": points > CLUSTER_THRESHOLD,
    }


def _kind_table(places: Iterable[_Place]) -> list[tuple[str, tuple[str, str]]]:
    """Kinds in KIND_STYLE order, plus any unknown kind drawn as 'other'."""
    present = {p.kind for p in places}
    table = [(k, style) for k, style in KIND_STYLE.items() if k in present]
    for k in sorted(present - KIND_STYLE.keys()):
        table.append((k, (KIND_STYLE["other"][0], k)))
    return table


@dataclass
class _Tables:
    """Strings many places share, stored once in the payload and referenced by index."""

    kinds: dict[str, int]
    precisions: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def index(table: dict[str, int], html: str) -> int:
        return table.setdefault(html, len(table))


def _place_record(p: _Place, tables: _Tables, quotes: list[list[Any]]) -> list[Any]:
    # Slot order is mirrored by P_* constants in assets/geo_map.js.
    precision = _html.escape(PRECISION_LABELS.get(p.precision, p.precision or "—"))
    source = _Tables.index(tables.sources, _html.link_or_text(p.source)) if p.source else -1
    return [
        _html.escape(p.name),
        _html.escape(p.name_en),
        tables.kinds[p.kind],
        _Tables.index(tables.precisions, precision),
        source,
        _html.escape(p.note),
        list(p.programmes),
        quotes,
        _geometry_json(p.geometry),
        1 if p.precision in ("", "exact") else 0,
    ]


def _search_terms(p: _Place) -> list[str]:
    """Raw strings the search box matches besides the (escaped) name."""
    extra = [] if _html.escape(p.name) == p.name else [p.name]
    return extra + list(p.search)


def _geometry_json(geom: Any) -> Any:
    """A point as ``[lon, lat]``; anything else as a GeoJSON geometry, rounded."""
    from shapely.geometry import mapping

    if geom.geom_type == "Point":
        return [round(geom.x, COORD_DIGITS), round(geom.y, COORD_DIGITS)]
    return _rounded(mapping(geom))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DIGITS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def _quotes(
    text: str, mentions: Sequence[Mention], idx: dict[str, int], sentences: dict[str, int]
) -> dict[int, list[list[Any]]]:
    """Per place index: ``[sentence index, [mark offsets]]`` in report order."""
    spans: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.place_id)):
        i = idx.get(m.place_id)
        if i is None or not m.sentence:
            continue
        local = _local_span(text, m)
        spans.setdefault(i, {}).setdefault(m.sentence, [])
        if local is not None:
            spans[i][m.sentence].append(local)
    out: dict[int, list[list[Any]]] = {}
    for i, by_sentence in spans.items():
        for sentence, local_spans in list(by_sentence.items())[:MAX_QUOTES]:
            _, offsets = _html.marked(sentence, local_spans)
            s = sentences.setdefault(sentence, len(sentences))
            out.setdefault(i, []).append([s, offsets])
    return out


def _local_span(text: str, m: Mention) -> tuple[int, int] | None:
    """Where ``m`` lies inside ``m.sentence``; the report text settles repeats."""
    s = m.sentence
    pos = text.find(s, max(0, m.end - len(s)), m.start + len(s))
    if pos != -1 and pos <= m.start and m.end <= pos + len(s):
        return m.start - pos, m.end - pos
    k = s.find(m.surface) if m.surface else -1
    return (k, k + len(m.surface)) if k >= 0 else None


def _unplaced_items(result: LinkResult, programme: int | None) -> list[list[str]]:
    """Unlinked names, one per surface, with the programmes they appear in; the likely names first,
    then the possible ones the tagger doubts (third item "1")."""
    titles = {p.index: p.title for p in result.report.programmes}
    seen: dict[str, list[str]] = {}
    likely: dict[str, bool] = {}
    for u in sorted(result.unlinked, key=lambda u: (u.start, u.end)):
        if programme is not None and u.programme != programme:
            continue
        progs = seen.setdefault(u.surface, [])
        likely[u.surface] = likely.get(u.surface, False) or u.likely is not False
        title = titles.get(u.programme, "") if u.programme is not None else ""
        if title and title not in progs:
            progs.append(title)
    # Gazetteer rows the report names but that have no honest coordinate.
    for place in getattr(result, "unplaced_places", ()):
        named = sorted({m.programme for m in result.mentions if m.place_id == place.id and m.programme is not None})
        if programme is not None and programme not in named:
            continue
        label = f"{place.name}（{NO_COORDINATE}）"
        seen.setdefault(label, [titles[i] for i in named if i in titles])
        likely[label] = True
    items = [[_html.escape(s), _html.escape("；".join(p)), "" if likely[s] else "1"] for s, p in seen.items()]
    return sorted(items, key=lambda item: item[2])  # stable: text order within each group


# ---------------------------------------------------------------- boundary


def _zone_for(report: Report) -> _Zone:
    """The zone of the district the report is about (Haidian unless its text names another)."""
    from .divisions import report_county

    code, name = report_county(report.text, report.title or "") or (None, None)
    if code is None or code == HAIDIAN_CODE:
        return _load_zone(BOUNDARY_PATH)
    if code.startswith("11"):
        zone = _district_zone(code)
        if zone is not None:
            return zone
    return _everywhere(name or "")


@functools.lru_cache(maxsize=16)
def _district_zone(code: str) -> _Zone | None:
    """Another Beijing district's zone, from geo/data/beijing_districts.geojson."""
    import json

    try:
        features = json.loads(DISTRICTS_PATH.read_text(encoding="utf-8"))["features"]
        feature = next(f for f in features if str(f["properties"]["adcode"]) == code)
    except (OSError, ValueError, KeyError, StopIteration, TypeError) as e:
        log.warning("no boundary of district %s in %s (%s); drawing none", code, DISTRICTS_PATH, e)
        return None
    props = feature["properties"]
    outline = {"geometry": feature["geometry"], "source": _text(props.get("source"))}
    name_en = _text(props.get("name_en")).removesuffix(" District") or props["name"]
    return _outline_zone(outline, name=props["name"], name_en=name_en)


def _everywhere(name: str) -> _Zone:
    """A report from beyond Beijing: no outline, and every place is its own."""
    from shapely.geometry import box

    return _Zone(near=box(-180, -90, 180, 90), outline=None, bounds=((18.0, 73.0), (54.0, 135.0)), name=name,
                 name_en=name)  # fmt: skip


def _load_zone(path: Path) -> _Zone:
    """The buffered Haidian boundary, or a circle round its centre without one.

    Cached per file version: a build draws one map per programme.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _load_zone_cached(path, stamp)


@functools.lru_cache(maxsize=4)
def _load_zone_cached(path: Path, stamp: int | None) -> _Zone:
    from shapely.geometry import Point

    outline = _read_outline(path)
    if outline is None:
        lat0, lon0 = HAIDIAN_CENTRE
        near = _from_metres(_to_metres(Point(lon0, lat0)).buffer(NEAR_RADIUS_M, 64))
        return _Zone(near=near, outline=None, bounds=HAIDIAN_BOUNDS)
    return _outline_zone(outline)


def _outline_zone(outline: dict[str, Any], **names: str) -> _Zone:
    """A district's zone from its outline: the outline buffered by NEAR_BUFFER_M, framed by its bounds."""
    import shapely
    from shapely.geometry import shape

    geom = shape(outline["geometry"])
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    near = _from_metres(_to_metres(geom).buffer(NEAR_BUFFER_M, 16))
    w, s, e, n = geom.bounds
    return _Zone(near=near, outline=outline, bounds=((s, w), (n, e)), **names)


def _read_outline(path: Path) -> dict[str, Any] | None:
    import json

    if not path.is_file():
        log.info("no Haidian boundary at %s; framing by distance from its centre", path)
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        feature = data["features"][0] if data.get("type") == "FeatureCollection" else data
        geometry = feature["geometry"]
        source = _text((feature.get("properties") or {}).get("source"))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        log.warning("unreadable Haidian boundary %s (%s); drawing none", path, e)
        return None
    return {"geometry": geometry, "source": source}


# A local equirectangular projection is accurate to well under 1 % across a
# 100 km window, plenty for a 10 km "near" buffer, and needs no pyproj.
_M_PER_DEG_LAT = 110_574.0


def _to_metres(geom: Any) -> Any:
    import shapely

    lat0, lon0 = HAIDIAN_CENTRE
    k = 111_320.0 * math.cos(math.radians(lat0))
    return shapely.transform(geom, lambda xy: (xy - [lon0, lat0]) * [k, _M_PER_DEG_LAT])


def _from_metres(geom: Any) -> Any:
    import shapely

    lat0, lon0 = HAIDIAN_CENTRE
    k = 111_320.0 * math.cos(math.radians(lat0))
    return shapely.transform(geom, lambda xy: xy / [k, _M_PER_DEG_LAT] + [lon0, lat0])


def _outline_payload(zone: _Zone) -> dict[str, Any] | None:
    if zone.outline is None:
        return None
    source = zone.outline["source"]
    url = _html.http_url(source)
    # The host alone keeps the attribution on one line; the link has the rest.
    label = urlsplit(url).netloc if url else None
    attribution = _html.escape(f"{zone.name}界 boundary: ") + (
        _html.link_or_text(source, label=label) if source else _html.escape("source unknown")
    )
    return {
        "name": _html.escape(zone.outline_name),
        "attribution": attribution,
        "geojson": {"type": "Feature", "properties": {}, "geometry": _rounded(zone.outline["geometry"])},
    }


def _fit_bounds(geoms: list[Any], near: Any, zone: _Zone) -> list[list[float]]:
    """Bounds of the near places (clipped to the near zone), else of Haidian."""
    import shapely

    chosen = [g for g, ok in zip(geoms, near, strict=True) if ok]
    if not chosen:
        (s, w), (n, e) = zone.bounds
        return [[s, w], [n, e]]
    clipped = shapely.intersection(chosen, zone.near)
    w, s, e, n = shapely.total_bounds(clipped)
    if zone.outline is not None and n - s < MIN_SPAN_DEG and e - w < MIN_SPAN_DEG:
        # One place (or a tight cluster) would zoom to street level; show it in its district.
        (s0, w0), (n0, e0) = zone.bounds
        w, s, e, n = min(w, w0), min(s, s0), max(e, e0), max(n, n0)
    return [[round(s, COORD_DIGITS), round(w, COORD_DIGITS)], [round(n, COORD_DIGITS), round(e, COORD_DIGITS)]]


# ---------------------------------------------------------------- page parts


def _read_asset(package_dir: str | Path, name: str) -> str:
    text = (Path(package_dir) / name).read_text(encoding="utf-8")
    # Source-map comments would make devtools fetch files we do not ship.
    return re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)


def _leaflet_css(base: str) -> str:
    """leaflet.css with its layer-control icons inlined as data URIs."""
    import base64

    css = _read_asset(base, "leaflet.css")
    for img in ("layers.png", "layers-2x.png"):
        data = base64.b64encode((Path(base) / "images" / img).read_bytes()).decode()
        css = css.replace(f"url(images/{img})", f"url(data:image/png;base64,{data})")
    # Only Leaflet's default marker reads this; we draw circle markers instead.
    return css.replace("url(images/marker-icon.png)", "none")


def _assets_html(*, cluster: bool) -> str:
    """Inline <style>/<script> for Leaflet (from xstatic) and our runtime."""
    import xstatic.pkg.leaflet as xleaflet

    parts = [_html.inline_style(_leaflet_css(xleaflet.BASE_DIR))]
    scripts = [_read_asset(xleaflet.BASE_DIR, "leaflet.js")]
    if cluster:
        import xstatic.pkg.leaflet_markercluster as xcluster

        for css in ("MarkerCluster.css", "MarkerCluster.Default.css"):
            parts.append(_html.inline_style(_read_asset(xcluster.BASE_DIR, css)))
        scripts.append(_read_asset(xcluster.BASE_DIR, "leaflet.markercluster.js"))
    parts.append(_html.inline_style(_read_asset(ASSETS, "geo_map.css")))
    scripts.append(_read_asset(ASSETS, "geo_map.js"))
    parts += [_html.inline_script(s) for s in scripts]
    return "\n".join(parts)


def _element_classes() -> tuple[type, type]:
    from branca.element import Element, MacroElement

    class Raw(Element):
        """Text put in the page verbatim.

        branca's MacroElement wraps what it renders in ``Element(text)``, which
        compiles ``text`` as a Jinja template: report text holding ``{{`` or
        ``{#`` would then be evaluated (or break the build). Ours never is.
        """

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "Raw"
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class Runtime(MacroElement):
        """Inline Leaflet + our runtime in <head>, and the call that draws the map."""

        def __init__(self, payload: dict[str, Any], tiles: list[tuple[str, Any, bool]], cluster: bool) -> None:
            super().__init__()
            self._name = "GeoRuntime"
            self.payload = _html.script_json(payload)
            self.tiles = tiles
            self.cluster = cluster

        def render(self, **kwargs: Any) -> None:
            fig = self.get_root()
            fig.header.add_child(Raw(_assets_html(cluster=self.cluster)), name="geo_assets")
            basemaps = ",".join(
                f"[{_html.script_json(_html.escape(n))},{t.get_name()},{'true' if g else 'false'}]"
                for n, t, g in self.tiles
            )
            call = f"geoMap.init({self._parent.get_name()}, {self.payload}, [{basemaps}]);"
            fig.script.add_child(Raw(call), name="geo_init")

    return Raw, Runtime


def _runtime(payload: dict[str, Any], tiles: list[tuple[str, Any, bool]], *, cluster: bool) -> Any:
    return _element_classes()[1](payload, tiles, cluster)


def _add_sidebar(m: folium.Map, body_html: str) -> None:
    raw = _element_classes()[0]
    fig = m.get_root()
    fig.html.add_child(raw(f'<nav class="geo-side">{body_html}</nav>'), name="geo_sidebar", index=0)
    _renumber(fig)


def _files_html(stem: str, images: bool) -> str:
    if not images:
        return ""
    links = "".join(f'<a href="{_html.escape(stem)}.{ext}">{ext.upper()}</a>' for ext in ("png", "svg"))
    return f'<span class="geo-files">{links}</span>'


def _index_sidebar(result: LinkResult, counts: dict[int, str], *, images: bool) -> str:
    report = result.report
    esc = _html.escape
    out = [f"<h1>{esc(report.title)}</h1>"]
    n_places = 0 if result.places is None else len(result.places)
    out.append(f"<p><small>{n_places} 个地点 places · {len(report.programmes)} 项施政任务 programmes</small></p>")
    if images:
        out.append(f"<p>全报告图 / Overview: {_files_html('overview', True)}</p>")
    out.append("<h2>施政任务 / Programmes</h2>")
    section = None
    for p in report.programmes:
        if _section_title(p) != section:
            if section is not None:
                out.append("</ol>")
            section = _section_title(p)
            # Keep the report-wide numbering (it matches the file names) across sections.
            out.append(f'<h3>{esc(section)}</h3><ol start="{p.index + 1}">')
        out.append(
            f'<li><a href="{esc(p.slug)}.html">{esc(p.title)}</a> '
            f"<small>({counts.get(p.index, '0')})</small>{_files_html(p.slug, images)}</li>"
        )
    if section is not None:
        out.append("</ol>")
    out.append(_unplaced_html(_unplaced_items(result, None)))
    return "".join(out)


def _programme_sidebar(result: LinkResult, p: Programme, *, images: bool) -> str:
    esc = _html.escape
    out = [
        '<p><a href="index.html">← 全部施政任务 / All programmes</a></p>',
        f"<h3>{esc(_section_title(p))}</h3>",
        f"<h1>{esc(p.title)}</h1>",
        f"<p><small>{esc(result.report.title)}</small></p>",
    ]
    if images:
        out.append(f"<p>地图图片 / Images: {_files_html(p.slug, True)}</p>")
    # The places on this map; names without a coordinate are listed below as unplaced.
    gdf = result.places
    names = [] if gdf is None else sorted(gdf.loc[[p.index in ps for ps in gdf["programmes"]], "name"])
    out.append(f"<h2>地点 / Places ({len(names)})</h2><ul>")
    out += [f"<li>{esc(n)}</li>" for n in names]
    out.append("</ul>")
    out.append(_unplaced_html(_unplaced_items(result, p.index)))
    return "".join(out)


def _unplaced_html(items: list[list[str]]) -> str:
    possible = f' class="geo-possible" title="{_html.escape(LABELS["possible"])}"'
    rows = "".join(
        f"<li{possible if doubt else ''}><span>{surface}</span>{f' <small>{progs}</small>' if progs else ''}</li>"
        for surface, progs, doubt in items
    )
    key = f'<p><small>? {_html.escape(LABELS["possible"])}</small></p>' if any(i[2] for i in items) else ""
    return f'<h2>{_html.escape(LABELS["unplaced"])} ({len(items)})</h2><ul class="geo-unplaced-list">{rows}</ul>{key}'


def _check_slugs(programmes: Sequence[Programme]) -> None:
    seen: set[str] = set()
    for p in programmes:
        if not _SLUG.match(p.slug) or p.slug.lower() in _RESERVED_STEMS or p.slug in seen:
            raise ValueError(f"programme {p.index} has an unusable page name {p.slug!r}")
        seen.add(p.slug)
