"""Static maps (PNG/SVG) for briefings, drawn with geopandas and matplotlib.

One figure per programme (or one for the whole report): title, places coloured
by kind with Chinese labels that avoid each other, a legend, a scale bar, a
north arrow and a source-and-date line. The map frames Haidian; places more
than ``FAR_KM`` from its centre are listed in a side box instead of zooming
the map out to Xiong'an. Output is byte-for-byte reproducible.

matplotlib is imported inside the functions: ``import geo.static`` stays light
and never touches a display (we draw on a bare ``Figure`` with the Agg canvas,
so no window can pop up and the caller's pyplot state is left alone).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import math
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from geo import fonts
from geo.errors import InputError, OutputError
from geo.gazetteer import atomic_write_bytes

if TYPE_CHECKING:
    from collections.abc import Iterator

    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox
    from shapely.geometry.base import BaseGeometry

    from geo.link import LinkResult
    from geo.model import Programme, Report

OUTLINE_PATH = Path(__file__).parent / "data" / "haidian.geojson"
# The other Beijing districts, for a report about one of them.
DISTRICTS_PATH = Path(__file__).parent / "data" / "beijing_districts.geojson"
METRIC_CRS = "EPSG:32650"  # UTM 50N: metres, and Haidian sits 0.7° from its meridian
FAR_KM = 25.0
# Rough centroid of Haidian, used only when the outline file is missing.
FALLBACK_CENTRE = (40.03, 116.23)  # lat, lon
FIGSIZE = (10.0, 7.5)  # inches
DPI = 150
FORMATS = ("png", "svg", "pdf")
_SALT = "geo-static"  # svg.hashsalt: fixed clip-path ids, so SVG bytes repeat


class KindStyle(NamedTuple):
    colour: str
    marker: str
    label: str  # legend text, Chinese first


# Order is legend order and label priority (earlier kinds get first pick).
KINDS: dict[str, KindStyle] = {
    "station": KindStyle("#d62728", "^", "车站 station"),
    "facility": KindStyle("#1f6fb4", "s", "设施 facility"),
    "company": KindStyle("#c2185b", "D", "企业 company"),
    "campus": KindStyle("#138d75", "p", "院校 campus"),
    "mall": KindStyle("#e67e22", "P", "商业 mall"),
    "landmark": KindStyle("#6d4c41", "*", "地标 landmark"),
    "park": KindStyle("#2e9b47", "o", "园区 park"),
    "village": KindStyle("#a0522d", "v", "村 village"),
    "town": KindStyle("#7d3c98", "h", "镇街 town"),
    "group": KindStyle("#34495e", "X", "一组 group"),
    "rail": KindStyle("#8e1b1b", "d", "轨道 rail"),
    "road": KindStyle("#8a7a12", "8", "道路 road"),
    "river": KindStyle("#1597c8", "o", "河流 river"),
    "area": KindStyle("#b7950b", "H", "片区 area"),
    "district": KindStyle("#566573", "H", "区 district"),
    "region": KindStyle("#839192", "H", "区域 region"),
}
_OTHER = KindStyle("#7f7f7f", "o", "其他 other")

_COMPASS = ("北", "东北", "东", "东南", "南", "西南", "西", "西北")


@dataclass
class _Site:
    """One place as drawn: projected geometry plus where its label hangs."""

    name: str
    kind: str
    geom: BaseGeometry  # metric CRS
    shape: str  # point | line | area
    anchor: tuple[float, float]  # metric CRS
    dist_km: float  # nearest approach to Haidian's centre
    bearing: str  # compass direction from the centre, in Chinese
    more: tuple[tuple[float, float], ...] = ()  # other anchors a label may use (along a line)


def render_static(
    result: LinkResult,
    out_base: Path,
    *,
    programme: int | None = None,
    formats: tuple[str, ...] = ("png", "svg"),
    date: str | None = None,
) -> list[Path]:
    """Draw one programme's places (``programme=None``: the whole report).

    Writes ``out_base.with_suffix(".png")`` etc. and returns the paths in the
    order of ``formats``. ``date`` goes on the source line; by default it is
    ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today.
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError(f"formats must be some of {FORMATS}, got {formats!r}")
    prog = _programme(result.report, programme)
    with _rendering() as font_path:
        fig = _draw(result, prog, _date_text(date))
        if font_path is not None:
            _warn_missing(font_path, fig)
        return [_save(fig, out_base.with_suffix(f".{fmt}"), fmt) for fmt in formats]


