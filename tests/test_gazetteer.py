"""geo check: every rule has a failing example under tests/data/gazetteer/."""

from __future__ import annotations

import pytest

from geo.gazetteer import PRECISIONS, append_rows, check, read_places, replace_rows, validate_row

from .conftest import DATA, PLACES

G = DATA / "gazetteer"

# file -> (line, words the message must contain)
FAILING = {
    "missing_id": (3, "missing id"),
    "duplicate_id": (3, "duplicate id 'ok-row'"),
    "shared_alias": (3, "'测试甲' is also used by 'ok-row'"),
    "lat_not_number": (3, "is not a number"),
    "out_of_range": (3, "out of range"),
    "swapped": (3, "look swapped"),
    "outside_beijing": (3, "outside Beijing"),
    "outside_admin": (3, "outside its admin area 海淀区"),
    "bad_wkt": (3, "wkt does not parse"),
    "invalid_wkt": (3, "Self-intersection"),
    "point_outside_polygon": (3, "outside the row's own polygon"),
    "unknown_kind": (3, "unknown kind 'spaceport'"),
    "unknown_crs": (3, "unknown crs_source 'mars'"),
    "unknown_precision": (3, "unknown precision 'roughly'"),
    "empty_source": (3, "empty source"),
    "too_many_fields": (3, "quote cells that contain commas"),
    "bad_scoped": (3, "ALIAS@CONTEXT"),
    "unknown_part": (3, "part 'nope' is not an id"),
}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_each_check_catches_its_example(name):
    line, words = FAILING[name]
    _, problems = check(G / f"{name}.csv")
    assert problems, f"{name}.csv passed but should fail"
    assert [p.line for p in problems] == [line]
    assert words in problems[0].message
    text = str(problems[0])
    assert text.startswith(f"{G / name}.csv:{line}: ") and "\n" not in text


def test_every_failing_example_has_a_test():
    files = {p.stem for p in G.glob("*.csv") if not p.stem.startswith("valid")}
    assert files == set(FAILING)


@pytest.mark.parametrize(("name", "encoding"), [("valid", "utf-8"), ("valid_bom", "utf-8-sig"),
                                                 ("valid_gbk", "gb18030")])
def test_encodings_read_and_named(name, encoding):
    pf, problems = check(G / f"{name}.csv")
    assert problems == []
    assert pf.encoding == encoding
    assert pf.places[0].name == "测试乙"


def test_shipped_gazetteer_passes_check():
    pf, problems = check(PLACES)
    assert [str(p) for p in problems] == []
    assert len(pf.places) >= 10


def test_shipped_rows_have_source_and_precision():
    pf = read_places(PLACES)
    for p in pf.places:
        assert p.source.strip(), p.id
        assert p.precision in PRECISIONS, p.id
        if p.precision == "unplaced":
            assert p.note, f"{p.id}: unplaced rows say why"


def test_check_never_rewrites_the_file(tmp_path):
    f = tmp_path / "places.csv"
    f.write_bytes((G / "swapped.csv").read_bytes())
    before = f.read_bytes()
    check(f)
    assert f.read_bytes() == before


ROW = {"id": "new-row", "name": "测试丙", "name_en": "Test C", "kind": "park", "lat": "39.97", "lon": "116.32",
       "precision": "exact", "crs_source": "wgs84", "source": "test fixture", "admin": "海淀区"}


@pytest.mark.parametrize("name", ["valid", "valid_bom", "valid_gbk"])
def test_append_is_a_one_line_diff_in_the_same_encoding(tmp_path, name):
    f = tmp_path / "places.csv"
    f.write_bytes((G / f"{name}.csv").read_bytes())
    before = f.read_bytes()
    pf = append_rows(f, [ROW])
    after = f.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].count(b"\n") == 1
    assert pf.encoding == read_places(G / f"{name}.csv").encoding
    assert [p.id for p in pf.places] == ["row-b", "new-row"]


def test_update_touches_only_its_row(tmp_path):
    f = tmp_path / "places.csv"
    f.write_bytes((G / "valid.csv").read_bytes())
    append_rows(f, [ROW])
    lines_before = f.read_text(encoding="utf-8").splitlines()
    replace_rows(f, {"new-row": {"lat": "39.96"}})
    lines_after = f.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(lines_before, lines_after, strict=True)) if a != b]
    assert changed == [2]
    assert ",39.96," in lines_after[2]


def test_validate_row_refuses_duplicate_names():
    pf = read_places(G / "valid.csv")
    problems = validate_row({**ROW, "name": "测试乙"}, pf.places)
    assert any("also used by 'row-b'" in p for p in problems)
    assert validate_row(ROW, pf.places) == []
