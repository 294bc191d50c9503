"""Growing the gazetteer: coordinates as people paste them, ``geo add``, ``geo import``.

Every write goes through gazetteer.write_places (atomic, locked, one-line diff);
every coordinate change goes through coords (the exact inverses). This module
only decides *what* row to write.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import coords
from .errors import InputError, OutputError
from .gazetteer import (
    COLUMNS,
    CRS_NAMES,
    KINDS,
    LIST_SEP,
    Changes,
    Place,
    PlacesFile,
    Record,
    atomic_write_bytes,
    parse_row,
    read_places,
    split_list,
    validate_row,
    write_places,
)
from .model import Unlinked
from .normalize import fold
from .unplaced import SUFFIXES

# China's extent, used only to tell "lat,lon" from "lon,lat" (they don't overlap).
CHINA_LAT = (18.0, 54.0)
CHINA_LON = (73.0, 135.0)
# Stored coordinates are rounded to 1e-7 degrees (about 1 cm), which keeps the
# CSV readable while staying inside the 0.01 m the inverse transforms promise.
DECIMALS = 7
DEFAULT_PRECISION = "approximate"

# --- parsing coordinates as people copy them -----------------------------------------------

_NUM = r"[-+]?\d+(?:\.\d+)?"
_VALUE = re.compile(
    rf"""
    (?:(?P<label>(?i:latitude|lat|longitude|lng|lon|long)|纬度|经度)\s*[:=]?\s*)?
    (?P<pre>北纬|南纬|东经|西经|[NSEW](?=\s*\d))?\s*
    (?<![\d.])(?P<deg>{_NUM})(?!\.?\d)  # a whole number: "39.99.116.27" is no pair
    (?:\s*°
        (?:\s*(?P<min>\d+(?:\.\d+)?)\s*(?:′|'(?!')))?
        (?:\s*(?P<sec>\d+(?:\.\d+)?)\s*(?:″|′′|"|''))?
    )?
    (?:\s*(?P<post>[NSEW])(?![A-Za-z]))?
    """,
    re.VERBOSE,
)
# Words that name the coordinate system the numbers are in. Map pickers and
# people label them this way; an unlabelled pair says nothing about its CRS.
_CRS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bd09mc", re.compile(r"bd-?09\s*mc|百度墨卡托|mercator", re.I)),
    ("bd09", re.compile(r"bd-?09(?:ll)?|baidu|百度", re.I)),
    ("gcj02", re.compile(r"gcj-?02|amap|gaode|autonavi|高德|腾讯|tencent|火星|国测局", re.I)),
    ("wgs84", re.compile(r"wgs-?84|epsg:?4326|\bgps\b|openstreetmap|\bosm\b|google\s*earth", re.I)),
)
_LAT_AXES = {"lat", "latitude", "纬度", "N", "S", "北纬", "南纬"}
_NEGATIVE = {"S", "W", "南纬", "西经"}


@dataclass(frozen=True)
class ParsedCoords:
    """A point as read from text; ``swapped`` means the text had lon first."""

    lat: float
    lon: float
    swapped: bool = False
    crs_hint: str | None = None  # the CRS the text names, if it names one

    @property
    def note(self) -> str:
        """What a person should be told about how the text was read ("" if nothing)."""
        notes = []
        if self.swapped:
            notes.append(
                f"read as lon,lat (longitude first, as the Amap and Baidu pickers copy it): "
                f"lat {self.lat}, lon {self.lon}"
            )
        if self.crs_hint:
            notes.append(f"the text names {self.crs_hint}")
        return "; ".join(notes)


def _in(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _crs_hint(text: str) -> str | None:
    found = [name for name, rx in _CRS_WORDS if rx.search(text)]
    if "bd09mc" in found:
        raise InputError(
            f"{text!r} is in Baidu Mercator metres (BD09MC); switch the Baidu picker to "
            "longitude/latitude (BD09LL) and copy again"
        )
    if len(set(found)) > 1:
        raise InputError(
            f"{text!r} names more than one coordinate system ({', '.join(found)}); keep only the one the numbers are in"
        )
    return found[0] if found else None


def parse_coords(text: str) -> ParsedCoords:
    """Read a point from text as people copy it.

    Accepts ``39.99,116.27`` and the lon-first ``116.27,39.99`` of map pickers
    (detected inside China and reported via ``swapped``), any of , ; tab space
    and their full-width forms as separators, labels (``lat: 39.99 lng: 116.27``,
    ``纬度``/``经度``), hemispheres (``39.99N 116.27E``, ``北纬39.99``) and
    degrees-minutes-seconds. A CRS named in the text (``BD09``, ``百度``,
    ``高德``, ``GCJ-02``, ``WGS84``) comes back as ``crs_hint``.
    """
    if not text or not text.strip():
        raise InputError("no coordinates given; paste them as LAT,LON, e.g. 39.99,116.27")
    norm = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    hint = _crs_hint(norm)
    for _, rx in _CRS_WORDS:  # first: "GCJ-02" and "BD09" hold digits of their own
        norm = rx.sub(" ", norm)
    values: list[tuple[float, str | None]] = []  # (decimal degrees, axis word if the text gave one)
    leftover = norm
    for m in _VALUE.finditer(norm):
        deg = float(m["deg"])
        if m["min"] or m["sec"]:
            if deg < 0:
                raise InputError(
                    f"{text!r}: write the hemisphere (N/S/E/W) instead of a minus sign in degrees-minutes-seconds"
                )
            deg += float(m["min"] or 0) / 60 + float(m["sec"] or 0) / 3600
        axis = m["label"] or m["pre"] or m["post"]
        if axis in _NEGATIVE:
            deg = -abs(deg)
        values.append((deg, axis.lower() if axis and axis.isascii() and len(axis) > 1 else axis))
        leftover = leftover.replace(m.group(0), " ", 1)
    junk = re.findall(r"[A-Za-z0-9]+", leftover)
    if junk:
        raise InputError(
            f"cannot read coordinates from {text!r}: unexpected {junk[0]!r}; "
            "paste just the two numbers, e.g. 39.99,116.27"
        )
    if len(values) != 2:
        raise InputError(
            f"cannot read coordinates from {text!r}: expected two numbers (latitude and "
            f"longitude), found {len(values)}; e.g. 39.99,116.27"
        )
    (a, axis_a), (b, axis_b) = values
    if min(abs(a), abs(b)) > 1000:
        raise InputError(
            f"{text!r} looks like projected metres (e.g. Baidu Mercator), not degrees; "
            "copy longitude/latitude in decimal degrees"
        )
    if axis_a or axis_b:
        a_is_lat = (axis_a in _LAT_AXES) if axis_a else (axis_b not in _LAT_AXES)
        if axis_a and axis_b and (axis_a in _LAT_AXES) == (axis_b in _LAT_AXES):
            raise InputError(f"{text!r} labels both numbers as the same axis; give one latitude and one longitude")
        lat, lon = (a, b) if a_is_lat else (b, a)
        swapped = False
    elif _in(a, CHINA_LAT) and _in(b, CHINA_LON):
        lat, lon, swapped = a, b, False
    elif _in(a, CHINA_LON) and _in(b, CHINA_LAT) or abs(a) > 90 >= abs(b):
        lat, lon, swapped = b, a, True
    else:
        lat, lon, swapped = a, b, False
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{text!r} is out of range: latitude must be within ±90 and longitude within ±180")
    return ParsedCoords(lat, lon, swapped, hint)


# --- ids and kinds -------------------------------------------------------------------------


def slugify(name: str) -> str:
    """An ASCII id in the file's style: ``四季青镇`` -> ``sijiqing-zhen``.

    Like pinyin place names (GB/T 16159), the specific part is written as one
    word and generic suffixes (镇, 科学城, 北区, …) as words of their own.
    """
    name = unicodedata.normalize("NFKC", name).strip()
    words: list[str] = []
    # At most a zone (北区) and one generic suffix: 稻香湖再生水厂 is daoxianghu-zaishengshuichang.
    for table in (_ZONE_SUFFIXES, _ID_SUFFIXES):
        suffix = next((s for s in table if name.endswith(s) and len(name) - len(s) >= 2), None)
        if suffix is not None:
            words.insert(0, suffix)
            name = name[: -len(suffix)]
    words.insert(0, name)
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # still ASCII and stable, only less readable
        import hashlib

        ascii_words = re.findall(r"[a-z0-9]+", "".join(words).lower())
        return "-".join(ascii_words) or "place-" + hashlib.sha1("".join(words).encode()).hexdigest()[:8]
    out = []
    for word in words:
        # ASCII runs stay separate words; CJK syllables of one word are joined.
        for chunk in re.findall(r"[A-Za-z0-9]+|[^A-Za-z0-9]+", word):
            ascii_ = chunk.lower() if chunk.isascii() else "".join(lazy_pinyin(chunk))
            ascii_ = re.sub(r"[^a-z0-9]", "", ascii_.lower())
            if ascii_:
                out.append(ascii_)
    return "-".join(out) or "place"


def unique_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# The report scanner's suffix table (geo.unplaced), longest first: one place decides kinds.
_KIND_SUFFIXES: tuple[tuple[str, str], ...] = tuple(sorted(SUFFIXES, key=lambda kv: -len(kv[0])))
_ZONE_SUFFIXES: tuple[str, ...] = ("北区", "南区", "东区", "西区", "中区")
_ID_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {s for s, _ in _KIND_SUFFIXES} | {"区", "城", "科学城", "新城", "大道", "大学", "中心", "再生水厂", "科技园"},
        key=len,
        reverse=True,
    )
)


def guess_kind(name: str) -> str | None:
    """The kind a name's suffix suggests (村 → village, 路 → road, …), or None."""
    for suffix, kind in _KIND_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


# --- geo add -------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{round(value, DECIMALS):.{DECIMALS}f}".rstrip("0").rstrip(".")


def _duplicate(places: PlacesFile, names: Iterable[str]) -> tuple[str, Record] | None:
    """The first of ``names`` already used by a row (folded: 關 = 关), with that row's record.

    Scoped aliases don't count: they are ambiguous words by design.
    """
    owners: dict[str, Place] = {}
    for p in places.places:
        for n in p.names:
            owners.setdefault(fold(n), p)
    for n in names:
        p = owners.get(fold(n))
        if p is not None:
            return n, next(r for r in places.records if r.line == p.line)
    return None


def _wkt_to_wgs84(wkt: str, crs: str) -> tuple[str, float, float]:
    """WKT in ``crs`` -> (WGS-84 WKT, lat, lon of a point on/in it)."""
    import numpy as np
    import shapely
    from shapely.errors import ShapelyError

    try:
        geom = shapely.from_wkt(wkt)
    except (ShapelyError, ValueError) as e:
        raise InputError(
            f"--wkt does not parse ({str(e).splitlines()[0][:80]}); write e.g. "
            "LINESTRING (116.3 39.9, 116.4 39.95) in lon lat order"
        ) from e
    if crs != "wgs84":
        geom = shapely.transform(
            geom, lambda xy: np.array([coords.to_wgs84(y, x, crs)[::-1] for x, y in xy]).reshape(-1, 2)
        )
    point = geom.interpolate(0.5, normalized=True) if "LineString" in geom.geom_type else geom.representative_point()
    return shapely.to_wkt(geom, rounding_precision=DECIMALS), point.y, point.x


def build_row(
    places: PlacesFile,
    name: str,
    *,
    at: str | ParsedCoords | tuple[float, float] | None = None,
    crs: str | None = None,
    kind: str | None = None,
    aliases: Iterable[str] = (),
    source: str = "",
    precision: str = DEFAULT_PRECISION,
    wkt: str | None = None,
    force: bool = False,
    id: str | None = None,  # noqa: A002 - mirrors the CSV column and --id
    admin: str | None = None,
    name_en: str | None = None,
    note: str = "",
) -> dict[str, str]:
    """The row ``add_place`` would write, validated against ``places``; writes nothing."""
    name = name.strip()
    aliases = [a.strip() for a in aliases if a.strip() and a.strip() != name]
    if not name:
        raise InputError("the place needs a name; give the official Chinese name")
    if at is None and not wkt and precision != "unplaced":
        raise InputError(
            f"{name}: give a coordinate (--at LAT,LON) or a geometry (--wkt), look it up with --geocode, "
            "or add it with precision unplaced and a note saying why"
        )
    if isinstance(at, str):
        at = parse_coords(at)
    if isinstance(at, ParsedCoords):
        if crs and at.crs_hint and crs != at.crs_hint:
            raise InputError(f"{name}: the coordinates say {at.crs_hint} but --crs is {crs}; drop one of them")
        crs = crs or at.crs_hint
        at = (at.lat, at.lon)
    crs = crs or "wgs84"
    if crs not in CRS_NAMES:
        raise InputError(f"unknown crs {crs!r}; use one of {', '.join(CRS_NAMES)}")
    dup = _duplicate(places, [name, *aliases])
    # A row kept as "unplaced" (known name, no coordinate yet) is what `geo add` completes.
    fill = (
        dup is not None
        and not force
        and dup[1].row.get("precision") == "unplaced"
        and fold(dup[1].row.get("name", "")) == fold(name)
        and (at is not None or bool(wkt))
    )
    if dup is not None and not force and not fill:
        n, rec = dup
        shown = rec.raw.strip() if len(rec.raw.strip()) <= 200 else rec.raw.strip()[:200] + "…"
        raise InputError(
            f"{places.path}:{rec.line}: {n!r} is already in the gazetteer: {shown} — use that row, "
            "or pass --force to add another place with this name"
        )
    kind_given = kind
    kind = kind or guess_kind(name) or (dup[1].row.get("kind") if fill and dup else None)
    if kind is None:
        raise InputError(f"{name}: cannot guess the kind from the name; pass --kind, one of {', '.join(KINDS)}")
    lat = lon = None
    wkt_out = ""
    if wkt:
        wkt_out, lat, lon = _wkt_to_wgs84(wkt, crs)
    if at is not None:
        lat, lon = coords.to_wgs84(at[0], at[1], crs)
    pid = (id or "").strip() or unique_id(slugify(name), (r.row.get("id", "") for r in places.records))
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        id=pid,
        name=name,
        name_en=(name_en or "").strip(),
        kind=kind,
        lat="" if lat is None else _fmt(lat),
        lon="" if lon is None else _fmt(lon),
        precision=precision,
        crs_source=crs,
        source=source.strip(),
        admin=(admin or "").strip(),
        aliases=LIST_SEP.join(dict.fromkeys(aliases)),
        note=note.strip(),
        wkt=wkt_out,
        # With --force the new row shares a name on purpose; the flag tells `geo check` so.
        flags="shared" if dup else "",
    )
    others = places.places
    if fill:
        old = dup[1].row  # type: ignore[index]
        # Keep what the row already knew (id, kind, aliases, note…); fill in the position.
        given = {k: v for k, v in row.items() if v and k not in ("id", "flags")}
        given["aliases"] = LIST_SEP.join(dict.fromkeys([*split_list(old.get("aliases", "")), *aliases]))
        row = {**old, **{k: v for k, v in given.items() if k not in ("kind", "name_en", "admin") or not old.get(k)}}
        if kind_given:
            row["kind"] = kind_given
        others = tuple(p for p in places.places if p.id != old.get("id"))
    problems = validate_row(row, others)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{places.path}: row {row['id']}: {problems[0]}{more}")
    return row


