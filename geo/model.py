"""The domain, as small frozen dataclasses shared by every stage.

report.py makes a ``Report`` (text + outline), link.py makes ``Mention`` and
``Unlinked`` records, gazetteer.py makes ``Place`` rows. Offsets always index
``Report.text``: ``report.text[m.start:m.end] == m.surface``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

# Unplaced names the tagger gives at least this confidence are "likely", the rest "possible":
# on untuned text the likely ones are about nine in ten right (README, bench/eval_linking.py).
LIKELY = 0.5


@dataclass(frozen=True)
class Section:
    """A heading of the report's outline; ``title`` is "" when the excerpt lost it."""

    index: int
    title: str
    number: str  # the heading's own numbering as written: "(二)", "一、", "第一部分", or ""
    start: int
    end: int
    level: int = 1


@dataclass(frozen=True)
class Programme:
    """A programme: a paragraph (or run of paragraphs) opened by a title sentence."""

    index: int
    section: str  # the enclosing section's title, "" if the heading is missing
    section_path: tuple[str, ...]
    title: str
    start: int  # span of the programme's text in Report.text
    end: int
    slug: str  # ASCII file stem, e.g. "01-jiakuai-fazhan-xiandai-chanye-tixi"


@dataclass(frozen=True)
class Report:
    path: str
    title: str
    text: str
    encoding: str
    sections: tuple[Section, ...]
    programmes: tuple[Programme, ...]
    body: tuple[int, int]  # span of report prose; page junk lies outside it
    paragraphs: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @cached_property
    def _programme_starts(self) -> list[int]:
        return [p.start for p in self.programmes]

    def programme_at(self, offset: int) -> Programme | None:
        """The programme whose span holds ``offset`` (bisection: reports have thousands)."""
        i = bisect.bisect_right(self._programme_starts, offset) - 1
        if i >= 0 and offset < self.programmes[i].end:
            return self.programmes[i]
        return None


@dataclass(frozen=True)
class Mention:
    surface: str
    place_id: str
    name: str
    start: int
    end: int
    method: str  # exact | alias | scoped-alias | enumeration | group
    programme: int | None  # Programme.index, None outside any programme
    sentence: str
    section_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unlinked:
    """A place-like name in the report that no gazetteer row matches."""

    surface: str
    start: int
    end: int
    kind: str  # the kind its suffix suggests: village, road, ...
    programme: int | None
    sentence: str
    # The tagger's probability that exactly this span is a name; None when the tagger did not run.
    confidence: float | None = None

    @property
    def likely(self) -> bool | None:
        """True for a likely name, False for a possible one (most false names), None if not tagged."""
        return None if self.confidence is None else self.confidence >= LIKELY
