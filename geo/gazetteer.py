"""places.csv: the schema, loading, ``geo check``, and the one atomic writer.

The file is meant for people: opened in Excel or LibreOffice, edited by hand,
reviewed as git diffs. So the loader reports problems as ``file:line: what —
fix`` instead of failing on the first, and the writer keeps every untouched
record byte for byte, so adding a place is a one-line diff.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import io
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._encoding import decode
from .errors import GazetteerError, InputError, OutputError

if TYPE_CHECKING:
    import geopandas as gpd

COLUMNS: tuple[str, ...] = (
    "id", "name", "name_en", "kind", "lat", "lon", "precision", "crs_source", "source",
    "admin", "aliases", "scoped_aliases", "parts", "flags", "note", "wkt",
)
REQUIRED: tuple[str, ...] = ("id", "name", "kind", "lat", "lon", "precision", "crs_source", "source")
KINDS: dict[str, str] = {
    "area": "a named area or development zone",
    "district": "a district (区) or county",
    "town": "a town (镇) or township (乡)",
    "village": "a village (村) or former village",
    "park": "a park, green corridor or science/industrial park",
    "facility": "a plant, works, venue or other facility",
    "station": "a station or stop",
    "rail": "a railway or metro line",
    "road": "a road or street",
    "river": "a river or canal",
    "mall": "a shopping mall or store",
    "campus": "an office or university campus",
    "company": "a company's site",
    "landmark": "a landmark or historic site",
    "region": "a region beyond one district",
    "group": "a named set of other places (its `parts`), e.g. 三城一区",
}
PRECISIONS: dict[str, str] = {
    "exact": "the object itself, within tens of metres",
    "approximate": "the right neighbourhood, within about a kilometre",
    "centroid": "the centre of an area, not a specific site",
    "proxy": "a nearby landmark standing in for the place",
    "unplaced": "known name, no honest coordinate yet: lat/lon empty, note says why",
}
CRS_NAMES: tuple[str, ...] = ("wgs84", "gcj02", "bd09")
FLAGS: dict[str, str] = {
    "outside": "deliberately outside Beijing or its admin area",
    "shared": "shares a name or alias with another row on purpose",
}
LIST_SEP = "|"

# Beijing municipality's extent, with a little margin (WGS-84).
BEIJING_BBOX = (39.40, 115.40, 41.10, 117.55)  # south, west, north, east
# A point this far outside its admin district is flagged (metres).
ADMIN_TOLERANCE_M = 3000.0


@dataclass(frozen=True, slots=True)  # slots: a national gazetteer has ~10^6 rows
class Place:
    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    precision: str
    crs_source: str
    source: str
    name_en: str = ""
    admin: str = ""
    aliases: tuple[str, ...] = ()
    scoped_aliases: tuple[tuple[str, str], ...] = ()  # (alias, context word)
    parts: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    note: str = ""
    wkt: str = ""
    line: int = 0  # line in places.csv where the record starts

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Record:
    """One CSV record as read: its fields, its first line, and its raw text."""

    line: int
    row: dict[str, str]
    raw: str


@dataclass(frozen=True)
class PlacesFile:
    path: str
    encoding: str
    newline: str
    header: tuple[str, ...]
    header_raw: str
    records: tuple[Record, ...]
    places: tuple[Place, ...]
    problems: tuple[Problem, ...]


def split_list(cell: str) -> tuple[str, ...]:
    if not cell:  # most cells are empty: a million-row file notices
        return ()
    return tuple(x for x in (y.strip() for y in cell.split(LIST_SEP)) if x)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; pass --places PATH to an existing places.csv") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; pass the places.csv file inside it") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check the file's permissions") from None


def _records(text: str) -> Iterator[tuple[int, str]]:
    """Yield (first line number, raw text) of each CSV record, quotes respected.

    A record continues onto the next line while its quotes are unbalanced;
    counting quotes per line keeps this linear and fast on million-row files.
    """
    pending: list[str] = []
    first = 1
    open_quotes = False
    lines = text.split("\n")
    for line_no, bare in enumerate(lines, start=1):
        line = bare if line_no == len(lines) else bare + "\n"
        if not line:
            break
        if not pending:
            first = line_no
        pending.append(line)
        if line.count('"') % 2:
            open_quotes = not open_quotes
        if not open_quotes:
            yield first, "".join(pending)
            pending = []
    if pending:
        yield first, "".join(pending)


def read_places(path: str | os.PathLike[str]) -> PlacesFile:
    """Parse places.csv into Places, collecting (not raising) row problems."""
    path = Path(path)
    text, encoding = decode(_read_bytes(path), path)
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    raw_records = list(_records(text))
    if not raw_records:
        raise GazetteerError(f"{path}:1: the file is empty; it needs the header line {','.join(COLUMNS)}")
    header_line, header_raw = raw_records[0]
    try:
        header = tuple(h.strip() for h in next(csv.reader([header_raw.rstrip("\r\n")]), []))
    except csv.Error as e:
        raise GazetteerError(f"{path}:{header_line}: the header line is not valid CSV ({e}); "
                             f"it should read {','.join(COLUMNS)}") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GazetteerError(f"{path}:1: missing column(s) {', '.join(missing)}; the header must include "
                             f"{','.join(REQUIRED)}")
    records: list[Record] = []
    places: list[Place] = []
    problems: list[Problem] = []
    for line, raw in raw_records[1:]:
        if not raw.strip():
            continue
        try:
            cells = next(csv.reader(io.StringIO(raw.rstrip("\r\n"), newline="")), [])
        except csv.Error as e:
            problems.append(Problem(str(path), line, f"not valid CSV ({e}); quote cells that contain line breaks"))
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(Problem(str(path), line, f"{len(cells)} fields but the header has {len(header)}; "
                                    "quote cells that contain commas"))
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        records.append(Record(line, row, raw))
        place, row_problems = parse_row(row, line)
        problems.extend(Problem(str(path), line, p) for p in row_problems)
        if place is not None:
            places.append(place)
    return PlacesFile(str(path), encoding, newline, header, header_raw, tuple(records), tuple(places),
                      tuple(problems))


def _number(row: Mapping[str, str], key: str, lo: float, hi: float, problems: list[str]) -> float | None:
    cell = row.get(key, "").strip()
    if not cell:
        return None
    try:
        value = float(cell)
    except ValueError:
        problems.append(f"{key} {cell!r} is not a number; write decimal degrees such as 39.99")
        return None
    if not math.isfinite(value) or not lo <= value <= hi:
        problems.append(f"{key} {cell} is out of range {lo:g}..{hi:g}")
        return None
    return value


def parse_row(row: Mapping[str, str], line: int = 0) -> tuple[Place | None, list[str]]:
    """Turn one CSV row into a Place, with the problems that need no other rows."""
    problems: list[str] = []
    def get(key: str) -> str:
        value = row.get(key)
        return value.strip() if value else ""

    pid, name, kind = get("id"), get("name"), get("kind")
    if not pid:
        problems.append("missing id; give a unique ASCII slug such as daoxianghu-water-plant")
    if not name:
        problems.append("missing name; give the official Chinese name")
    if kind not in KINDS:
        problems.append(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    precision, crs = get("precision"), get("crs_source")
    if precision not in PRECISIONS:
        problems.append(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    if crs not in CRS_NAMES:
        problems.append(f"unknown crs_source {crs!r}; use one of {', '.join(CRS_NAMES)}")
    if not get("source"):
        problems.append("empty source; say where the coordinate came from (URL or citation)")
    flags = split_list(get("flags"))
    for f in flags:
        if f not in FLAGS:
            problems.append(f"unknown flag {f!r}; use one of {', '.join(FLAGS)}")
    try:
        if 73 <= float(get("lat")) <= 135 and 18 <= float(get("lon")) <= 54:
            problems.append(f"lat {get('lat')} and lon {get('lon')} look swapped (a Beijing point is lat≈40, "
                            "lon≈116); swap the two cells")
            return None, problems
    except ValueError:
        pass
    lat = _number(row, "lat", -90, 90, problems)
    lon = _number(row, "lon", -180, 180, problems)
    placeable = kind != "group" and precision != "unplaced"
    if placeable and (lat is None or lon is None) and not any(p.startswith(("lat", "lon")) for p in problems):
        problems.append("missing lat/lon; give the WGS-84 point (or precision=unplaced with the reason in note)")
    if precision == "unplaced" and not get("note"):
        problems.append("precision=unplaced needs a note saying why the place has no coordinate")
    scoped: list[tuple[str, str]] = []
    for item in split_list(get("scoped_aliases")):
        alias, sep, context = item.partition("@")
        if not sep or not alias.strip() or not context.strip():
            problems.append(f"scoped alias {item!r} must look like ALIAS@CONTEXT, e.g. 北区@中关村科学城")
        else:
            scoped.append((alias.strip(), context.strip()))
    parts = split_list(get("parts"))
    if kind == "group" and not parts:
        problems.append("kind=group needs parts: the |-separated ids of its members")
    if problems and (not pid or not name):
        return None, problems
    place = Place(
        id=pid, name=name, kind=kind, lat=lat, lon=lon, precision=precision, crs_source=crs,
        source=get("source"), name_en=get("name_en"), admin=get("admin"),
        aliases=tuple(a for a in split_list(get("aliases")) if a != name), scoped_aliases=tuple(scoped),
        parts=parts, flags=flags, note=get("note"), wkt=get("wkt"), line=line,
    )
    return place, problems


# --- checks that need geometry or the other rows -------------------------------------------


@functools.cache
def _district_shapes() -> dict[str, object]:
    """District polygons by Chinese name, from the sourced boundary files shipped in geo/data."""
    import json

    from shapely.geometry import shape

    shapes: dict[str, object] = {}
    # The detailed Haidian outline last, so it wins over the coarser all-districts file.
    for name in ("beijing_districts.geojson", "haidian.geojson"):
        path = Path(__file__).with_name("data") / name
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            shapes.update({f["properties"]["name"]: shape(f["geometry"]) for f in data.get("features", [])})
    return shapes


def geometry_problems(place: Place, districts: Mapping[str, object] | None = None) -> list[str]:
    """WKT validity, representative point vs shape, swapped or out-of-area points."""
    problems: list[str] = []
    lat, lon = place.lat, place.lon
    inside_beijing = False
    if lat is not None and lon is not None:
        s, w, n, e = BEIJING_BBOX
        inside_beijing = s <= lat <= n and w <= lon <= e
        if not inside_beijing and "outside" not in place.flags:
            problems.append(f"point {lat},{lon} is outside Beijing; fix the coordinate, or add flag 'outside' "
                            "if the place really lies elsewhere")
    if place.wkt:
        from shapely import wkt as shapely_wkt
        from shapely.errors import ShapelyError
        from shapely.validation import explain_validity

        try:
            geom = shapely_wkt.loads(place.wkt)
        except (ShapelyError, ValueError) as e:
            problems.append(f"wkt does not parse ({str(e).splitlines()[0][:80]}); write e.g. "
                            "LINESTRING (116.3 39.9, 116.4 39.95) in lon lat order")
            return problems
        if geom.geom_type not in ("LineString", "MultiLineString", "Polygon", "MultiPolygon"):
            problems.append(f"wkt is a {geom.geom_type}; use LINESTRING, POLYGON or MULTIPOLYGON "
                            "(points go in lat/lon)")
        elif not geom.is_valid:
            problems.append(f"wkt is invalid: {explain_validity(geom)}; fix the ring (e.g. in QGIS: Fix geometries)")
        else:
            minx, miny, maxx, maxy = geom.bounds
            if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                problems.append("wkt coordinates are out of range; write lon lat (x y) in WGS-84 degrees")
            elif lat is not None and lon is not None:
                from shapely.geometry import Point

                pt = Point(lon, lat)
                if geom.geom_type.endswith("Polygon") and not geom.buffer(1e-6).contains(pt):
                    problems.append("lat/lon lies outside the row's own polygon; use a point inside it "
                                    "(e.g. shapely's representative_point)")
                elif "LineString" in geom.geom_type and geom.distance(pt) > 0.005:
                    problems.append("lat/lon lies more than ~500 m from the row's own line; use a point on it")
    checkable = inside_beijing and lat is not None and lon is not None and "outside" not in place.flags
    if checkable and districts and place.admin in districts:
        from shapely.geometry import Point

        shape_ = districts[place.admin]
        # degrees -> metres, roughly, at Beijing's latitude
        dist_m = shape_.distance(Point(lon, lat)) * 111_000 * 0.85  # type: ignore[attr-defined]
        if dist_m > ADMIN_TOLERANCE_M:
            problems.append(f"point is ~{dist_m / 1000:.1f} km outside its admin area {place.admin}; "
                            "fix the coordinate or the admin cell, or add flag 'outside'")
    return problems


def cross_problems(places: Iterable[Place]) -> list[tuple[int, str]]:
    """Duplicate ids, names shared by two rows, unknown group parts."""
    problems: list[tuple[int, str]] = []
    places = list(places)
    by_id: dict[str, Place] = {}
    for p in places:
        if p.id in by_id:
            problems.append((p.line, f"duplicate id {p.id!r} (first on line {by_id[p.id].line}); "
                             "give this row its own id"))
        else:
            by_id[p.id] = p
    owner: dict[str, Place] = {}
    for p in places:
        for n in dict.fromkeys(p.names):
            other = owner.get(n)
            if other is None:
                owner[n] = p
            elif other.id != p.id and "shared" not in p.flags and "shared" not in other.flags:
                problems.append((p.line, f"name or alias {n!r} is also used by {other.id!r} on line {other.line}; "
                                 "remove one, or add flag 'shared' to both rows if intended"))
    for p in places:
        for part in p.parts:
            if part not in by_id:
                problems.append((p.line, f"part {part!r} is not an id in this file; fix the parts cell"))
    return problems


def check(path: str | os.PathLike[str]) -> tuple[PlacesFile, list[Problem]]:
    """Everything ``geo check`` reports, sorted by line."""
    pf = read_places(path)
    problems = list(pf.problems)
    districts = _district_shapes()
    for p in pf.places:
        problems.extend(Problem(pf.path, p.line, msg) for msg in geometry_problems(p, districts))
    problems.extend(Problem(pf.path, line, msg) for line, msg in cross_problems(pf.places))
    problems.sort(key=lambda pr: pr.line)
    return pf, problems


def validate_row(row: Mapping[str, str], existing: Iterable[Place]) -> list[str]:
    """The checks ``geo check`` runs, for one new row against the existing ones."""
    place, problems = parse_row(row)
    if place is None:
        return problems
    problems += geometry_problems(place, _district_shapes())
    existing = list(existing)
    line = max((p.line for p in existing), default=1) + 1
    place = dataclasses.replace(place, line=line)
    problems += [msg for ln, msg in cross_problems([*existing, place]) if ln == line]
    return problems


def load_places(path: str | os.PathLike[str]) -> tuple[Place, ...]:
    """Places for linking; raises GazetteerError on the first broken row."""
    pf = read_places(path)
    if pf.problems:
        first = pf.problems[0]
        more = f" (and {len(pf.problems) - 1} more; run `geo check`)" if len(pf.problems) > 1 else ""
        raise GazetteerError(f"{first}{more}")
    return pf.places


def place_geometry(place: Place):  # -> shapely geometry
    from shapely import wkt as shapely_wkt
    from shapely.geometry import Point

    if place.wkt:
        try:
            return shapely_wkt.loads(place.wkt)
        except Exception as e:  # shapely raises several types for bad WKT
            raise GazetteerError(f"line {place.line}: wkt of {place.id!r} does not parse; run `geo check` "
                                 "for the fix") from e
    return Point(place.lon, place.lat) if place.lat is not None and place.lon is not None else None


def is_placed(place: Place) -> bool:
    return place.lat is not None and place.lon is not None and place.precision != "unplaced"


def to_geodataframe(places: Iterable[Place]) -> gpd.GeoDataFrame:
    """Places as a GeoDataFrame (EPSG:4326) indexed by id; geometry from WKT or lat/lon."""
    import geopandas as gpd

    places = list(places)
    rows = [
        {
            "id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind, "lat": p.lat, "lon": p.lon,
            "precision": p.precision, "crs_source": p.crs_source, "source": p.source, "admin": p.admin,
            "aliases": list(p.aliases), "parts": list(p.parts), "flags": list(p.flags), "note": p.note,
            "geometry": place_geometry(p),
        }
        for p in places
    ]
    columns = ["id", "name", "name_en", "kind", "lat", "lon", "precision", "crs_source", "source", "admin",
               "aliases", "parts", "flags", "note", "geometry"]
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")
    return gdf.set_index("id")


def load_gazetteer(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read places.csv into a GeoDataFrame indexed by id (raises on a broken row)."""
    return to_geodataframe(load_places(path))


