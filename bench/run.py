"""Benchmarks for geo: sample build, start-up, linking at scale, corpus scan, bounded work.

    python bench/run.py            # full run (~50 MB text, 1k/100k/700k names); writes bench/RESULTS.md
    python bench/run.py --quick    # ~5 MB text, 1k/100k names; prints only
    python bench/run.py --only scale bounded

Every measurement runs in a fresh subprocess (bench/_worker.py or the ``geo`` CLI), so
peak memory is per job, and a job past its wall-clock or memory limit is killed and
reported as such instead of hanging the run. These are figures to read, not tests.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"
PY = sys.executable

# Targets from the brief; the table says which hold.
TARGET_RATIO = 0.5  # link throughput vs a raw ahocorasick_rs pass, at 700k names
TARGET_BUILD_S = 10.0  # geo build on the sample


@dataclass(frozen=True)
class Config:
    quick: bool
    text_bytes: int
    sizes: tuple[int, ...]
    budget_s: float  # predicted time above which a superlinear step is not run in full
    job_timeout_s: float
    rss_limit_mb: float
    corpus_reports: int
    big_report_mb: float
    csv_rows: int
    enum_items: int
    long_line_mb: float


FULL = Config(False, 50_000_000, (1_000, 100_000, 700_000), 60, 1800, 8000, 1000, 100, 1_000_000, 100_000, 10)
QUICK = Config(True, 5_000_000, (1_000, 100_000), 30, 600, 4000, 200, 10, 100_000, 100_000, 10)


@dataclass
class Table:
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # (section, measure, value)

    def add(self, section: str, measure: str, value: str) -> None:
        self.rows.append((section, measure, value))
        print(f"  {measure:<58} {value}", flush=True)

    def markdown(self) -> str:
        out = ["| section | measure | value |", "|---|---|---|"]
        out += [f"| {s} | {m} | {v.replace('|', '/')} |" for s, m, v in self.rows]
        return "\n".join(out)


# --- running things -------------------------------------------------------------------------------


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def watched(cmd: list[str], cfg: Config, *, stdout=subprocess.PIPE, cwd: Path = ROOT) -> tuple[str, str | None, float]:
    """Run ``cmd``; kill it past the time or RSS limit. Returns (stdout, failure or None, wall seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}
    )
    failure = None
    out_chunks: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()) if proc.stdout else None)
    err_chunks: list[str] = []
    err_reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()))
    reader.start()
    err_reader.start()
    while proc.poll() is None:
        time.sleep(0.1)
        if time.perf_counter() - t0 > cfg.job_timeout_s:
            failure = f"killed after {cfg.job_timeout_s:.0f} s"
        elif _rss_mb(proc.pid) > cfg.rss_limit_mb:
            failure = f"killed at RSS > {cfg.rss_limit_mb:.0f} MB"
        if failure:
            proc.kill()
            break
    proc.wait()
    reader.join()
    err_reader.join()
    wall = time.perf_counter() - t0
    if failure is None and proc.returncode != 0:
        err = "".join(err_chunks).strip().splitlines()
        failure = f"exit {proc.returncode}: {err[-1][:120] if err else ''}"
    return "".join(out_chunks), failure, wall


def job(name: str, cfg: Config, **args: object) -> dict:
    out, failure, wall = watched([PY, str(HERE / "_worker.py"), name, json.dumps(args)], cfg)
    if failure:
        return {"failure": failure, "wall_s": wall}
    return json.loads(out.strip().splitlines()[-1])


def best_of(cmd: list[str], cfg: Config, n: int = 3) -> float | str:
    times = []
    for _ in range(n):
        _, failure, wall = watched(cmd, cfg, stdout=subprocess.DEVNULL)
        if failure:
            return failure
        times.append(wall)
    return min(times)


def fmt_s(x: float | str | None) -> str:
    if isinstance(x, str):
        return x
    if x is None:
        return "—"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def fmt_guarded(g: dict | None, mb: float) -> tuple[str, float | None]:
    """A guarded timing as text, and MB/s when it ran in full."""
    if not g:
        return "—", None
    if g.get("skipped"):
        return (
            f"not run: superlinear (exponent {g['exponent']} from {g['probe'] / 1e6:.1f}M chars in "
            f"{fmt_s(g['probe_s'])}), predicted {g['predicted_s']:.0f} s"
        ), None
    return f"{fmt_s(g['s'])} = {mb / g['s']:.1f} MB/s", mb / g["s"]


# --- sections -------------------------------------------------------------------------------------


