"""A seeded mutational fuzzer for geo, in pure Python (no atheris, no new dependency).

    python fuzz/run.py reader --cases 10000 --seed 1
    python fuzz/run.py all --cases 10000 --seed 1 --save fuzz/findings

Targets mutate real inputs (the sample report, places.csv) with bit flips, splices,
truncation and inserted CJK, punctuation, control characters, BOMs and HTML tags, then
check what must always hold: a GeoError or a result, never another exception, and the
result's invariants (offsets, non-overlapping links, JSON that encodes as UTF-8, coordinate
round trips). A case slower than ``--slow`` seconds is a finding too (unbounded work).
The same seed gives the same cases, so a finding is reproduced by its case number.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import struct
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"

TOKENS: tuple[str, ...] = (
    "、", "，", "。", "；", "！", "\n", "\n\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85",
    "\u200b", "\u2028", "\u2029", "\u3000", "\ufeff", "\ufffd", "\ue000", '"', '""', ",", "|", "@", "#",
    "<p>", "</p>", "<br>", "<script>", "</script>", "<div class=share>", "</div>", "<html><body>", "<!--", "-->",
    "&#xD800;", "&#0;", "&amp;", "&nbsp;", "一、", "（二）", "3.", "第一部分", "二期", "三期", "东西", "海淀区",
    "中关村", "中關村", "(guān)", "论坛", "政府", "村", "路", "科学城", "POLYGON ((", "))", "nan", "inf", "-1e309",
    "116.3", "39.9", "gcj02", "bd09", "unplaced", "group", "shared", "outside",
)  # fmt: skip
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """Apply 1-8 stacked mutations."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(10)
        n = len(buf)
        i = rng.randrange(n + 1)
        if op == 0 and n:  # bit flip
            j = rng.randrange(n)
            buf[j] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # random byte
            buf[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:  # random bytes
            buf[i:i] = rng.randbytes(rng.randint(1, 8))
        elif op == 3 and n:  # delete a range
            del buf[i : i + rng.randint(1, 64)]
        elif op == 4 and n:  # duplicate a range (splice within)
            j = rng.randrange(n)
            buf[i:i] = buf[j : j + rng.randint(1, 256)]
        elif op == 5 and others:  # splice from another seed input
            other = rng.choice(others)
            j = rng.randrange(len(other) or 1)
            buf[i:i] = other[j : j + rng.randint(1, 512)]
        elif op == 6:  # a token, in UTF-8 or GB18030
            tok = rng.choice(TOKENS)
            buf[i:i] = tok.encode(
                rng.choice(["utf-8", "utf-8", "gb18030"]),
                "surrogatepass" if "\ud800" <= tok[0] <= "\udfff" else "strict",
            )
        elif op == 7:  # random CJK characters
            buf[i:i] = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(1, 6))).encode()
        elif op == 8 and n:  # truncate
            del buf[rng.randrange(n) :]
        elif op == 9:  # BOM at the front, or repeat a chunk many times (long lines, long lists)
            if rng.random() < 0.3:
                buf[0:0] = rng.choice(BOMS)
            elif n:
                j = rng.randrange(n)
                buf[i:i] = bytes(buf[j : j + rng.randint(1, 16)]) * rng.randint(2, 200)
    return bytes(buf)


# --- targets: each takes the case's bytes and raises only on a real finding -------------------------


class Invariant(AssertionError):
    """A result that came back but is wrong."""


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise Invariant(what)


@dataclass
class Target:
    name: str
    seeds: Callable[[], list[bytes]]
    run: Callable[[bytes, Path], None]
    mutate: bool = True


def _report_seeds() -> list[bytes]:
    text = SAMPLE.read_text(encoding="utf-8")
    html = (
        "<html><head><title>报告</title></head><body><nav>首页</nav>"
        + "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
        + "<div class='share'>分享到</div></body></html>"
    )
    return [text.encode("utf-8"), text.encode("gb18030"), html.encode("utf-8")]


