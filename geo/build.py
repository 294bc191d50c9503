"""``geo build``: report -> mentions -> places -> maps and exports, atomically.

Everything is written into a temporary folder beside the output folder, which
replaces it only when the whole build succeeded; a failed build leaves the
previous maps intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .gazetteer import Place, load_places
from .link import LinkResult, Matcher, link
from .report import read_report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORT = ROOT / "reports" / "haidian-2021-12-15.txt"
DEFAULT_PLACES = ROOT / "places.csv"
DEFAULT_OUT = ROOT / "output"
KEEP_IN_OUTPUT = ("README.md",)  # tracked files that live in output/


@dataclass
class Timings:
    """Wall time per stage, for the benchmark and ``--timings``."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - t0


@dataclass(frozen=True)
class BuildSummary:
    out_dir: Path
    results: tuple[LinkResult, ...]
    files: tuple[Path, ...]
    timings: dict[str, float]

    def lines(self) -> list[str]:
        out: list[str] = []
        for r in self.results:
            rep = r.report
            out.append(f"{rep.title or rep.path}: {len(rep.programmes)} programmes, {len(r.mentions)} mentions, "
                       f"{len(r.places)} places linked, {len(unique_unlinked(r))} names not in the gazetteer")
            if r.unplaced_places:
                out.append(f"  known but unplaced ({len(r.unplaced_places)}; the reasons are in places.csv's note):")
            for p in r.unplaced_places:
                out.append(f"    {p.name} ({p.id}): {_first_sentence(p.note)}")
            likely, possible = by_likelihood((u.surface, u.likely) for u in r.unlinked)
            if likely:
                out.append("  not in the gazetteer (add with `geo add NAME --at LAT,LON`): " + "、".join(likely))
            if possible:
                out.append(f"  possibly names, the tagger doubts them: {'、'.join(possible)}")
        out.append(f"wrote {len(self.files)} files to {self.out_dir}")
        return out


