"""Report bytes -> clean text -> outline (sections and programmes).

A work report's own outline is its numbered headings (一、 / (一) / 1. /
第一部分) and, inside them, programmes: paragraphs opened by a short title
sentence such as ``加快发展现代产业体系。``. Web copies add navigation, a
disclaimer, share buttons, pagination and a comment box; those lines are
dropped from the text, so nothing in them can become a programme or a mention.

Everything here is linear in the input: line-by-line passes and anchored
regexes without nested quantifiers, so a 10 MB single-line file is fine.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ._encoding import decode
from .errors import InputError
from .model import Programme, Report, Section
from .normalize import fold

# A work report is well under 5 MB as text; far larger input is the wrong file
# (a database dump, a whole site) and would only produce noise.
MAX_BYTES = 32 * 1024 * 1024

# Page furniture, matched at the start of a folded (simplified, half-width) line.
_JUNK_START = re.compile(
    r"(导航菜单|网站导航|网站首页|首页\s*[>›»/]|当前位置|您现在的位置|您当前的位置|所在位置|"
    r"分享到|分享[:：]|打印本页|打印页面|打印\s*$|关闭窗口|关闭页面|返回顶部|返回首页|返回列表|"
    r"【?\s*(字体|字号)|责任编辑|编辑[:：]|来源[:：]|作者[:：]|发布时间|发布日期|日期[:：]|时间[:：]|"
    r"浏览次数|阅读次数|访问量|阅读[:：]|点击[:：]|点击数|上一篇|下一篇|上一条|下一条|"
    r"相关阅读|相关文章|相关链接|相关新闻|热门文章|推荐阅读|扫一扫|微信扫一扫|"
    r"本文仅代表|凡注明|版权所有|版权声明|copyright|©|本文地址|本文链接|原文地址|原文链接|转载请注明|"
    r"免责声明|声明[:：]|验证码|留言与评论|发表评论|网友评论|评论\(|我要评论|提交评论|我要纠错|"
    r"主办单位|承办单位|技术支持|联系我们|网站地图|京icp|icp备|京公网安备|索引号)",
    re.IGNORECASE,
)
# A project list names each item's lead and partner units in a sentence
# ("主办单位:住建局,协办单位:凤城镇、敖江镇。"); a site footer's has no full stop.
_UNITS_SENTENCE = re.compile(r"(主办|承办)单位[^。]*(协办|配合)单位[^。]*。")
# Furniture that may sit anywhere on a short line without a full stop.
_JUNK_INSIDE = re.compile(
    r"(版权所有|copyright|©|icp备|公网安备|不代表本站|本站立场|分享到|扫一扫|qq空间|新浪微博|"
    r"微信好友|朋友圈|打印本页|关闭窗口|字体[:：]?\s*[【\[]?\s*[大中小])",
    re.IGNORECASE,
)
_JUNK_INSIDE_MAX = 80
_JUNK_MAX = 400
# Page numbers and pager rows of paginated or PDF copies: "- 3 -", "第2页",
# "2/5", "上一页 1 2 3 下一页", "共5页". Checked on short lines only.
_PAGE_LINE = re.compile(r"-\s*\d{1,4}\s*-|\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|[(\[]?\s*(第|共)\s*\d{1,4}\s*页.*")
_PAGER_WORDS = re.compile(r"上一页|下一页|上页|下页|尾页|末页")
_PAGER_TOKENS = re.compile(r"上一页|下一页|上页|下页|首页|尾页|末页|跳转|[第共页]|\d+|[\[\]<>«»….\s/]")
_PAGE_LINE_MAX = 60
# After these, the rest of the page is the comment box or the site footer.
_FOOTER_START = re.compile(r"(留言与评论|发表评论|网友评论|我要评论|相关阅读|相关文章|上一篇|下一篇|推荐阅读)")
_FOOTER_MAX = 40

CN_NUM = "一二三四五六七八九十百零〇两"
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"(第[{CN_NUM}\d]{{1,4}}部分)\s*")),
    (1, re.compile(rf"([{CN_NUM}]{{1,4}}\s*[、.．])\s*")),
    (2, re.compile(rf"([(（]\s*[{CN_NUM}]{{1,4}}\s*[)）])\s*")),
    (3, re.compile(r"(\d{1,2}\s*[.、．](?!\d))\s*")),
    (4, re.compile(r"([(（]\s*\d{1,2}\s*[)）])\s*")),
)
HEADING_MAX_CHARS = 60
_SENTENCE_END = re.compile(r"[。！？!?]")
TITLE_MAX_CHARS = 45  # a programme title sentence is short …
TITLE_MAX_COMMAS = 2  # … not a list …
# … and an instruction, not a statement: "2020年是极不平凡的一年。" opens prose.
_NOT_TITLE = re.compile(r"(我们|我区|我镇|我市|是|了|的一年)")
# Levels whose numbered paragraph with a run-in body opens a section
# ("(一)疏解整治促提升成效显著。紧紧抓住…"); deeper ones open a programme.
_SECTION_LEVELS = 2


# --- bytes -> text ---------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Visible text of a page, minus scripts, styles, navigation, forms and comment boxes."""

    SKIP = frozenset(
        {
            "script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button", "select",
            "textarea", "svg", "template", "aside", "object", "canvas", "dialog",
        }
    )  # fmt: skip
    VOID = frozenset(
        {"br", "img", "input", "meta", "link", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}
    )
    BLOCK = frozenset(
        {
            "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article", "table",
            "ul", "ol", "blockquote", "pre", "dd", "dt", "dl", "center", "main", "figure", "figcaption",
        }
    )  # fmt: skip
    JUNK_ATTR = re.compile(
        r"(comment|share|footer|header|logo|breadcrumb|crumb|(^|[\s_-])nav|menu|sidebar|copyright|related|pager|pagination|"
        r"toolbar|login|search|qrcode|erweima|(^|[\s_-])ads?([\s_-]|$)|display\s*:\s*none)",
        re.IGNORECASE,
    )
    _WRAP = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open tags of the skipped subtree, outermost first
        self.title = ""
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in self.VOID:
            if tag == "br" and not self.skip:
                self.parts.append("\n")
            return
        attr_text = " ".join(v or "" for k, v in attrs if k in ("class", "id", "style"))
        if self.skip or tag in self.SKIP or (attr_text and self.JUNK_ATTR.search(attr_text)):
            self.skip.append(tag)
            return
        if tag == "pre":
            self._pre += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self.skip:
            # Unclosed <p>/<li> inside a skipped box must not keep us skipping
            # past its end: close back to the matching open tag, if any.
            if tag in self.skip:
                del self.skip[len(self.skip) - 1 - self.skip[::-1].index(tag) :]
            return
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip:
            # Source line breaks inside a paragraph are not text (except in <pre>).
            self.parts.append(data if self._pre else self._WRAP.sub(_join_wrapped, data))


