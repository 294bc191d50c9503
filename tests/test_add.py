"""geo add / geo import: pasted coordinates, duplicates, validation, safe concurrent writes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from geo import coords
from geo.add import (
    ImportReport,
    ParsedCoords,
    add_place,
    guess_kind,
    import_file,
    parse_coords,
    slugify,
    todo_rows,
    write_todo,
)
from geo.errors import InputError, OutputError
from geo.gazetteer import check, read_places
from geo.model import Unlinked

HEADER = "id,name,name_en,kind,lat,lon,precision,crs_source,source,admin,aliases,scoped_aliases,parts,flags,note,wkt"
ROWS = [
    "zhongguancun,中关村,,area,39.983,116.315,centroid,wgs84,https://example.org/zgc,,中关村地区,,,,,",
    "xibeiwang-zhen,西北旺镇,,town,40.05,116.26,approximate,wgs84,https://example.org/xbw,,西北旺,,,,,",
]
AMAP = "116.310003,39.991957"  # a GCJ-02 point as the Amap picker copies it (lon,lat)


def _write(path: Path, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join([HEADER, *ROWS, ""]).encode(encoding))
    return path


@pytest.fixture
def places(tmp_path: Path) -> Path:
    return _write(tmp_path / "places.csv")


# --- parse_coords --------------------------------------------------------------------------

PARSES = [
    # text, lat, lon, swapped, crs_hint
    ("39.99,116.27", 39.99, 116.27, False, None),
    ("116.27,39.99", 39.99, 116.27, True, None),
    ("39.99 116.27", 39.99, 116.27, False, None),
    ("39.99，116.27", 39.99, 116.27, False, None),
    ("39.99；116.27", 39.99, 116.27, False, None),
    ("39.99;116.27", 39.99, 116.27, False, None),
    ("39.99\t116.27", 39.99, 116.27, False, None),
    ("  39.99 ,  116.27  ", 39.99, 116.27, False, None),
    ("(39.99, 116.27)", 39.99, 116.27, False, None),
    ("３９．９９，１１６．２７", 39.99, 116.27, False, None),
    (AMAP, 39.991957, 116.310003, True, None),
    ("高德 116.310003,39.991957", 39.991957, 116.310003, True, "gcj02"),
    ("GCJ-02: 116.310003,39.991957", 39.991957, 116.310003, True, "gcj02"),
    ("116.322661,39.997178", 39.997178, 116.322661, True, None),
    ("百度坐标：116.322661,39.997178", 39.997178, 116.322661, True, "bd09"),
    ("BD09 116.322661,39.997178", 39.997178, 116.322661, True, "bd09"),
    ("bd09ll: 116.322661, 39.997178", 39.997178, 116.322661, True, "bd09"),
    ("WGS84 39.99,116.27", 39.99, 116.27, False, "wgs84"),
    ("lat: 39.99, lng: 116.27", 39.99, 116.27, False, None),
    ("lng=116.27&lat=39.99", 39.99, 116.27, False, None),
    ("经度116.27 纬度39.99", 39.99, 116.27, False, None),
    ("39.99N 116.27E", 39.99, 116.27, False, None),
    ("116.27E, 39.99N", 39.99, 116.27, False, None),
    ("北纬39.99 东经116.27", 39.99, 116.27, False, None),
    ("39°59'24\"N 116°16'12\"E", 39.99, 116.27, False, None),
    ("39°59′24″N, 116°16′12″E", 39.99, 116.27, False, None),
    ("51.5,-0.12", 51.5, -0.12, False, None),
    ("-0.12,51.5", -0.12, 51.5, False, None),  # outside China: no guessing, as written
    ("-122.4,37.8", 37.8, -122.4, True, None),  # |lon| > 90 can only be a longitude
    ("−33.9,151.2", -33.9, 151.2, False, None),  # U+2212 minus
]


@pytest.mark.parametrize("text, lat, lon, swapped, hint", PARSES)
def test_parse_coords(text, lat, lon, swapped, hint):
    p = parse_coords(text)
    assert (p.lat, p.lon, p.swapped, p.crs_hint) == (pytest.approx(lat), pytest.approx(lon), swapped, hint)


def test_swap_is_reported():
    assert "lon,lat" in parse_coords(AMAP).note
    assert parse_coords("39.99,116.27").note == ""


BAD = [
    ("", "no coordinates"),
    ("   ", "no coordinates"),
    ("abc", "unexpected 'abc'"),
    ("39.99", "found 1"),
    ("39.99,116.27,50", "found 3"),
    ("39.99,116.27abc", "unexpected"),
    ("39.99.116.27", "cannot read coordinates"),
    ("12948270.12,4838520.56", "projected metres"),
    ("BD09MC 12948270.12,4838520.56", "Baidu Mercator"),
    ("百度 高德 39.9,116.3", "more than one coordinate system"),
    ("lat 39.9 lat 40.1", "same axis"),
    ("95,200", "out of range"),
    ("稻香湖", "found 0"),
]


@pytest.mark.parametrize("text, words", BAD)
def test_parse_coords_garbage_is_a_clear_error(text, words):
    with pytest.raises(InputError, match=words) as e:
        parse_coords(text)
    assert "\n" not in str(e.value)


# --- ids and kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, slug",
    [
        ("四季青镇", "sijiqing-zhen"),
        ("中关村科学城北区", "zhongguancun-kexuecheng-beiqu"),
        ("稻香湖再生水厂", "daoxianghu-zaishengshuichang"),
        ("中关村ABC大厦", "zhongguancun-abc-dasha"),
        ("Google Campus", "google-campus"),
        ("翠湖", "cuihu"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name, kind",
    [
        ("永丰村", "village"),
        ("上地西路", "road"),
        ("翠湖科技园", "park"),
        ("稻香湖再生水厂", "facility"),
        ("地铁13号线", "rail"),
        ("上地", None),
    ],
)
def test_guess_kind(name, kind):
    assert guess_kind(name) == kind


# --- add_place -----------------------------------------------------------------------------


def test_add_converts_gcj02_and_keeps_the_source_crs(places):
    row = add_place(places, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker", kind="facility")
    assert row["crs_source"] == "gcj02"
    lat, lon = float(row["lat"]), float(row["lon"])
    # The stored WGS-84 point maps back onto the picked GCJ-02 point, rounding included.
    assert coords.distance_m(*coords.wgs84_to_gcj02(lat, lon), 39.991957, 116.310003) < 0.01
    assert coords.distance_m(lat, lon, 39.991957, 116.310003) > 100  # and it really moved
    assert row["id"] == "daoxianghu-zaishengshuichang"
    assert read_places(places).places[-1].name == "稻香湖再生水厂"


def test_add_takes_the_crs_the_text_names(places):
    row = add_place(places, "测试点", at="百度 116.322661,39.997178", source="Baidu picker", kind="landmark")
    assert row["crs_source"] == "bd09"
    assert coords.distance_m(*coords.wgs84_to_bd09(float(row["lat"]), float(row["lon"])), 39.997178, 116.322661) < 0.01


def test_add_refuses_a_crs_that_contradicts_the_text(places):
    before = places.read_bytes()
    with pytest.raises(InputError, match="say bd09 but --crs is gcj02"):
        add_place(places, "测试点", at="百度 116.32,39.99", crs="gcj02", source="x", kind="landmark")
    assert places.read_bytes() == before


def test_add_accepts_a_tuple_in_wgs84(places):
    row = add_place(
        places,
        "测试点",
        at=(39.99, 116.27),
        source="survey",
        kind="landmark",
        id="test-point",
        aliases=["测试"],
        admin="海淀区",
        name_en="Test point",
        note="why",
    )
    assert (row["id"], row["lat"], row["lon"], row["aliases"], row["name_en"]) == (
        "test-point",
        "39.99",
        "116.27",
        "测试",
        "Test point",
    )


@pytest.mark.parametrize(
    "name, aliases, existing",
    [
        ("中关村", (), "zhongguancun"),  # the name
        ("西北旺", (), "xibeiwang-zhen"),  # an alias of another row
        ("新地点", ("中关村地区",), "zhongguancun"),  # a new alias that is an old alias
    ],
)
def test_duplicates_refused_showing_the_row(places, name, aliases, existing):
    before = places.read_bytes()
    with pytest.raises(InputError) as e:
        add_place(places, name, at="39.99,116.27", source="x", kind="area", aliases=aliases)
    msg = str(e.value)
    assert f"{existing}," in msg and "--force" in msg and ":" in msg.split(" ")[0]
    assert places.read_bytes() == before


def test_duplicate_in_traditional_characters_refused(places):
    pytest.importorskip("opencc")
    with pytest.raises(InputError, match="already in the gazetteer"):
        add_place(places, "中關村", at="39.99,116.27", source="x", kind="area")


def test_force_adds_a_shared_name_that_geo_check_accepts(places):
    row = add_place(places, "中关村", at="39.99,116.27", source="x", kind="area", force=True)
    assert row["flags"] == "shared" and row["id"] == "zhongguan-cun"
    _, problems = check(places)
    assert problems == []


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"at": "41.5,118.0", "source": "x", "kind": "area"}, "outside Beijing"),
        ({"at": "39.99,116.27", "source": "", "kind": "area"}, "empty source"),
        ({"at": "39.99,116.27", "source": "x", "kind": "spaceport"}, "unknown kind"),
        ({"at": "39.99,116.27", "source": "x", "kind": "area", "precision": "roughly"}, "unknown precision"),
        ({"at": "39.99,116.27", "source": "x", "kind": "area", "crs": "mars"}, "unknown crs"),
        ({"at": "39.99,116.27", "source": "x"}, "cannot guess the kind"),
        ({"source": "x", "kind": "area"}, "give a coordinate"),
        ({"at": "39.99,116.27", "source": "x", "kind": "area", "id": "zhongguancun"}, "duplicate id"),
    ],
)
def test_new_row_is_validated_like_geo_check(places, kwargs, words):
    before = places.read_bytes()
    with pytest.raises(InputError, match=words):
        add_place(places, "新地点", **kwargs)
    assert places.read_bytes() == before


def test_add_wkt_in_gcj02_converts_every_vertex(places):
    row = add_place(places, "测试路", wkt="LINESTRING (116.30 39.99, 116.32 39.99)", crs="gcj02", source="x")
    assert row["kind"] == "road" and row["wkt"].startswith("LINESTRING")
    import shapely

    line = shapely.from_wkt(row["wkt"])
    x, y = line.coords[0]
    assert coords.distance_m(*coords.wgs84_to_gcj02(y, x), 39.99, 116.30) < 0.01
    assert line.distance(shapely.Point(float(row["lon"]), float(row["lat"]))) < 1e-6


def test_adding_is_a_one_line_diff(places):
    before = places.read_bytes()
    add_place(places, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker", kind="facility")
    after = places.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].count(b"\n") == 1


@pytest.mark.parametrize("encoding, newline", [("gb18030", "\n"), ("utf-8-sig", "\r\n"), ("utf-8", "\r\n")])
def test_encoding_and_line_endings_are_kept(tmp_path, encoding, newline):
    path = _write(tmp_path / "places.csv", encoding, newline)
    before = path.read_bytes()
    add_place(path, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker", kind="facility")
    after = path.read_bytes()
    assert after.startswith(before)
    tail = after[len(before) :]
    assert tail.endswith(newline.encode()) and tail.count(b"\n") == 1
    assert "稻香湖再生水厂".encode(encoding.replace("-sig", "")) in tail
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            after.decode("utf-8")


# --- concurrency and crashes ---------------------------------------------------------------

_fork = multiprocessing.get_context("fork") if sys.platform != "win32" else None


def _add_one(path: str, i: int, barrier) -> None:
    barrier.wait()
    add_place(
        path, f"测试地点{i}号", at=f"{39.90 + i * 0.005:.3f},{116.20 + i * 0.005:.3f}", source="test", kind="landmark"
    )


@pytest.mark.skipif(_fork is None, reason="needs fork")
def test_twenty_parallel_adds_all_land(places):
    n = 20
    barrier = _fork.Barrier(n)
    procs = [_fork.Process(target=_add_one, args=(str(places), i, barrier)) for i in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * n
    pf, problems = check(places)
    assert problems == []
    names = [p.name for p in pf.places]
    assert len(names) == len(ROWS) + n
    assert sorted(names[len(ROWS) :]) == sorted(f"测试地点{i}号" for i in range(n))


def _add_and_hang(path: str, where: str, ready) -> None:
    # Stop this writer inside the atomic write (temp file written but not yet
    # synced, or synced but not yet renamed), while it holds the lock.
    real = getattr(os, where)

    def hang(*args, **kwargs):
        if where == "replace" or not ready.is_set():
            ready.set()
            signal.pause()
        return real(*args, **kwargs)

    setattr(os, where, hang)
    add_place(path, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker", kind="facility")


def _add_plain(path: str) -> None:
    add_place(path, "翠湖", at="40.07,116.17", source="test", kind="park")


@pytest.mark.skipif(_fork is None, reason="needs fork")
@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_killed_writer_leaves_the_old_file_intact(places, where):
    before = places.read_bytes()
    ready = _fork.Event()
    proc = _fork.Process(target=_add_and_hang, args=(str(places), where, ready))
    proc.start()
    assert ready.wait(60), "the writer never reached the write"
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL
    assert places.read_bytes() == before
    # The dead writer's lock went with it: the next writer is not blocked.
    nxt = _fork.Process(target=_add_plain, args=(str(places),))
    nxt.start()
    nxt.join(60)
    assert nxt.exitcode == 0
    assert places.read_bytes().startswith(before)
    assert check(places)[1] == []
    # … and it tidied away the temp file the killed writer left behind.
    assert list(places.parent.glob(f".{places.name}.*.tmp")) == []


# --- the to-do CSV and geo import ----------------------------------------------------------


def _unlinked(surface: str, kind: str, sentence: str) -> Unlinked:
    return Unlinked(surface=surface, start=0, end=len(surface), kind=kind, programme=None, sentence=sentence)


UNLINKED = [
    _unlinked("稻香湖再生水厂", "facility", "推进稻香湖再生水厂建设。"),
    _unlinked("翠湖科技园", "park", "翠湖科技园，加快建设。"),
    _unlinked("稻香湖再生水厂", "facility", "稻香湖再生水厂二期。"),
    _unlinked("永丰村", "village", "永丰村棚户区改造。"),
]


def test_todo_rows_one_per_name_with_first_sentence():
    rows = todo_rows(UNLINKED)
    assert [r["name"] for r in rows] == ["稻香湖再生水厂", "翠湖科技园", "永丰村"]
    assert rows[0]["sentence"] == "推进稻香湖再生水厂建设。" and rows[0]["kind"] == "facility"
    assert list(rows[0]) == [
        "name", "kind", "likely", "sentence", "lat", "lon", "crs", "precision", "source", "aliases", "note"
    ]  # fmt: skip
    assert [r["likely"] for r in rows] == ["", "", ""]  # the tagger did not run


def test_todo_rows_say_which_names_are_likely():
    # A name is likely where any of its mentions is: the tagger doubts 稻香湖再生水厂 only in its second sentence.
    doubts = {"稻香湖再生水厂": [0.97, 0.02], "翠湖科技园": [0.3], "永丰村": [None]}
    unlinked = [replace(u, confidence=doubts[u.surface].pop(0)) for u in UNLINKED]
    assert [(r["name"], r["likely"]) for r in todo_rows(unlinked)] == [
        ("稻香湖再生水厂", "yes"), ("翠湖科技园", "no"), ("永丰村", "")
    ]  # fmt: skip


def _fill(todo: Path) -> None:
    import csv

    rows = list(csv.DictReader(todo.read_text(encoding="utf-8-sig").splitlines()))
    rows[0].update(lat=AMAP, crs="gcj02", precision="exact", source="Amap picker", aliases="稻香湖水厂、稻香湖再生水")
    rows[1].update(lat="40.07", lon="116.17", source="OSM", note="north gate")
    # rows[2] left empty: not placed yet
    with todo.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_todo_round_trip_through_import(tmp_path, places):
    todo = tmp_path / "todo.csv"
    assert write_todo(todo, UNLINKED) == 3
    assert todo.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese
    with pytest.raises(OutputError, match="already exists"):
        write_todo(todo, UNLINKED)
    _fill(todo)
    before = places.read_bytes()
    report = import_file(todo, places)
    assert isinstance(report, ImportReport)
    assert report.added == ("daoxianghu-zaishengshuichang", slugify("翠湖科技园"))
    assert report.updated == ()
    assert [why for _, why in report.skipped] == ["no coordinates yet"]
    assert places.read_bytes().startswith(before)
    pf, problems = check(places)
    assert problems == []
    plant = next(p for p in pf.places if p.name == "稻香湖再生水厂")
    assert plant.crs_source == "gcj02" and plant.precision == "exact"
    assert plant.aliases == ("稻香湖水厂", "稻香湖再生水")
    assert coords.distance_m(*coords.wgs84_to_gcj02(plant.lat, plant.lon), 39.991957, 116.310003) < 0.01
    park = next(p for p in pf.places if p.name == "翠湖科技园")
    assert (park.kind, park.precision, park.crs_source, park.note) == ("park", "approximate", "wgs84", "north gate")
    # Importing the same file again changes nothing.
    again = import_file(todo, places)
    assert again.added == () and again.updated == ()
    assert sorted(why for _, why in again.skipped)[-1].startswith("unchanged")


def test_import_updates_a_row_matched_by_name(tmp_path, places):
    src = tmp_path / "fix.csv"
    src.write_text("name,lat,lon,source\n中关村,39.984,116.316,https://example.org/better\n", encoding="utf-8")
    report = import_file(src, places)
    assert report.updated == ("zhongguancun",) and report.added == ()
    zgc = next(p for p in read_places(places).places if p.id == "zhongguancun")
    assert (zgc.lat, zgc.lon, zgc.source, zgc.aliases) == (
        39.984,
        116.316,
        "https://example.org/better",
        ("中关村地区",),
    )


def test_import_with_one_bad_row_writes_nothing(tmp_path, places):
    src = tmp_path / "bad.csv"
    src.write_text(
        "name,kind,lat,lon,source\n好地点,landmark,39.99,116.27,x\n坏地点,landmark,41.9,119.0,x\n", encoding="utf-8"
    )
    before = places.read_bytes()
    with pytest.raises(InputError, match=r"bad.csv:3: .*outside Beijing"):
        import_file(src, places)
    assert places.read_bytes() == before


def test_import_dry_run_writes_nothing(tmp_path, places):
    src = tmp_path / "new.csv"
    src.write_text("name,kind,lat,lon,source\n好地点,landmark,39.99,116.27,x\n", encoding="utf-8")
    before = places.read_bytes()
    report = import_file(src, places, dry_run=True)
    assert report.added == ("hao-didian",) or len(report.added) == 1
    assert places.read_bytes() == before


def test_parsed_coords_is_frozen():
    p = ParsedCoords(1.0, 2.0)
    with pytest.raises(AttributeError):
        p.lat = 3.0  # type: ignore[misc]


def test_add_an_unplaced_name_without_coordinates(places):
    row = add_place(places, "怀柔科学城", kind="area", precision="unplaced", source="report", note="no citable point")
    assert (row["lat"], row["lon"], row["precision"]) == ("", "", "unplaced")
    assert check(places)[1] == []


def test_add_fills_in_an_unplaced_row(places):
    with places.open("a", encoding="utf-8") as f:
        f.write(
            "daoxianghu-plant,稻香湖再生水厂,,facility,,,unplaced,wgs84,searched OSM,海淀区,稻香湖水厂,,,,no point yet,\n"
        )
    before = places.read_bytes().splitlines(keepends=True)
    row = add_place(places, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker", aliases=["再生水厂甲"])
    after = places.read_bytes().splitlines(keepends=True)
    assert after[:-1] == before[:-1] and len(after) == len(before)  # only that line changed
    assert (row["id"], row["precision"], row["crs_source"], row["admin"], row["note"]) == (
        "daoxianghu-plant",
        "approximate",
        "gcj02",
        "海淀区",
        "no point yet",
    )
    assert row["aliases"] == "稻香湖水厂|再生水厂甲"
    assert check(places)[1] == []
    # a second add of the same name is a duplicate again
    with pytest.raises(InputError, match="already in the gazetteer"):
        add_place(places, "稻香湖再生水厂", at=AMAP, crs="gcj02", source="Amap picker")
