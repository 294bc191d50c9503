"""Regenerate the derived copies of the sample report used by the tests.

    python tests/data/reports/make_copies.py

Each copy carries the same report text in another form a user may hand us:
a saved web page, GB18030 and Big5 (traditional) bytes, a UTF-8 file with a
BOM, a PDF-to-text hard-wrapped copy, a paginated web copy, and a copy with
full-width brackets and pinyin spliced into place names.
"""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "reports" / "haidian-2021-12-15.txt"
# OpenCC writes these variants; Big5 has only the usual forms.
BIG5_VARIANTS = str.maketrans({"着": "著", "裏": "裡", "爲": "為", "啓": "啟", "羣": "群"})


def report_parts() -> tuple[str, list[str]]:
    """The sample's title line and its report paragraphs (no page junk)."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title = lines[1]
    body = lines[2 : lines.index(next(ln for ln in lines if ln.startswith("本文仅代表")))]
    return title, body


def saved_page(title: str, body: list[str]) -> str:
    paras = "\n".join(f'      <p style="text-indent:2em">{html.escape(p)}</p>' for p in body)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)}_报告_博县网</title>
  <style>body {{ font-family: SimSun; }} .nav li {{ float: left; }}</style>
  <script>var _hmt = _hmt || []; document.write("<p>广告位</p>");</script>
</head>
<body>
  <div class="header"><a href="/">博县网</a> <input type="text" placeholder="搜索"></div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/baogao/">报告</a></li><li>导航菜单</li></ul>
  <div class="breadcrumb">当前位置:首页 &gt; 报告 &gt; 北京</div>
  <div class="article">
    <h1>{html.escape(title)}</h1>
    <div class="info">发布时间:2021-12-20 来源:博县网 浏览次数:1024</div>
    <div class="content">
{paras}
      <p>本文仅代表作者观点,不代表本站立场。</p>
      <p>本文地址:/baogao/hb/2966.html</p>
    </div>
    <div class="bdsharebuttonbox"><a class="bds_weixin">分享到微信</a><a class="bds_tsina">新浪微博</a></div>
    <div style="display:none">隐藏的统计代码 海淀镇</div>
    <div class="pager">上一篇:朝阳区政府工作报告 下一篇:西城区政府工作报告</div>
  </div>
  <div id="comment-box">
    <h3>留言与评论(共有 0 条评论)</h3>
    <form action="/comment" method="post"><textarea name="c">海淀镇真好</textarea>
      验证码:<input name="code"><img src="/code.png"><button>提交评论</button></form>
  </div>
  <div class="footer">Copyright © 2021 博县网 版权所有 京ICP备12345678号</div>
  <script>console.log("中关村科学城");</script>
</body>
</html>
"""


def hard_wrapped(title: str, body: list[str], width: int = 28) -> str:
    """PDF-to-text: fixed-width lines, indented paragraph starts, page numbers, form feeds."""
    lines = [title, ""]
    for p in body:
        first = True
        for i in range(0, len(p), width):
            lines.append(("\u3000\u3000" if first else "") + p[i : i + width])
            first = False
    out: list[str] = []
    for n, i in enumerate(range(0, len(lines), 20), start=1):
        out.extend(lines[i : i + 20])
        out.extend(["", f"- {n} -", "\f"])
    return "\n".join(out) + "\n"


def paginated(title: str, body: list[str]) -> str:
    """Two web pages pasted together: title repeated, pager rows between."""
    half = len(body) // 2
    page = lambda part, n: [
        "导航菜单",
        "",
        title,
        "",
        *(f"  {p}\n" for p in part),
        f"上一页 1 2 下一页 第{n}页 共2页",
        "",
    ]  # noqa: E731
    return "\n".join(page(body[:half], 1) + page(body[half:], 2)) + "\n"


def fullwidth_spliced(text: str) -> str:
    text = text.replace("(", "（").replace(")", "）").replace(",", "，")
    # The splice some sites insert after rare or traditional characters.
    return text.replace("中关村", "中關(guān)村").replace("海淀镇", "海(hǎi)淀镇")


def main() -> None:
    title, body = report_parts()
    text = SAMPLE.read_text(encoding="utf-8")
    import opencc

    (HERE / "haidian.html").write_text(saved_page(title, body), encoding="utf-8")
    (HERE / "haidian.gb18030.txt").write_bytes(text.encode("gb18030"))
    traditional = opencc.OpenCC("s2t").convert(text).translate(BIG5_VARIANTS)
    (HERE / "haidian.big5.txt").write_bytes(traditional.encode("big5"))
    (HERE / "haidian.bom.txt").write_bytes(text.encode("utf-8-sig"))
    (HERE / "haidian.wrapped.txt").write_text(hard_wrapped(title, body), encoding="utf-8")
    (HERE / "haidian.paged.txt").write_text(paginated(title, body), encoding="utf-8")
    (HERE / "haidian.fullwidth.txt").write_text(fullwidth_spliced(text), encoding="utf-8")


if __name__ == "__main__":
    main()
