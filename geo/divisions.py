"""The administrative divisions of the report's own area, as names to look for.

Reports name towns and districts without their suffix: 于家务、西集、漷县,
门头沟, 长阳. No suffix rule can find these, but the country's division list
can: geo/data/divisions.tsv.gz holds the code and name of every province,
prefecture, county and township (NBS 统计用区划代码 2023, by way of the
china-division package; scripts/build_divisions.py writes it).

A bare two-character name is too common a string to look for everywhere (建设,
新华, 城关 are townships too), so we look only inside the report's own area:
the counties it names in full with a clear left edge (通州区, not 相|应城市),
or by short name twice beside their province or prefecture. Their townships,
and the other counties of their prefecture, are the names we look for, in
full (西集镇) and short (西集) form.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data") / "divisions.tsv.gz"

# A county's or township's generic ending: 通州|区, 于家务|回族乡, 杨镇|地区.
_ETHNIC = (
    "(?:(?:回|满|蒙古|朝鲜|土家|苗|瑶|壮|彝|藏|侗|白|畲|黎|傣|哈尼|傈僳|佤|拉祜|水|纳西|羌|土|仫佬|锡伯|柯尔克孜|达斡尔|"
    "景颇|毛南|撒拉|布朗|塔吉克|阿昌|普米|鄂温克|怒|京|基诺|德昂|保安|俄罗斯|裕固|乌孜别克|门巴|鄂伦春|独龙|塔塔尔|赫哲|"
    "珞巴|仡佬|布依|东乡|哈萨克|维吾尔|各)族)*"
)
_COUNTY_END = re.compile(
    _ETHNIC + r"(?:自治县|自治旗|林区|特区|新区|矿区|区|县|市|旗)$|(?:特别行政区|自治区|自治州|地区|盟|省|市)$"
)
_PROVINCE_END = re.compile(r"(?:壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$")
_TOWN_END = re.compile(_ETHNIC + r"(?:民族乡|乡|镇|苏木)$|(?:街道办事处|街道|地区办事处|地区|办事处)$")
# Township kinds whose short form a report uses: a 街道's short name is most
# often a street or a common word (新华, 建设, 光明), so only its full name counts.
_TOWN_SHORT_OK = re.compile(r"(?:乡|镇|苏木|地区)$")


def _words(block: str) -> list[str]:
    return block.split()


# Short names that are common words or directions, never looked for alone.
COMMON = frozenset(
    _words(
        """
    建设 新华 人民 解放 和平 东风 胜利 光明 中心 城关 城南 城北 城东 城西 城中 团结 红旗 前进 幸福 友谊 文化 振兴
    新城 新区 开发 工业 长安 东城 西城 南城 北城 城区 高新 经济 发展 中山 向阳 朝阳 红星 东方 新村 新兴 复兴 民主
    和平 永安 永和 永兴 太平 长春 长城 河东 河西 河南 河北 江南 江北 山东 山西 海南 城郊 郊区 市区 矿区 林区 新市
    东区 西区 南区 北区 中区 上城 下城 前进 先锋 红光 跃进 公园 花园 金山 银山 青山 白云 黄山 龙山 凤凰 桃园 安定
    矿区 城区 郊区 老城 新建 合作 资源 和田 宁安 安宁 宜居 平安 吉安 永定 新乐 乐业 开放 安全 共和 民和 大同 太和
    """
    )
)
MIN_SHORT, MAX_SHORT = 2, 4
# Characters after which a division's full name starts cleanly: 北京市|通州区, 与|延庆区.
_BEFORE_NAME = "市省县区州盟的在与和及是对向到至将从由于为"
# Statistical units that are zones, not places with a short name: 南通经济技术开发|区.
_NOT_SHORT_END = ("开发", "经济", "技术", "高新", "管理", "示范", "新", "工业", "产业")


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    short: str | None  # the name without its generic ending, if that is a usable name
    generic: bool  # the name is a common word with a suffix: 城区, 矿区, 老城区


def _short(name: str, pattern: re.Pattern[str]) -> str | None:
    short = pattern.sub("", name)
    if short == name or not MIN_SHORT <= len(short) <= MAX_SHORT or short in COMMON or short.endswith(_NOT_SHORT_END):
        return None
    return short


@functools.cache
def _table() -> tuple[dict[str, str], list[str]]:
    """Names of provinces, prefectures and counties by code, and the township lines, sorted.

    The file lists the upper levels first, then the townships; a township line
    ("110112110\t西集镇") is parsed only when its county is the report's own."""
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    k = next((i for i, line in enumerate(lines) if line.index("\t") == 9), len(lines))
    return dict(line.split("\t", 1) for line in lines[:k]), lines[k:]


