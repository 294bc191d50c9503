"""Scanning many reports: expand folders and globs, link on every core.

The automaton is built once per worker process (it is a pure function of the
gazetteer); each report is then linked independently, and one that fails is
reported and skipped so a long run goes on.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import GeoError, InputError

REPORT_SUFFIXES = (".txt", ".html", ".htm")

_matcher = None  # per worker process


def expand(sources: Iterable[str]) -> list[str]:
    """Files, folders (searched recursively for reports) and globs -> sorted paths."""
    out: list[str] = []
    for src in sources:
        if src == "-":
            out.append(src)
            continue
        p = Path(src)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in REPORT_SUFFIXES and f.is_file())
        elif any(ch in src for ch in "*?["):
            matches = sorted(glob.glob(src, recursive=True))
            if not matches:
                raise InputError(f"{src}: the pattern matches no file; check the folder and the quotes")
            out += matches
        else:
            out.append(src)
    return out


_tagged = True


def _init(places_path: str, tagged: bool = True) -> None:
    global _matcher, _tagged
    from .gazetteer import load_places
    from .link import Matcher

    _matcher = Matcher(load_places(places_path))
    _tagged = tagged


def _scan_one(path: str) -> tuple[str, dict | None, str | None]:
    from .build import scan_dict
    from .link import link
    from .report import read_report

    try:
        return path, scan_dict(link(read_report(path), _matcher, geometry=False, tagged=_tagged)), None
    except GeoError as e:
        return path, None, str(e)
    except Exception as e:  # noqa: BLE001 - one broken report must not stop a corpus run
        return path, None, f"{path}: {type(e).__name__}: {e}"


def scan_many(paths: Sequence[str], places_path: str, *, workers: int | None = None, tagged: bool = True
              ) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield ``(path, scan document or None, error or None)`` in input order."""
    workers = workers or min(len(paths), os.cpu_count() or 1)
    if workers <= 1 or len(paths) < 4:
        _init(places_path, tagged)
        yield from map(_scan_one, paths)
        return
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(places_path, tagged)) as pool:
        yield from pool.map(_scan_one, paths, chunksize=max(1, min(32, len(paths) // (workers * 4))))
