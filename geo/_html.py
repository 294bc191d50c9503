"""The one place that makes text safe for HTML and for ``<script>`` blocks.

folium does not escape: popups, tooltips, layer names and attributions all
reach ``innerHTML``. Every string from the report or the gazetteer passes
through here before it reaches a page, either HTML-escaped (``escape``) or as
JSON that cannot end its ``<script>`` element (``script_json``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

# JSON is valid JS, but "</script>" or "<!--" inside a string would still end
# or confuse the script element, and U+2028/2029 end lines in old JS engines.
_SCRIPT_UNSAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def escape(text: object) -> str:
    """HTML-escape ``text`` for element content and quoted attributes."""
    return html.escape("" if text is None else str(text), quote=True)


def script_json(value: Any) -> str:
    """Serialise ``value`` as compact, deterministic JSON safe inside ``<script>``."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return raw.translate(_SCRIPT_UNSAFE)


def http_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None."""
    text = "" if url is None else str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


def link_or_text(text: object, *, label: str | None = None) -> str:
    """An ``<a>`` for http(s) URLs; anything else (``javascript:``...) as plain text.

    ``label`` replaces the link text (e.g. just the host, where space is short).
    """
    url = http_url(text)
    if url is None:
        return escape(text)
    shown = url if label is None else label
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(shown)}</a>'


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of JS string offsets."""
    return len(text.encode("utf-16-le")) // 2


def marked(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    """Escape ``text`` and map ``spans`` (code-point offsets) into the escaped string.

    Returns the escaped text and a flat list ``[a0, b0, a1, b1, ...]`` of JS
    (UTF-16) offsets, so the page can wrap each span in ``<mark>`` by slicing.
    ``html.escape`` maps character by character, so escaping a prefix gives a
    prefix of the escaped text and a split there never cuts an entity.
    """
    escaped = escape(text)
    # Fast path (nearly every sentence): nothing escaped, no astral characters.
    plain = escaped == text and utf16_len(text) == len(text)
    offsets: list[int] = []
    last = 0
    for start, end in sorted(set(spans)):
        if start < last or not 0 <= start < end <= len(text):
            continue  # overlapping or out of range: skip rather than corrupt
        if plain:
            offsets += [start, end]
        else:
            offsets += [utf16_len(escape(text[:start])), utf16_len(escape(text[:end]))]
        last = end
    return escaped, offsets


def inline_script(code: str) -> str:
    """Wrap trusted code (ours or an installed package's) in a ``<script>``."""
    if "</script" in code.lower():
        raise ValueError("inline script contains '</script'; refusing to embed it")
    return f"<script>{code}</script>"


def inline_style(css: str) -> str:
    """Wrap trusted CSS in a ``<style>``."""
    if "</style" in css.lower():
        raise ValueError("inline style contains '</style'; refusing to embed it")
    return f"<style>{css}</style>"