def bench_build(cfg: Config, table: Table) -> None:
    print("sample build", flush=True)
    sec = "build"
    with tempfile.TemporaryDirectory() as d:
        code = (
            "import time,json,sys; t=time.perf_counter(); from geo.build import build; "
            f"s=build(out_dir={str(Path(d) / 'out')!r}); "
            "print(json.dumps({'timings': s.timings, 'wall': time.perf_counter()-t, "
            "'files': len(s.files)}))"
        )
        out, failure, wall = watched([PY, "-c", code], cfg)
    if failure:
        table.add(sec, "geo.build.build() on the sample", failure)
        return
    res = json.loads(out.strip().splitlines()[-1])
    for stage, secs in res["timings"].items():
        table.add(sec, f"stage {stage}", fmt_s(secs))
    ok = "meets" if wall <= TARGET_BUILD_S else "MISSES"
    table.add(sec, "build() wall incl. imports (process)", f"{fmt_s(wall)} ({ok} ≤ {TARGET_BUILD_S:.0f} s target)")
    table.add(
        sec,
        "python -c 'import geopandas, folium' (best of 3)",
        fmt_s(best_of([PY, "-c", "import geopandas, folium"], cfg)),
    )
    table.add(sec, "python -c pass (best of 3)", fmt_s(best_of([PY, "-c", "pass"], cfg)))


# Runs a CLI command in-process, then lists the heavy modules it pulled in (on stderr).
_MODULES_AFTER = """
import json, sys
from geo.cli import cli
try:
    cli(ARGV, obj={}, standalone_mode=False)
except SystemExit:
    pass
heavy = [m for m in ("folium", "geopandas", "matplotlib", "shapely", "pandas") if m in sys.modules]
print(json.dumps(heavy), file=sys.stderr)
"""


def bench_startup(cfg: Config, table: Table) -> None:
    print("start-up", flush=True)
    sec = "startup"
    for label, argv in (("geo check", ["check"]), ("geo scan SAMPLE --json", ["scan", str(SAMPLE), "--json"])):
        table.add(sec, f"{label} (best of 3)", fmt_s(best_of([PY, "-m", "geo.cli", *argv], cfg)))
        code = _MODULES_AFTER.replace("ARGV", repr(argv))
        proc = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True)
        heavy = json.loads(proc.stderr.strip().splitlines()[-1]) if proc.stderr.strip() else ["?"]
        verdict = "FOLIUM IMPORTED" if "folium" in heavy else "no folium"
        table.add(sec, f"{label}: heavy modules loaded", f"{verdict}; loaded: {', '.join(heavy) or 'none'}")


def bench_scale(cfg: Config, table: Table) -> None:
    print("linking at scale", flush=True)
    sec = "scale"
    per_100k: list[str] = []
    for n in cfg.sizes:
        r = job("scale", cfg, names=n, text_bytes=cfg.text_bytes, budget=cfg.budget_s)
        k = f"{n // 1000}k names"
        if "failure" in r:
            table.add(sec, f"{k}: scale job", r["failure"])
            continue
        mb = r["text_mb"]
        table.add(
            sec, f"{k}: Matcher build / raw AhoCorasick build", f"{fmt_s(r['build_s'])} / {fmt_s(r['raw_build_s'])}"
        )
        raw_mbs = mb / r["raw_s"]
        table.add(
            sec, f"{k}: raw find_matches_as_indexes over {mb:.0f} MB", f"{fmt_s(r['raw_s'])} = {raw_mbs:.1f} MB/s"
        )
        find_txt, find_mbs = fmt_guarded(r["find"], mb)
        table.add(sec, f"{k}: Matcher.find(norm)", find_txt)
        if find_mbs:
            verdict = "meets" if find_mbs / raw_mbs >= TARGET_RATIO else "MISSES"
            table.add(sec, f"{k}: find / raw throughput", f"{find_mbs / raw_mbs:.0%} ({verdict} ≥ 50% target)")
        link_mb = r["link"].get("mb", mb)
        link_txt, link_mbs = fmt_guarded(r["link"], link_mb)
        table.add(sec, f"{k}: link() on a {link_mb:.0f} MB report (a prefix of the text)", link_txt)
        if link_mbs:
            table.add(sec, f"{k}: link / raw throughput", f"{link_mbs / raw_mbs:.0%}")
        table.add(
            sec,
            f"{k}: RSS of Matcher / raw automaton; process peak",
            f"{r['matcher_mb']:.0f} MB / {r['raw_mb']:.0f} MB; peak {r['peak_mb']:.0f} MB",
        )
        if n >= 100_000:
            per_100k.append(f"{k}: {r['matcher_mb'] / n * 1e5:.0f}")
        c = job("csv", cfg, rows=n)
        if "failure" in c:
            table.add(sec, f"{k}: read_places on the CSV", c["failure"])
        else:
            table.add(
                sec,
                f"{k}: read_places on a {c['csv_mb']:.0f} MB CSV (peak RSS)",
                f"{fmt_s(c['read_s'])} ({c['peak_mb']:.0f} MB)",
            )
    if per_100k:
        table.add(sec, "Matcher MB per 100k names (linear if equal)", "; ".join(per_100k))