def _programme(report: Report, index: int | None) -> Programme | None:
    if index is None:
        return None
    prog = next((p for p in report.programmes if p.index == index), None)
    if prog is None:
        raise InputError(f"{report.path}: no programme {index} (it has {len(report.programmes)})")
    return prog


@contextlib.contextmanager
def _rendering() -> Iterator[Path | None]:
    """matplotlib settings for drawing and saving; yields the CJK font used.

    Text picks its font when created and SVG ids are salted when saved, so
    both must happen inside; rc_context leaves the caller's rcParams alone.
    """
    import matplotlib

    font_path = fonts.find_cjk_font()
    family = [fonts.font_family(font_path)] if font_path else []
    rc = {
        "font.family": family + ["DejaVu Sans"],  # DejaVu covers stray symbols
        "svg.hashsalt": _SALT,
        "svg.fonttype": "path",  # glyphs as paths: the SVG looks right without the font
        "pdf.fonttype": 42,  # embedded, subset TrueType: selectable text
        "axes.unicode_minus": False,
        "path.simplify": True,
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        if font_path is None:
            warnings.warn(fonts.INSTALL_HINT, fonts.MissingCJKFontWarning, stacklevel=4)
            # One clear warning beats one per missing glyph.
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
        yield font_path


# --------------------------------------------------------------------------- drawing


def _draw(result: LinkResult, prog: Programme | None, date: str) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    report = result.report

    class Canvas(FigureCanvasAgg):
        def draw_idle(self, *args: Any, **kwargs: Any) -> None:
            """geopandas asks for a full redraw after every layer; we draw once, when saving."""

    fig = Figure(figsize=FIGSIZE, dpi=DPI, facecolor="white")
    Canvas(fig)
    renderer = fig.canvas.get_renderer()
    title = (prog.title if prog is not None else report.title) or "(无标题)"
    if prog is not None:
        sub = " · ".join(x for x in (report.title, prog.section) if x)
    else:
        sub = f"全部 {len(report.programmes)} 项工作 · all programmes"
    top = _titles(fig, renderer, title, sub) - 0.02
    ax = fig.add_axes((0.015, 0.075, 0.70, top - 0.075))
    side = fig.add_axes((0.735, 0.075, 0.25, top - 0.075))
    side.set_axis_off()

    outline, name, name_en = _district_outline(report)
    centre = _centre(outline, None if name == "海淀区" else result.places)
    places = _select(result.places, prog)
    sites = _sites(places, centre)
    near = [s for s in sites if s.dist_km <= FAR_KM]
    far = sorted((s for s in sites if s.dist_km > FAR_KM), key=lambda s: (s.dist_km, s.name))

    frame = _frame(outline, near, centre, ax)
    ax.set_xlim(frame[0], frame[2])
    ax.set_ylim(frame[1], frame[3])
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#9a9a9a")
        spine.set_linewidth(0.6)

    if outline is not None:
        ax.set_facecolor("#eceff1")
        outline.plot(ax=ax, facecolor="#fbfaf5", edgecolor="#5f6a6a", linewidth=1.1, zorder=1)
    else:
        ax.set_facecolor("#fbfaf5")
    near = _clip_anchors(near, frame, ax)
    _plot_sites(ax, near)
    ax.set_xlabel("")  # geopandas labels axes "Easting [metre]": noise on a map
    ax.set_ylabel("")
    if not near:
        ax.text(
            0.5,
            0.5,
            f"本项没有可在{name}内定位的地点\nno mappable places in {name_en}",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            color="#666666",
        )

    obstacles = [_scale_bar(ax, frame, near), _north_arrow(ax, frame, near)]
    numbered, crowded = _place_labels(ax, near, renderer, obstacles)

    _side_panel(side, renderer, near, far, numbered, crowded, _unplaced(result, prog), (name, name_en))
    _source_line(fig, renderer, report.title, outline, places, date)
    return fig


def _district_outline(report: Report) -> tuple[gpd.GeoDataFrame | None, str, str]:
    """The outline (in metres) and names of the report's district: Haidian unless its text names another.

    A district or city beyond Beijing has no outline here; its name stands in the panel."""
    from .divisions import report_county

    county = report_county(report.text, report.title or "")
    if county and county[0] != "110108":
        if not county[0].startswith("11"):
            return None, county[1], county[1]
        other = _read_district(str(DISTRICTS_PATH), county[0])
        if other is not None:
            return other
    return _load_outline(), "海淀区", "Haidian"


@functools.lru_cache(maxsize=16)
def _read_district(path: str, code: str) -> tuple[gpd.GeoDataFrame, str, str] | None:
    gdf = _read_metric(path)
    if gdf is None or "adcode" not in gdf.columns:
        return None
    row = gdf[gdf["adcode"].astype(str) == code]
    if row.empty:
        return None
    name = str(row["name"].iloc[0])
    name_en = str(row["name_en"].iloc[0] or "").removesuffix(" District") or name
    return row, name, name_en


def _load_outline() -> gpd.GeoDataFrame | None:
    """The Haidian outline in metres, or None when the file is missing or broken."""
    try:
        stat = OUTLINE_PATH.stat()
    except OSError:
        return None
    return _read_outline(str(OUTLINE_PATH), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)  # a build draws one map per programme
def _read_outline(path: str, _mtime: int, _size: int) -> gpd.GeoDataFrame | None:
    return _read_metric(path)


def _read_metric(path: str) -> gpd.GeoDataFrame | None:
    """A GeoJSON file in metres (WGS-84 if it names no CRS), or None when it is missing, broken or empty."""
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as e:  # a broken outline must not cost the user their map
        warnings.warn(f"{path}: cannot read the district outline ({e}); drawing without it", stacklevel=6)
        return None
    if gdf.empty:
        return None
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf.to_crs(METRIC_CRS)


def _centre(outline: gpd.GeoDataFrame | None, places: gpd.GeoDataFrame | None = None) -> tuple[float, float]:
    """The outline's centre; without one, the middle of the report's places beyond Beijing, else Haidian's."""
    if outline is not None:
        c = outline.union_all().centroid
        return (c.x, c.y)
    if places is not None and len(places):
        points = places.geometry.representative_point()
        return _project([(float(points.x.median()), float(points.y.median()))])[0]
    return _project([(FALLBACK_CENTRE[1], FALLBACK_CENTRE[0])])[0]


def _project(lonlats: list[tuple[float, float]]) -> list[tuple[float, float]]:
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    return [t.transform(lon, lat) for lon, lat in lonlats]


def _select(places: gpd.GeoDataFrame, prog: Programme | None) -> gpd.GeoDataFrame:
    if places.crs is None:
        places = places.set_crs("EPSG:4326")
    if prog is None or places.empty or "programmes" not in places.columns:
        return places if prog is None else places.iloc[0:0]

    def belongs(value: Any) -> bool:
        return isinstance(value, (list, tuple, set, frozenset)) and prog.index in value

    return places[places["programmes"].map(belongs)]


def _sites(places: gpd.GeoDataFrame, centre: tuple[float, float]) -> list[_Site]:
    from shapely.geometry import Point

    projected = places.to_crs(METRIC_CRS)
    c = Point(centre)
    sites = []
    for _id, row in projected.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        kind = str(row.get("kind", "") or "")
        shape = {
            "Point": "point",
            "MultiPoint": "point",
            "LineString": "line",
            "MultiLineString": "line",
            "LinearRing": "line",
        }.get(geom.geom_type, "area")
        p = geom.representative_point()
        name = str(row.get("name", "") or _id)
        angle = math.degrees(math.atan2(p.x - c.x, p.y - c.y)) % 360
        bearing = _COMPASS[round(angle / 45) % 8]
        dist = geom.distance(c) / 1000
        sites.append(_Site(name, kind, geom, shape, (p.x, p.y), dist, bearing))
    return sorted(sites, key=_priority)


def _priority(s: _Site) -> tuple[int, int, str]:
    order = {"point": 0, "line": 1, "area": 2}[s.shape]
    kinds = list(KINDS)
    return (order, kinds.index(s.kind) if s.kind in KINDS else len(kinds), s.name)


def _frame(
    outline: gpd.GeoDataFrame | None, near: list[_Site], centre: tuple[float, float], ax: Axes
) -> tuple[float, float, float, float]:
    """Haidian plus its nearby sites, padded and stretched to the axes' shape."""
    from shapely.geometry import Point

    disc = Point(centre).buffer(FAR_KM * 1000)
    xs: list[float] = []
    ys: list[float] = []
    if outline is not None:
        x0, y0, x1, y1 = outline.total_bounds
        xs += [x0, x1]
        ys += [y0, y1]
    for s in near:
        # With an outline, only points widen the frame; without one, lines and
        # areas count only where they come near: a rail line to Zhangjiakou
        # must not drag the frame along with it.
        if s.shape != "point" and outline is not None:
            continue
        g = s.geom if s.shape == "point" else s.geom.intersection(disc)
        if not g.is_empty:
            x0, y0, x1, y1 = g.bounds
            xs += [x0, x1]
            ys += [y0, y1]
    if not xs:
        xs, ys = [centre[0] - 15000, centre[0] + 15000], [centre[1] - 15000, centre[1] + 15000]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w, h = max(x1 - x0, 3000.0), max(y1 - y0, 3000.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * 1.12, h * 1.12  # room for labels and the scale bar
    box = ax.get_position()
    aspect = (box.height * FIGSIZE[1]) / (box.width * FIGSIZE[0])
    if h / w < aspect:
        h = w * aspect
    else:
        w = h / aspect
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _clip_anchors(near: list[_Site], frame: tuple[float, float, float, float], ax: Axes) -> list[_Site]:
    """Move line and area anchors onto their visible part, where a label can sit.

    An area only a few pixels across becomes a point, or nobody would see it.
    """
    from shapely.geometry import box

    view = box(*frame)
    tiny = 8 * (frame[2] - frame[0]) / ax.get_window_extent().width  # 8 px, in metres
    kept = []
    for s in near:
        seen = s.geom.intersection(view)
        if seen.is_empty:
            continue
        if s.shape == "line":
            parts = getattr(seen, "geoms", [seen])
            longest = max(parts, key=lambda g: g.length)
            # A line can carry its name anywhere along it: the middle first.
            spots = [longest.interpolate(f, normalized=True) for f in (0.5, 0.3, 0.7, 0.15, 0.85)]
            s.anchor, *rest = [(p.x, p.y) for p in spots]
            s.more = tuple(rest)
        else:
            p = seen.representative_point()
            s.anchor = (p.x, p.y)
            x0, y0, x1, y1 = seen.bounds
            if s.shape == "area" and max(x1 - x0, y1 - y0) < tiny:
                s.shape, s.geom = "point", p
        kept.append(s)
    return kept


def _style(kind: str) -> KindStyle:
    return KINDS.get(kind, _OTHER)


def _plot_sites(ax: Axes, sites: list[_Site]) -> None:
    import geopandas as gpd
    from matplotlib.colors import to_rgba

    # Big areas first so parks and points stay on top of them.
    for shape, z in (("area", 2), ("line", 3), ("point", 5)):
        for kind in [*KINDS, *sorted({s.kind for s in sites} - set(KINDS))]:
            geoms = [s.geom for s in sites if s.shape == shape and s.kind == kind]
            if not geoms:
                continue
            st = _style(kind)
            gs = gpd.GeoSeries(geoms, crs=METRIC_CRS)
            if shape == "area":
                broad = kind in ("area", "district", "region", "town")
                gs.plot(
                    ax=ax,
                    facecolor=to_rgba(st.colour, 0.10 if broad else 0.30),
                    edgecolor=st.colour,
                    linewidth=0.9,
                    linestyle="--" if broad else "-",
                    zorder=z,
                )
            elif shape == "line":
                gs.plot(ax=ax, color=st.colour, linewidth=2.0, zorder=z)
            else:
                gs.plot(
                    ax=ax,
                    color=st.colour,
                    marker=st.marker,
                    markersize=_MARKER_AREA * _MARKER_SCALE.get(st.marker, 1.0),
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=z,
                )


_MARKER_AREA = 42  # points², as scatter wants
_MARKER_SCALE = {"*": 2.2, "P": 1.2, "X": 1.2, "d": 1.2}  # thin shapes look small at equal area
_LABEL_SIZE = 7.5


def _place_labels(
    ax: Axes, sites: list[_Site], renderer: RendererBase, obstacles: list[Bbox]
) -> tuple[list[_Site], list[_Site]]:
    """Greedy label placement; returns the sites numbered instead, and those left bare.

    Each label tries eight spots around its anchor, then the same spots
    further out with a leader line. A site whose name fits nowhere gets a
    small number, spelled out in the side panel; if even that cannot fit
    (markers on top of each other) the side panel just lists it.
    """
    from matplotlib import patheffects
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import Bbox

    halo = [patheffects.Stroke(linewidth=2.4, foreground="white")]
    fig_frac = ax.figure.transFigure.inverted()
    px = renderer.points_to_pixels(1.0)
    inner = ax.get_window_extent(renderer).padded(-2)
    marker_r = math.sqrt(_MARKER_AREA) / 2 * px
    taken = list(obstacles)
    for s in sites:
        if s.shape == "point":
            x, y = ax.transData.transform(s.anchor)
            taken.append(Bbox.from_extents(x - marker_r, y - marker_r, x + marker_r, y + marker_r))

    def measure(text: str, size: float) -> tuple[float, float]:
        w, h, _d = renderer.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
        return w + 2 * px, h + 2 * px  # the halo

    def size_of(s: _Site) -> float:
        return _LABEL_SIZE + (0.5 if s.shape == "area" else 0)

    def to_px(xy: tuple[float, float]) -> tuple[float, float]:
        x, y = ax.transData.transform(xy)
        return (float(x), float(y))

    placed: dict[int, tuple[str, tuple[float, float], tuple[float, float, str, str, bool]]] = {}
    # Every name first tries the spots beside its own marker; only then may
    # names go further out on leader lines, so the near spots serve the most sites.
    for ring in (0, 1):
        for i, s in enumerate(sites):
            if i in placed:
                continue
            w, h = measure(s.name, size_of(s))
            for anchor in (s.anchor, *s.more):
                spot = _free_spot(*to_px(anchor), w, h, s.shape, px, inner, taken, ring)
                if spot is not None:
                    placed[i] = (s.name, anchor, spot)
                    taken.append(_bbox(spot[0], spot[1], w, h, spot[2], spot[3]))
                    break
    numbered: list[_Site] = []
    crowded: list[_Site] = []
    for i, s in enumerate(sites):
        if i in placed:
            continue
        text = str(len(numbered) + 1)
        w, h = measure(text, size_of(s))
        xy = to_px(s.anchor)
        spot = next((sp for ring in (0, 1) if (sp := _free_spot(*xy, w, h, s.shape, px, inner, taken, ring))), None)
        if spot is None:  # not even a number fits: list it, don't pile it on
            crowded.append(s)
            continue
        numbered.append(s)
        placed[i] = (text, s.anchor, spot)
        taken.append(_bbox(spot[0], spot[1], w, h, spot[2], spot[3]))

    leader_line = dict(arrowstyle="-", color="#777777", lw=0.5, shrinkA=1, shrinkB=3)
    for i, (text, anchor, (tx, ty, ha, va, leader)) in sorted(placed.items()):
        s = sites[i]
        colour = "#333333" if s.shape != "area" else _darker(_style(s.kind).colour)
        # Figure fraction, not pixels: the SVG is laid out at 72 dpi, the PNG at DPI.
        where = fig_frac.transform((tx, ty))
        # Halo and text are separate artists: text drawn through a path effect
        # loses its <!-- name --> comment in the SVG, and with it searchability.
        for effects, fill in ((halo, "white"), (None, colour)):
            ax.annotate(
                text,
                xy=anchor,
                xycoords="data",
                xytext=where,
                textcoords="figure fraction",
                ha=ha,
                va=va,
                fontsize=size_of(s),
                color=fill,
                zorder=8,
                path_effects=effects,
                arrowprops=leader_line if leader and effects is None else None,
                annotation_clip=False,
            )
    return numbered, crowded


def _free_spot(
    x: float,
    y: float,
    w: float,
    h: float,
    shape: str,
    px: float,
    inner: Bbox,
    taken: list[Bbox],
    ring: int,
) -> tuple[float, float, str, str, bool] | None:
    """The first spot in ``ring`` (0: beside the anchor, 1: further out, with a leader)."""
    if shape == "area" and ring == 0:  # inside the area first
        gap = 1.2 * h
        cands = [(x, y + dy, "center", "center", False) for dy in (0, gap, -gap, 2 * gap, -2 * gap)]
    else:
        d = (5.5 if shape == "point" else 3.0) * px + ring * 12 * px
        e = d * 0.75
        leader = ring > 0
        cands = [
            (x + d, y, "left", "center", leader),
            (x + e, y + e, "left", "bottom", leader),
            (x + e, y - e, "left", "top", leader),
            (x - d, y, "right", "center", leader),
            (x - e, y + e, "right", "bottom", leader),
            (x - e, y - e, "right", "top", leader),
            (x, y + d, "center", "bottom", leader),
            (x, y - d, "center", "top", leader),
        ]
    for tx, ty, ha, va, leader in cands:
        bb = _bbox(tx, ty, w, h, ha, va)
        inside = bb.x0 >= inner.x0 and bb.x1 <= inner.x1 and bb.y0 >= inner.y0 and bb.y1 <= inner.y1
        if not inside or any(bb.overlaps(t) for t in taken):
            continue
        # A leader line must not cut through another label; its first stretch
        # lies on its own marker, so sample from a third of the way out.
        cx, cy = (bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2
        path = [(x + (cx - x) * f, y + (cy - y) * f) for f in (0.35, 0.5, 0.65, 0.8)] if leader else []
        if not any(t.contains(px_, py_) for px_, py_ in path for t in taken):
            return (tx, ty, ha, va, leader)
    return None


def _bbox(x: float, y: float, w: float, h: float, ha: str, va: str) -> Bbox:
    from matplotlib.transforms import Bbox

    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return Bbox.from_extents(x0, y0, x0 + w, y0 + h)


def _darker(colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r * 0.7, g * 0.7, b * 0.7)


# ------------------------------------------------------------------ map furniture


def _emptiest_corner(frame: tuple[float, float, float, float], near: list[_Site], corners: tuple[str, str]) -> str:
    """Of two corners, the one with fewer sites in its quarter-size patch."""
    x0, y0, x1, y1 = frame
    w, h = x1 - x0, y1 - y0

    def crowd(corner: str) -> int:
        cx = x0 if "left" in corner else x1 - 0.3 * w
        cy = y0 if "lower" in corner else y1 - 0.25 * h
        return sum(cx <= s.anchor[0] <= cx + 0.3 * w and cy <= s.anchor[1] <= cy + 0.25 * h for s in near)

    return min(corners, key=lambda c: (crowd(c), corners.index(c)))


def _scale_bar(ax: Axes, frame: tuple[float, float, float, float], near: list[_Site]) -> Bbox:
    """A two-tone bar in metres (the axes are UTM metres, so lengths are true)."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    x0, y0, x1, y1 = frame
    w, h = x1 - x0, y1 - y0
    length = _nice_length(w / 5)
    corner = _emptiest_corner(frame, near, ("lower left", "lower right"))
    bx = x0 + 0.04 * w if corner == "lower left" else x1 - 0.04 * w - length
    by, bh = y0 + 0.04 * h, 0.009 * h
    for i in range(4):
        ax.add_patch(
            Rectangle(
                (bx + i * length / 4, by),
                length / 4,
                bh,
                zorder=9,
                facecolor="#333333" if i % 2 == 0 else "white",
                edgecolor="#333333",
                linewidth=0.6,
            )
        )
    unit, div = ("km", 1000) if length >= 1000 else ("m", 1)
    for frac in (0, 0.5, 1):
        value = length * frac / div
        text = f"{value:g}" + (f" {unit}" if frac == 1 else "")
        ax.text(
            bx + frac * length, by + bh * 1.6, text, ha="center", va="bottom", fontsize=6.5, color="#333333", zorder=9
        )
    (px0, py0), (px1, py1) = ax.transData.transform([(bx, by), (bx + length, by + bh * 5)])
    return Bbox.from_extents(px0 - 12, py0 - 4, px1 + 22, py1 + 4)


def _nice_length(target: float) -> float:
    """The largest 1-2-5 × 10ⁿ metres not above ``target``."""
    exp = 10 ** math.floor(math.log10(max(target, 1.0)))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target)


def _north_arrow(ax: Axes, frame: tuple[float, float, float, float], near: list[_Site]) -> Bbox:
    """Points to true north: grid north in UTM is off by the meridian convergence."""
    from matplotlib.transforms import Bbox
    from pyproj import Transformer

    x0, y0, x1, y1 = frame
    to_ll = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
    lon, lat = to_ll.transform((x0 + x1) / 2, (y0 + y1) / 2)
    (ax_, ay_), (bx_, by_) = _project([(lon, lat), (lon, lat + 0.05)])
    angle = math.atan2(bx_ - ax_, by_ - ay_)  # radians east of grid north

    corner = _emptiest_corner(frame, near, ("upper right", "upper left"))
    fx = 0.94 if corner == "upper right" else 0.06
    fy = 0.90
    dx, dy = 0.05 * math.sin(angle) * 0.75, 0.05 * math.cos(angle)  # axes box is 4:3-ish
    ax.annotate(
        "",
        xy=(fx + dx, fy + dy),
        xytext=(fx, fy - 0.01),
        xycoords="axes fraction",
        arrowprops=dict(arrowstyle="-|>,head_width=0.35,head_length=0.8", color="#333333", lw=1.4),
        zorder=9,
    )
    ax.text(
        fx + dx * 1.3,
        fy + dy + 0.012,
        "N",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color="#333333",
        zorder=9,
    )
    (px0, py0), (px1, py1) = ax.transAxes.transform([(fx - 0.03, fy - 0.03), (fx + 0.03, fy + 0.1)])
    return Bbox.from_extents(px0, py0, px1, py1)


# ---------------------------------------------------------------------- text blocks


def _wrap(text: str, width_px: float, size: float, renderer: RendererBase, max_lines: int = 3) -> str:
    """Wrap by measured width; CJK may break anywhere, Latin words stay whole."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size)

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0]

    tokens = re.findall(r"[A-Za-z0-9.,:/'&()\-]+ ?|.", text)
    lines, line = [], ""
    for tok in tokens:
        if line and width(line + tok) > width_px:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return "\n".join(lines)


def _titles(fig: Figure, renderer: RendererBase, title: str, sub: str) -> float:
    """Title and subtitle from the top down; returns the figure y below them."""
    fig_w = fig.bbox.width
    to_fig = fig.transFigure.inverted()
    t = fig.text(
        0.015,
        0.975,
        _wrap(title, 0.97 * fig_w, 15, renderer, 2),
        ha="left",
        va="top",
        fontsize=15,
        fontweight="bold",
        color="#1a1a1a",
        linespacing=1.15,
    )
    y = t.get_window_extent(renderer).transformed(to_fig).y0 - 0.012
    t = fig.text(
        0.015, y, _wrap(sub, 0.97 * fig_w, 8.5, renderer, 1), ha="left", va="top", fontsize=8.5, color="#555555"
    )
    return t.get_window_extent(renderer).transformed(to_fig).y0


def _side_panel(
    side: Axes,
    renderer: RendererBase,
    near: list[_Site],
    far: list[_Site],
    numbered: list[_Site],
    crowded: list[_Site],
    unplaced: int,
    district: tuple[str, str] = ("海淀区", "Haidian"),
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for kind in [*KINDS, *sorted({s.kind for s in near} - set(KINDS))]:
        shapes = {s.shape for s in near if s.kind == kind}
        if not shapes:
            continue
        st = _style(kind)
        label = st.label if kind in KINDS else f"{kind}"
        if "point" in shapes:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="",
                    marker=st.marker,
                    markersize=6.5 * math.sqrt(_MARKER_SCALE.get(st.marker, 1.0)),
                    markerfacecolor=st.colour,
                    markeredgecolor="white",
                    markeredgewidth=0.5,
                    label=label,
                )
            )
        elif "line" in shapes:
            handles.append(Line2D([], [], color=st.colour, linewidth=2.0, label=label))
        else:
            handles.append(Patch(facecolor=st.colour, alpha=0.35, edgecolor=st.colour, label=label))
    y = 1.0
    if handles:
        leg = side.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0, 1),
            title="图例 Legend",
            fontsize=7.5,
            title_fontsize=8,
            frameon=False,
            alignment="left",
            borderaxespad=0,
            handlelength=1.6,
            labelspacing=0.45,
        )
        bb = leg.get_window_extent(renderer).transformed(side.transAxes.inverted())
        y = bb.y0 - 0.035

    width_px = side.get_window_extent(renderer).width
    blocks: list[tuple[str, list[str], int]] = []  # (heading, lines, wrapped lines allowed per line)
    if far:
        lines = [f"{s.name}  {s.bearing} 约 {s.dist_km:.0f} km" for s in far]
        blocks.append((f"{district[0]}以外 Outside {district[1]}", lines, 2))
    if numbered:
        lines = [f"{i}  {s.name}" for i, s in enumerate(numbered, 1)]
        blocks.append(("图中编号 Numbered on map", lines, 2))
    if crowded:
        blocks.append(("过密未标注 Too close to label", ["、".join(s.name for s in crowded)], 5))
    summary = f"地点 {len(near) + len(far)} 处 places"
    if unplaced:
        summary += f" · 未定位地名 {unplaced} 个 unplaced names"
    blocks.append(("", [summary], 2))

    line_h = 0.028  # axes fraction per 7pt line in this panel
    for head, lines, wraps in blocks:
        room = max(int((y - 0.02) / line_h) - (2 if head else 0), 1)
        if len(lines) > room:
            lines = lines[: room - 1] + [f"… 另 {len(lines) - room + 1} 处 more"]
        body = "\n".join(_wrap(line, width_px, 7, renderer, wraps) for line in lines)
        if head:
            side.text(
                0,
                y,
                head,
                transform=side.transAxes,
                ha="left",
                va="top",
                fontsize=8,
                fontweight="bold",
                color="#333333",
            )
            y -= line_h * 1.3
        t = side.text(
            0, y, body, transform=side.transAxes, ha="left", va="top", fontsize=7, color="#333333", linespacing=1.35
        )
        bb = t.get_window_extent(renderer).transformed(side.transAxes.inverted())
        y = bb.y0 - 0.03