def _join_wrapped(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    before = s[a - 1] if a > 0 else ""
    after = s[b] if b < len(s) else ""
    return " " if before.isascii() and after.isascii() and before and after else ""


def looks_like_html(text: str, path: str = "") -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> tuple[str, str]:
    """Return ``(text, page title)``."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), " ".join(parser.title.split())


def _display_width(s: str) -> int:
    # CJK and full-width characters take two columns; counted in C, not per character.
    return 2 * len(s) - len(s.encode("ascii", "ignore"))


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text was cut at, or 0 if it is not hard-wrapped.

    PDF-to-text and fixed-width copies cut most lines at one width, so the
    most common width (within a few columns) covers a large share of lines.
    """
    widths = [_display_width(ln.strip()) for ln in lines if ln.strip()]
    if len(widths) < 6:
        return 0
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    best, best_n = 0, 0
    for w in counts:
        n = sum(counts.get(w - d, 0) for d in range(4))  # lines within 3 columns below w
        if n > best_n or (n == best_n and w > best):
            best, best_n = w, n
    # Lines cut at one width are never much longer than it: short headings of one
    # width among long paragraphs are not a wrap (城市功能|地铁5号线 stay apart).
    longer = sum(w > best + 4 for w in widths)
    return best if best <= 200 and best_n >= max(4, len(widths) // 4) and longer <= len(widths) // 10 else 0


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Join hard-wrapped lines back into paragraphs.

    A line continues the previous one when the previous one was full (cut at
    the wrap width, so its paragraph went on) and this one is neither
    indented nor a heading.
    """
    out: list[list[str]] = []
    prev_full = False
    for raw in lines:
        stripped = raw.strip().strip("\u3000").strip()
        if not stripped:
            out.append([])
            prev_full = False
            continue
        indented = raw[:1] in (" ", "\u3000", "\t")
        if prev_full and out and out[-1] and not indented and _heading(stripped) is None:
            last = out[-1][-1]
            # Only Latin words were split at a space; CJK and digits join directly.
            spaced = last[-1:].isascii() and last[-1:].isalpha() and stripped[:1].isascii() and stripped[:1].isalpha()
            out[-1].append(" " + stripped if spaced else stripped)
        else:
            out.append([stripped])
        prev_full = _display_width(stripped) >= width - 6
    return ["".join(parts) for parts in out]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def _is_junk(line: str) -> bool:
    # Furniture lines are short (a disclaimer is a few hundred characters); a
    # long line is report text whatever it starts with.
    if len(line) > _JUNK_MAX:
        return False
    folded = fold(line)
    if _JUNK_START.match(folded) and not _UNITS_SENTENCE.match(folded):
        return True
    if len(folded) <= _PAGE_LINE_MAX and (
        _PAGE_LINE.fullmatch(folded) or (_PAGER_WORDS.search(folded) and not _PAGER_TOKENS.sub("", folded))
    ):
        return True
    return len(folded) <= _JUNK_INSIDE_MAX and "。" not in folded and bool(_JUNK_INSIDE.search(folded))


def clean_text(text: str) -> str:
    """Drop page furniture; keep one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", text)
    lines = text.split("\n")
    kept: list[str] = []
    title = ""
    skip_blank = False
    for line in lines:
        s = line.strip().strip("\u3000\xa0").strip()
        if not s:
            if not skip_blank:
                kept.append("")
            continue
        skip_blank = False
        if len(s) <= _FOOTER_MAX and _FOOTER_START.match(fold(s)):
            break
        if _is_junk(s):
            # A page break is not a paragraph break: drop the blank lines around
            # a page number, so a hard-wrapped paragraph can join across it.
            while kept and not kept[-1]:
                kept.pop()
            skip_blank = True
            continue
        # Paginated copies repeat the report title at the top of every page.
        if title and s == title:
            continue
        if not title and _is_title_line(s):
            title = s
        kept.append(line.replace("\xa0", " "))
    width = _wrap_width(kept)
    paragraphs = _unwrap(kept, width) if width else [ln.strip().strip("\u3000").strip() for ln in kept]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


# --- text -> outline -------------------------------------------------------------------------


def _heading(paragraph: str) -> tuple[int, str, str] | None:
    """``(level, number, title)`` if the paragraph is a heading line."""
    for level, pattern in _HEADINGS:
        m = pattern.match(paragraph)
        if not m:
            continue
        rest = paragraph[m.end() :].strip()
        # A heading is one short phrase; a long numbered paragraph is a programme.
        if not rest or len(rest) > HEADING_MAX_CHARS:
            return None
        end = _SENTENCE_END.search(rest)
        if end is None or end.end() == len(rest):
            return level, m.group(1).strip(), rest.rstrip("。")
        return None
    return None


def _title_sentence(paragraph: str) -> str | None:
    """The paragraph's opening title sentence, if it has one followed by more text."""
    end = _SENTENCE_END.search(paragraph, 0, TITLE_MAX_CHARS + 1)
    if end is None or end.group() != "。" or end.end() >= len(paragraph.rstrip()):
        return None
    body = paragraph[: end.start()]
    if not body or body.count(",") + body.count("，") > TITLE_MAX_COMMAS or _NOT_TITLE.search(fold(body)):
        return None
    return paragraph[: end.end()]


def _slug(index: int, title: str) -> str:
    from ._pinyin import syllables

    words = [w for w in (re.sub(r"[^a-z0-9]", "", s) for s in syllables(title)) if w]
    return f"{index + 1:02d}-" + "-".join(words[:8]) if words else f"{index + 1:02d}-programme"


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text)]