def add_place(path: str | os.PathLike[str], name: str, **options: object) -> dict[str, str]:
    """Validate and append one place to places.csv; returns the row written.

    Options are those of ``build_row``: ``at`` (text, ParsedCoords or a
    ``(lat, lon)`` tuple) in ``crs`` (default: the CRS the text names, else
    wgs84) is converted to WGS-84 and ``crs`` is kept in ``crs_source``. A name
    or alias that already exists is refused unless ``force``; a row of that
    name kept as ``unplaced`` is filled in instead (a one-line change).
    """
    written: dict[str, str] = {}

    def plan(pf: PlacesFile) -> Changes:
        # Runs under the lock on the file as it is now, so two processes adding
        # the same name cannot both pass the duplicate check.
        row = build_row(pf, name, **options)  # type: ignore[arg-type]
        written.update(row)
        old = next((r.row for r in pf.records if r.row.get("id") == row["id"]), None)
        if old is None:
            return [row], {}
        return [], {row["id"]: {k: v for k, v in row.items() if v != old.get(k, "")}}

    write_places(path, plan=plan)
    return written


# --- the to-do CSV -------------------------------------------------------------------------

TODO_COLUMNS: tuple[str, ...] = (
    "name",
    "kind",
    "likely",  # "no" where the tagger doubts it is a name at all: most false names (README)
    "sentence",
    "lat",
    "lon",
    "crs",
    "precision",
    "source",
    "aliases",
    "note",
)