def _source_line(
    fig: Figure,
    renderer: RendererBase,
    title: str,
    outline: gpd.GeoDataFrame | None,
    places: gpd.GeoDataFrame,
    date: str,
) -> None:
    parts = [f"来源 Source: {title or '海淀区政府工作报告'}", "geo places.csv"]
    if outline is not None and "source" in outline.columns:
        src = str(outline["source"].iloc[0] or "").strip()
        # A full commit URL is unreadable at 6 pt; the repository names it.
        src = re.sub(r"^https?://(www\.)?", "", src).split("/blob/")[0]
        if src:
            parts.append(f"区界 outline: {src}")
    sources = " ".join(str(v) for v in places.get("source", [])).lower()
    if "osm" in sources or "openstreetmap" in sources or "openstreetmap" in " ".join(parts).lower():
        parts.append("© OpenStreetMap contributors")
    parts.append(date)
    text = _wrap(" · ".join(parts), 0.97 * fig.bbox.width, 6.5, renderer, 2)
    fig.text(0.015, 0.015, text, ha="left", va="bottom", fontsize=6.5, color="#666666")


def _unplaced(result: LinkResult, prog: Programme | None) -> int:
    names = {u.surface for u in result.unlinked if prog is None or u.programme == prog.index}
    return len(names)


def _date_text(date: str | None) -> str:
    if date:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


# ---------------------------------------------------------------------- output


def _warn_missing(font_path: Path, fig: Figure) -> None:
    text = "".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    missing = fonts.missing_glyphs(font_path, text)
    if missing:
        warnings.warn(
            f"font {font_path.name} lacks {missing!r}; those characters fall back to DejaVu Sans or show as boxes",
            stacklevel=3,
        )


def _save(fig: Figure, path: Path, fmt: str) -> Path:
    """Write atomically, with no timestamps or versions, so bytes repeat."""
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }[fmt]
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot create the folder ({e.strerror})") from e
    atomic_write_bytes(path, buf.getvalue())
    return path
