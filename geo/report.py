"""Report bytes -> clean text -> outline (sections and programmes).

A work report's own outline is its numbered headings (一、 / (一) / 1. /
第一部分) and, inside them, programmes: paragraphs opened by a short title
sentence such as ``加快发展现代产业体系。``. Web copies add navigation, a
disclaimer and a comment box; those lines are dropped from the text, so
nothing in them can become a programme or a mention.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ._encoding import decode
from .errors import InputError
from .model import Programme, Report, Section

# Lines that are page furniture, not report text. Matched on a stripped line.
_JUNK_LINE = re.compile(
    r"^(导航菜单|网站导航|首页\s*[>›»]|当前位置|您现在的位置|分享到|打印本页|关闭窗口|返回顶部|"
    r"【?(字体|字号)[:：]|责任编辑|编辑[:：]|来源[:：]|发布时间[:：]|浏览次数|阅读次数|点击[:：]|"
    r"上一篇|下一篇|相关阅读|相关文章|热门文章|"
    r"(第\s*\d+\s*页)|(共\s*\d+\s*页)|(上一页|下一页|首页|尾页)(\s|\d|上一页|下一页|首页|尾页)*$|"
    r"-\s*\d+\s*-$|\d{1,3}$|"
    r"本文仅代表作者观点|凡注明为|版权所有|Copyright|©|本文地址|本文链接|原文地址|转载请注明|"
    r"免责声明|声明[:：]|验证码|留言与评论|发表评论|网友评论|评论\(|我要评论|提交评论)",
    re.IGNORECASE,
)
# After these, the rest of the page is the comment box or footer.
_FOOTER_START = re.compile(r"^(留言与评论|发表评论|网友评论|我要评论|相关阅读|上一篇|下一篇)")

CN_NUM = "一二三四五六七八九十百零〇两"
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^(第[{CN_NUM}\d]+部分)\s*")),
    (1, re.compile(rf"^([{CN_NUM}]+\s*[、.．])\s*")),
    (2, re.compile(rf"^([(（]\s*[{CN_NUM}]+\s*[)）])\s*")),
    (3, re.compile(r"^(\d{1,2}\s*[.、．](?!\d))\s*")),
    (4, re.compile(r"^([(（]\s*\d{1,2}\s*[)）])\s*")),
)
_SENTENCE_END = "。！？!?"
TITLE_MAX_CHARS = 45  # a programme title sentence is short …
TITLE_MAX_COMMAS = 2  # … and not a list


# --- bytes -> text ---------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Visible text of a page, minus scripts, styles, navigation and forms."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button",
            "select", "textarea", "svg", "template", "aside"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "table", "ul", "ol", "blockquote", "pre", "dd", "dt"}
    JUNK_ATTR = re.compile(r"(comment|share|footer|breadcrumb|\bnav|menu|sidebar|copyright|related|pager)", re.I)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_stack: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        attr_text = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if self.skip_stack or tag in self.SKIP or (attr_text and self.JUNK_ATTR.search(attr_text)):
            if tag not in ("br", "img", "input", "meta", "link", "hr"):
                self.skip_stack.append(tag)
            return
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self.skip_stack:
            if tag == self.skip_stack[-1]:
                self.skip_stack.pop()
            return
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self.skip_stack:
            self.parts.append(data)


def looks_like_html(text: str, path: str = "") -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> tuple[str, str]:
    """Return ``(text, page title)``."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.title.strip()


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (PDF-to-text) back into paragraphs.

    A line continues the previous one when the previous one does not end a
    sentence and this one is neither indented nor a heading.
    """
    out: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        indented = raw[:1] in (" ", "\u3000", "\t")
        stripped = line.strip()
        if (
            out and out[-1] and stripped and not indented
            and out[-1][-1] not in _SENTENCE_END + "：:；;”\"）)"
            and not _heading(stripped)
            and len(out[-1]) >= 20
        ):
            out[-1] += stripped
        else:
            out.append(stripped)
    return out


def clean_text(text: str) -> str:
    """Drop page furniture; keep one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " " or ch == "\u3000")
    lines = text.split("\n")
    hard_wrapped = sum(1 for ln in lines if ln.strip()) > 3 * max(1, sum(1 for ln in lines if not ln.strip()))
    kept: list[str] = []
    for line in lines:
        s = line.strip().strip("\u3000").strip()
        if _FOOTER_START.match(s):
            break
        if s and _JUNK_LINE.match(s):
            continue
        kept.append(line if s else "")
    if hard_wrapped:
        kept = _unwrap(kept)
    paragraphs = [ln.strip().strip("\u3000").strip() for ln in kept]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


# --- text -> outline -------------------------------------------------------------------------


def _heading(paragraph: str) -> tuple[int, str, str] | None:
    """``(level, number, title)`` if the paragraph is a heading line."""
    for level, pattern in _HEADINGS:
        m = pattern.match(paragraph)
        if not m:
            continue
        rest = paragraph[m.end():].strip()
        # A heading is a short line; a long numbered paragraph is a programme.
        first = _first_sentence(rest)
        if rest and len(rest) <= 60 and (first == rest or first.rstrip("。") == rest.rstrip("。")):
            return level, m.group(1).strip(), rest.rstrip("。")
        return None
    return None