def _townships(county: str) -> list[tuple[str, str]]:
    """(code, name) of a county's townships."""
    lines = _table()[1]
    out = []
    for line in lines[bisect.bisect_left(lines, county) :]:
        if not line.startswith(county):
            break
        code, _, name = line.partition("\t")
        out.append((code, name))
    return out


def _name(code: str) -> str | None:
    if len(code) != 9:
        return _table()[0].get(code)
    return dict(_townships(code[:6])).get(code)


@functools.cache
def division(code: str) -> Division | None:
    name = _name(code)
    if name is None:
        return None
    if len(code) == 9:
        short = _short(name, _TOWN_END) if _TOWN_SHORT_OK.search(name) else None
    else:
        short = _short(name, _COUNTY_END)
    generic = name in COMMON or _COUNTY_END.sub("", name) in COMMON
    return Division(code, name, short, generic)


def divisions() -> dict[str, Division]:
    """Every division by code (all 44,703 made at once: for tools and tests, not the detector)."""
    upper, towns = _table()
    codes = [*upper, *(line.partition("\t")[0] for line in towns)]
    return {code: d for code in codes if (d := division(code)) is not None}


@functools.cache
def _counties_of() -> dict[str, tuple[str, ...]]:
    """Codes of the counties by prefecture code."""
    kids: dict[str, list[str]] = {}
    for code, name in _table()[0].items():
        if len(code) == 6 and name != "市辖区":
            kids.setdefault(code[:4], []).append(code)
    return {k: tuple(v) for k, v in kids.items()}


@functools.cache
def _county_index():
    """The counties' full and short names, an automaton over them, and the counties each names."""
    import ahocorasick_rs

    by_name: dict[str, list[Division]] = {}
    for code, name in _table()[0].items():
        if len(code) == 6 and name != "市辖区" and (d := division(code)) is not None and not d.generic:
            for n in {d.name, d.short} - {None}:
                by_name.setdefault(n, []).append(d)  # type: ignore[arg-type]
    names = sorted(by_name)
    return names, ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.Standard), by_name


_MEASURES = "项个条座处家所户"


# 长 and a person's name after a division's ending make a title: 代县|长张永潮在, 州|长 白加扎, 市|长宋晓路同志
# (but 庐阳区|长江中路 and 青山镇|长安村 are places).
_TITLE_AFTER = re.compile(
    r"长(?:[\u3400-\u9fff]{2,3}(?:同志|在|作|向|表示|说|指出|强调|介绍|主持|出席|代表)|(?![\u3400-\u9fff]))"
)


@functools.cache
def _full_names() -> frozenset[str]:
    """Full names of the country's counties, districts and cities (not the generic ones: 城区, 矿区)."""
    full = {d.name for ds in _county_index()[2].values() for d in ds}
    return frozenset(full | {d.name for ds in _prefecture_index()[2].values() for d in ds if d.name.endswith("市")})


def _longest_before(names: frozenset[str], norm: str, e: int, lo: int, shortest: int, longest: int) -> int | None:
    """Start of the longest of ``names`` ending at ``e`` and starting at ``lo`` or after, if any."""
    for k in range(min(longest, e - lo), shortest - 1, -1):
        if norm[e - k : e] in names:
            return e - k
    return None


def full_name_before(norm: str, e: int, lo: int = 0) -> int | None:
    """Start of the longest county, district or city full name ending at ``e`` (沛县|, 潼关县|, 朔州市|), if any."""
    return _longest_before(_full_names(), norm, e, lo, 2, 8)


@functools.cache
def _township_names() -> frozenset[str]:
    return frozenset(line.partition("\t")[2] for line in _table()[1])