def _is_title_line(p: str) -> bool:
    if len(p) > 80:
        return False
    f = fold(p)
    return (
        ("报告" in f or "政府" in f) and len(p) <= 80 and "。" not in f and not f.startswith(("-", "—"))
        and _heading(p) is None
    )  # fmt: skip


def outline(text: str, *, path: str = "", encoding: str = "utf-8", title: str = "") -> Report:
    """Find the report title, sections and programmes in clean text."""
    paras = paragraphs_of(text)
    body_start = 0
    if paras and _is_title_line(text[paras[0][0] : paras[0][1]]):
        title = title or text[paras[0][0] : paras[0][1]]
        body_start = paras[0][1]
        paras = paras[1:]
    sections: list[Section] = []
    programmes: list[dict] = []
    path_stack: list[tuple[int, str]] = []  # (level, title) of enclosing headings

    def open_section(level: int, number: str, htitle: str, start: int, end: int) -> None:
        while path_stack and path_stack[-1][0] >= level:
            path_stack.pop()
        path_stack.append((level, htitle))
        sections.append(Section(len(sections), htitle, number, start, end, level))

    for start, end in paras:
        p = text[start:end]
        head = _heading(p)
        if head is not None:
            open_section(head[0], head[1], head[2], start, end)
            continue
        numbered = next(((lvl, m) for lvl, pat in _HEADINGS[1:] if (m := pat.match(p))), None)
        offset = numbered[1].end() if numbered else 0
        tsent = _title_sentence(p[offset:])
        if tsent is None:
            continue  # continues the open programme, or introduces its section
        if numbered and numbered[0] <= _SECTION_LEVELS:
            # "(一)疏解整治促提升成效显著。…": a run-in section heading.
            open_section(
                numbered[0], numbered[1].group(1).strip(), tsent.rstrip("。"), start, start + offset + len(tsent)
            )
            continue
        spath = tuple(t for _, t in path_stack) or ("",)
        programmes.append(
            {"index": len(programmes), "section": path_stack[-1][1] if path_stack else "", "section_path": spath,
             "title": tsent.rstrip("。"), "start": start}
        )  # fmt: skip
    # A programme runs to the next heading or programme.
    boundaries = sorted({s.start for s in sections} | {p["start"] for p in programmes} | {len(text)})
    fixed: list[Programme] = []
    for p in programmes:
        end = boundaries[bisect.bisect_right(boundaries, p["start"])]
        while end > p["start"] and text[end - 1] == "\n":
            end -= 1
        fixed.append(Programme(end=end, slug=_slug(p["index"], p["title"]), **p))
    return Report(
        path=path, title=title.strip(), text=text, encoding=encoding, sections=tuple(sections),
        programmes=tuple(fixed), body=(body_start, len(text)), paragraphs=tuple(paragraphs_of(text)),
    )  # fmt: skip


