"""GeoJSON / GeoPackage / KML / CSV export, and reading them back for ``geo import``.

Every places.csv column travels as text, so a round trip gives back the very
cells (``39.960`` stays ``39.960``); the geometry is the row's WKT, else its
point. KML is written and read by hand with ElementTree: GDAL's KML drivers
are not always built, and ElementTree escapes text for us.
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

from ._encoding import decode
from .errors import GazetteerError, InputError, OutputError
from .gazetteer import COLUMNS, PlacesFile, atomic_write_bytes, read_places

Format = Literal["geojson", "gpkg", "kml", "csv"]
FORMATS: tuple[str, ...] = ("geojson", "gpkg", "kml", "csv")
_SUFFIXES = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".kml": "kml",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}
KML_NS = "http://www.opengis.net/kml/2.2"
GPKG_LAYER = "places"

# (where, properties, shapely geometry or None) for one record of an input file
Feature = tuple[str, dict[str, object], object]


def format_of(path: str | os.PathLike[str]) -> str:
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown file type; use .geojson, .gpkg, .kml or .csv")
    return fmt


def _geometry(row: Mapping[str, str]):  # -> shapely geometry | None
    import shapely
    from shapely.geometry import Point

    if row.get("wkt"):
        return shapely.from_wkt(row["wkt"])
    if row.get("lat") and row.get("lon"):
        return Point(float(row["lon"]), float(row["lat"]))
    return None


def _checked(places_path: str | os.PathLike[str]) -> PlacesFile:
    pf = read_places(places_path)
    if pf.problems:
        raise GazetteerError(f"{pf.problems[0]} — fix it before exporting (run `geo check`)")
    return pf


def export(places_path: str | os.PathLike[str], fmt: str, out_path: str | os.PathLike[str]) -> int:
    """Write every place, all columns as text, to ``out_path``; returns the row count."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    pf = _checked(places_path)
    header = [c for c in pf.header if c] or list(COLUMNS)
    rows = [{h: r.row.get(h, "") for h in header} for r in pf.records]
    out = Path(out_path)
    if fmt == "gpkg":
        _write_gpkg(out, header, rows)
    else:
        writer = {"geojson": _geojson_bytes, "kml": _kml_bytes, "csv": _csv_bytes}[fmt]
        atomic_write_bytes(out, writer(header, rows))
    return len(rows)


# --- GeoJSON -------------------------------------------------------------------------------


