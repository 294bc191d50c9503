"""Conveniences for notebooks: link from paths, mentions as a DataFrame."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .gazetteer import Place, load_places
from .link import LinkResult, Matcher
from .link import link as _link
from .model import Report
from .report import read_report

if TYPE_CHECKING:
    import pandas as pd


def link(report: Report | str | os.PathLike[str],
         gazetteer: str | os.PathLike[str] | Iterable[Place] | Matcher = "places.csv") -> LinkResult:
    """Link a report (or a path to one) against a gazetteer (a path, Places, or a Matcher).

    Returns a LinkResult: ``.mentions``, ``.unlinked``, ``.places`` (GeoDataFrame
    of the linked places with the programmes naming each) and ``.report``.
    """
    if not isinstance(report, Report):
        report = read_report(report)
    if isinstance(gazetteer, (str, os.PathLike)):
        gazetteer = load_places(gazetteer)
    return _link(report, gazetteer)


def mentions_frame(result: LinkResult) -> pd.DataFrame:
    """One row per mention: programme, section, surface, place, method, offsets, sentence."""
    import pandas as pd

    progs = result.report.programmes
    rows = [{
        "programme": m.programme + 1 if m.programme is not None else None,
        "programme_title": progs[m.programme].title if m.programme is not None else "",
        "section": " / ".join(s for s in m.section_path if s),
        "surface": m.surface, "place_id": m.place_id, "name": m.name, "method": m.method,
        "start": m.start, "end": m.end, "sentence": m.sentence,
    } for m in result.mentions]
    frame = pd.DataFrame(rows, columns=["programme", "programme_title", "section", "surface", "place_id", "name",
                                        "method", "start", "end", "sentence"])
    # Mentions outside any programme (a section's introduction) have no number.
    return frame.astype({"programme": "Int64"})
