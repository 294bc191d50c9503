"""Find a font that can draw Chinese, so static maps never show tofu boxes.

Search order: the ``GEO_CJK_FONT`` environment variable (a file path or a
family name, read at call time), then matplotlib's font list for known CJK
families, then well-known install paths on Linux, macOS and Windows. Every
candidate must actually hold glyphs for a Chinese probe string, so a stray
Latin font behind a CJK-sounding name is never picked. ``.ttc`` collections
work: the Simplified-Chinese face is preferred when the file has several.
matplotlib is imported inside the functions so ``import geo.fonts`` stays light.
"""

from __future__ import annotations

import functools
import os
import warnings
from pathlib import Path

ENV_VAR = "GEO_CJK_FONT"
INSTALL_HINT = (
    "no CJK font found, Chinese labels will show as boxes; install one "
    "(Debian/Ubuntu: apt install fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts; "
    f"macOS/Windows ship one) or set {ENV_VAR}=/path/to/font.ttc"
)

# A font "covers Chinese" if it has every glyph of this probe.
_PROBE = "海淀区中关村科学城"

# Most wanted first: Simplified-Chinese faces, then pan-CJK ones whose Han
# glyphs are still complete (JP/TC shapes differ only in details).
KNOWN_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "AR PL UMing CN",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)

_LINUX_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSansCN-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
_MACOS_PATHS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc")


class MissingCJKFontWarning(UserWarning):
    """No usable CJK font: the map is drawn, but Chinese text will be boxes."""


def known_paths() -> list[Path]:
    """Well-known install locations, most wanted first (built at call time)."""
    home = Path.home()
    paths = [Path(p) for p in _LINUX_PATHS + _MACOS_PATHS]
    for user_dir in (home / ".local/share/fonts", home / ".fonts", home / "Library/Fonts"):
        paths += [user_dir / "NotoSansCJK-Regular.ttc", user_dir / "NotoSansCJKsc-Regular.otf"]
    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    paths += [windir / name for name in _WINDOWS_NAMES]
    return paths


def find_cjk_font() -> Path | None:
    """Return a font file that can draw Chinese, or None (see the module doc)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        found = _from_override(override)
        if found is not None:
            return found
        warnings.warn(
            f"{ENV_VAR}={override!r} is not a readable font with Chinese glyphs; searching the usual places instead",
            MissingCJKFontWarning,
            stacklevel=2,
        )
    for path in _from_matplotlib(KNOWN_FAMILIES):
        if chinese_face(path) is not None:
            return path
    for path in known_paths():
        if path.is_file() and chinese_face(path) is not None:
            return path
    return None


def font_family(path: Path) -> str:
    """Register ``path`` with matplotlib and return the family name to ask for.

    For a ``.ttc`` this is the Chinese-capable face's family (the SC face of
    Noto Sans CJK, not its first, Japanese, face).
    """
    from matplotlib import font_manager

    face = chinese_face(path)
    if face is None:
        raise ValueError(f"{path} has no Chinese glyphs")
    resolved = str(Path(path).resolve())
    known = {os.path.realpath(e.fname) for e in font_manager.fontManager.ttflist}
    if resolved not in known:
        font_manager.fontManager.addfont(resolved)
    return face[1]


def missing_glyphs(path: Path, text: str) -> str:
    """The distinct characters of ``text`` that the chosen face cannot draw."""
    from matplotlib import ft2font

    face = chinese_face(path)
    if face is None:
        return "".join(sorted({c for c in text if not c.isspace()}))
    font = ft2font.FT2Font(str(path), face_index=face[0])
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace() and font.get_char_index(ord(ch)) == 0:
            seen[ch] = None
    return "".join(seen)


def chinese_face(path: Path) -> tuple[int, str] | None:
    """(face index, family name) of the best Chinese face in ``path``, or None."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _face_cached(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


def _from_override(value: str) -> Path | None:
    path = Path(value).expanduser()
    if path.is_file():
        return path if chinese_face(path) is not None else None
    # Not a file: treat it as a family name matplotlib may know.
    for candidate in _from_matplotlib((value,)):
        if chinese_face(candidate) is not None:
            return candidate
    return None


def _from_matplotlib(families: tuple[str, ...]) -> list[Path]:
    from matplotlib import font_manager

    wanted = {name.casefold(): rank for rank, name in enumerate(families)}
    hits: list[tuple[int, int, str]] = []
    for entry in font_manager.fontManager.ttflist:
        rank = wanted.get(entry.name.casefold())
        if rank is not None:
            # Regular weight first: bold labels are harder to read when small.
            hits.append((rank, abs(_weight(entry.weight) - 400), entry.fname))
    return [Path(fname) for _, _, fname in sorted(hits)]


def _weight(weight: int | str) -> int:
    if isinstance(weight, int):
        return weight
    return {"light": 300, "normal": 400, "regular": 400, "medium": 500, "bold": 700}.get(str(weight).lower(), 400)


@functools.lru_cache(maxsize=32)
def _face_cached(path: str, _mtime: int, _size: int) -> tuple[int, str] | None:
    from matplotlib import ft2font

    try:
        first = ft2font.FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return None
    faces: list[tuple[int, str]] = []
    for index in range(getattr(first, "num_faces", 1)):
        font = first if index == 0 else ft2font.FT2Font(path, face_index=index)
        if all(font.get_char_index(ord(c)) for c in _PROBE):
            faces.append((index, font.family_name))
    if not faces:
        return None

    def simplified_first(face: tuple[int, str]) -> tuple[bool, bool, int]:
        name = face[1]
        simplified = any(tag in name for tag in (" SC", " CN", " GB", "YaHei"))
        return ("Mono" in name, not simplified, face[0])

    return min(faces, key=simplified_first)
