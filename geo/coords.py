"""WGS-84 <-> GCJ-02 <-> BD-09, the one place coordinates change systems.

GCJ-02 is the obfuscated datum Chinese map sites (Amap/Gaode, Tencent) use;
BD-09 is Baidu's further offset of it. The forward transforms are public
formulas; the inverses are solved by fixed-point iteration until the forward
transform reproduces the input to well under a millimetre, because the
common one-step "inverse" formulas are off by metres.

All functions take and return ``(lat, lon)`` in decimal degrees.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

CRS = Literal["wgs84", "gcj02", "bd09"]
CRS_NAMES: tuple[str, ...] = ("wgs84", "gcj02", "bd09")

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as GCJ-02 uses
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0

# Iteration stops once the forward image is this close (degrees); 1e-10 deg
# is about 0.01 mm, far below the 0.01 m the project promises.
_TOL = 1e-10
_MAX_ITER = 30


def out_of_china(lat: float, lon: float) -> bool:
    """True where GCJ-02 leaves coordinates unchanged (the public bbox rule)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lat: float, lon: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlat, dlon


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    if out_of_china(lat, lon):
        return lat, lon
    dlat, dlon = _delta(lat, lon)
    return lat + dlat, lon + dlon


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def wgs84_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lat, lon))


def _invert(
    forward: Callable[[float, float], tuple[float, float]], lat: float, lon: float
) -> tuple[float, float]:
    # The forward maps are within ~1e-4 of identity in slope, so the
    # fixed-point step x <- x - (f(x) - target) contracts fast (3-5 steps).
    x_lat, x_lon = lat, lon
    for _ in range(_MAX_ITER):
        f_lat, f_lon = forward(x_lat, x_lon)
        d_lat, d_lon = f_lat - lat, f_lon - lon
        x_lat, x_lon = x_lat - d_lat, x_lon - d_lon
        if abs(d_lat) < _TOL and abs(d_lon) < _TOL:
            break
    return x_lat, x_lon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    return _invert(wgs84_to_gcj02, lat, lon)


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    return _invert(gcj02_to_bd09, lat, lon)


def bd09_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    return _invert(wgs84_to_bd09, lat, lon)


_TO_WGS84: dict[str, Callable[[float, float], tuple[float, float]]] = {
    "wgs84": lambda lat, lon: (lat, lon),
    "gcj02": gcj02_to_wgs84,
    "bd09": bd09_to_wgs84,
}
_FROM_WGS84: dict[str, Callable[[float, float], tuple[float, float]]] = {
    "wgs84": lambda lat, lon: (lat, lon),
    "gcj02": wgs84_to_gcj02,
    "bd09": wgs84_to_bd09,
}


def to_wgs84(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """Convert ``(lat, lon)`` given in ``crs`` (wgs84, gcj02 or bd09) to WGS-84."""
    try:
        return _TO_WGS84[crs](lat, lon)
    except KeyError:
        raise ValueError(f"unknown crs {crs!r}; use one of {', '.join(CRS_NAMES)}") from None


def from_wgs84(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """Convert WGS-84 ``(lat, lon)`` to ``crs`` (for drawing on Chinese basemaps)."""
    try:
        return _FROM_WGS84[crs](lat, lon)
    except KeyError:
        raise ValueError(f"unknown crs {crs!r}; use one of {', '.join(CRS_NAMES)}") from None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine on a 6371 km sphere)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))
