"""Export to GeoJSON / GeoPackage / KML / CSV and back: every cell and geometry survives."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shapely

from geo.add import import_file
from geo.errors import GazetteerError, InputError
from geo.exchange import FORMATS, export, read_features
from geo.gazetteer import check, read_places

HEADER = [
    "id",
    "name",
    "name_en",
    "kind",
    "lat",
    "lon",
    "precision",
    "crs_source",
    "source",
    "admin",
    "aliases",
    "scoped_aliases",
    "parts",
    "flags",
    "note",
    "wkt",
]
XSS = "<img src=x onerror=alert(1)>"
ROWS = [
    # a plain point, with text that needs escaping in every format
    {
        "id": "zhongguancun",
        "name": "中关村",
        "name_en": 'Zhongguancun "ZGC" & co',
        "kind": "area",
        "lat": "39.983",
        "lon": "116.315",
        "precision": "centroid",
        "crs_source": "gcj02",
        "source": "https://example.org/a?b=1&c=2",
        "aliases": "中关村地区|ZGC",
        "scoped_aliases": "北区@中关村科学城",
        "note": f"{XSS}, 逗号，and\nnewline",
    },
    # a polygon with a hole; its point inside
    {
        "id": "test-park",
        "name": "测试公园",
        "kind": "park",
        "lat": "40.0005",
        "lon": "116.2005",
        "precision": "centroid",
        "crs_source": "wgs84",
        "source": "survey",
        "wkt": "POLYGON ((116.2 40, 116.21 40, 116.21 40.01, 116.2 40.01, 116.2 40), "
        "(116.203 40.003, 116.205 40.003, 116.205 40.005, 116.203 40.003))",
    },
    # a multi-line road; its point on it
    {
        "id": "test-road",
        "name": "测试路",
        "kind": "road",
        "lat": "39.95",
        "lon": "116.305",
        "precision": "exact",
        "crs_source": "bd09",
        "source": "survey",
        "wkt": "MULTILINESTRING ((116.3 39.95, 116.31 39.95), (116.31 39.95, 116.31 39.96))",
    },
    # a group: no geometry of its own
    {
        "id": "test-group",
        "name": "测试组",
        "kind": "group",
        "precision": "centroid",
        "crs_source": "wgs84",
        "source": "report",
        "parts": "zhongguancun|test-park",
        "flags": "",
        "note": "",
    },
]


def _csv(rows: list[dict[str, str]], header: list[str] = HEADER) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows([{h: r.get(h, "") for h in header} for r in rows])
    return buf.getvalue()


@pytest.fixture
def places(tmp_path: Path) -> Path:
    path = tmp_path / "places.csv"
    path.write_text(_csv(ROWS), encoding="utf-8")
    assert check(path)[1] == []
    return path


def _geom(row: dict[str, str]):
    if row.get("wkt"):
        return shapely.from_wkt(row["wkt"])
    if row.get("lat"):
        return shapely.Point(float(row["lon"]), float(row["lat"]))
    return None


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_field_and_geometry(tmp_path, places, fmt):
    out = tmp_path / f"places.{fmt}"
    assert export(places, fmt, out) == len(ROWS)
    features = list(read_features(out))
    assert len(features) == len(ROWS)
    for (_, props, geom), row in zip(features, ROWS, strict=True):
        got = {k: ("" if v is None else str(v)) for k, v in props.items()}
        assert {h: got.get(h, "") for h in HEADER} == {h: row.get(h, "") for h in HEADER}
        expected = _geom(row)
        if fmt == "csv":  # CSV carries geometry as its lat/lon/wkt cells, compared above
            continue
        if expected is None:
            assert geom is None or geom.is_empty
        else:
            assert geom.geom_type == expected.geom_type
            assert geom.equals_exact(expected, 1e-12)


@pytest.mark.parametrize("fmt", FORMATS)
def test_import_of_an_export_rebuilds_the_gazetteer(tmp_path, places, fmt):
    out = tmp_path / f"places.{fmt}"
    export(places, fmt, out)
    # into the same file: nothing to do
    same = import_file(out, places)
    assert same.added == () and same.updated == () and len(same.skipped) == len(ROWS)
    # into an empty gazetteer: every row back, cell for cell
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    report = import_file(out, empty)
    assert report.added == tuple(r["id"] for r in ROWS)
    assert [r.row for r in read_places(empty).records] == [r.row for r in read_places(places).records]


def test_kml_escapes_text(tmp_path, places):
    out = tmp_path / "places.kml"
    export(places, "kml", out)
    raw = out.read_text(encoding="utf-8")
    assert XSS not in raw and "&lt;img src=x onerror=alert(1)&gt;" in raw
    root = ET.fromstring(out.read_bytes())  # well-formed
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"


def test_geojson_is_rfc7946_utf8(tmp_path, places):
    out = tmp_path / "places.geojson"
    export(places, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert "中关村" in out.read_text(encoding="utf-8")  # not \u escapes
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [116.315, 39.983]}


def test_csv_export_opens_in_excel(tmp_path, places):
    out = tmp_path / "places.out.csv"
    export(places, "csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_refuses_a_broken_gazetteer(tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text(_csv([{**ROWS[0], "kind": "spaceport"}]), encoding="utf-8")
    with pytest.raises(GazetteerError, match="unknown kind"):
        export(bad, "geojson", tmp_path / "x.geojson")


def test_unknown_format(tmp_path, places):
    with pytest.raises(InputError, match="unknown export format"):
        export(places, "shp", tmp_path / "x.shp")
    with pytest.raises(InputError, match="unknown file type"):
        list(read_features(places.with_suffix(".shp")))


def test_reads_foreign_files(tmp_path, places):
    """What other tools write: GeoJSON with other field names, KML with SimpleData, no namespace."""
    gj = tmp_path / "other.geojson"
    gj.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"名称": "稻香湖再生水厂", "类型": "facility", "来源": "OSM", "seq": 3},
                        "geometry": {"type": "Point", "coordinates": [116.18, 40.07]},
                    },
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = import_file(gj, places)
    assert report.added == ("daoxianghu-zaishengshuichang",)
    plant = read_places(places).places[-1]
    assert (plant.lat, plant.lon, plant.kind, plant.source) == (40.07, 116.18, "facility", "OSM")

    kml = tmp_path / "other.kml"
    kml.write_text(
        "<kml><Document><Placemark><name>翠湖湿地公园</name><ExtendedData><SchemaData>"
        '<SimpleData name="source">GDAL export</SimpleData></SchemaData></ExtendedData>'
        "<Polygon><outerBoundaryIs><LinearRing><coordinates>116.16,40.07,0 116.18,40.07,0 116.18,40.09,0 "
        "116.16,40.07,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>",
        encoding="utf-8",
    )
    report = import_file(kml, places)
    park = read_places(places).places[-1]
    assert report.added == (park.id,) and park.kind == "park" and park.wkt.startswith("POLYGON")
    assert shapely.from_wkt(park.wkt).contains(shapely.Point(park.lon, park.lat))
    assert check(places)[1] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_shipped_gazetteer_round_trips(tmp_path, fmt):
    """The real places.csv (a copy): export, then import into an empty file, gives back every cell."""
    from .conftest import PLACES

    src = tmp_path / "places.csv"
    src.write_bytes(PLACES.read_bytes())
    pf = read_places(src)
    if pf.problems:
        pytest.skip("places.csv has problems; geo check reports them")
    out = tmp_path / f"out.{fmt}"
    export(src, fmt, out)
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(pf.header) + "\n", encoding="utf-8")
    import_file(out, empty)
    assert [r.row for r in read_places(empty).records] == [r.row for r in pf.records]


def test_unreadable_foreign_geometry_is_a_clear_error(tmp_path, places):
    bad = tmp_path / "bad.kml"
    bad.write_text("<kml><Placemark><name>x</name><Point><coordinates>oops</coordinates></Point></Placemark></kml>")
    before = places.read_bytes()
    with pytest.raises(InputError, match=r"bad.kml:placemark 1: unreadable coordinates"):
        import_file(bad, places)
    assert places.read_bytes() == before


def test_import_accepts_a_group_before_its_parts(tmp_path, places):
    src = tmp_path / "group-first.csv"
    src.write_text(_csv([ROWS[3], *ROWS[:3]]), encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    report = import_file(src, empty)
    assert report.added == ("test-group", "zhongguancun", "test-park", "test-road")
    assert check(empty)[1] == []
