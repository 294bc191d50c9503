"""Toneless pinyin syllables for file names, without pypinyin's start-up cost.

``import pypinyin`` loads its phrase dictionary (~0.2 s); file names only need
each character's most common reading, which its character table gives in
~0.05 s. The table is loaded from the installed package's own module file.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path


@functools.cache
def _table() -> dict[int, str]:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_geo_pinyin_dict", path)
    if module_spec is None or module_spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


def syllables(text: str) -> list[str]:
    """One ASCII syllable per Chinese character (first reading, tone marks dropped)."""
    table = _table()
    out = []
    for ch in text:
        reading = table.get(ord(ch))
        if reading:
            first = reading.split(",")[0]
            out.append("".join(c for c in unicodedata.normalize("NFKD", first) if c.isascii()).lower())
    return out