def full_name_at(norm: str, s: int) -> int | None:
    """End of the longest county, district or city full name starting at ``s`` (|镇远县), if any."""
    names = _full_names()
    return next((s + k for k in range(8, 1, -1) if norm[s : s + k] in names), None)


def is_area_name(name: str) -> bool:
    """True if ``name`` is a county's or prefecture's name, full or short (监利, 监利市, 荆州)."""
    return name in _county_index()[2] or name in _prefecture_index()[2]


def township_before(norm: str, e: int, lo: int = 0) -> int | None:
    """Start of the longest township full name of three to five characters ending at ``e`` (北依|横街镇), if any."""
    return _longest_before(_township_names(), norm, e, lo, 3, 5)


def is_title(norm: str, e: int) -> bool:
    """True if the division ending at ``e`` starts a title: 县长, 州长, 市长 before a person's name."""
    return e > 0 and norm[e - 1] in "县区市镇乡省州" and _TITLE_AFTER.match(norm, e) is not None


# Words that run into a county's name: 示|范县 in 示范县, 简|单县, 经|费县.
_WORDS_INTO_NAME = frozenset(("示范", "市容", "简单", "名单", "清单", "收费", "经费", "免费", "缴费"))


def not_a_name(norm: str, s: int, e: int) -> bool:
    """True if a division's name at ``norm[s:e]`` is part of something else: a title (代县|长张永潮),
    a count (28项|城市), a word (科学发展示|范县) or the area of one (嵊州市|域)."""
    return (
        is_title(norm, e)
        or norm.startswith("域", e)
        or s > 0
        and (norm[s - 1].isdigit() and norm[s] in _MEASURES or norm[s - 1 : s + 1] in _WORDS_INTO_NAME)
    )


def home_counties(norm: str) -> list[Division]:
    """Counties the text is about: named in full, or by short name twice with its prefecture or province."""
    names, ac, by_name = _county_index()
    seen: Counter[str] = Counter()
    clean: Counter[str] = Counter()  # full names with a clear left edge: 通州区, not 相|应城市
    for i, s, e in ac.find_matches_as_indexes(norm, overlapping=True):
        if not_a_name(norm, s, e):
            continue
        seen[names[i]] += 1
        if s == 0 or not "\u3400" <= norm[s - 1] <= "\u9fff" or norm[s - 1] in _BEFORE_NAME:
            clean[names[i]] += 1

    def named(code: str) -> bool:
        d = division(code)
        return d is not None and d.name != "市辖区" and (d.name in norm or (d.short is not None and d.short in norm))

    found: dict[str, tuple[Division, bool]] = {}  # code -> (county, its prefecture or province is named too)
    for n in seen:
        for d in by_name[n]:
            if d.code in found or not (seen[d.name] or d.short and seen[d.short] >= 2):
                continue
            context = named(d.code[:4]) or named(d.code[:2])
            in_full = seen[d.name] and (context or clean[d.name] or seen[d.name] >= 2)
            if in_full or context and d.short and seen[d.short] >= 2:
                found[d.code] = (d, context)
    # A name shared by counties of several provinces (通州区) is the one whose province the text names, if any.
    with_context = {d.name for d, context in found.values() if context}
    homes = [d for code, (d, context) in sorted(found.items()) if context or d.name not in with_context]
    if not homes and (by_towns := _county_of_towns(norm)) is not None:
        homes = [by_towns]  # a county named only through its townships: 灵溪镇、桥墩镇、矾山镇 (苍南县)
    return homes


# A township's full name points to its county when few counties have one so named
# (灵溪镇 is 苍南县's alone; 城关镇 is in hundreds).
_RARE_TOWN = 3


@functools.cache
def _town_index():
    """Township full names held by at most _RARE_TOWN counties, an automaton over them, and each one's counties."""
    import ahocorasick_rs

    by_name: dict[str, set[str]] = {}
    for line in _table()[1]:
        code, _, name = line.partition("\t")
        if len(name) >= 3 and _TOWN_END.search(name):
            by_name.setdefault(name, set()).add(code[:6])
    names = sorted(n for n, counties in by_name.items() if len(counties) <= _RARE_TOWN)
    ac = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return names, ac, {n: by_name[n] for n in names}