def _spans(report) -> None:
    n = len(report.text)
    _check(0 <= report.body[0] <= report.body[1] <= n, f"body {report.body} outside text of {n}")
    for s in (*report.sections, *report.programmes):
        _check(0 <= s.start <= s.end <= n, f"span {s.start}:{s.end} outside text of {n}")


def run_reader(data: bytes, tmp: Path) -> None:
    from geo.errors import GeoError
    from geo.report import read_report

    path = tmp / ("case.html" if data[:20].lstrip().lower().startswith(b"<") else "case.txt")
    path.write_bytes(data)
    try:
        report = read_report(path)
    except GeoError:
        return
    _spans(report)
    report.text.encode("utf-8")  # no lone surrogates reach the text


_MATCHER = None


def run_linker(data: bytes, tmp: Path) -> None:
    global _MATCHER
    from geo.build import scan_dict
    from geo.errors import GeoError
    from geo.gazetteer import load_places
    from geo.link import Matcher, link
    from geo.report import read_report

    if _MATCHER is None:
        _MATCHER = Matcher(load_places(PLACES))
    path = tmp / "case.txt"
    path.write_bytes(data)
    try:
        report = read_report(path)
    except GeoError:
        return
    result = link(report, _MATCHER)
    text = report.text
    for m in result.mentions:
        _check(text[m.start : m.end] == m.surface, f"mention {m.surface!r} at {m.start}:{m.end} is not the text")
    for u in result.unlinked:
        _check(text[u.start : u.end] == u.surface, f"unlinked {u.surface!r} at {u.start}:{u.end} is not the text")
    spans = sorted((m.start, m.end) for m in result.mentions)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        _check(e1 <= s2, f"overlapping links {s1}:{e1} and {s2}:{e2}")
    doc = json.loads(json.dumps(scan_dict(result), ensure_ascii=False).encode("utf-8"))
    _check(doc["text"] == text, "scan JSON text differs")


def _places_seeds() -> list[bytes]:
    raw = PLACES.read_bytes()
    lines = raw.split(b"\n")
    small = b"\n".join(lines[:4]) + b"\n"
    return [raw, small, small.decode("utf-8").encode("gb18030"), small.replace(b"\n", b"\r\n")]


def run_gazetteer(data: bytes, tmp: Path) -> None:
    from geo.errors import GazetteerError, InputError
    from geo.gazetteer import check, load_places
    from geo.link import Matcher

    path = tmp / "places.csv"
    path.write_bytes(data)
    try:
        pf, problems = check(path)
    except (GazetteerError, InputError):
        return
    for p in pf.places:
        _check(bool(p.id and p.name), f"place without id or name on line {p.line}")
    if not problems:
        Matcher(load_places(path))


def _coord_seeds() -> list[bytes]:
    points = [(39.9, 116.3), (18.0, 73.0), (54.0, 135.0), (0.8293, 72.004), (55.8271, 137.8347), (22.3, 114.2)]
    return [struct.pack("<dd", *p) for p in points]


def run_coords(data: bytes, tmp: Path) -> None:
    """Valid degrees never raise and stay finite; inside China the round trips hold to 1 cm.

    Out-of-range input (|lat| > 90, |lon| > 180, nan, inf) may raise ValueError: the
    gazetteer and ``geo add`` check ranges before converting.
    """
    from geo import coords

    data = (data + bytes(16))[:16]
    lat, lon = struct.unpack("<dd", data)
    valid = -90 <= lat <= 90 and -180 <= lon <= 180
    for crs in ("wgs84", "gcj02", "bd09"):
        try:
            there = coords.from_wgs84(lat, lon, crs)
            back = coords.to_wgs84(*there, crs)
        except ValueError:
            if valid:
                raise
            continue
        if valid:
            _check(all(math.isfinite(x) for x in (*there, *back)), f"{crs}: non-finite result for {lat},{lon}")
        if 18 <= lat <= 54 and 73 <= lon <= 135:
            d = coords.distance_m(lat, lon, *back)
            _check(d < 0.01, f"{crs}: round trip of {lat},{lon} is off by {d:.4f} m")