def _corpus(d: Path, n: int) -> None:
    """``n`` variants of the sample: paragraphs dropped and shuffled, every 10th in GB18030."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    head, body = lines[0], [ln for ln in lines[1:] if ln.strip()]
    rng = random.Random(3)
    for i in range(n):
        keep = [p for p in body if rng.random() < 0.85]
        text = head + f"（{i}）\n\n" + "\n\n".join(keep) + "\n"
        enc = "gb18030" if i % 10 == 9 else "utf-8"
        (d / f"r{i:04d}.txt").write_bytes(codecs.encode(text, enc))


def bench_corpus(cfg: Config, table: Table) -> None:
    print("corpus scan", flush=True)
    sec = "corpus"
    with tempfile.TemporaryDirectory() as d:
        _corpus(Path(d), cfg.corpus_reports)
        for flags in ((), ("--rules-only",)):
            for workers in (1, 2):
                argv = ["scan", d, "--jsonl", "--workers", str(workers), *flags]
                with tempfile.TemporaryFile("w+") as sink:
                    _, failure, wall = watched([PY, "-m", "geo.cli", *argv], cfg, stdout=sink)
                    sink.seek(0)
                    lines = sum(1 for _ in sink)
                value = failure or f"{cfg.corpus_reports / wall:.1f} reports/s ({fmt_s(wall)}, {lines} JSON lines)"
                label = f"geo scan {cfg.corpus_reports} reports --jsonl --workers {workers} {' '.join(flags)}"
                table.add(sec, label.rstrip(), value)


def bench_bounded(cfg: Config, table: Table) -> None:
    print("bounded work (hostile input)", flush=True)
    sec = "bounded"

    def show(label: str, r: dict) -> None:
        if "failure" in r:
            table.add(sec, label, r["failure"])
            return
        parts = []
        if r.get("outcome") not in (None, "ok"):
            parts.append(r["outcome"])
        if r.get("read_s") is not None:
            parts.append(f"read {fmt_s(r['read_s'])}")
        if r.get("link"):
            parts.append("link " + fmt_guarded(r["link"], r["mb"])[0])
        for key, what in (("build_s", "Matcher"), ("link_s", "link")):
            if key in r:
                parts.append(f"{what} {fmt_s(r[key])}")
        parts.append(f"peak {r['peak_mb']:.0f} MB")
        table.add(sec, label, "; ".join(parts))

    big = cfg.big_report_mb
    show(
        f"{big:.0f} MB report (sample repeated): read_report + link",
        job("big_report", cfg, mb=big, budget=cfg.budget_s),
    )
    if big > 32:
        show("30 MB report (just under the 32 MB cap)", job("big_report", cfg, mb=30, budget=cfg.budget_s))
    c = job("csv", cfg, rows=cfg.csv_rows)
    table.add(
        sec,
        f"{cfg.csv_rows:,}-row places.csv: read_places; Matcher",
        c.get("failure") or f"{fmt_s(c['read_s'])}; {fmt_s(c['build_s'])}; peak {c['peak_mb']:.0f} MB",
    )
    show(
        f"{cfg.enum_items:,} items in one 、-enumeration",
        job("enumeration", cfg, items=cfg.enum_items, budget=cfg.budget_s),
    )
    show(f"single {cfg.long_line_mb:.0f} MB line", job("long_line", cfg, mb=cfg.long_line_mb, budget=cfg.budget_s))
    show(
        "prefix-chain gazetteer (2,000 names, each a prefix of the next), 2 MB text",
        job("prefix_chain", cfg, depth=2000, text_bytes=2_000_000),
    )


SECTIONS = {
    "build": bench_build,
    "startup": bench_startup,
    "scale": bench_scale,
    "corpus": bench_corpus,
    "bounded": bench_bounded,
}


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem = next(
        (
            int(ln.split()[1]) / 2**20
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        0.0,
    )
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}, "
        f"load average {load:.1f} at start"
    )


def _write_results(table: Table, started: dt.datetime, where: str, took: float, status: str) -> None:
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\n"
        f"Latest full run of `python bench/run.py` ({status}): {started:%Y-%m-%d %H:%M %Z}, {where}; "
        f"took {took:.0f} s.\n"
        "Figures are wall-clock on a shared machine; ratios measured in the same process are the robust part.\n\n"
        f"{table.markdown()}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="~5 MB text, 1k/100k names, smaller hostile inputs")
    ap.add_argument("--only", nargs="+", choices=sorted(SECTIONS), help="run only these sections")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    table = Table()
    started = dt.datetime.now().astimezone()
    where = machine()
    print(f"geo benchmarks ({'quick' if cfg.quick else 'full'}), {where}", flush=True)
    t0 = time.perf_counter()
    names = args.only or list(SECTIONS)
    write = not cfg.quick and not args.no_write and not args.only
    for i, name in enumerate(names):
        SECTIONS[name](cfg, table)
        if write:  # after every section, so a run stopped early still leaves its figures
            done = "complete" if i == len(names) - 1 else f"partial: {', '.join(names[: i + 1])} done"
            _write_results(table, started, where, time.perf_counter() - t0, done)
    total = time.perf_counter() - t0
    print(f"\n{table.markdown()}\n\ntotal {total:.0f} s")
    if write:
        print(f"wrote {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
