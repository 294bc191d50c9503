"""Property-based tests (hypothesis): reader, linker, scan JSON, places.csv, coordinates.

CI runs ~150 examples per property. ``GEO_HYPOTHESIS=long pytest tests/test_properties.py``
runs 10,000 each (minutes, not seconds).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import random
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from geo import coords
from geo._encoding import decode
from geo.errors import GazetteerError, GeoError, InputError
from geo.gazetteer import COLUMNS, REQUIRED, Place, append_rows, check, read_places
from geo.link import Matcher, link
from geo.report import clean_text, outline, read_report, read_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"

settings.register_profile(
    "geo-ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("geo-long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Per-test settings, so loading this module does not change other modules' hypothesis profile.
PROFILE = settings.get_profile("geo-long" if os.environ.get("GEO_HYPOTHESIS") == "long" else "geo-ci")


def few(n: int) -> settings:
    """Properties that write files or drive the CLI per example get a fraction of the examples."""
    return settings(PROFILE, max_examples=max(10, PROFILE.max_examples // n))


# --- strategies ------------------------------------------------------------------------------------

# Characters that stress the reader: controls, BOM, line and paragraph separators, NEL,
# lone surrogates, private use, full-width punctuation, traditional characters, HTML.
NASTY = [
    "\x00", "\x01", "\x0b", "\x0c", "\x1c", "\x7f", "\x85", "\xa0", "\u200b", "\u2028", "\u2029", "\u3000",
    "\ufeff", "\ufffd", "\ud800", "\udfff", "\ue000", "\r", "\n", "\r\n", "\t", "。", "、", "，", "（", "）",
    "一、", "(一)", "第一部分", "1.", "<p>", "</p>", "<script>", "&#xD800;", "&amp;", "<!--", "海淀區", "中關(guān)村",
]  # fmt: skip
any_text = st.lists(st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY)), max_size=200).map("".join)
long_lines = st.builds(lambda unit, n: unit * n, st.text(min_size=1, max_size=8), st.integers(500, 5000))
report_bytes = st.one_of(
    st.binary(max_size=2000),
    any_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    any_text.map(lambda s: s.encode("gb18030", "replace")),
    any_text.map(lambda s: s.encode("big5", "replace")),
    any_text.map(lambda s: s.encode("utf-16", "surrogatepass")),
    st.builds(
        lambda a, b: a + b.encode("utf-8", "surrogatepass"),
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"<html>"]),
        any_text,
    ),
)


def _write(data: bytes, suffix: str = ".txt") -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="geo-prop-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Path(name)


def _spans_ok(report) -> None:
    n = len(report.text)
    for s in report.sections:
        assert 0 <= s.start <= s.end <= n
    for p in report.programmes:
        assert 0 <= p.start <= p.end <= n
    assert 0 <= report.body[0] <= report.body[1] <= n


# --- report reader ---------------------------------------------------------------------------------


@PROFILE
@given(data=report_bytes, suffix=st.sampled_from([".txt", ".html"]))
def test_read_report_gives_report_or_geo_error(data: bytes, suffix: str) -> None:
    path = _write(data, suffix)
    try:
        report = read_report(path)
    except GeoError:
        return
    finally:
        path.unlink()
    _spans_ok(report)
    # The reader never hands on text that cannot be written as UTF-8 (no lone surrogates).
    report.text.encode("utf-8")
    report.title.encode("utf-8")


@PROFILE
@given(data=report_bytes)
def test_decode_gives_text_or_input_error(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding
    text.encode("utf-8")


@PROFILE
@given(text=st.one_of(any_text, long_lines))
def test_clean_text_and_outline_never_raise(text: str) -> None:
    cleaned = clean_text(text)
    report = outline(cleaned)
    _spans_ok(report)
    for p in report.programmes:
        assert report.text[p.start : p.end].startswith(p.title)


@few(3)
@given(data=report_bytes)
def test_read_text_from_path(data: bytes) -> None:
    path = _write(data)
    try:
        text, encoding, _title = read_text(path)
    except GeoError:
        return
    finally:
        path.unlink()
    assert text.endswith("\n") and encoding


# --- linker ------------------------------------------------------------------------------------------

# A small alphabet so that random names really occur in random text; 東/區 fold to 东/区,
# and the bracketed pinyin is removed by normalisation, which shifts offsets.
ALPHABET = "海淀区中关村东西南北科学城二三期路镇園東區"
name_st = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
text_st = st.lists(
    st.one_of(
        st.sampled_from(list(ALPHABET) + ["、", "，", "。", "\n", "\n\n", "(hǎi)", "（diàn）", "论坛", "政府"]),
        name_st,
    ),
    max_size=60,
).map("".join)


@st.composite
def gazetteers(draw) -> list[Place]:
    n = draw(st.integers(1, 12))
    out = []
    for i in range(n):
        aliases = tuple(draw(st.lists(name_st, max_size=2)))
        scoped = tuple(draw(st.lists(st.tuples(name_st, name_st), max_size=1)))
        kind = "group" if i and draw(st.integers(0, 9)) == 0 else "area"
        parts = (f"p{draw(st.integers(0, n - 1)):02d}",) if kind == "group" else ()
        out.append(Place(
            id=f"p{i:02d}", name=draw(name_st), kind=kind, lat=40.0, lon=116.3, precision="exact",
            crs_source="wgs84", source="property test", aliases=aliases, scoped_aliases=scoped, parts=parts,
        ))  # fmt: skip
    return out




def _place(pid: str, name: str) -> Place:
    return Place(id=pid, name=name, kind="area", lat=40.0, lon=116.3, precision="exact", crs_source="wgs84",
                 source="t")  # fmt: skip


def test_phase_extension_never_overlaps_another_hit() -> None:
    matcher = Matcher([_place("a", "二"), _place("b", "三")], blocked=())
    hits = matcher.resolve(matcher.find("二三期"))
    spans = sorted((h[0], h[1]) for h in hits)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False)), spans


def _key(result) -> tuple:
    return (
        tuple((m.start, m.end, m.surface, m.place_id, m.method) for m in result.mentions),
        tuple((u.start, u.end, u.surface, u.kind) for u in result.unlinked),
    )


@PROFILE
@given(places=gazetteers(), text=text_st, seed=st.integers(0, 2**32 - 1))
@example(
    places=[Place(id="p00", name="中关村", kind="area", lat=40.0, lon=116.3, precision="exact",
                  crs_source="wgs84", source="t")],
    text="中關(guān)村、東西(hǎi)中关村。\n",
    seed=0,
)  # fmt: skip
def test_link_offsets_overlaps_and_row_order(places: list[Place], text: str, seed: int) -> None:
    report = outline(text)
    result = link(report, places)
    for m in result.mentions:
        assert report.text[m.start : m.end] == m.surface, m
    for u in result.unlinked:
        assert report.text[u.start : u.end] == u.surface, u
    spans = sorted((m.start, m.end) for m in result.mentions)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2, f"overlapping links {spans}"
    for m in result.mentions:
        assert all(not (u.start < m.end and m.start < u.end) for u in result.unlinked)
    shuffled = list(places)
    random.Random(seed).shuffle(shuffled)
    assert _key(link(report, shuffled)) == _key(result)


@PROFILE
@given(places=gazetteers(), text=text_st)
def test_matcher_find_hits_are_sorted_and_disjoint(places: list[Place], text: str) -> None:
    matcher = Matcher(places, blocked=())
    hits = matcher.resolve(matcher.find(text))  # (start, end, place_id, method)
    for a, b in zip(hits, hits[1:], strict=False):
        assert a[1] <= b[0]
    for start, end, place_id, _ in hits:
        assert 0 <= start < end <= len(text) and place_id in matcher.places


# --- scan --json ---------------------------------------------------------------------------------------


@few(5)
@given(
    data=st.one_of(report_bytes, any_text.map(lambda s: ("海淀区中关村科学城。" + s).encode("utf-8", "surrogatepass")))
)
@example(data=b"<html><body><p>\xe6\xb5\xb7\xe6\xb7\x80\xe5\x8c\xba&#xD800;&#56320;\xe3\x80\x82</p></body></html>")
def test_scan_json_survives_json_loads(data: bytes) -> None:
    path = _write(data)
    try:
        res = CliRunner().invoke(_cli(), ["scan", str(path), "--json", "--places", str(PLACES)], obj={})
    finally:
        path.unlink()
    if res.exit_code == 2:  # a GeoError, reported on one line
        assert "error" in res.output
        return
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    for m in [m for p in doc["programmes"] for m in p["mentions"]] + doc["other_mentions"]:
        assert doc["text"][m["start"] : m["end"]] == m["surface"]


def _cli():
    from geo.cli import cli

    return cli


# --- places.csv ---------------------------------------------------------------------------------------

cell_st = st.lists(
    st.one_of(st.sampled_from(list(',"\n\r|@ 海淀区中关村') + ["\r\n", "\ufeff", "\x00"]), st.characters()),
    max_size=12,
).map("".join)
header_st = st.lists(st.sampled_from(list(COLUMNS) + ["extra", "", "id "]), min_size=1, max_size=20)


@st.composite
def places_csv(draw) -> bytes:
    header = draw(st.one_of(header_st, st.just(list(COLUMNS))))
    rows = draw(st.lists(st.lists(cell_st, max_size=len(header) + 2), max_size=6))
    if draw(st.booleans()):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        w.writerow(header)
        w.writerows(rows)
        text = buf.getvalue()
    else:  # hand-made, quotes unbalanced as people leave them
        text = "\n".join(",".join(r) for r in [header, *rows])
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return text.encode(enc, "replace")


@PROFILE
@given(data=places_csv())
def test_read_places_and_check_never_raise_other_errors(data: bytes) -> None:
    path = _write(data, ".csv")
    try:
        pf = read_places(path)
        assert all(c in pf.header for c in REQUIRED)
        for p in pf.places:
            assert p.id and p.name
        _, problems = check(path)
        assert all(pr.line >= 0 for pr in problems)
    except (GazetteerError, InputError):
        pass
    finally:
        path.unlink()


VALID_ROW = {"id": "new-row", "name": "新地名", "kind": "village", "lat": "39.98", "lon": "116.31",
             "precision": "approximate", "crs_source": "wgs84", "source": "property test"}  # fmt: skip
# Cells are stripped on reading (cells edited in Excel gain spaces), so round-trip values
# have no whitespace at either end; anything else must come back exactly.
# Bare "\r" is unified to "\n" and control characters are refused (tested below).
round_cell = cell_st.map(lambda s: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r]", "", s).strip())


@few(3)
@given(cells=st.fixed_dictionaries({k: round_cell for k in ("name_en", "admin", "note", "wkt", "source")}),
       newline=st.sampled_from(["\n", "\r\n"]))  # fmt: skip
@example(cells={"name_en": 'a,"b"', "admin": "海淀区", "note": "x\ny", "wkt": "", "source": "s"}, newline="\n")
def test_append_rows_round_trip(cells: dict[str, str], newline: str) -> None:
    assume(cells["source"])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "places.csv"
        path.write_bytes((",".join(COLUMNS) + newline).encode("utf-8"))
        row = {**VALID_ROW, **cells}
        pf = append_rows(path, [row])
        got = read_places(path).records[-1].row
    assert pf.records[-1].row == got
    assert {k: got[k] for k in row} == row


def _append_then_read(note: str) -> str:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "places.csv"
        path.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
        with contextlib.suppress(GeoError):  # refusing the value is fine, if the file stays readable
            append_rows(path, [{**VALID_ROW, "note": note}])
        pf = read_places(path)
        return pf.records[-1].row["note"] if pf.records else "<refused>"


def test_append_rows_keeps_carriage_return_in_cell() -> None:
    # Line breaks are unified to \n on writing (csv quotes those); nothing is lost.
    assert _append_then_read("a\rb") == "a\nb"
    assert _append_then_read("a\r\nb") == "a\nb"


def test_append_rows_with_nul_leaves_file_readable() -> None:
    assert _append_then_read("a\x00b") == "<refused>"


def test_carriage_return_in_header_is_a_gazetteer_error(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_bytes(b"id,na\rme,kind,lat,lon,precision,crs_source,source\n")
    with pytest.raises(GazetteerError):
        read_places(path)


# --- coordinates -----------------------------------------------------------------------------------------

china = st.tuples(st.floats(18, 54), st.floats(73, 135))


@PROFILE
@given(point=china)
@example(point=(18.0, 73.0))
@example(point=(54.0, 135.0))
def test_gcj02_round_trip_within_1cm(point: tuple[float, float]) -> None:
    lat, lon = point
    back = coords.gcj02_to_wgs84(*coords.wgs84_to_gcj02(lat, lon))
    assert coords.distance_m(lat, lon, *back) < 0.01


@PROFILE
@given(point=china)
@example(point=(18.0, 73.0))
@example(point=(54.0, 135.0))
def test_bd09_round_trip_within_1cm(point: tuple[float, float]) -> None:
    lat, lon = point
    back = coords.bd09_to_wgs84(*coords.wgs84_to_bd09(lat, lon))
    assert coords.distance_m(lat, lon, *back) < 0.01
    # and the shift is real: BD-09 is hundreds of metres away from WGS-84 in China
    assert coords.distance_m(lat, lon, *coords.wgs84_to_bd09(lat, lon)) > 1


@PROFILE
@given(point=china, crs=st.sampled_from(["wgs84", "gcj02", "bd09"]))
def test_to_from_wgs84_inverse(point: tuple[float, float], crs: str) -> None:
    there = coords.from_wgs84(*point, crs)
    back = coords.to_wgs84(*there, crs)
    assert coords.distance_m(*point, *back) < 0.01
    assert all(math.isfinite(x) for x in there)
