"""Bytes -> str for reports and gazetteers, saying which encoding was used.

Chinese files arrive as UTF-8 (with or without BOM), GB18030/GBK (what Excel
and Notepad on Chinese Windows write) or Big5 (Taiwan and Hong Kong copies).
Strict decoding tells most apart; when both GB18030 and Big5 accept the bytes,
charset-normalizer breaks the tie.
"""

from __future__ import annotations

from .errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(data: bytes, path: object = "<input>") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputError naming the file and the fix."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(f"{path}: starts with a {name} byte-order mark but is not valid {name} "
                                 f"(byte {e.start}); re-save it as UTF-8") from e
    if looks_binary(data):
        raise InputError(f"{path}: looks like a binary file (it contains NUL bytes); "
                         "give a .txt or .html report or a CSV saved as text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(name), name))
        except UnicodeDecodeError:
            continue
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) == 2:
        return _tie_break(data, candidates)
    raise InputError(f"{path}: cannot decode: not UTF-8, GB18030/GBK or Big5; "
                     "re-save the file as UTF-8")


def _tie_break(data: bytes, candidates: list[tuple[str, str]]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding.replace("_", "").lower().startswith("big5"):
        return next(c for c in candidates if c[1] == "big5")
    return candidates[0]
