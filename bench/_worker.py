"""One benchmark job in a fresh process, so peak memory (ru_maxrss) belongs to that job alone.

``python bench/_worker.py JOB JSON_ARGS`` prints one JSON object on its last stdout line.
``bench/run.py`` starts it, kills it past a wall-clock or RSS limit, and formats the result.

Work that may grow faster than linearly is measured on two prefixes first (k and 2k);
when the fitted exponent predicts more than the job's budget for the full input, the
full run is skipped and the prediction is reported instead of hanging the benchmark.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _synth  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"
REPORT_CHARS = 1_700_000  # ~5 MB of CJK text: the largest report link() is timed on


def rss_mb() -> float:
    """Current resident set size (MB), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def guarded(prepare: Callable[[int], Callable[[], object]], full: int, budget: float, probe: int) -> dict:
    """Time ``prepare(full)()``, unless prefixes of ``probe`` and ``2*probe`` predict more than ``budget`` s.

    ``prepare(n)`` does the untimed set-up for an input of size ``n`` and returns the timed call.
    """
    if full > 4 * probe:
        # Grow the probe until it takes long enough for the exponent to mean something.
        t1, _ = timed(prepare(probe))
        while t1 < 0.2 and full > 8 * probe:
            probe *= 2
            t1, _ = timed(prepare(probe))
        t2, _ = timed(prepare(2 * probe))
        exp = math.log2(t2 / t1) if t1 > 0.005 and t2 > 0 else 1.0
        # Superlinear costs steepen with size, so the prediction errs high (+0.25 on the exponent).
        predicted = t2 * (full / (2 * probe)) ** (max(exp, 1.0) + (0.25 if exp > 1.15 else 0.0))
        if predicted > budget:
            return {
                "skipped": True,
                "exponent": round(exp, 2),
                "predicted_s": round(predicted, 1),
                "probe": 2 * probe,
                "probe_s": round(t2, 3),
            }
    secs, _ = timed(prepare(full))
    return {"skipped": False, "s": secs}


def _prefix(text: str, n: int) -> str:
    """The first ~n characters, cut after a full stop so no name is split."""
    cut = text.rfind("。", 0, n)
    return text[: cut + 1] if cut > 0 else text[:n]


# --- jobs ---------------------------------------------------------------------------------------


def job_scale(names: int, text_bytes: int, budget: float) -> dict:
    """Automaton build, find and link throughput against a raw ahocorasick_rs pass, and memory."""
    import ahocorasick_rs

    from geo.link import Matcher, link
    from geo.normalize import normalize
    from geo.report import outline

    pool = _synth.names(names)
    text = _synth.text(text_bytes, pool[: min(len(pool), 50_000)])
    mb = len(text.encode()) / 1e6
    places = _synth.places(pool)
    norm = normalize(text).norm
    r0 = rss_mb()
    build_s, matcher = timed(lambda: Matcher(places, blocked=()))
    matcher_mb = rss_mb() - r0
    r0 = rss_mb()
    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    raw_build_s, raw = timed(lambda: ahocorasick_rs.AhoCorasick(pool, matchkind=kind))
    raw_mb = rss_mb() - r0
    raw_s, raw_hits = timed(lambda: raw.find_matches_as_indexes(norm))  # type: ignore[attr-defined]
    probe = 100_000  # characters

    def find_at(n: int) -> Callable[[], object]:
        part = norm if n >= len(norm) else _prefix(norm, n)
        return lambda: matcher.find(part)

    def link_at(n: int) -> Callable[[], object]:
        report = outline(text if n >= len(text) else _prefix(text, n))  # not part of linking
        return lambda: link(report, matcher)

    find = guarded(find_at, len(norm), budget, probe)
    # link() runs on a report-sized prefix: a work report is well under 5 MB, and link's
    # superlinear parts (see RESULTS.md) would otherwise make the 50 MB run take many minutes.
    link_chars = min(len(text), REPORT_CHARS)
    link_res = guarded(link_at, link_chars, budget, probe)
    link_res["mb"] = len(_prefix(text, link_chars).encode()) / 1e6
    return {
        "names": names,
        "text_mb": mb,
        "raw_hits": len(raw_hits),
        "build_s": build_s,
        "matcher_mb": matcher_mb,
        "raw_build_s": raw_build_s,
        "raw_mb": raw_mb,
        "raw_s": raw_s,
        "find": find,
        "link": link_res,
        "peak_mb": peak_mb(),
    }