def _read_bytes(source: str | Path, max_bytes: int) -> tuple[bytes, str]:
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(source)
        name = str(p)
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(_too_big(name, size, max_bytes))
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"{p}: no such file; check the path (the sample is reports/haidian-2021-12-15.txt)"
            ) from None
        except IsADirectoryError:
            raise InputError(f"{p}: is a directory; give a report file inside it") from None
        except PermissionError:
            raise InputError(f"{p}: permission denied; check the file's permissions") from None
    if len(data) > max_bytes:
        raise InputError(_too_big(name, len(data), max_bytes))
    return data, name


def _too_big(name: str, size: int, max_bytes: int) -> str:
    return (
        f"{name}: is {size / 2**20:.1f} MB, more than the {max_bytes / 2**20:.0f} MB a work report needs; "
        "check it is the right file, or split it into one report per file"
    )


def read_text(source: str | Path, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[str, str, str]:
    """Read a path (or ``-`` for stdin) into ``(text, encoding, page title)``."""
    data, name = _read_bytes(source, max_bytes)
    if not data.strip():
        raise InputError(f"{name}: the file is empty; give a report saved as .txt or .html")
    text, used = decode(data, name, encoding=encoding)
    page_title = ""
    if looks_like_html(text, name):
        text, page_title = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{name}: no report text left after removing page navigation; is it the report page?")
    return text, used, page_title


def read_report(source: str | Path, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Report:
    """Read a report file (.txt/.html/.htm, UTF-8/GB18030/Big5, or ``-``) and find its outline."""
    text, used, page_title = read_text(source, encoding=encoding, max_bytes=max_bytes)
    report = outline(text, path=str(source), encoding=used)
    # A saved page's <title> stands in when the text has no title line.
    return report if report.title or not page_title else replace(report, title=page_title)