TARGETS = {
    "reader": Target("reader", _report_seeds, run_reader),
    "linker": Target("linker", _report_seeds, run_linker),
    "gazetteer": Target("gazetteer", _places_seeds, run_gazetteer),
    "coords": Target("coords", _coord_seeds, run_coords),
}


# --- the loop ---------------------------------------------------------------------------------------


@dataclass
class Finding:
    signature: str  # exception type + where it was raised, for de-duplication
    message: str
    case: int
    data: bytes
    count: int = 1


@dataclass
class Summary:
    target: str
    cases: int = 0
    seconds: float = 0.0
    findings: dict[str, Finding] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


def _signature(e: BaseException) -> str:
    frames = traceback.extract_tb(e.__traceback__)
    geo_frames = [f for f in frames if "/geo/" in f.filename] or frames
    last = geo_frames[-1] if geo_frames else None
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    if isinstance(e, Invariant):
        return f"Invariant: {str(e).split(' ')[0]}"
    return f"{type(e).__name__} at {where}"


def fuzz(name: str, cases: int, seed: int, *, slow: float = 5.0, max_seconds: float | None = None,
         log: Callable[[str], None] = print) -> Summary:  # fmt: skip
    target = TARGETS[name]
    seeds = target.seeds()
    rng = random.Random(f"{name}:{seed}")
    summary = Summary(name)
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"geo-fuzz-{name}-") as d:
        tmp = Path(d)
        for case in range(cases):
            base = seeds[case % len(seeds)]
            data = base if case < len(seeds) else mutate(base, rng, seeds)
            t0 = time.perf_counter()
            try:
                target.run(data, tmp)
            except Exception as e:  # noqa: BLE001 - every other exception is a finding
                sig = _signature(e)
                f = summary.findings.get(sig)
                if f:
                    f.count += 1
                    if len(data) < len(f.data):  # keep the smallest input for the repro
                        f.data, f.case, f.message = data, case, f"{type(e).__name__}: {e}"[:300]
                else:
                    summary.findings[sig] = Finding(sig, f"{type(e).__name__}: {e}"[:300], case, data)
                    log(f"  [{name}] case {case}: {sig}: {str(e)[:160]}")
            took = time.perf_counter() - t0
            if took > slow and case >= len(seeds):  # seed cases pay for imports and set-up
                sig = f"slow (> {slow:g} s)"
                f = summary.findings.setdefault(sig, Finding(sig, f"{took:.1f} s on {len(data)} bytes", case, data, 0))
                f.count += 1
                if f.count == 1:
                    log(f"  [{name}] case {case}: {sig}: {took:.1f} s on {len(data)} bytes")
            summary.cases = case + 1
            if max_seconds and time.perf_counter() - t_start > max_seconds:
                break
    summary.seconds = time.perf_counter() - t_start
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", choices=[*TARGETS, "all"])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--slow", type=float, default=5.0, help="seconds above which a case is a finding")
    ap.add_argument("--max-seconds", type=float, default=None, help="stop a target after this long")
    ap.add_argument("--save", type=Path, default=None, help="write each finding's smallest input here")
    args = ap.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    found = 0
    for name in names:
        print(f"fuzzing {name}: {args.cases} cases, seed {args.seed}", flush=True)
        s = fuzz(name, args.cases, args.seed, slow=args.slow, max_seconds=args.max_seconds)
        print(f"{name}: {s.cases} cases in {s.seconds:.1f} s = {s.rate:.0f} cases/s, {len(s.findings)} finding(s)")
        for f in s.findings.values():
            line = f"  {f.signature} x{f.count} (smallest: case {f.case}, {len(f.data)} bytes): {f.message[:200]}"
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                out = args.save / f"{name}-{hashlib.sha1(f.signature.encode()).hexdigest()[:10]}.bin"
                out.write_bytes(f.data)
                line += f" -> {out}"
            print(line)
        found += len(s.findings)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