def _first_sentence(note: str, limit: int = 110) -> str:
    first = note.split(". ")[0].split("。")[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def unique_unlinked(result: LinkResult) -> list[str]:
    return list(dict.fromkeys(u.surface for u in result.unlinked))


def by_likelihood(names: Iterable[tuple[str, bool | None]]) -> tuple[list[str], list[str]]:
    """Distinct names in text order: the likely ones (all, when the tagger did not run), then the
    possible ones. A name likely anywhere in the report is likely."""
    seen: dict[str, bool] = {}
    for surface, likely in names:
        seen[surface] = seen.get(surface, False) or likely is not False
    return [n for n, ok in seen.items() if ok], [n for n, ok in seen.items() if not ok]


# --- exports -------------------------------------------------------------------------------------


def places_geojson(result: LinkResult) -> str:
    """Every linked place with the programmes that name it (deterministic text)."""
    from shapely.geometry import mapping

    progs = result.report.programmes
    features = []
    for pid, row in result.places.iterrows():
        features.append({
            "type": "Feature",
            "id": pid,
            "properties": {
                "id": pid, "name": row["name"], "name_en": row["name_en"], "kind": row["kind"],
                "precision": row["precision"], "crs_source": row["crs_source"], "source": row["source"],
                "admin": row["admin"], "note": row["note"], "lat": row["lat"], "lon": row["lon"],
                "programmes": [progs[i].title for i in row["programmes"]],
                "programme_slugs": [progs[i].slug for i in row["programmes"]],
                "mentions": sum(1 for m in result.mentions if m.place_id == pid),
            },
            "geometry": mapping(row.geometry),
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


def mentions_csv(result: LinkResult) -> str:
    """One row per mention (the same table as ``geo.mentions_frame``)."""
    from .api import mentions_frame

    return mentions_frame(result).to_csv(index=False, lineterminator="\n")


def scan_dict(result: LinkResult) -> dict:
    """The ``geo scan --json`` document (offsets index ``text``)."""
    rep = result.report
    by_prog: dict[int | None, list] = {}
    for m in result.mentions:
        by_prog.setdefault(m.programme, []).append(m)

    def mention(m) -> dict:
        return {"surface": m.surface, "place_id": m.place_id, "name": m.name, "start": m.start, "end": m.end,
                "method": m.method, "sentence": m.sentence, "section_path": list(m.section_path)}

    return {
        "title": rep.title,
        "path": rep.path,
        "encoding": rep.encoding,
        "text": rep.text,
        "sections": [{"title": s.title, "number": s.number, "level": s.level, "start": s.start, "end": s.end}
                     for s in rep.sections],
        "programmes": [
            {"index": p.index, "section": p.section, "section_path": list(p.section_path), "title": p.title,
             "start": p.start, "end": p.end, "slug": p.slug,
             "mentions": [mention(m) for m in by_prog.get(p.index, [])]}
            for p in rep.programmes
        ],
        "other_mentions": [mention(m) for m in by_prog.get(None, [])],
        "unlinked": [{"surface": u.surface, "start": u.start, "end": u.end, "kind": u.kind,
                      "programme": u.programme, "sentence": u.sentence, "likely": u.likely,
                      "confidence": None if u.confidence is None else round(u.confidence, 3)}
                     for u in result.unlinked],
        "unplaced_places": [{"id": p.id, "name": p.name, "reason": p.note} for p in result.unplaced_places],
    }


# --- the pipeline --------------------------------------------------------------------------------


def link_reports(reports: Sequence[str | Path], places: Sequence[Place] | Matcher,
                 timings: Timings | None = None) -> list[LinkResult]:
    timings = timings or Timings()
    with timings.stage("link"):
        matcher = places if isinstance(places, Matcher) else Matcher(places)
    results = []
    for path in reports:
        with timings.stage("read"):
            report = read_report(path)
        with timings.stage("link"):
            results.append(link(report, matcher))
    return results


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep(out_dir: Path) -> None:
    """Tidy after builds that were killed: drop their temp folders, and put back
    a previous output folder that a killed swap had moved aside."""
    for stale in out_dir.parent.glob(f".{out_dir.name}.building-*"):
        pid = stale.name.split("-")[1] if stale.name.count("-") >= 2 else ""
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    for old in sorted(out_dir.parent.glob(f".{out_dir.name}.old-*")):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _pid_alive(int(pid)):
            if not out_dir.exists():
                os.replace(old, out_dir)
            else:
                shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def staged_dir(out_dir: Path) -> Iterator[Path]:
    """A temp folder that replaces ``out_dir`` only if the block succeeds.

    The swap runs under a lock beside the folder, so parallel builds into the
    same folder take turns and the last one to finish wins whole.
    """
    from .gazetteer import locked

    out_dir = out_dir.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; choose a folder with --out")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with locked(out_dir):
            _sweep(out_dir)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-{os.getpid()}-", dir=out_dir.parent))
    except OSError as e:
        raise OutputError(f"{out_dir}: cannot write the output folder ({e.strerror}); "
                          "choose another with --out") from e
    try:
        yield tmp
        for name in KEEP_IN_OUTPUT:
            if (out_dir / name).is_file() and not (tmp / name).exists():
                shutil.copy2(out_dir / name, tmp / name)
        with locked(out_dir):
            old = None
            if out_dir.exists():
                old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
                os.replace(out_dir, old)
            os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(f"{out_dir}: could not write the maps ({e.strerror}); "
                          "the previous maps are unchanged") from e
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_result(result: LinkResult, out: Path, *, embed: bool, images: bool, date: str | None,
                 timings: Timings) -> list[Path]:
    from . import maps

    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    with timings.stage("render"):
        files += maps.write_site(result, out, embed=embed, images=images)
    if images:
        from .static import render_static

        with timings.stage("images"):
            files += render_static(result, out / "overview", date=date)
            for p in result.report.programmes:
                files += render_static(result, out / p.slug, programme=p.index, date=date)
    with timings.stage("write"):
        for name, text in (("places.geojson", places_geojson(result)), ("mentions.csv", mentions_csv(result))):
            (out / name).write_text(text, encoding="utf-8")
            files.append(out / name)
    return files


def _folder_names(reports: Sequence[str | Path]) -> list[str]:
    """One output folder per report, named after its file (made unique)."""
    names: list[str] = []
    for path in reports:
        stem = "stdin" if str(path) == "-" else Path(str(path)).stem
        name, n = stem, 2
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    return names


def reports_index(folders: Sequence[str], results: Sequence[LinkResult]) -> str:
    """A small page linking the maps of several reports built together."""
    from ._html import escape

    items = "".join(
        f'<li><a href="{escape(folder)}/index.html">{escape(r.report.title or folder)}</a> '
        f"<small>{len(r.report.programmes)} programmes, {0 if r.places is None else len(r.places)} places</small></li>"
        for folder, r in zip(folders, results, strict=True)
    )
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>geo: reports</title>'
            "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;max-width:50em}"
            "li{margin:.4em 0}</style></head>\n"
            f"<body><h1>政府工作报告地图 / Report maps</h1><ul>{items}</ul></body></html>\n")


def build(
    reports: Sequence[str | Path] = (),
    *,
    places: str | Path = DEFAULT_PLACES,
    out_dir: str | Path = DEFAULT_OUT,
    embed: bool = False,
    images: bool = True,
    date: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build maps and exports for one or more reports (default: the sample).

    One report is written straight into ``out_dir``; several go into one
    subfolder each, named after the report file.
    """
    reports = list(reports) or [DEFAULT_REPORT]
    timings = Timings()
    with timings.stage("read"):
        gazetteer = load_places(places)
    results = link_reports(reports, gazetteer, timings)
    files: list[Path] = []
    out_dir = Path(out_dir)
    with staged_dir(out_dir) as tmp:
        folders = _folder_names(reports)
        for folder, result in zip(folders, results, strict=True):
            target = tmp if len(reports) == 1 else tmp / folder
            if progress:
                progress(f"writing {result.report.title or folder}")
            files += write_result(result, target, embed=embed, images=images, date=date, timings=timings)
        if len(reports) > 1:
            (tmp / "index.html").write_text(reports_index(folders, results), encoding="utf-8")
            files.append(tmp / "index.html")
    final = [out_dir / f.relative_to(tmp) for f in files]
    return BuildSummary(out_dir, tuple(results), tuple(final), dict(timings.stages))