def todo_rows(unlinked: Iterable[Unlinked]) -> list[dict[str, str]]:
    """One row to fill in per distinct unplaced name, with the first sentence it appears in, and
    whether it is likely a name ("yes" where any of its mentions is; "" when the tagger did not run)."""
    rows: dict[str, dict[str, str]] = {}
    for u in unlinked:
        if u.surface not in rows:
            rows[u.surface] = {
                **dict.fromkeys(TODO_COLUMNS, ""),
                "name": u.surface,
                "kind": u.kind,
                "sentence": u.sentence.strip(),
            }
        if u.likely is not None and rows[u.surface]["likely"] != "yes":
            rows[u.surface]["likely"] = "yes" if u.likely else "no"
    return list(rows.values())


def write_todo(path: str | os.PathLike[str], unlinked: Iterable[Unlinked], *, overwrite: bool = False) -> int:
    """Write the to-do CSV (UTF-8 with BOM, so Excel shows the Chinese); returns the row count."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise OutputError(
            f"{path}: already exists and may hold filled-in rows; import it with `geo import`, or pass --overwrite"
        )
    rows = todo_rows(unlinked)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=TODO_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))
    return len(rows)


# --- geo import ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    added: tuple[str, ...]  # ids
    updated: tuple[str, ...]  # ids
    skipped: tuple[tuple[str, str], ...]  # (where, why)


_FIELD_ALIASES = {
    "名称": "name",
    "地名": "name",
    "title": "name",
    "类型": "kind",
    "纬度": "lat",
    "latitude": "lat",
    "经度": "lon",
    "lng": "lon",
    "long": "lon",
    "longitude": "lon",
    "坐标系": "crs",
    "来源": "source",
    "别名": "aliases",
    "备注": "note",
    "description": "note",
}


def _cells(props: Mapping[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in props.items():
        key = str(k).strip().lower()
        key = _FIELD_ALIASES.get(key, key)
        if key not in out or not out[key]:
            out[key] = "" if v is None else str(v).strip()
    return out


def _incoming_row(cells: dict[str, str], geom: object, where: str) -> dict[str, str] | None:
    """A places.csv row from one imported record, or None when it has no position yet.

    ``crs`` (the to-do column) is the system the typed lat/lon are in and gets
    converted; ``crs_source`` (a places.csv column) is provenance of values
    that are WGS-84 already, so it is kept as is.
    """
    row = {c: cells.get(c, "") for c in COLUMNS if cells.get(c, "")}
    if cells.get("aliases"):
        row["aliases"] = LIST_SEP.join(a.strip() for a in re.split(r"[|、，,;；]", cells["aliases"]) if a.strip())
    crs = cells.get("crs", "")
    lat, lon = cells.get("lat", ""), cells.get("lon", "")
    if lat and not lon:  # a pasted pair in one cell, e.g. "116.31,39.99" from the Amap picker
        try:
            parsed = parse_coords(lat)
        except InputError as e:
            raise InputError(f"{where}: {e}") from e
        if crs and parsed.crs_hint and crs != parsed.crs_hint:
            raise InputError(f"{where}: the coordinates say {parsed.crs_hint} but crs is {crs}; drop one")
        crs = crs or parsed.crs_hint or ""
        lat, lon = str(parsed.lat), str(parsed.lon)
    if crs and crs not in CRS_NAMES:
        raise InputError(f"{where}: unknown crs {crs!r}; use one of {', '.join(CRS_NAMES)}")
    has_point = bool(lat and lon)
    if has_point:
        try:
            flat, flon = float(lat), float(lon)
        except ValueError:
            raise InputError(f"{where}: lat {lat!r} / lon {lon!r} are not numbers; write decimal degrees") from None
        if crs:
            flat, flon = coords.to_wgs84(flat, flon, crs)
            lat, lon = _fmt(flat), _fmt(flon)
        row["lat"], row["lon"] = lat, lon  # untouched text when no conversion was needed
    if row.get("wkt"):
        wkt, plat, plon = _wkt_to_wgs84(row["wkt"], crs or "wgs84")
        if crs and crs != "wgs84":
            row["wkt"] = wkt
        if not has_point:
            row["lat"], row["lon"] = _fmt(plat), _fmt(plon)
    elif not has_point and geom is not None and not getattr(geom, "is_empty", True):
        import shapely

        # GeoJSON, KML and (after to_crs) GeoPackage geometries are WGS-84 by definition.
        if geom.geom_type == "Point":  # type: ignore[attr-defined]
            row["lat"], row["lon"] = _fmt(geom.y), _fmt(geom.x)  # type: ignore[attr-defined]
        else:
            row["wkt"], plat, plon = _wkt_to_wgs84(shapely.to_wkt(geom, rounding_precision=DECIMALS), "wgs84")
            row["lat"], row["lon"] = _fmt(plat), _fmt(plon)
    elif not has_point and row.get("kind") != "group" and row.get("precision") != "unplaced":
        return None
    if crs:
        row["crs_source"] = crs
    row.setdefault("crs_source", "wgs84")
    return row


def import_file(
    path: str | os.PathLike[str], places_path: str | os.PathLike[str], *, dry_run: bool = False
) -> ImportReport:
    """Bring rows from a filled-in to-do CSV, GeoJSON, KML, GeoPackage or CSV into places.csv.

    Records are matched to existing rows by id, else by name: a match whose
    non-empty cells differ is updated, an unchanged one skipped, and the rest
    added. Records without a position (unfilled to-do rows) are skipped. Any
    invalid record aborts the import before anything is written.
    """
    from .exchange import read_features

    pf = read_places(places_path)
    by_id = {r.row.get("id", ""): r.row for r in pf.records}
    by_name = {fold(p.name): p.id for p in pf.places}
    taken = set(by_id)
    final: dict[str, tuple[str, dict[str, str]]] = {}  # id -> (where, row as it will be), new or changed
    added: list[dict[str, str]] = []
    updated: dict[str, dict[str, str]] = {}
    skipped: list[tuple[str, str]] = []
    for where, props, geom in read_features(path):
        cells = _cells(props)
        row = _incoming_row(cells, geom, where)
        label = f"{where} {cells.get('name', '')}".strip()
        if row is None:
            skipped.append((label, "no coordinates yet"))
            continue
        pid = row.get("id") if row.get("id") in by_id else by_name.get(fold(row.get("name", "")))
        if pid:
            old = by_id[pid]
            change = {k: v for k, v in row.items() if k != "id" and v != old.get(k, "")}
            if not change:
                skipped.append((label, f"unchanged ({pid})"))
                continue
            updated[pid] = change
            final[pid] = (where, {**old, **change})
            continue
        row.setdefault("kind", guess_kind(row.get("name", "")) or "")
        row.setdefault("precision", DEFAULT_PRECISION)
        row["id"] = row.get("id") or unique_id(slugify(row.get("name", "")), taken)
        taken.add(row["id"])
        added.append({**dict.fromkeys(COLUMNS, ""), **row})
        final[row["id"]] = (where, added[-1])
    # Validate against the file as it will be, so a group may come before its parts.
    after = [p for p in pf.places if p.id not in final]
    after += [p for p in (parse_row(r)[0] for _, r in final.values()) if p is not None]
    problems = [
        f"{where}: {pid}: {msg}"
        for pid, (where, row) in final.items()
        for msg in validate_row(row, [p for p in after if p.id != pid])
    ]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{path}: nothing imported: {problems[0]}{more}")
    if not dry_run and (added or updated):
        write_places(places_path, add=added, update=updated)
    return ImportReport(tuple(r["id"] for r in added), tuple(updated), tuple(skipped))


__all__ = [
    "ImportReport",
    "ParsedCoords",
    "TODO_COLUMNS",
    "add_place",
    "build_row",
    "guess_kind",
    "import_file",
    "parse_coords",
    "slugify",
    "todo_rows",
    "unique_id",
    "write_todo",
]