def job_csv(rows: int) -> dict:
    """read_places on a written places.csv of ``rows`` rows, then Matcher over its places."""
    from geo.gazetteer import read_places
    from geo.link import Matcher

    pool = _synth.names(rows)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "places.csv"
        path.write_text(_synth.csv_text(pool), encoding="utf-8")
        size = path.stat().st_size / 1e6
        del pool
        read_s, pf = timed(lambda: read_places(path))
        build_s, _ = timed(lambda: Matcher(pf.places, blocked=()))
    return {
        "rows": rows,
        "csv_mb": size,
        "read_s": read_s,
        "problems": len(pf.problems),
        "build_s": build_s,
        "peak_mb": peak_mb(),
    }


def _shipped():
    from geo.gazetteer import load_places
    from geo.link import Matcher

    return Matcher(load_places(PLACES))


def _read(path: Path) -> dict:
    """read_report; an InputError is a bounded outcome, reported as such."""
    from geo.errors import GeoError
    from geo.report import read_report

    try:
        read_s, report = timed(lambda: read_report(path))
    except GeoError as e:
        return {"outcome": f"{type(e).__name__}: {str(e)[:90]}", "read_s": None, "link": None}
    return {"outcome": "ok", "read_s": read_s, "chars": len(report.text), "report": report}


def job_big_report(mb: float, budget: float) -> dict:
    """A report of ``mb`` MB: the sample's cleaned prose (no page furniture) repeated."""
    from geo.report import read_report

    title, body = read_report(SAMPLE).text.split("\n", 1)
    reps = max(1, int(mb * 1e6 / len(body.encode())))
    return _text_job(title + "\n" + body * reps, budget, probe_chars=200_000, sep="\n")


def job_long_line(mb: float, budget: float) -> dict:
    """One line of ``mb`` MB with place names in it and no full stop."""
    unit = "海淀区推进中关村科学城建设，"
    return _text_job(unit * max(1, int(mb * 1e6 / len(unit.encode()))) + "\n", budget, probe_chars=100_000, sep="，")


def job_enumeration(items: int, budget: float) -> dict:
    """One 、-list of ``items`` place names (from the shipped gazetteer)."""
    from geo.gazetteer import load_places

    names = [p.name for p in load_places(PLACES)]
    text = "推进" + "、".join(names[i % len(names)] for i in range(items)) + "建设。\n"
    return _text_job(text, budget, probe_chars=50_000, sep="、")


def _text_job(text: str, budget: float, *, probe_chars: int, sep: str) -> dict:
    from geo.link import link
    from geo.report import read_report

    matcher = _shipped()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "report.txt"
        path.write_bytes(text.encode("utf-8"))
        out = _read(path)
        out["mb"] = path.stat().st_size / 1e6
        if out["outcome"] != "ok":
            out["peak_mb"] = peak_mb()
            return out
        report = out.pop("report")

        def link_at(n: int) -> Callable[[], object]:
            if n >= len(text):
                return lambda: link(report, matcher)
            cut = text.rfind(sep, 0, n)
            part = Path(d) / f"part-{n}.txt"
            part.write_text(text[: max(cut, n // 2)] + "\n", encoding="utf-8")
            prefix_report = read_report(part)
            return lambda: link(prefix_report, matcher)

        out["link"] = guarded(link_at, len(text), budget, probe_chars)
    out["peak_mb"] = peak_mb()
    return out


def job_prefix_chain(depth: int, text_bytes: int) -> dict:
    """A gazetteer where every name is a prefix of the next (海, 海淀, 海淀区, ...), over text made of it."""
    from geo.link import Matcher, link
    from geo.report import outline

    chain = "".join(_synth.names(depth, seed=7))[:depth]
    pool = [chain[: i + 1] for i in range(len(chain))]
    places = _synth.places(pool)
    build_s, matcher = timed(lambda: Matcher(places, blocked=()))
    # Each sentence stops one character short of a longer name, so the automaton keeps looking.
    sentences = [chain[: 1 + (i * 7919) % len(chain)] + "，" for i in range(200)]
    unit = "".join(sentences) + "。\n"
    text = unit * max(1, text_bytes // len(unit.encode()))
    report = outline(text)
    link_s, res = timed(lambda: link(report, matcher))
    return {
        "depth": len(pool),
        "pattern_chars": sum(map(len, pool)),
        "build_s": build_s,
        "mb": len(text.encode()) / 1e6,
        "link_s": link_s,
        "mentions": len(res.mentions),
        "peak_mb": peak_mb(),
    }


JOBS = {
    "scale": job_scale,
    "csv": job_csv,
    "big_report": job_big_report,
    "long_line": job_long_line,
    "enumeration": job_enumeration,
    "prefix_chain": job_prefix_chain,
}

if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    result = JOBS[sys.argv[1]](**json.loads(sys.argv[2]))
    print(json.dumps(result, ensure_ascii=False))
