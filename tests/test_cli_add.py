"""geo add / import / export through the CLI, offline (a stub geocoder on 127.0.0.1)."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from geo.cli import cli
from geo.gazetteer import read_places

from .conftest import PLACES
from .test_geocode import stub  # noqa: F401 - the stub Nominatim fixture

# 北宫门 subway station: the OSM node the gazetteer cites for 三山五园地区 (WGS-84), and its GCJ-02 image.
BGM = (40.001193, 116.271367)
BGM_GCJ = "116.277414,40.002421"  # lon,lat as the Amap picker copies it
BGM_SOURCE = "https://www.openstreetmap.org/node/6497814374"


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), obj={}, input=input)


def copy_places(tmp_path):
    p = tmp_path / "places.csv"
    p.write_bytes(PLACES.read_bytes())
    return p


def test_add_gcj02_picker_pair_is_swapped_converted_and_appended(tmp_path):
    places = copy_places(tmp_path)
    before = places.read_bytes()
    res = invoke("add", "北宫门站", "--kind", "station", "--at", BGM_GCJ, "--crs", "gcj02", "--source", BGM_SOURCE,
                 "--places", places)
    assert res.exit_code == 0, res.output
    assert "longitude first" in res.output  # the swap is said
    assert places.read_bytes().startswith(before)
    row = read_places(places).places[-1]
    assert (row.name, row.crs_source) == ("北宫门站", "gcj02")
    # Back to the OSM point within a metre (the pair was rounded to 6 decimals when copied).
    assert abs(row.lat - BGM[0]) < 1e-5 and abs(row.lon - BGM[1]) < 1e-5


def test_add_refuses_an_existing_name_and_shows_the_row(tmp_path):
    places = copy_places(tmp_path)
    res = invoke("add", "公主坟", "--at", "39.9,116.3", "--source", "x", "--places", places)
    assert res.exit_code == 2
    assert "already in the gazetteer" in res.output and "gongzhufen" in res.output


def test_add_geocode_with_stub_nominatim(tmp_path, stub, monkeypatch):  # noqa: F811
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    places = copy_places(tmp_path)
    res = invoke("add", "测试地点", "--kind", "park", "--geocode", "--domain", stub.domain, "--scheme", "http",
                 "--yes", "--places", places)
    assert res.exit_code == 0, res.output
    assert "km from Haidian" in res.output
    row = read_places(places).places[-1]
    assert row.name == "测试地点" and "openstreetmap" in row.source
    # The same query again is answered from the cache: no new request.
    n = len(stub.requests)
    res = invoke("add", "测试地点", "--kind", "park", "--geocode", "--domain", stub.domain, "--scheme", "http",
                 "--yes", "--dry-run", "--places", places, "--force")
    assert res.exit_code == 0, res.output
    assert len(stub.requests) == n


def test_add_geocode_without_network_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    places = copy_places(tmp_path)
    before = places.read_bytes()
    res = invoke("add", "测试地点", "--kind", "park", "--geocode", "--domain", "127.0.0.1:9", "--scheme", "http",
                 "--yes", "--timeout", "2", "--places", places)
    assert res.exit_code == 4
    assert len(res.output.strip().splitlines()) == 1
    assert places.read_bytes() == before


def test_from_scan_todo_then_import(tmp_path):
    places = copy_places(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text("强化交通治理。推进北宫门站周边环境整治,完成测试路改造。\n", encoding="utf-8")
    todo = tmp_path / "todo.csv"
    res = invoke("add", "--from-scan", report, "--todo", todo, "--places", places)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(todo.open(encoding="utf-8-sig")))
    names = [r["name"] for r in rows]
    assert "北宫门站" in names
    for r in rows:
        if r["name"] == "北宫门站":
            assert r["sentence"].startswith("推进北宫门站")
            r.update(lat=str(BGM[0]), lon=str(BGM[1]), crs="wgs84", precision="exact", source=BGM_SOURCE,
                     kind="station")
    with todo.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    res = invoke("import", todo, "--places", places)
    assert res.exit_code == 0, res.output
    assert "added 1" in res.output and "skipped" in res.output
    assert read_places(places).places[-1].name == "北宫门站"
    res = invoke("scan", report, "--json", "--places", places)
    assert [m["name"] for p in json.loads(res.output)["programmes"] for m in p["mentions"]] == ["北宫门站"]


def test_from_scan_walks_through_names_with_prompts(tmp_path):
    places = copy_places(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text("强化交通治理。推进北宫门站周边环境整治,完成测试路改造。\n", encoding="utf-8")
    # First name: coordinates, source, kind; second: skip.
    answers = f"{BGM[0]},{BGM[1]}\n{BGM_SOURCE}\nstation\ns\n"
    res = invoke("add", "--from-scan", report, "--places", places, input=answers)
    assert res.exit_code == 0, res.output
    assert "added 1 place" in res.output
    last = read_places(places).places[-1]
    assert (last.name, last.kind, last.source) == ("北宫门站", "station", BGM_SOURCE)


def test_from_scan_asks_the_likely_names_first(tmp_path):
    # Real text of dev texts (changping-2017-tp, baodi-2016-yl): the tagger doubts 一泉三庙 (a slogan), which comes first
    # in the text but is asked last, said to be doubted.
    places = copy_places(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text("再现当年的“一泉三庙一楼”景观。宝坻区投入三亿元改造乡村公路。\n", encoding="utf-8")
    res = invoke("add", "--from-scan", report, "--places", places, input="s\ns\n")
    assert res.exit_code == 0, res.output
    asked = [line for line in res.output.splitlines() if line.startswith("[")]
    assert asked == ["[1/2] 宝坻区", "[2/2] 一泉三庙 (possibly not a name: the tagger doubts it)"]


def test_export_every_format(tmp_path):
    for fmt in ("geojson", "gpkg", "kml", "csv"):
        out = tmp_path / f"p.{fmt}"
        res = invoke("export", "--format", fmt, "--out", out, "--places", PLACES)
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 1000