def _clear_winner(votes: Counter[str]) -> Division | None:
    """The division with the most votes, if it has two or more and no other has as many."""
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return division(ranked[0][0])


def _county_of_towns(norm: str) -> Division | None:
    """The one county that two or more of the townships named in full belong to, more than any other."""
    names, ac, by_name = _town_index()
    support: Counter[str] = Counter()
    for name in {names[i] for i, _, _ in ac.find_matches_as_indexes(norm)}:
        support.update(by_name[name])
    return _clear_winner(support)


# A prefecture's name, not a placeholder of the list (市辖区, 县, 省直辖县级行政区划).
_PREFECTURE_END = re.compile(r"(?<!辖)(?:市|地区|自治州|盟)$")


@functools.cache
def _prefecture_index():
    """The prefectures' full and short names, an automaton over them, and the prefecture each names."""
    import ahocorasick_rs

    by_name: dict[str, list[Division]] = {}
    for code in _table()[0]:
        if len(code) == 4 and (d := division(code)) is not None and not d.generic and _PREFECTURE_END.search(d.name):
            for n in {d.name, d.short} - {None}:
                by_name.setdefault(n, []).append(d)  # type: ignore[arg-type]
    names = sorted(by_name)
    return names, ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), by_name


# Words that start with a prefecture's short name.
_NOT_PREFECTURE = ("长治久安", "阿里巴巴", "阿里云")


def home_prefecture(norm: str) -> Division | None:
    """The one prefecture the text names most, at least twice and more than any other (a city's own report)."""
    names, ac, by_name = _prefecture_index()
    count: Counter[str] = Counter()
    for i, s, e in ac.find_matches_as_indexes(norm):
        if norm.startswith("省", e) or norm.startswith(_NOT_PREFECTURE, s):
            continue  # a province (吉林|省) or a word (长治久安, 阿里巴巴)
        if len(by_name[names[i]]) == 1:  # a name two prefectures share points to neither
            count[by_name[names[i]][0].code] += 1
    return _clear_winner(count)


def area_names(norm: str) -> dict[str, tuple[str, bool]]:
    """Division names to look for in ``norm``: name -> (kind, short), kind "district" or "town"."""
    homes = home_counties(norm)
    out: dict[str, tuple[str, bool]] = {}

    def add(code: str, kind: str) -> None:
        d = division(code)
        if d is None:
            return
        if not d.generic:
            out.setdefault(d.name, (kind, False))
        if d.short:
            out.setdefault(d.short, (kind, True))

    prefectures = {d.code[:4] for d in homes}
    if not homes and (city := home_prefecture(norm)) is not None:
        prefectures.add(city.code)  # a city's report names its districts short: 呈贡、九台、武进
    for prefecture in sorted(prefectures):
        for code in _counties_of().get(prefecture, ()):
            add(code, "district")
    for home in homes:
        for code, _ in _townships(home.code):
            add(code, "town")
    return out


def own_county(norm: str, title: str = "") -> Division | None:
    """The county or district a report is about: the home county its title names, else the one it names most."""
    homes = home_counties(norm)
    if not homes:
        return None
    in_title = [d for d in homes if d.name in title or (d.short and d.short in title)]
    if in_title:
        return max(in_title, key=lambda d: len(d.name))

    def mentions(d: Division) -> int:
        return norm.count(d.name) + (norm.count(d.short) if d.short else 0)

    return max(homes, key=lambda d: (mentions(d), d.code))


@functools.lru_cache(maxsize=8)
def report_county(text: str, title: str = "") -> tuple[str, str] | None:
    """``(code, name)`` of the county a report's text and title are about, cached per report; for a
    city's own report, which names no county of its own, the city's (a four-digit code: 5301, 昆明市)."""
    from .normalize import normalize

    norm = normalize(text).norm
    area = own_county(norm, normalize(title).norm) or home_prefecture(norm)
    return (area.code, area.name) if area else None


@functools.cache
def province_names() -> frozenset[str]:
    """Province-level names in full and short form (北京市, 北京; 湖北省, 湖北): regions, not sites."""
    out: set[str] = set()
    for code, name in _table()[0].items():
        if len(code) == 2:
            out.add(name)
            out.add(_PROVINCE_END.sub("", name))
    return frozenset(n for n in out if n)
