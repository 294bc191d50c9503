"""Bytes -> str for reports and gazetteers, saying which encoding was used.

Chinese files arrive as UTF-8 (with or without BOM), GB18030/GBK (what Excel
and Notepad on Chinese Windows write) or Big5 (Taiwan and Hong Kong copies).
Strict UTF-8 is tried first. Big5 bytes nearly always also decode as GB18030,
so when both accept the bytes we compare how plausible each reading is: real
simplified text lies almost wholly in GB2312, while Big5 read as GB18030
scatters over rare GBK-only characters and private-use code points.
"""

from __future__ import annotations

import codecs

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Enough text to judge an encoding by; decoding the whole file is still strict.
_SAMPLE_CHARS = 20_000
# Above this share of GB2312 characters, a GB18030 reading is simplified text.
_GB2312_SHARE = 0.9
# Above this share of private-use or control characters, a reading is wrong.
_JUNK_SHARE = 0.02


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _cannot_decode(path: object) -> InputError:
    return InputError(
        f"{path}: cannot tell the encoding: it is not UTF-8, GB18030/GBK or Big5; "
        "re-save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"
    )


def decode(data: bytes, path: object = "<input>", *, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputError naming the file and the fix.

    ``encoding`` forces a codec (for files the detection gets wrong).
    """
    if encoding:
        return _forced(data, path, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {e.start}); re-save it as UTF-8"
                ) from e
    if looks_binary(data):
        raise InputError(
            f"{path}: looks like a binary file (it contains NUL bytes); "
            "give a .txt or .html report (convert a PDF or Word file to text first)"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for name in ("gb18030", "big5"):
        try:
            readings.append((data.decode(name), name))
        except UnicodeDecodeError:
            continue
    readings = [r for r in readings if _junk_share(r[0]) <= _JUNK_SHARE]
    if not readings:
        raise _cannot_decode(path)
    if len(readings) == 1:
        return readings[0]
    gb, big5 = readings
    return gb if _gb2312_share(gb[0]) >= _GB2312_SHARE else big5


def _forced(data: bytes, path: object, encoding: str) -> tuple[str, str]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}; use e.g. utf-8, gb18030 or big5") from None
    try:
        return data.decode(name), name
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: is not valid {name} (byte {e.start}); leave out the encoding to detect it") from e


def _cjk(text: str) -> list[str]:
    return [ch for ch in text[:_SAMPLE_CHARS] if ch >= "\u3400"]


def _gb2312_share(text: str) -> float:
    chars = _cjk(text)
    if not chars:
        return 1.0
    ok = 0
    for ch in chars:
        try:
            ch.encode("gb2312")
            ok += 1
        except UnicodeEncodeError:
            pass
    return ok / len(chars)


def _junk_share(text: str) -> float:
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    junk = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or (ch < " " and ch not in "\r\n\t\f"))
    return junk / len(sample)