def _geojson_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    from shapely.geometry import mapping

    # One feature per line: readable, and diffs of two exports stay small.
    lines = []
    for row in rows:
        geom = _geometry(row)
        feature = {
            "type": "Feature",
            "id": row.get("id"),
            "properties": row,
            "geometry": mapping(geom) if geom is not None else None,
        }
        lines.append(json.dumps(feature, ensure_ascii=False))
    return ('{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _read_geojson(path: Path) -> Iterator[Feature]:
    from shapely.geometry import shape

    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid GeoJSON ({e}); export it again as GeoJSON (UTF-8)") from e
    features = data.get("features", [data] if data.get("type") == "Feature" else [])
    for i, f in enumerate(features, 1):
        where, geom = f"{path}:feature {i}", f.get("geometry")
        try:
            yield where, dict(f.get("properties") or {}), shape(geom) if geom else None
        except (AttributeError, KeyError, TypeError, ValueError) as e:  # shapely's GeometryTypeError is a ValueError
            raise InputError(f"{where}: unreadable geometry ({e}); fix or drop this feature") from e


# --- KML -----------------------------------------------------------------------------------


def _kml_coords(coords) -> str:
    return " ".join(f"{x!r},{y!r}" for x, y, *_ in coords)


def _kml_geometry(parent: ET.Element, geom) -> None:
    k = f"{{{KML_NS}}}"
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = ET.SubElement(parent, k + "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)
    elif kind == "Point":
        ET.SubElement(ET.SubElement(parent, k + "Point"), k + "coordinates").text = _kml_coords(geom.coords)
    elif kind == "LineString":
        ET.SubElement(ET.SubElement(parent, k + "LineString"), k + "coordinates").text = _kml_coords(geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, k + "Polygon")
        for tag, ring in [("outerBoundaryIs", geom.exterior), *(("innerBoundaryIs", r) for r in geom.interiors)]:
            lr = ET.SubElement(ET.SubElement(poly, k + tag), k + "LinearRing")
            ET.SubElement(lr, k + "coordinates").text = _kml_coords(ring.coords)
    else:
        raise OutputError(f"cannot write a {kind} to KML")


def _kml_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    k = f"{{{KML_NS}}}"
    ET.register_namespace("", KML_NS)
    root = ET.Element(k + "kml")
    doc = ET.SubElement(root, k + "Document")
    ET.SubElement(doc, k + "name").text = "places"
    for row in rows:
        pm = ET.SubElement(doc, k + "Placemark", id=row.get("id", ""))
        ET.SubElement(pm, k + "name").text = row.get("name", "")
        ext = ET.SubElement(pm, k + "ExtendedData")
        for h in header:
            ET.SubElement(ET.SubElement(ext, k + "Data", name=h), k + "value").text = row.get(h, "")
        geom = _geometry(row)
        if geom is not None:
            _kml_geometry(pm, geom)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _parse_kml_coords(text: str | None) -> list[tuple[float, float]]:
    out = []
    for tup in (text or "").split():
        x, y, *_ = tup.split(",")
        out.append((float(x), float(y)))
    return out


def _read_kml_geometry(el: ET.Element):  # -> shapely geometry | None
    from shapely.geometry import GeometryCollection, LineString, Point, Polygon

    tag = el.tag.rsplit("}", 1)[-1]
    ns = {"k": KML_NS}
    if tag == "Point":
        return Point(_parse_kml_coords(el.findtext("k:coordinates", namespaces=ns))[0])
    if tag == "LineString":
        return LineString(_parse_kml_coords(el.findtext("k:coordinates", namespaces=ns)))
    if tag == "Polygon":
        outer = _parse_kml_coords(el.findtext("k:outerBoundaryIs/k:LinearRing/k:coordinates", namespaces=ns))
        inner = [_parse_kml_coords(c.text) for c in el.findall("k:innerBoundaryIs/k:LinearRing/k:coordinates", ns)]
        return Polygon(outer, inner)
    if tag == "MultiGeometry":
        parts = [g for g in (_read_kml_geometry(c) for c in el) if g is not None]
        return _multi(parts) if parts else GeometryCollection()
    return None


def _multi(parts: list):  # -> the Multi* of same-typed parts, else a GeometryCollection
    from shapely.geometry import GeometryCollection, MultiLineString, MultiPoint, MultiPolygon

    types = {p.geom_type for p in parts}
    cls = (
        {"Point": MultiPoint, "LineString": MultiLineString, "Polygon": MultiPolygon}.get(types.pop())
        if len(types) == 1
        else None
    )
    return cls(parts) if cls else GeometryCollection(parts)


def _read_kml(path: Path) -> Iterator[Feature]:
    ns = {"k": KML_NS}
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise InputError(f"{path}: not valid KML ({e}); export it again as KML (not KMZ)") from e
    if not root.tag.startswith(f"{{{KML_NS}}}"):  # KML 2.1 or no namespace: read it the same way
        for el in root.iter():
            el.tag = f"{{{KML_NS}}}" + el.tag.rsplit("}", 1)[-1]
    for i, pm in enumerate(root.iter(f"{{{KML_NS}}}Placemark"), 1):
        props: dict[str, object] = {}
        for d in pm.findall("k:ExtendedData/k:Data", ns):
            props[d.get("name", "")] = d.findtext("k:value", default="", namespaces=ns)
        for d in pm.findall("k:ExtendedData/k:SchemaData/k:SimpleData", ns):  # what GDAL writes
            props[d.get("name", "")] = d.text or ""
        for tag in ("name", "description"):
            if tag not in props and pm.find(f"k:{tag}", ns) is not None:
                props[tag] = pm.findtext(f"k:{tag}", default="", namespaces=ns)
        where = f"{path}:placemark {i}"
        try:
            geom = next((g for g in (_read_kml_geometry(c) for c in pm) if g is not None), None)
        except (IndexError, ValueError) as e:
            raise InputError(f"{where}: unreadable coordinates ({e}); write lon,lat[,alt] tuples") from e
        yield where, props, geom


# --- GeoPackage ----------------------------------------------------------------------------


def _write_gpkg(out: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(rows, columns=header, geometry=[_geometry(r) for r in rows], crs="EPSG:4326")
    # GDAL cannot append to a half-written GeoPackage safely, so write beside it and rename.
    tmp = out.with_name(f".{out.name}.tmp.gpkg")
    try:
        tmp.unlink(missing_ok=True)
        gdf.to_file(tmp, driver="GPKG", layer=GPKG_LAYER)
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{out}: could not be written ({e.strerror or e}); choose a writable folder") from e


def _read_gpkg(path: Path) -> Iterator[Feature]:
    import geopandas as gpd
    import pyogrio

    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
        layer = GPKG_LAYER if GPKG_LAYER in layers else layers[0]
        gdf = gpd.read_file(path, layer=layer)
    except Exception as e:  # pyogrio raises its own DataSourceError family
        raise InputError(f"{path}: cannot read it as a GeoPackage ({e}); export it again") from e
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    for i, (_, rec) in enumerate(gdf.iterrows(), 1):
        props = {c: ("" if _missing(rec[c]) else rec[c]) for c in cols}
        geom = rec[gdf.geometry.name]
        yield f"{path}:feature {i}", props, None if _missing(geom) else geom


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)


# --- CSV -----------------------------------------------------------------------------------


def _csv_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")  # the BOM makes Excel read it as UTF-8


def _read_csv(path: Path) -> Iterator[Feature]:
    text, _ = decode(path.read_bytes(), path)
    text = text.removeprefix("\ufeff")
    delimiter = "\t" if "\t" in text.partition("\n")[0] else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row in reader:
        line, start = reader.line_num, line + 1
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            yield f"{path}:{start}", {k: v for k, v in row.items() if k is not None}, None


def read_features(path: str | os.PathLike[str]) -> Iterator[Feature]:
    """Records of a GeoJSON, KML, GeoPackage or CSV file as (where, properties, geometry)."""
    path = Path(path)
    reader = {"geojson": _read_geojson, "kml": _read_kml, "gpkg": _read_gpkg, "csv": _read_csv}[format_of(path)]
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return reader(path)
