"""WGS-84 / GCJ-02 / BD-09: published reference pairs, exact round trips, and why iterate."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import coords

# (wgs_lat, wgs_lon, gcj_lat, gcj_lon) from googollee/eviltransform's own test
# suite (go/transform_test.go and python/test.py, the TESTS table), which the
# Go test checks to 5 decimals and the Python one to 6.
EVILTRANSFORM_WGS_GCJ = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # beijing
]

# wandergis/coordtransform README.md ("result" block for the input 116.404, 39.915,
# written there as [lng, lat]); here as (lat, lon).
WANDERGIS_INPUT = (39.915, 116.404)
WANDERGIS_WGS84_TO_GCJ02 = (39.91640428150164, 116.41024449916938)
WANDERGIS_GCJ02_TO_BD09 = (39.92133699351021, 116.41036949371029)
WANDERGIS_GCJ02_TO_WGS84_ONE_STEP = (39.91359571849836, 116.39775550083061)

# hujiulong/gcoord test/unit/crs/GCJ02.spec.js: GCJ02 -> BD09 of [123, 45] (lng, lat),
# checked there with toBeCloseTo(..., 5).
GCOORD_GCJ02_TO_BD09 = ((45.0, 123.0), (45.00636899, 123.00636499))

CHINA = {"lat": st.floats(18, 54), "lon": st.floats(73, 135)}


@pytest.mark.parametrize("wlat, wlon, glat, glon", EVILTRANSFORM_WGS_GCJ)
def test_wgs84_to_gcj02_matches_eviltransform(wlat, wlon, glat, glon):
    lat, lon = coords.wgs84_to_gcj02(wlat, wlon)
    assert lat == pytest.approx(glat, abs=1e-9)
    assert lon == pytest.approx(glon, abs=1e-9)


@pytest.mark.parametrize("wlat, wlon, glat, glon", EVILTRANSFORM_WGS_GCJ)
def test_gcj02_to_wgs84_recovers_eviltransform_input(wlat, wlon, glat, glon):
    # eviltransform's own exact inverse promises < 0.5 m; ours does < 1 cm.
    lat, lon = coords.gcj02_to_wgs84(glat, glon)
    assert coords.distance_m(lat, lon, wlat, wlon) < 0.01


def test_wandergis_forward_pairs():
    assert coords.wgs84_to_gcj02(*WANDERGIS_INPUT) == pytest.approx(WANDERGIS_WGS84_TO_GCJ02, abs=1e-9)
    assert coords.gcj02_to_bd09(*WANDERGIS_INPUT) == pytest.approx(WANDERGIS_GCJ02_TO_BD09, abs=1e-9)


def test_gcoord_gcj02_to_bd09():
    (lat, lon), expected = GCOORD_GCJ02_TO_BD09
    assert coords.gcj02_to_bd09(lat, lon) == pytest.approx(expected, abs=5e-6)


def test_outside_china_is_unchanged():
    assert coords.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)
    assert coords.gcj02_to_wgs84(51.5, -0.12) == pytest.approx((51.5, -0.12), abs=1e-12)


def test_unknown_crs_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown crs 'mars'"):
        coords.to_wgs84(39.9, 116.3, "mars")


@settings(max_examples=300, deadline=None)
@given(**CHINA)
def test_gcj02_round_trip_within_1cm(lat, lon):
    back = coords.gcj02_to_wgs84(*coords.wgs84_to_gcj02(lat, lon))
    assert coords.distance_m(*back, lat, lon) < 0.01


@settings(max_examples=300, deadline=None)
@given(**CHINA)
def test_bd09_round_trip_within_1cm(lat, lon):
    back = coords.bd09_to_wgs84(*coords.wgs84_to_bd09(lat, lon))
    assert coords.distance_m(*back, lat, lon) < 0.01


@settings(max_examples=300, deadline=None)
@given(crs=st.sampled_from(coords.CRS_NAMES), **CHINA)
def test_inverse_reproduces_its_input(crs, lat, lon):
    """Read the other way: from a picked GCJ/BD point, the stored WGS point maps back to it."""
    wgs = coords.to_wgs84(lat, lon, crs)
    assert coords.distance_m(*coords.from_wgs84(*wgs, crs), lat, lon) < 0.01


def _one_step_gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    # The textbook inverse (wandergis, eviltransform's gcj2wgs): subtract the
    # offset computed at the GCJ point as if it were the WGS point.
    glat, glon = coords.wgs84_to_gcj02(lat, lon)
    return 2 * lat - glat, 2 * lon - glon


def test_one_step_inverse_is_what_wandergis_publishes():
    assert _one_step_gcj02_to_wgs84(*WANDERGIS_INPUT) == pytest.approx(WANDERGIS_GCJ02_TO_WGS84_ONE_STEP, abs=1e-12)


def test_one_step_inverse_errs_by_metres_where_iteration_does_not():
    # In the north-east the offset field bends most; a grid search over China
    # found the one-step error peaks near here at ~4.9 m.
    gcj = (53.3, 131.0)
    one_step = _one_step_gcj02_to_wgs84(*gcj)
    exact = coords.gcj02_to_wgs84(*gcj)
    assert coords.distance_m(*coords.wgs84_to_gcj02(*one_step), *gcj) > 0.5
    assert coords.distance_m(*one_step, *exact) > 0.5
    assert coords.distance_m(*coords.wgs84_to_gcj02(*exact), *gcj) < 0.001


def test_distance_m_one_degree_of_latitude():
    assert coords.distance_m(39.0, 116.0, 40.0, 116.0) == pytest.approx(111_195, rel=1e-3)
    assert math.isclose(coords.distance_m(39.96, 116.3, 39.96, 116.3), 0.0)