# --- the one writer ------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock beside the file, so parallel writers take turns."""
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise OutputError(f"{lock_path}: cannot create the lock file ({e.strerror}); "
                          "check that the folder is writable") from e
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
    except ImportError:  # Windows: msvcrt locks a byte range instead
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    try:
        yield
    finally:
        os.close(fd)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cell(value: object, column: str) -> str:
    """A cell as written: line breaks unified to \\n (csv quotes those), no other controls."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if m := _CONTROL.search(text):
        raise InputError(f"{column}: contains the control character U+{ord(m.group()):04X}; remove it "
                         "(it would make places.csv unreadable)")
    return text


def _format_row(row: Mapping[str, object], header: tuple[str, ...], newline: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerow([_cell(row.get(h), h) for h in header])
    return buf.getvalue()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync, then rename over ``path``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot write here ({e.strerror}); choose a writable folder") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(path).st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: could not be written ({e.strerror}); the old file is unchanged") from e


Changes = tuple[Iterable[Mapping[str, object]], Mapping[str, Mapping[str, object]]]


def write_places(
    path: str | os.PathLike[str],
    *,
    add: Iterable[Mapping[str, object]] = (),
    update: Mapping[str, Mapping[str, object]] | None = None,
    plan: Callable[[PlacesFile], Changes] | None = None,
) -> PlacesFile:
    """Append and/or update rows atomically under a lock.

    Untouched records keep their exact bytes and order; new rows go at the end
    in the file's own encoding and line ending. ``plan``, if given, computes
    ``(add, update)`` from the file as read under the lock, so checks such as
    "this name is new" cannot race another writer. Returns the file as re-read.
    """
    path = Path(path)
    with locked(path):
        # Every writer holds the lock while its temp file exists, so any temp
        # file seen now was left by a writer that was killed: tidy it away.
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        pf = read_places(path)  # re-read under the lock: another writer may have appended
        if plan is not None:
            add, update = plan(pf)
        update = dict(update or {})
        encoding = "utf-8-sig" if pf.encoding == "utf-8-sig" else pf.encoding
        parts = [pf.header_raw if pf.header_raw.endswith("\n") else pf.header_raw + pf.newline]
        for rec in pf.records:
            pid = rec.row.get("id", "")
            if pid in update:
                parts.append(_format_row({**rec.row, **update.pop(pid)}, pf.header, pf.newline))
            else:
                parts.append(rec.raw if rec.raw.endswith("\n") else rec.raw + pf.newline)
        if update:
            raise InputError(f"{path}: no row with id {', '.join(map(repr, update))} to update")
        parts.extend(_format_row(row, pf.header, pf.newline) for row in add)
        try:
            data = "".join(parts).encode(encoding)
        except UnicodeEncodeError as e:
            raise InputError(f"{path}: the new text {e.object[e.start:e.end]!r} cannot be stored in this "
                             f"file's encoding {pf.encoding}; re-save places.csv as UTF-8 first") from e
        atomic_write_bytes(path, data)
    return read_places(path)


def append_rows(path: str | os.PathLike[str], rows: Iterable[Mapping[str, object]]) -> PlacesFile:
    return write_places(path, add=rows)


def replace_rows(path: str | os.PathLike[str], rows: Mapping[str, Mapping[str, object]]) -> PlacesFile:
    return write_places(path, update=rows)