def _first_sentence(paragraph: str) -> str:
    for i, ch in enumerate(paragraph):
        if ch in _SENTENCE_END:
            return paragraph[: i + 1]
    return paragraph


def _title_sentence(paragraph: str) -> str | None:
    """The paragraph's opening title sentence, if it has one followed by more text."""
    first = _first_sentence(paragraph)
    if first == paragraph or not first.endswith("。"):
        return None
    body = first[:-1]
    if len(body) > TITLE_MAX_CHARS or body.count(",") + body.count("，") > TITLE_MAX_COMMAS:
        return None
    return first


def _slug(index: int, title: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # readable enough without pinyin
        return f"{index + 1:02d}-programme"
    words = [w for w in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(title)) if w]
    return f"{index + 1:02d}-" + "-".join(words[:8]) if words else f"{index + 1:02d}-programme"


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"[^\n]+", text):
        spans.append((m.start(), m.end()))
        pos = m.end()
    return spans


def _is_title_line(p: str) -> bool:
    return ("报告" in p or "政府" in p) and len(p) <= 80 and _heading(p) is None and "。" not in p


def outline(text: str, *, path: str = "", encoding: str = "utf-8", title: str = "") -> Report:
    """Find the report title, sections and programmes in clean text."""
    paras = paragraphs_of(text)
    body_start = 0
    if paras and _is_title_line(text[paras[0][0]:paras[0][1]]):
        title = title or text[paras[0][0]:paras[0][1]]
        body_start = paras[0][1]
        paras = paras[1:]
    sections: list[Section] = []
    programmes: list[Programme] = []
    path_stack: list[tuple[int, str]] = []  # (level, title) of enclosing headings
    cur: dict | None = None  # the open programme

    def close(end: int) -> None:
        nonlocal cur
        if cur is not None:
            programmes.append(Programme(end=end, slug=_slug(cur["index"], cur["title"]), **{
                k: v for k, v in cur.items() if k != "slug"}))
            cur = None

    for start, end in paras:
        p = text[start:end]
        head = _heading(p)
        if head is not None:
            close(start)
            level, number, htitle = head
            while path_stack and path_stack[-1][0] >= level:
                path_stack.pop()
            path_stack.append((level, htitle))
            sections.append(Section(len(sections), htitle, number, start, end, level))
            continue
        numbered = next((m for _, pat in _HEADINGS[1:] if (m := pat.match(p))), None)
        offset = numbered.end() if numbered else 0
        tsent = _title_sentence(p[offset:])
        if tsent is not None:
            close(start)
            spath = tuple(t for _, t in path_stack) or ("",)
            cur = {"index": len(programmes), "section": path_stack[-1][1] if path_stack else "",
                   "section_path": spath, "title": tsent.rstrip("。"), "start": start}
        # A paragraph without a title sentence continues the open programme,
        # or, right after a heading, is that section's introduction.
    close(len(text.rstrip("\n")) if paras else 0)
    # Programmes end where the next heading or programme starts.
    fixed: list[Programme] = []
    boundaries = sorted({s.start for s in sections} | {p.start for p in programmes} | {len(text)})
    for p in programmes:
        nxt = next(b for b in boundaries if b > p.start)
        end = min(p.end, nxt)
        while end > p.start and text[end - 1] == "\n":
            end -= 1
        fixed.append(Programme(p.index, p.section, p.section_path, p.title, p.start, end, p.slug))
    return Report(path=path, title=title.strip(), text=text, encoding=encoding, sections=tuple(sections),
                  programmes=tuple(fixed), body=(body_start, len(text)), paragraphs=tuple(paragraphs_of(text)))


def read_text(source: str | Path) -> tuple[str, str, str]:
    """Read a path (or ``-`` for stdin) into ``(text, encoding, page title)``."""
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(source)
        name = str(p)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{p}: no such file; check the path (the sample is reports/haidian-2021-12-15.txt)") from None
        except IsADirectoryError:
            raise InputError(f"{p}: is a directory; give a report file, or use `geo scan DIR --jsonl` for a folder") from None
        except PermissionError:
            raise InputError(f"{p}: permission denied; check the file's permissions") from None
    if not data.strip():
        raise InputError(f"{name}: the file is empty; give a report saved as .txt or .html")
    text, encoding = decode(data, name)
    page_title = ""
    if looks_like_html(text, name):
        text, page_title = html_to_text(text)
    return clean_text(text), encoding, page_title


def read_report(source: str | Path) -> Report:
    """Read a report file (.txt/.html/.htm, UTF-8/GB18030/Big5, or ``-``) and find its outline."""
    text, encoding, page_title = read_text(source)
    report = outline(text, path=str(source), encoding=encoding)
    # A saved page's <title> stands in when the text has no title line.
    return report if report.title or not page_title else replace(report, title=page_title)
