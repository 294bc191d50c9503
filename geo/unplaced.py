"""Place-like names the gazetteer lacks, found by their suffixes and lists.

A work report names places as a short proper stem plus a generic suffix:
朱房村, 上庄路, 地铁13号线, 清河滨水绿廊. We find the suffixes, walk left over
the stem until punctuation, a function word or an administrative name, cut
off a leading verb (推进, 加快 …), and drop what is generic (背街小巷,
输变电站, 规划保留村). Suffix-less names are taken from lists that a place
noun closes: 福缘门、挂甲屯、大有庄、骚子营等地区. Suffixes that also end
common words (市场化, 区域) or generic kinds (资本市场, 示范基地, 核心区) need a
clear right edge and a proper stem; a bare 区 only names a district (顺义区).
A stem that runs through the end of another name (a highway, railway, canal
or road: 幸福渠|交通北路, 新港高速|双柳长江大桥) starts after it. A line
without a number is named by a two-character stem (中环线, 乐柳线, not 生产线);
a ring road by its side and number (北二环); an amount of money ends a stem
like a measure word (55.4亿元|北部新城).

Generic phrases are masked before anything else, so a suffix inside one
(乡 in 美丽乡村) never starts a candidate and no stem runs through one.
Candidates never overlap each other or a linked mention. It is a rule set,
measured by ``bench/eval_linking.py`` on labelled text, not a parser; all
passes are linear (Aho-Corasick scans and bounded walks).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path


def _words(block: str) -> list[str]:
    return block.split()


# (suffix, kind). Aho-Corasick leftmost-longest picks 再生水厂 over 厂.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("号线", "rail"), ("线", "rail"),
    ("胡同", "road"), ("大街", "road"), ("大道", "road"), ("街", "road"), ("路", "road"), ("桥", "road"),
    ("公园", "park"), ("园", "park"), ("绿廊", "park"), ("湿地", "park"), ("广场", "landmark"), ("寺", "landmark"),
    ("片区", "area"), ("地区", "area"), ("新区", "area"), ("科学城", "area"), ("厂区", "area"),
    ("再生水厂", "facility"), ("自来水厂", "facility"), ("水厂", "facility"), ("厂", "facility"),
    ("会址", "facility"), ("站", "station"),
    ("村", "village"), ("庄", "village"), ("镇", "town"), ("乡", "town"),
    ("河", "river"), ("湖", "river"),
    ("大悦城", "mall"), ("批发市场", "mall"),
    ("校区", "campus"), ("大学", "campus"), ("学院", "campus"), ("中学", "campus"), ("小学", "campus"),
    ("高中", "campus"), ("中学校", "campus"), ("庙", "landmark"), ("瀑布", "landmark"), ("峡谷", "landmark"),
    ("弄", "road"),
    ("博物馆", "landmark"), ("纪念馆", "landmark"), ("美术馆", "landmark"), ("体育中心", "facility"),
    ("交通枢纽", "station"), ("航站楼", "station"), ("车辆段", "station"),
    ("国道", "road"), ("商务区", "area"), ("街道", "town"), ("联络线", "rail"), ("机场", "station"),
    ("市场", "mall"), ("大厦", "landmark"), ("基地", "area"), ("副中心", "area"), ("中心区", "area"),
    ("服务区", "area"), ("北区", "area"), ("南区", "area"), ("东区", "area"), ("西区", "area"), ("冷库", "facility"),
    ("水库", "river"), ("景区", "area"), ("度假区", "area"), ("开发区", "area"), ("集聚区", "area"),
    ("宾馆", "landmark"), ("酒店", "landmark"), ("大楼", "landmark"), ("步道", "road"), ("高速公路", "road"),
    ("高速", "road"), ("山", "landmark"), ("湾", "area"), ("港", "area"),
    ("快线", "road"), ("省道", "road"), ("公路", "road"), ("铁路", "rail"), ("船闸", "facility"), ("遗址", "landmark"),
    ("纪念园", "park"), ("商贸城", "mall"), ("渠", "river"), ("沟", "river"), ("峡", "landmark"), ("峰", "landmark"),
    ("谷", "landmark"),
    ("高架", "road"), ("隧道", "road"), ("新城", "area"), ("风景名胜区", "area"), ("填埋场", "facility"),
    ("能源中心", "facility"), ("公路港", "station"), ("支线", "rail"), ("复线", "road"), ("高速复线", "road"),
    ("码头", "station"), ("航道", "river"), ("体育馆", "landmark"), ("图书馆", "landmark"), ("科技馆", "landmark"),
    ("文化馆", "landmark"), ("展览馆", "landmark"), ("体育场", "landmark"),
    ("会展中心", "landmark"), ("中心城", "area"), ("大学城", "area"), ("生态城", "area"), ("高铁", "rail"),
    ("干道", "road"), ("快速路", "road"), ("滑雪场", "landmark"), ("江滩", "park"), ("枢纽站", "station"),
    ("江", "river"), ("潭", "river"), ("闸", "facility"), ("互通", "road"), ("枢纽", "station"),
    ("分校", "campus"), ("电站", "facility"), ("水电站", "facility"), ("变电站", "facility"),
    ("发电站", "facility"), ("驿站", "station"),
    ("大剧院", "landmark"), ("风貌区", "area"), ("里", "area"), ("巷", "road"), ("城际", "rail"), ("干线", "road"),
    ("港区", "area"), ("中心校", "campus"), ("长城", "landmark"), ("延长线", "road"), ("立交", "road"),
    ("县", "district"), ("街区", "area"), ("小镇", "area"), ("场站", "facility"), ("学校", "campus"),
    ("故居", "landmark"), ("旧居", "landmark"),
    ("洞", "landmark"), ("大市场", "mall"), ("风电场", "facility"), ("发射场", "facility"), ("牧场", "area"),
    ("过江通道", "road"), ("科创区", "area"), ("科技城", "area"), ("岛", "landmark"), ("风光带", "park"),
    ("客运专线", "rail"), ("林场", "area"), ("庄子", "village"), ("寨", "village"), ("溪", "river"), ("农场", "area"),
    ("园区", "area"), ("自然保护区", "area"), ("幼儿园", "campus"), ("医院", "facility"),
    ("社区", "village"), ("堤", "road"), ("博物院", "landmark"), ("山脉", "landmark"), ("卫生院", "facility"),
    ("敬老院", "facility"), ("县道", "road"), ("绿道", "road"),
    ("服务中心", "facility"), ("卫生中心", "facility"), ("文化中心", "landmark"),
    ("活动中心", "landmark"), ("购物中心", "mall"), ("商业中心", "mall"), ("职教中心", "campus"),
    ("区", "district"),
)  # fmt: skip
_KIND = dict(SUFFIXES)
_RAIL = ("号线", "线", "国道", "省道", "县道")
# Suffixes that make a place with a one-character stem (清河, 台湖, 宋庄), when
# the stem has a clear left edge (punctuation or a cut verb).
_SHORT_STEM = ("河", "湖", "庄", "江", "庄子")
# Verbs that read as a one-character stem: 挖河成|湖, 跨|湖, 临|河而建.
_NOT_SHORT_STEMS = frozenset("成跨隔绕环临穿近沿入出围填挖造")

# Phrases with a suffix inside that is not the end of a name (乡 in 美丽乡村,
# 路 in 路网). Masked before anything else: no candidate starts or runs in one.
MASKED: frozenset[str] = frozenset(
    _words(
        """
    背街小巷 大街小巷 规划保留村 一刻钟便民生活圈 重点消费集聚区 美丽乡村 乡村 乡村振兴 城乡 街乡 街镇 乡镇 村庄 村民
    村集体 村级 村地区管 村镇 农村 新型农村 园林 花园式 花园城市 地区生产总值 地区总部 路网 路面 路径
    路灯 路口 路线 路线图 路子 之路
    山水林田湖 绿水青山 金山银山 下山 上山 登山 爬山 山川 山清水秀 大湾区 港口 港澳 港湾 湾区 库区
    各区 各县区 湖区 旧居民 最美街巷 街道办事处 街头 街面 街角 线上 线下 线索 站城 站点 站位 一站式 河道 河湖 河长
    新型城镇 新型城镇化 渠道 山谷 低谷 硅谷 谷底 谷物 峰值 高峰 顶峰 峰会 沟通 沟渠 代沟 鸿沟 铁路网 遗址保护
    湖泊 桥下 桥梁 桥头堡 广场舞 寺庙 寺院 庄严 庄重 庄稼 中小学 大学生 中学生 小学生 高中生 主干道 次干道
    小城镇 过马路 部分路段 江山 江湖 江畔 江边 分院 田园 主航道 公里 互联互通 县城 县域 郡县 知县
    生命线 过路费 示范基地 市里 环湖 积水路段 一泓清水 危桥 开园 下乡 校园 堆积如山 学前教育 城镇化 乡愁 以城带乡
    整村 渠系 互连互通 最后一站 以城带镇 以镇带村 入村 入户 通公路 通水泥路 桥涵 桥隧 背街巷道 新一线 这里 那里 哪里
    侨乡 回乡 时间里 村村通 户户通 组组通 敞园 下闸 开闸 关闸 我村 我乡 我镇 全村 全乡 全镇 本村 本乡 本镇 康庄大道
    通村油路 各村 各乡 各镇 绕弯路 走弯路 串线 进社区 入社区 全县 全区 全市 村落 行路难 财路 村容 企联
    出村 村寨 铺路 造路 修路 修公路 千村 家乡 故乡 山区公路 金光大道 代县长 代区长 代市长 样板村 城镇群
    庙会 庙宇 产业路 主村道 开街 上高速 市政路桥 风景线 路旁 通景公路 通景道路 山大沟深 回家路 宅基地 记者站
    通硬化路 三面环山 四面环山 较大自然村 凿山开路 涉水架桥 段公路 高山峡谷 网红公路
    弄清 弄懂 弄通 弄好 弄虚作假 弄潮 弄堂 弄明白 弄错 美丽城镇 路改桥
    山高路远 公路人 沟壑 湖河 村组
    """
    )
)
# Names made of a suffix and a generic stem: never a proper place. Unlike a
# mask, such a phrase may end a longer name (潞城镇, 姚家园路), so it only
# rejects a candidate that is exactly it.
GENERIC: frozenset[str] = frozenset(
    _words(
        """
    变电站 输变电站 车站 加油站 充电站 驿站 服务站 工作站 换乘站 博士后工作站 网站 基站 公园 口袋公园 遗址公园
    森林公园 大型停车场 垂钓园 黄土大街 长沙幼儿园 特大桥 小吃街 美食街 塘坝 双港 中环主干路 生命路 绿道驿站
    通村砂路 旧城主街 少数民族聚居片区
    城市公园 郊野公园 湿地公园 全龄友好型公园 地区 重点地区 片区 重点片区 新区 水厂 再生水厂 自来水厂 污水处理厂 工厂
    电厂 厂区 广场 文化广场 绿地广场 中心村 贫困村 城中村 行政村 新村 特色小镇 小镇 城镇 家园 校园 乐园 精品大街
    江河 山河 护城河 立交桥 产业园 科技园 智慧园 新校区 科学城 大悦城 动物园 批发市场 大学 学院 中学 小学 高中
    职业高中 博物馆 纪念馆 美术馆 体育中心 交通枢纽 综合交通枢纽 航站楼 城市航站楼 马路 新路 公路 国道 商务区
    车辆段 街道 小巷胡同 运河 山庄 江湖 滨河 沿河 道路 电路 集成电路 线路 思路 出路 之路 断头路 次干路 支路
    主干路 快速路 铁路 城际铁路 一线 第一线 底线 红线 主线 热线 专线 战线 防线 沿线 上线 干线 全线 支线 在线 连线
    视线 界线 曲线 航线 管线 天际线 一米线 生产线 无线 有线 产业线 生态保护红线 端庄 联络线 机场 市场 大厦 基地
    副中心 城市副中心 中心区 服务区 北区 南区 东区 西区 冷库 首站 加氢站 水库 景区 度假区 开发区 集聚区 宾馆 酒店
    大酒店 大楼 步道 高速 高速公路 港 湾 快线 区域快线 城市快线 省道 船闸 遗址 纪念园 商贸城 场站 公交场站 火车站
    汽车站 高铁站 公交站 高速铁路 普速铁路 重载铁路 货运铁路 市域铁路 干线铁路 支线铁路 专用铁路 疏港铁路
    干渠 水渠 支渠 灌渠 引水渠 总干渠 主干渠 碳达峰 山峰 冰峰 山沟 水沟 排水沟 三峡 高架 隧道 新城 风景名胜区
    国家级风景名胜区 填埋场 综合填埋场 能源中心 可再生能源中心 铁路支线 复线 高速复线 公路港
    码头 公用码头 货运码头 航道 内河航道 体育馆 图书馆 科技馆 文化馆 展览馆 体育场 会展中心 中心城
    大学城 生态城 高铁 干道 主干道 快速干道 城市快速路 滑雪场 江滩 枢纽站 客运枢纽站 综合客运枢纽站
    人行天桥 天桥 过街天桥 小游园 公园广场 江 长江 大江 电站 水电站 光伏电站 抽水蓄能电站 枢纽 综合枢纽
    客运枢纽 综合客运枢纽 物流枢纽 互通 幼儿园 分校 附中 闸 水闸 节制闸 潭 河流 环线 城市环线
    旅游环线 大剧院 风貌区 传统风貌区 历史文化风貌区 巷 小巷 街巷 城际 港区 中心校 长城 延长线 立交 泵站
    断堵头路 老街 县 郡县 学校 故居 旧居 洞 大市场 风电场 发射场 牧场 过江通道 科创区 美丽家园
    瓶颈路 支路街巷 平房村 通城公路 跨江大桥 跨河大桥 过江大桥 高架桥 游园 民生游园
    卡脖路 支线机场 通用机场 旅游驿站 公园游园 化肥厂 自然村 进场路 高架站 宾馆酒店 景观桥 绿地公园 公交车站 水处理站
    公路桥 农贸大市场 星级民俗村 山体公园 山头公园 行彩桥 骑楼街区 机耕路 文保区
    样板街 跨河桥 互通式立交 科技城 站前广场 背街后巷 带状公园 滨水带状公园 中心花园 主题公园 四小园 安置区
    运输机场 渡改公路桥 环保监测站 监测站 垃圾压缩站 压缩站 示范村 人居环境示范村 口袋游园 辅路 无灯街 工业园
    飞地工业园 活动中心 职工活动中心 社区广场 养殖基地 大桥 蟒蛇养殖基地 规模化奶牛牧场 国家双创示范基地
    文化驿站 健身休闲广场 折返站 建制村 无证园 白酒基地
    母亲河 双回路 闲置厂 停靠站 公交停靠站 康复站 社区康复站 平原地区 山区 东部地区 西部地区 南部地区 北部地区
    中部地区
    东北地区 西北地区 西南地区 东南地区 二次供水泵站 供水环线 街路 亲子花园
    垃圾中转站 中转站 垃圾转运站 转运站 主次街路 丁字路 丁字路口 达标村 卫生村 庄河
    垃圾处理厂 生活垃圾处理厂 水泥路 高压线 低压线 渡改桥 夜市街区 农民商业广场 城市大道
    北方地区 南方地区 巡河路 人工湖 福利厂 首末站 公交首末站 扬水站 坑塘 街道里巷 更新区 有机更新区 县城
    漫水桥 人行过街天桥 换热站 普惠园 公益普惠园 领航学校 内外科大楼 人行景观桥 磁悬浮大桥
    边巡路 农田路 样板村 街心花园 急救站 主要街路 名人游园 一般建制镇 建制镇 文化中区 城关镇
    通村公路 社会公共停车场 公共停车场 天燃气厂 天然气厂 私立高中学校 老年大学 通信基站 古村 城边村 养老驿站
    县城污水处理厂 网红小镇 柏油路 东部 西部 南部 北部 中部 东部片区 西部片区 南部片区 北部片区 中部片区 雨水花园
    通村路 全州 景观公园 一湖十园 暗渠 输水暗渠 镇村 美丽镇村 内河 棚屋区 油路 主要路 幸福家园 幸福驿站
    客运专线 公铁立交桥 生态家园 林场 国有林场 集体林场 环城快速路 外环快速路 渔村 小渔村 绿地游园 后花园 铁路桥
    后街后巷 场镇 中心场镇 自然保护区 国家级自然保护区 内部断头路 互通式立交桥 高架快速路 风光带 带状游园 旧村
    便桥 人行便桥 旅游环线公路 风雨桥 圩镇 美丽圩镇 高楼大厦 中途站 特色游园 标准街路 中心幼儿园 高架路桥 柏油马路
    收费站 植物园 烂路 天然气站 马路市场 进城大道 末梢路 循环路 金融小镇 农场 国有农场 家庭农场 公园绿地 步行街
    环城绿道绿廊 小路 小村 风景线 旅游公路 扶贫公路 上下桥 石子土路 科教强区 行政办公大楼 污水处理站
    湿地 连心桥 跨线桥 数字化工厂 环境整洁村 公交车停靠站 交通枢纽站 通讯基站 闸站 文化健身广场 孵化基地 文创小镇
    创意设计园区 科技文创小镇 口岸商务区 文明示范路 大环线 小环线 弯路 水路 第一高楼 水乡 江南水乡
    采煤沉陷区 沉陷区 寒冷地区 先进镇 先进村 先进县 清洁家园 后街背巷 主线桥 匝道桥 南辅路 北辅路 东辅路
    西辅路 娱乐健身广场 中心小学 市民广场 小沟小渠 村野小桥 中小型水库 中国特色小镇 土家族乡 民族乡
    堤 河堤 江堤 湖堤 海堤 大堤 防洪堤 长江大堤 堤防 路堤 糟心路 小康路 致富路 连心路 民心路 北出口路 南出口路
    东出口路 西出口路 出口路 游步道 人才大厦 十字街 绿道系统 平安小镇 国家可持续发展议程创新示范区
    国道公路 生产路 停车站 教育科学院 连片特困地区 特困地区 镇区 传统村 中国传统村 东北片区 西北片区 东南片区
    西南片区 驾培园 小广场 街口小广场 斜拉索桥 平安镇区 带状水景公园 小庭院 艺术小庭院 林荫广场 游船码头 区管省道
    南药养生观光旅游区 半截路 津冀联动产业园区 音乐文化广场 跨赣江大桥
    公路水路 苗木园 硬化路 绕路 弹石路 老少边穷地区 重大疫情救治基地 卫生院 乡镇卫生院 中心卫生院 敬老院 养老院
    县道 乡道 溪河 街道卫生院 社区卫生院 水上乐园 观光水上乐园 小花园 古镇 四街 桥头广场 牡丹园 芍药园 绿岛 交通绿岛
    三角交通绿岛 招呼站 幸福美丽新村 街道镇 生态公园 中心小学附设幼儿园 新镇区 重要商圈 商圈 烂山村 幸福新村
    观景荷花池 通组路 景观大道 渠化岛 渡改人行桥 砂石路 砂石公路 资源公路 通油路 亲水步堤 共享公园 岭南水乡
    儿童乐园 主题乐园 环村路 黄土村路 蔬菜基地镇 晨曦摊区 鲜花隔离带 行政嘎查村 军民融合创新服务区 道路A线 道路B线
    街坊路 青石板路 自然村通路 前后广场 丘陵山区 文化公园 特色镇村 开闭站 盘山路 通乡公路
    上水泥路 田间路 产业路 旧住宅区 住宅区 北部山区 南部山区 东部山区 西部山区 通自然村 通组公路 化工厂 村社路
    特勤消防站 消防站 文艺小站 匝道收费站 枢纽互通 乡愁文化馆 环线高速 地方铁路 首都地区 悬崖路 茶园 市郊铁路
    传媒大学 通行政村 通行政村公路 商业步行街 生态停车场 镇中心小学 公厕 雕塑 保税物流中心 交投驿站 防洪闸
    大修街路 主干街路 达标街路 平房片区 养生片区 游客集散广场 精致盆景园
    跨线大桥 垃圾处理站 街旁游园 铁索桥
    卫星研发中心 文化体育场馆
    村道公路 欠发达地区 绿色家园 美好家园 民族地区 粮食产区 西片区 东片区 南片区 北片区 特色古镇 小巷里
    花岗岩 龙船坞 高客站 大土路 土路 森林果园 空心村 柏油大路 入城大道 体育公园 围村路 红叶石楠 大植物园
    客运招呼站 特长隧道 长隧道 中隧道 短隧道 大厦屋村 大型灌区 中型灌区 小型灌区
    标杆村 专业村 城郊村 零碳县 边远镇 气化站 秸秆气化站 经济区 门楼 大门门楼 东西大走廊 大走廊
    樱花主题口袋公园 课后学堂 发展路 希望路 面山 石质面山
    战备公路 国防战备公路 红色旅游公路 海绵公园 民族村 特色产业新村 四川特色产业新村 一江两岸 黄金跑道 钢坝闸
    金三角 园路 广场园路 回族镇 回族乡 民族镇
    互通立交桥 青少年专门学校 专门学校 红色文化景区 高尔夫球场 泥土路 精神病防治院 海湾 慈善工业园 栾树大道 系列广场
    四好公路 柑橘产业园 断节路 盘山公路 源网厂站 源网厂 运动员村 薄弱村 茅草路 苏木镇 通乡路 茶山
    泄洪闸 抗联遗址 天然水乡 草莓园 葡萄园 煤炭专用铁路 煤炭储运站 连户路 滨水绿道 城市绿道 滨河绿道 景观路
    """
    )
)
# Stems made only of these words are generic: 城市+滨水 (道路), 主干 (路).
GENERIC_STEM_WORDS: frozenset[str] = frozenset(
    _words(
        """
    各 本 全 新 老 该 此 其 大 小 重点 周边 城市 城区 沿线 相关 部分 其他 若干 现代 智慧 特色 生态 美丽 规划 保留 示范
    试点 试验 中心 专业 综合 主干 次干 市政 农村 城乡 滨水 滨河 园林 慢行 精品 各类 一批 多条 现有 主要 区域 区级 市级
    国家级 国家 省级 奥运 文化 历史 科技 产业 商业 创新 绿色 休闲 体育 健康 社区 街区 居民 群众 公共 配套 功能 全龄
    友好型 口袋 遗址 森林 郊野 湿地 城市级 大型 中型 小型 高标准 品牌 特色化 标准化 一体化 现代化 国际 国际化
    产业化 沿街 沿河 两侧 一带 周围 附近 门前 身边 老旧 棚户 轨道 交通 地铁 轻轨 高速 快速 主 次 支 干 斜 市 区
    智能 道 新城 东延 西延 南延 北延 延伸 延长 发动机 设备 装备 重大 公交 高铁 普速 货运 重载 城际 市域 干线 专用
    火车 汽车 客运 长途 县域 镇域 这条 那条 这座 那座 这个 那个 这些 那些 这里 那里 民生
    所有 人均 街级 镇级 村级 户籍 人口 城 定 抽水蓄能 实验性 示范性 富美 林草 林荫
    宜居 风情 小镇 重 强 名 口子 边界 际 商贸 工业 旅游 总公司
    垃圾分类 百姓 山体 山头 常年 全国 星级 五星级 四星级 三星级 餐饮 污染 控制 扬尘 燃煤 无燃煤 重要 核电
    消费 运动 废品 回收 时尚 会议 会展 全域 购物 水处理 街巷 干支流 支流 循环经济 活力
    检查 最具 消费潜力 潜力 大尺度 农业 进京 每个 每条 每座 淳朴 集镇 环湾 百强
    最美 首都文明 文明 帮扶 一贯制 绕城 支路 民宿集中 民宿 优质城市 优质
    数字 重点棚户 水闸 茶 质量 安全 出口 产教 职业 教育 引种
    大中小微型 大中小微 小微型 小微 微型 微 微循环 道路 世界级 放射性 优美 排水 雨水 污水 泵
    物流 航空 水运 门户 区域性 全国性 综合交通 普惠 普惠性 公办 民办 公立 乡镇 新建 光伏 水电
    文旅 互通式 跨河 带状 主题 安置 飞地 职工 活动 庭院 居民庭院 辅 西侧 东侧 南侧 北侧 无灯 人居环境 养殖 规模化
    火车站前 高铁站前 汽车站前 车站前
    健身 新型 肥料 白酒 建材 焦化 折返 建制 无证
    商务 农用 供水 二次供水 平原 夜间 其它 桥闸 亲子 高级 达标 卫生 主次 水泥 农民 六车道 四车道 双向
    东段 西段 南段 北段 中段 步行 巡河 福利 人工 职教 垃圾 准星级 康养 观光 地质 食品 放心 人行 磁悬浮 公益
    边陲 压缩式 一般 转运 私立 疗休养 干鲜果 京西 岭南 网红 县城 三大 两大 四大 五大 古村 中转
    氢能 储能 服装 贸易 民族风情 专项 非专项 焚烧 发电 生活 城镇 硬化 柏油 公铁 全线 行政村 通村 大美 油
    卡口 字形 过境 集体 县 国有 观光车 绿地 慢跑 门诊 住院 全疆 袖珍 综合性 后街 样板 余下 一半 其一半 合适 防潮
    排涝 高架 专类 各条 工矿 内部 堤顶 两岸 园区 景观 斜拉 钢箱梁 旧 鞋 水产 自动化 模式 底线 节点 沥青 便民 侧式
    地面 精准扶贫 扶贫 便捷 水系 污水管 管 取水 标准 普通 油面 典型 单喇叭 喇叭 收费 环形 婴幼儿 成长 城中 二次
    加压 这所 前期 烂 国省 天然气 马路 进城 居住 胡萝卜 种植 养老 末梢 循环 地下 交警 宿舍 政法
    法庭 连村 大都市 自主创新 空间 泥巴 石子 深沟 首条 车行 农产品 民心 灯光 风景 花卉 花漾 赶考
    办公 村组 亿元 厚德 净水 庆典 整个 科普 防灾 避险 独塔 双索面 破旧 废弃 供热 增压 游园 排污 街景 植物
    六大 七大 八大 九大 十大 板块 高品位 品位 均衡 闸 创意 设计 孵化 双创 停靠
    通讯 大中型 寒冷 高纬度 采煤 沉陷 娱乐 冶金 钢铁 联网 中小型 转移 景点 边境 明星 休闲游 自来水 县级 碧波 市民
    家庭 液化石油气 储配 多个 林下 绿荫式 精致 病险 游河 街口 外江 半室内 污水处理 带形 音乐 南水北调
    规模 客货 运输 破损 家门口 这段 哪个 古韵 多功能 附设 典范 行道树 补植 更新
    压缩 水库移民 中途 养羊 官方 较少 较少民族 贫困 外联 伏季 村内 泥结石 配建 连心
    舒心 致富 小康 闭塞 宜业 整条 有色金属 金属 加工 魅力 商用 煤电 山间 少数民族 山区
    各种 类型 沿途 亲水 蔬果 业态 山地 度假 体验 农家 酿造 高端 制造 亮点 不停车 直属 牧业 基地
    一事一议 财政奖补 奖补 收集 建筑风貌 涉农 低洼 类型自然 浆砌 户外 唯一 文体 漫步 新民居 零售 产销 当地 较大 进组
    地方管 连片 要道 共享 动脉 铝业 宣传 骨干 黔北 农耕 采摘 药源 养猪 颐养 中医药
    综合体 行政办公 各项 二进二出 文化风貌 碎石 不规则 茶叶 湖心 景观亭 接地 游客集散 精致盆景
    肉鸡 生猪 秸秆 标杆 零碳 清洁 大数据
    """
    )
)
# Suffixes that also end common words (市场化, 区域, 全区) or generic kinds
# (资本市场, 示范基地, 核心区). A name with one needs a clear right edge and,
# once the words below are taken off the end of its stem, a proper part left.
_CAREFUL: dict[str, frozenset[str]] = {
    "市场": frozenset(
        _words(
            """
    服装 批发 农贸 菜 早 夜 花鸟 农产品 二手车 建材 家具 小商品 商品 资本 人才 劳动力 劳务 就业 消费 房地产 住房 要素
    金融 技术 产权 数据 土地 国内 国际 海外 境内 境外 城乡 统一 全国 多层次 证券 债券 期货 保险 碳 排放权 电力 用能权
    便民 交易 商品交易 水权 文化 旅游 体育 农村 城市 下沉 线上 线下 大 集贸
    新兴 传统 终端 区域 外部 内部 有效 有为 开放 公平 竞争 规范 成熟
    活跃 完善 多元 健全 高效 透明 超大规模 国内外 宠物 花卉 有形 隐患 果品
    """
        )
    ),
    "基地": frozenset(
        _words(
            """
    示范 融合 教育 实践 培训 孵化 研发 生产 种植 养殖 蔬菜 露地 设施 农业 实训 创新 创业 转化 制造 物流 服务 发展
    展示 体验 研学 交流 合作 战略 保障 储备 供应 加工 科普 爱国主义 红色 写生 拍摄 影视 训练 见习 人才 科研 试验 实验
    繁育 良种 种苗 育种 果品 产业 化 先进 高端 国家 国家级 市级 区级 省级 文化 科技 万亩 千亩 百亩 绿色 有机 标准化
    安置 动迁 拆迁 搬迁 回迁 货柜 仓储 农产品 中草药 新型 建材 传统文化 常年 储存 食盐 冷链 运输 骨干 中国 海钓
    生猪 禽蛋 副食品 调控 肉牛 奶牛 肉羊 粮油 优质 茶叶 茶 西瓜 瓜果 水果 雷竹 竹 竹笋 食用菌 中药材 药材 花卉
    露营 李子 油菜花 塑料 针织 鞋革 服装 苗木 烟叶 烤烟 水稻 粮食 油菜 蓝莓 草莓 葡萄 柑橘 脐橙 猕猴桃 牲猪 肉鸡 蛋鸡
    水产 林果 核桃 板栗 蚕桑 反季节 大棚 能源 重化工 化工 煤 无烟煤 煤炭 研行 种养 稻虾 稻蛙 稻鱼
    花椒 新材料 材料
    """
        )
    ),
    "景区": frozenset(_words("A级 3A级 4A级 5A级 国家 国家级 旅游 风景 重点 精品 核心 主要 全域 热门")),
    "度假区": frozenset(_words("旅游 国际 国家级 国家 省级 休闲 生态 温泉 滨海 森林 康养 高品质")),
    "开发区": frozenset(_words("经济 技术 经济技术 高新 高新技术 产业 工业 国家级 省级 国家 重点 综合")),
    "集聚区": frozenset(
        _words(
            """
    国家级 国家 旅游 产业 消费 重点 商业 服务业 现代 功能 特色 总部 企业 高端 创新 科技 文化 金融 人才 要素 商务
    现代服务业 工艺美术 美术 工艺 高品质 品质 夜间 文旅 长城
    """
        )
    ),
    "港": frozenset(
        _words(
            """
    国际 人才 数字 贸易 信息 智慧 科技 空 陆 海 河 内陆 无水 自贸 自由贸易 物流 航空 商贸 保税 枢纽 创新 金融 文化
    国际人才 深水 内河 渔 军 商 避风 香 母 出 入 进 离 抵 集装箱
    """
        )
    ),
    "湾": frozenset(_words("海 港 河 大 小 内 港湾 海湾 生态 科技 创新 活力 魅力 幸福")),
    "山": frozenset(_words("青 金 银 江 高 大 小 深 荒 矿 爬 登 上 下 名 靠 山 假 火 冰 泰 见 金山银 裸露 荒山 看得")),
    "园区": frozenset(
        _words(
            """
    工业 产业 科技 物流 农业 示范 高新 高新技术 经济 开发 创业 创新 孵化 生态 现代 特色 软件 文化 智慧 总部 电商
    电子商务 化工 循环 循环经济 加工 出口 出口加工 综合 保税 临港 航空 食品 医药 生物 装备 制造 新材料 能源 农产品
    重点 专业 专业化 省级 国家级 市级 区级 县级 主导 各类 相关 全 该 本 新 老 这些 小微 双创 众创 创客 港口 商贸
    园区 科创 数字 健康 康养 旅游 文旅 体育 教育 研发 总部经济 高端 精品 一批 多个 城市 田园 乡村 扶贫 产城 都市
    品质 高品质 核心 广告 美丽 高原 现代化 观光 展示 转移 产业转移 农林 联动
    """
        )
    ),
    "幼儿园": frozenset(
        _words(
            """
    公办 民办 普惠 普惠性 中心 配套 乡镇 村级 小区 新建 改扩建 扩建 示范 一级 省级 市级 区级 县级 优质 标准化 农村
    乡村 城区 社区 街道 镇 乡 村 片区 各类 一批 多所 所 部分 公立 私立 实验 附属 第一 第二 第三 第四 第五 机关 企业
    双语 寄宿制 托幼 婴幼儿 小型 大型 新 老 该 本 区 市 县 城市 城镇 公益性 非营利性 营利性 无证 新增 现有 原 地块
    配建
    """
        )
    ),
    "医院": frozenset(
        _words(
            """
    人民 中医 中西医 中西医结合 妇幼 妇女儿童 儿童 妇产 口腔 眼科 精神 精神病 传染病 专科 综合 三甲 二甲 三级 二级
    一级 甲等 乙等 公立 民营 私立 社区 乡镇 村级 县级 市级 区级 省级 中心 第一 第二 第三 第四 第五 人民医 附属 教学
    定点 发热 方舱 互联网 康复 肿瘤 骨科 老年 护理 新 老 该 本 区 市 县 城市 城区 分 各级 各类 一批 多家 家 所 新建
    改扩建 医疗 大型 小型 基层 远程 智慧 数字 中 西 蒙 藏 维 民族 科 眼耳鼻喉科 地段
    """
        )
    ),
    "寨": frozenset(_words("山 村 苗 侗 瑶 彝 古 水 营 土 羌 藏 傣 壮 石 边 大 安 寨 千户 万户 民族 特色 传统")),
    "溪": frozenset(_words("小 山 清 一条 条 溪 大 长 小河 河 沟 流")),
    "岛": frozenset(
        _words(
            """
    半 海 小 孤 全 环 本 宝 列 群 诸 绿 生态 湿地 人工 江心 湖心 河心 旅游 国际旅游 美丽 离 上 登 出 入 回 中心 热
    导流 示范 低空 经济 应用 梦幻
    """
        )
    ),
    "枢纽": frozenset(
        _words(
            "换乘 高铁 公交 交通 综合 客运 物流 货运 航空 铁路 水运 能源 信息 门户 国际 区域 全国性 综合交通 重要 航电"
            " 东部 西部 南部 北部 中部"
        )
    ),
    "街区": frozenset(
        _words(
            """
    老 历史 文化 特色 商业 步行 传统 示范 精品 智慧 历史文化 美丽 活力 创新 科技 休闲 完整 夜间 经济 科创 规模 夜市
    街道
    """
        )
    ),
    "学校": frozenset(
        _words(
            """
    实验 中心 完全 九年一贯制 寄宿制 特殊教育 民办 公办 职业 配套 新建 示范 重点 优质 附属 农村 乡村 各类 薄弱
    义务教育
    管理 标准化 基础教育
    """
        )
    ),
    "洞": frozenset(_words("山 溶 防空 漏 黑 空 窟窿 涵 桥 隧 猫耳 鼠")),
    "牧场": frozenset(_words("高山 草原 生态 智慧 现代 规模化 标准化 家庭 示范")),
    "码头": frozenset(
        _words("原油 货运 客运 集装箱 散货 公用 专用 千吨级 万吨级 旅游 游船 渡口 综合 货主 公共 液化烃 粮油 游艇")
    ),
    "风貌区": frozenset(_words("传统 历史 文化 老街 特色 街区 城市")),
    "里": frozenset(
        _words(
            """
    胡同 院子 村子 屋子 园子 城 乡 故 邻 千 万 百 十 公 公园 记忆 心 梦 眼 脑海 家 夜 心坎 骨子 手 时间
    日 春日 夏日 秋日 冬日
    """
        )
    ),
    "弄": frozenset(_words("小 里 老 深 古 弄 捉 愚 玩 戏 摆 卖 嘲 作 拨 搬 调 逗 侍 搞 要 别 不 没 难 易 能 会")),
    "巷": frozenset(_words("小 街 背街 老 深 古 里弄 胡同")),
    "城际": frozenset(_words("市域 区域 省际 都市圈 城市群 轨道 铁路 高速")),
    "干线": frozenset(_words("国省 国道 省道 主 交通 公路 铁路 运输 物流 输水 供水 燃气 电力 普通 经济 主要")),
    "长城": frozenset(_words("万里 明 古")),
    "江": frozenset(_words("长 大 沿 滨 过 跨 越 临 两 一 浙 入 出 九 三 大江 大河 江")),
    "步道": frozenset(
        _words("""
    悬空 慢行 健身 登山 滨河 滨水 骑行 休闲 游憩 森林 绿色 生态 城市 亲水 徒步 健康 环湖 山顶 山城 观景台 进寨 进村 入村
    """)
    ),
    "绿道": frozenset(
        _words("""
    慢行 健身 登山 滨河 滨水 骑行 休闲 游憩 森林 绿色 生态 城市 亲水 徒步 健康 环湖 环城 区域 省级 市级 县级 社区 乡村
    景观 滨江 沿河 沿江 滨湖 公园 郊野 碧道 一条 条 精品 特色 示范 主题 山地 田园 通勤 带状 环山 山顶
    """)
    ),
    "服务中心": frozenset(
        _words("""
    卫生 社区 社区卫生 公共 政务 便民 党群 综合 游客 旅游 就业 养老 医养 残疾人 志愿 志愿者 企业 人才 物流 法律 公共法律
    文化 体育 科技 创业 创新 金融 产业 农业 农技 商务 贸易 会议 数据 信息 服务 运营 管理 应急 交通
    新时代文明实践 文明实践
    一站式 区域 镇 乡 村 街道 县 市 区 镇级 乡级 村级 县级 市级 区级 基层 农村 乡镇 各类 一批 个 家 所 级 多元 邻里 殡仪
    为民 精神 精神卫生 老干部 老年 妇女 儿童 青少年 职工 居家 家政 心理 健康
    """)
    ),
    "卫生中心": frozenset(_words("社区 公共 乡镇 农村 基层 区域 镇 乡 街道")),
    "文化中心": frozenset(_words("市 县 区 镇 乡 社区 村 区域 城市 公共 综合 群众 青少年 老年 乡镇 街道 一批 个 国际")),
    "活动中心": frozenset(
        _words(
            "文化 体育 文体 老年 青少年 社区 群众 村民 党员 妇女 儿童 职工 健身 综合 公共 个 一批 精神文明 老干部 干部"
        )
    ),
    "购物中心": frozenset(_words("大型 综合 城市 社区 区域 商业 一批 个 家 座")),
    "商业中心": frozenset(
        _words("城市 区域 综合 社区 大型 新 新兴 中心 县城 城区 镇区 现代 一批 个 商贸 第二 第一 西部 东部 南部 北部")
    ),
    "职教中心": frozenset(_words("县 市 区 县级 市级 区域")),
    "高速": frozenset(_words("城际 轨道 快速 经济 发展 增长 运转 运行 保持 新线")),
    "高铁": frozenset(_words("城际 普速 时速 乘坐 开通 通达 坐 乘 搭乘 城市 沿线 联通")),
    "中心城": frozenset(_words("区域 城市 市 县 综合 国际 现代化 副 新")),
    "峰": frozenset(_words("达 碳达 高 顶 山 登 巅 洪 尖 双 冲 攀 主 险 奇 群 孤 冰 雪 云 驼 波 晚高 早高")),
    "谷": frozenset(_words("低 山 峡 河 硅 深 幽 光 数 波 溪 空 稻 五 幽深 数字 智慧 电 药 康养")),
    "峡谷": frozenset(_words("大 深 幽 河 山 高山 一条 条 幽深 峡 岩溶 喀斯特 地缝 干热河 干热 峡谷 绝美 壮美 美丽")),
    "峡": frozenset(_words("海 三 山 大 长江三 台湾 琼州 地")),
    "沟": frozenset(_words("山 水 排水 河 鸿 代 深 边 田 冲 壕 泥 荒 小 大")),
    "服务区": frozenset(_words("综合 配套 公共 高速 高速公路 公路 生活 便民 政务 商务 产业")),
    "隧道": frozenset(_words("过江 越江 穿山 公路 铁路 地下 城市 海底 下穿 山岭 盾构 人行 车行 过街 综合 管廊")),
    "高架": frozenset(_words("城市 快速 铁路 轨道 道路 桥梁 地面 快速路")),
    "新城": frozenset(
        _words("现代化 现代 生态 智慧 科技 产业 国际 滨江 滨水 滨海 宜居 未来 卫星 一座 特色 产城融合 品质 美丽 田园")
    ),
    "支线": frozenset(_words("铁路 公交 航空 公路 管网 管道 城际 高速 轨道 地铁 专用 货运 客运 旅游")),
    # A district named by its stem alone: 石景山区, 顺义区, not 核心区, 起步区, 城区.
    "区": frozenset(
        _words(
            """
    港务 核心 起步 示范 功能 集聚 拓展 启动 涵养 先行 试验 禁放 办公
    旅游 文旅 临空 经开 高新 开发 保护 建设 城 园 社 小 旧城
    景 辖 全 我 本 分 街 厂 校 院 老城 主城 中心城 山 矿 库 营 展 会 生活 居住 商业 商务 工业 产业 农业 物流 科技
    创新 先导 承载 协作 合作 集中 保税 自贸 贸易 综合 重点 中心 生态 风景 名胜 灾 疫 封控 管控 防范 禁止 限制 限建
    禁建 适建 优化 调整 飞地 毗邻 周边 城镇 乡村 社区 片 园林 试点 示范性 自治 特别 行政 边境 贫困 革命 老 苏
    强 美 富 优 兴 活 旧屋 信用 更新 创业 幸福 海绵 住 立 老镇
    """
        )
    ),
}
# A named community (樊河社区, 德才里社区), not a kind of one (老旧社区, 完整社区, 未来社区).
_CAREFUL["社区"] = frozenset(
    _words(
        """
    老旧 新型 农村 完整 新建 超大型 大型 智慧 现代 未来 引领型 特色 居民 绿美 大 农民 新 城镇 城市 绿色 消费 产业
    生活 美学 新城镇 品质 宜居 重点 村改 全龄 友好 涉农 花园 示范 和谐 文明 平安 幸福 美丽 安置 拆迁 回迁 保障
    整治 老 该 本 各 全 我 每个 所有 一批 多个 试点 国际化 国际 数字 无疫 无毒 绿色 低碳 健康 养老 学习型 服务型
    矫正 卫生 服务 村 镇 街道 城市社区 商业 居住 封闭 开放式 混合 人才 创新 创业 冬奥 体育 文化 书香 节约型
    高颜值 复合型 省级 市级 区级 国家级
    """
    )
)
_CAREFUL["县"] = _CAREFUL["区"]
# A district name has a two- or three-character stem (顺义区, 石景山区).
_DISTRICT_STEM = (2, 3)
_DISTRICT_SUFFIXES = ("区", "县")  # named alike: 顺义区, 监利县
# Characters after 区 that make it a word, not a name's end: 区域, 区级, 区属.
_NOT_AFTER_DISTRICT = "域级属内外委县"
# Last characters of a stem that make 区 a kind of area: 小区, 社区, 景区, 辖区.
_NOT_DISTRICT_LAST = "小社园景校厂街辖矿库营展灾疫林牧郊老苏特禁院片之"
# Single characters that may follow a name's end (besides a stop word): 顺义区|将.
_END_CHARS = "等和与及、的将在是已要为也都至"
# Careful suffixes that need no clear right edge: 嘉闵高架|南北延伸, 盐盆山隧道|及接线.
_NO_RIGHT_EDGE = ("服务区", "高架", "隧道")
_ZONES = ("北区", "南区", "东区", "西区")
# Ends of a name that a stem may run on past: 幸福渠|交通北路, 周漯平高速|漯河段,
# 新港高速|双柳长江大桥. A bridge is often named by its road (白云山路沙河桥), so
# only a highway or railway ends its stem. After the weaker ends the rest must be
# two characters or more, or it is the name's own part: 干渠|南路, 永引渠|南路.
_GLUE_ENDS = ("高速", "高铁", "铁路", "渠", "路", "大道", "大街", "遗址", "国道", "省道", "站", "村", "环线")
_ROAD_CODES = ("国道", "省道")  # 242国道|忠堡绕镇公路: the number before is the road's own
_BRIDGE_GLUE_ENDS = ("高速", "高铁", "铁路", "线")
_STRONG_GLUE_ENDS = ("高速", "高铁", "铁路", "遗址", "国道", "省道", "线")
# A highway's name may be followed by its segment or exit: 包茂高速茂名段, 沈海高速鳌头出口.
_HIGHWAY_PART = re.compile(r"[\u3400-\u9fff]{0,6}?(?:段|出口|互通|桥)")
# What follows 高速 when it is an adverb, not a highway: 经济高速|发展.
_HIGHWAY_NOT_BEFORE = tuple(_words("发展 增长 运行 运转 推进 前进 行驶 成长 扩张 崛起 公路 铁路 路 化"))

# Leading verbs and function words cut from a stem: 推进地铁 -> 地铁.
STOP_WORDS: tuple[str, ...] = tuple(
    _words(
        """
    推进 推动 加快 建设 完成 实施 统筹 持续 优化 打造 完善 启动 开展 做好 加强 强化 支持 服务 围绕 落实 提升 改造
    整治 腾退 以及 包括 重点 新增 全面 积极 大力 着力 深入 继续 进一步 规划 沿线 周边 开工 建成 开通 打通 新建 续建
    谋划 聚焦 依托 贯通 巩固 深化 确保 安装 升压 运营 开放 保障 结合 引进 疏解 统筹推进 促进 培育 发展 连接 分流
    形成 实现 编制 同步 全力 高标准 高水平 一批 加大 挖掘 对接 融入 带动 推广 举办 依靠 利用 恢复 保护 治理 修复
    提质 扩建 改扩建 新改建 改建 筹办 承办 落地 配合 协调 用好 抓好 稳妥 有序 率先 研究 探索 出台 制定 召开
    激发 招聘 建立 健全 构建 增强 扩大 提高 降低 减少 增加 改善 美化 绿化 亮化 整合 盘活 拓展 拓宽 疏挖 助力 面向
    立足 聚力 着眼 坚持 发挥 守护 营造 引导 鼓励 吸引 集聚 聚集 承接 建好 管好 办好 深耕 布局 开发 建造 兴建 修建
    铺设 接入 串联 联通 连通 畅通 疏通 开辟 完工 竣工 交付 投用 投运 运行 启用 通车 试运营 升级 关停 搬迁 迁建
    力促 力争 引领 做强 做优 做大 做实 做精 做美 改革 入驻 进驻 落户 打赢 跻身 设立 规范 是指 位于 地处 抵达 前往
    来到 途经 交界 上跨 下穿 守护好 保护好 提供 首座 首个 首家 新一轮 仓储 主干道 最高楼 东片 西片 南片 北片 中片 暨
    全区 全市 我区 本区 辖区 区内 市内 区属 市属 以 和 与 及 或 等 的 在 对 为 把 从 向 至 到 了 是 由 同 跟 并 且 即
    谋建 筹建 拟建 在建 待建 开建 拼宽 加宽 扩宽 新开 提档 其中 之间 通过 经过 其余 此外 另外 同时 并且 而且 还有
    已经 激活 呼应 去 据 穿越 获评 争创 攻坚 一睹 绕行 出行 每次 随意
    将 将建 直达 全省 按照 要做 认真 总结 清除 全部 拆除 清退 推行 搞好 擦亮 南起 北起 东起
    西起 今年 明年 去年 当年 全年 维修 新设 关注 注重 亮出 丰富 而使 还将 撤村 撤 使
    街级 镇级 村级 流域 做特 争取 抓紧 突出 加紧 力推 谋求 筹划 另
    建强 共建 开办 直航 大众网 人民网 新华网 中新网 央广网 央视网 光明网 中国网 新浪网 凤凰网
    但 只有 需要 拉通 紧盯 去往 往 又称 设置 目前 而
    年内 年底 年初 程度上 除 做 做成 和谐 链接 直通 有 东南角 西南角 东北角 西北角 其它 法治 明确
    项目 着 到达 修编 方便 调整 靓丽 我国 对于 施划 提速 重新 如今 新修 让 学期 以后 历史上 止于 起于 亮相 选取
    著 就连 大大 敦促 享誉 报道 下一步 距离 节前 国庆节前 春节前 跨越 我市 我县 本市 本县 全县 表明 助推 该
    背街巷道 之后 衔接 动建 用于 终点 起点 协同 途径 不仅 无论 再走 走 随着 局 清淤 完建 开挖 我代表 过 切实 横跨
    走进 被 此 媲美 直销
    此次 原定 选址 选址于 驱车 游览 我们 覆盖 穿凿 修好 抓牢 开创 直奔 共赴 驾车 外围
    拥有 力保 家住 纵贯
    东拓 西拓 南拓 北拓 东展 西展 南展 北展 东连 西连 南连 北连 东接 西接 南接 北接 东临 西临 南临 北临
    东邻 西邻 南邻 北邻 东靠 西靠 南靠 北靠 东望 西望 南望 北望
    东濒 西濒 南濒 北濒 濒临 起点于 终点于 始于 分成 划分成 基本 实地 部署 评定 贯穿 开始 最高点 制高点 州府 北上
    南下 共产党 好 东延伸 西延伸 南延伸 北延伸 现状 一切 创成 首批
    修通 纳入 汇报 毗邻 望得见 征收 清理 环绕 力求保持 形象定位 定位 还沿
    重建 饱览 聘请 运用 焕新 铺筑 亲近 还原 随著 元旦 没建 迈入 整个 含 入
    终于 施工 众多 境内 委托 加之 改成 县辖 市辖 区辖 彰显 驻地 浇筑 一览 远眺 进入 验收 国家级 像
    经 没有 准备 摸清 挂牌 限于 谈起 首期 缩短 选准 修补 标志性建筑 地标性建筑 支流
    涵盖 还要 整修 先后 灾后 通畅 赶赴 调研 视察 考察 指导 肯定 架设 凸显 扮靓 这次 申报 沿着 这条 一段 此段
    这一段 该段 紧临 紧邻 了解 年前 还需 堆土 最大 制约 村委 采用 这段 颠覆 一定 彻底 延绵 迈步 扭转
    鸟瞰 这些 按 告别 不通 上述 相传 讲好 下线 仅有 分管 铺装 一派 母亲河 一名 主要有
    串起 近临 东枕 西枕 南枕 北枕 东依 西依 南依 北依 东傍 西傍 南傍 北傍 您 赴 继 塑造 靠近 临近
    东距 西距 南距 北距 原本 正对 东隔 西隔 南隔 北隔 东北隔 西北隔 东南隔 西南隔 年底前 月底前 东跨 西跨 南跨 北跨
    """
    )
)
# Verbs cut only at a stem's start: in a stem's middle they may be its own part
# (建设工业北路延伸|线). 延伸四环路 -> 四环路, 下调高速公路 -> 高速公路. More
# common verbs are in geo/data/lead_verbs.txt, cut only where some of the stem remains (解放路 stays).
_LEAD_VERBS = ("延伸", "下调", "上调", "东延", "南延", "北延", "工程")  # (西延高速 is 西安–延安; 工程|南王站)
_ALONG_NAMES = "江河海湖山街线溪滨岸"
# What a body's name ends with: the tagger's 人社局, 公安分局 are offices, not sites.
_OFFICE_ENDS = ("局", "委", "办", "厅", "署", "网")  # (and a news site: 温州网)
ORG_WORDS: tuple[str, ...] = (
    "公司", "集团", "企业", "机构", "政府", "委员会", "管委会", "部门", "学校", "医院", "银行", "协会", "总部", "大会",
)  # fmt: skip
# Characters that end an administrative name: a stem does not run through them
# (平房乡|朝平公园, 首钢北区|次干路).
ADMIN_ENDS = "乡镇区市县省"
# An admin character that starts a common word does not end a name: 市政|道路.
# A 区 that ends a zone inside a name, not an admin name: 乐清湾港区|铁路支线.
_NAMED_ZONES = ("港区",)
_ADMIN_WORDS = frozenset(
    _words("市政 市场 市民 市区 市级 市属 区域 区级 区属 区县 镇域 乡域 县域 县级 省级 市府 县府 区府 省府 市郊")
)
# Endings that never close a proper name, however long: 家乐福商圈道路.
_BAD_ENDS = ("道路", "线路", "电路", "思路")
MAX_STEM = 10
# The tagger reads reports up to this many characters (a long work report is ~100k,
# tagged in ~0.7 s); a longer input gets the rules alone, which stay fast at any size.
MAX_TAGGED = 300_000
# An area's walk goes this far past MAX_STEM to find the verb before a long
# stem: 推进|新首钢高端产业综合 (9) + 服务区. Other long stems are compounds
# (建成|子午大道长安二小天 + 桥), so their walk stops at MAX_STEM.
_VERB_REACH = 2
MIN_STEM = 2

# Nouns that, closing a 、-list, say its items are places: 福缘门、挂甲屯等地区.
LIST_HEADS: tuple[tuple[str, str], ...] = (
    ("重点消费集聚区", "area"), ("消费集聚区", "area"), ("商业综合体", "mall"), ("综合体", "mall"), ("商圈", "mall"),
    ("重要节点", "area"), ("节点", "area"), ("重点片区", "area"), ("片区", "area"), ("重点地区", "area"),
    ("地区", "area"),
    ("区域", "area"), ("街区", "area"), ("社区", "area"), ("小区", "area"), ("园区", "park"), ("街道", "town"),
    ("乡镇", "town"), ("村", "village"), ("公园", "park"), ("地块", "area"), ("高铁", "rail"), ("铁路", "rail"),
    ("高速公路", "road"), ("高速", "road"), ("机场", "station"), ("码头", "station"), ("水库", "river"), ("镇", "town"),
    ("水电站", "facility"), ("棚户区", "area"), ("乡", "town"),
)  # fmt: skip
_LIST_HEAD = re.compile(
    r"(?:等(?:[0-9]{1,4}|[一二三四五六七八九十两]{1,3})?|(?:[0-9]{1,4}|[一二三四五六七八九十两]{1,3}))"
    r"[个处条座家大]?(?:重点|重要|核心|周边|主要|世界级|大型|特大型|中心|城中|示范|棚户|(?:自然|行政)(?=村))?"
    "(" + "|".join(h for h, _ in LIST_HEADS) + ")"
)
_LIST_KIND = dict(LIST_HEADS)
_COUNT_HEAD = re.compile("等?[0-9一二三四五六七八九十两]")
_ITEM_TAILS = ("沿线", "周边", "一带", "附近", "两侧", "东侧", "西侧", "南侧", "北侧")
MAX_ITEMS = 30
_BARRIER = set(",。;:!?()[]\"'<>,。;:!?()【】《》“”‘’\n\t -/~·…")
_MEASURES = "个条座处项家所户套栋辆亩"
# A number and its measure word or unit ends a stem: 88条|背街小巷, 110千伏|变电站.
_UNITS = (
    "亿元|万元|元|个|条|座|处|项|家|所|户|套|栋|辆|亩|期|平方米|平方公里|公里|千米|千伏|公顷|万|亿|米|余|吨级|吨"
    "|万千瓦|千瓦|级|年代|年|月|日|大|块|届|件|段|立方米|立方|标段"
)
# (A lone 百, 千 or 万 counts only before a unit that names do not start with: 千吨级, but 千家|寨, 万家|丽.)
_COUNTED = re.compile(
    rf"(?:[0-9一二三四五六七八九十两几数][0-9一二三四五六七八九十百千万两几]*|[百千万](?=[亩米个座条处项户年]|吨级))(?:{_UNITS})"
)
_AFTER_NUMBER = re.compile(rf"(?:{_UNITS})")
_DIGIT_COUNT = re.compile(rf"[0-9]+(?:{_UNITS})")  # 5家|…, not 万家丽
# Names listing many kinds of place are slogans: “馆桥城园岛河”.
_SLOGAN_CHARS = frozenset("路街桥园河湖村镇乡山城岛站线厂寺庄馆")
# What a slogan counts between its numerals: 一中心四片区, 五横六纵, 一轴两带, 三分之一.
_SLOGAN_PARTS = frozenset("中心横纵轴带核翼极圈网廊片区轨地城分之路桥业院镇头部基高速港街巷室场站河湖村洞")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两零〇]+")


# Two-character stems of 线 that make a common word, not a line's name: 生产线, 风景线.
_LINE_WORDS = frozenset(
    _words(
        """
    生产 风景 生命 警戒 高压 起跑 地平 海岸 交通 运输 黄金 精品 示范 旅游 公交 天际 产业 航空 经济 中轴 主轴
    发展 服务 专用 骨干 流水 装配 贫困 温饱 控制 分界 中心 中央 等高 基准 水平 斑马 导向 双黄 单黄 实线 虚线
    前沿 一线 二线 三线 基层 第一 最前 保护 蓝线 绿线 黄线 紫线 停止 引导 景观 旅游 游览 观光 精华 精品 环湖
    环城 滨江 滨河 沿江 沿海 沿湖 沿山 沿边 边境 国境 海岸 岸 长江 黄河 运河 主干 次干 快速 高速 城际 市域
    轨道 地铁 公交 铁路 公路 高铁 动车 普速 电力 通信 光纤 光缆 输电 输油 输气 管道 供水 排水 燃气 热力
    连成 串成 连接
    """
    )
)
# Last characters of such a stem that make it a kind of line: 专|线, 干|线, 支|线.
_LINE_LAST = "专干支主底红热防战视界曲航管射光直弧折连在上下全沿无有本两单双多一轴"

_HARD, _SOFT = 1, 2
# Words before a person's name in a news copy's byline.
_BYLINES = ("记者", "通讯员", "作者", "编辑", "摄影", "中新社", "新华社")


_BYLINE_BEFORE = re.compile(rf"(?:{'|'.join(_BYLINES)})(?:\s+[\u3400-\u9fff]{{2,4}})*\s*$")


def _after_byline(norm: str, lo: int, s: int) -> bool:
    """True if ``s`` follows a byline's word and the names before it: 通讯员 李淑媚 彭达县 摄."""
    return _BYLINE_BEFORE.search(norm, max(lo, s - 24), s) is not None


# A title before a name makes it a person's: 书记|张家桥.
_TITLES = ("市长", "区长", "县长", "镇长", "乡长", "省长", "书记", "主任", "局长", "主席", "领导")
# Characters that end words (服务业, 港湾式, 现代化) and so never start a name: 业|示范区, 式|公交站.
_NOT_FIRST = "业式性型们者个座条级"
# What makes a place-like name a programme's: "大宿城"战略, 清河行动.
# Provinces whose name starts with a place suffix (京珠高速湖|南段 is the road's Hunan stretch).
_SUFFIX_PROVINCES = frozenset(_words("湖南 湖北 河南 河北 江西 江苏 山东 山西"))


def _into_province(norm: str, s: int, e: int) -> bool:
    """True if the name ending at ``e`` is a province's first character after a road or a verb of motion
    (京珠高速湖|南段, 东进湖|南), or the province's own (中共河|南省委); but 美舍河|南段 is the river's."""
    stem = norm[s : e - 1]
    road = any(stem.endswith(x) and _KIND[x] in ("road", "rail") for x in _KIND)
    return norm.startswith("省", e + 1) or road or stem[-1:] in "进经往至到入出周"


_NOT_A_PLACE_AFTER = ("战略", "行动", "理念", "精神", "日报", "晚报", "新闻网", "电视台", "广播电视台", "报社")
_CLOSING_QUOTES = "\"'”’」』"

# What may stand between a road name's verb and its suffix: 建设|西|路, 解放|二|路.
_ROAD_PART = "东南西北中一二三四五六七八九十"
_ROAD_WORDS = frozenset(
    _words("建设 解放 发展 振兴 复兴 胜利 团结 和平 人民 光明 幸福 文化 友谊 新华 繁荣 富强 民主 发达")
)
# A national or provincial road's code, then a named line: S201浠散线, G220丁标线.
_ROAD_CODE = re.compile(r"[GSXYgsxy][0-9]{1,4}线?(?=[\u3400-\u9fff]{2})")  # S201|浠散线, X969线|梅华线
_PHASE = re.compile(r"[一二三四五六七八九十0-9]{1,2}期")
_NUMBERED_LANE = re.compile(r"[一二三四五六七八九十0-9]{1,2}(?:巷|弄)")
_NUMBERED_TAIL = re.compile(r"[壹贰叁一二三四五六七八九十0-9]{1,3}号(?!线)")
BLOCKLIST_PATH = Path(__file__).with_name("data") / "not_places.txt"
LEAD_VERBS_PATH = Path(__file__).with_name("data") / "lead_verbs.txt"


def _word_list(path: Path) -> list[str]:
    """The entries of a word list in geo/data: one per line, text after # a comment; none if the file is missing."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w for ln in lines if (w := ln.split("#", 1)[0].strip())]


@functools.cache
def _lead_verbs() -> frozenset[str]:
    """Common verbs that stand before a name (深受|七一南路); from jieba's dictionary (scripts/build_lead_verbs.py)."""
    return frozenset(_word_list(LEAD_VERBS_PATH))


@functools.cache
def _blocked_automaton():
    """The blocked phrases of geo/data/not_places.txt (also used by the matcher)."""
    import ahocorasick_rs

    from .normalize import fold

    phrases = sorted({fold(s) for s in _word_list(BLOCKLIST_PATH)})
    return ahocorasick_rs.AhoCorasick(phrases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if phrases else None


@functools.cache
def _automata():
    import ahocorasick_rs

    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    suffixes = [s for s, _ in SUFFIXES]
    stops = list(STOP_WORDS)
    return (
        ahocorasick_rs.AhoCorasick(sorted(MASKED), matchkind=kind),
        suffixes,
        ahocorasick_rs.AhoCorasick(suffixes, matchkind=kind),
        stops,
        ahocorasick_rs.AhoCorasick(stops, matchkind=ahocorasick_rs.MatchKind.Standard),
    )


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _all_generic(stem: str, extra: Container[str] = frozenset()) -> bool:
    """True if the stem splits wholly into generic words (城市滨水, 主干)."""
    i, n = 0, len(stem)
    while i < n:
        for k in range(min(5, n - i), 0, -1):
            if stem[i : i + k] in GENERIC_STEM_WORDS or stem[i : i + k] in extra:
                i += k
                break
        else:
            return False
    return True


# Names that start with a one-character stop word.
_NAME_BIGRAMS = frozenset(
    _words("""
    和平 和煦 向阳 同心 同德 同仁 同安 同济 过街 过境 过节 过江 过河 为民 至善 由义 并州 将军 将台 将府 将乐 有机
    有色 有限 让水 和顺 入城 含浦 经济 经贸 经开 经十 经纬 经五 经一 经二 经三 经四 经南 经北 经东 经西 经中
    如东 如皋 如意 如家 和林
    """)
)


_STOP_IN_WORDS = ("中等职业", "中等专业")
# Names that start with what reads as a count (五大|连池 is no five of anything).
_COUNT_NAMES = ("五大连池", "八大处", "八大关", "五大道")
# One-character verbs cut only with a name's worth left after them and nothing or a word before.
_WEAK_STOPS = frozenset("有让除做着著走局过好含入像经如继")


def _cut_stop_words(stem: str) -> int:
    """Offset in ``stem`` after its rightmost stop word (or measure phrase), 0 if none."""
    _, _, _, stops, stop_ac = _automata()
    best = 0
    weak = []
    for _, s, e in stop_ac.find_matches_as_indexes(stem, overlapping=True):
        if e - s == 1 and (stem[s : s + 2] in _NAME_BIGRAMS or s and stem.startswith(_STOP_IN_WORDS, s - 1)):
            continue  # a one-character stop word that starts a name (和平|里, 向阳|路) or is inside a word (中等职业)
        if e - s == 1 and stem[s] in _WEAK_STOPS:
            weak.append(s)
            continue
        best = max(best, e)
    for m in _COUNTED.finditer(stem):
        if not stem.startswith(_COUNT_NAMES, m.start()):
            best = max(best, m.end())
    # A verb that names use too is cut only with a name left after it and a word before it, if any:
    # 东南部有|龙潭湖, 让|滨河路, but 大有庄, 让胡路.
    for s in weak:
        rest = len(stem) - s - 1
        if _all_generic(stem[s + 2 :]) and rest >= 2:
            continue  # the character after it is the name's one proper one: 含光|人行桥
        if s >= best and (rest >= 2 or rest == 1 and s - best >= 2):
            best = s + 1
    return best


def _counted_slogan(text: str) -> bool:
    """True for a slogan that counts kinds: 一中心四|片区, 五横六纵七|高速, 两地一|园, 三路六园两|桥 (but 三山五园
    and 两园一河 are names)."""
    parts = [c for c in _NUMERAL.split(text)[1:] if c]
    counts = len(_NUMERAL.findall(text))
    if counts >= 3 and parts and all(len(c) == 1 for c in parts):
        return True  # three counts or more of one-character kinds
    return counts >= 2 and bool(parts) and all(set(c) <= _SLOGAN_PARTS for c in parts)


def _lead_cut(name: str) -> int:
    """Length of a stop word or common verb of two or more characters that starts ``name``, 0 if none."""
    for k in (4, 3, 2):
        if name[:k] in _ROAD_WORDS:
            return 0  # 建设|西路, 发展|二路 are names
        if name[:k] in _stop_set() or k == 2 and name[:2] in _lead_verbs():
            return k
    return 0


# Verbs that names compound inside (怀|集中|心洲大桥 is 怀集中心洲大桥, 京津装备制造转移园).
_COMPOUND_VERBS = frozenset(("创新", "集中", "制造", "转移", "联网"))


@functools.cache
def _inner_verbs() -> frozenset[str]:
    return _lead_verbs() - _COMPOUND_VERBS


def _inner_verb_end(norm: str, start: int, s: int) -> int | None:
    """End of the rightmost common verb inside a stem ``norm[start:s]`` with a word before it and two
    characters or more after it (修通|阳江北路, 内容包含|海连东路), if any."""
    verbs = _inner_verbs()
    for k in range(s - 4, start, -1):
        if norm[k : k + 2] in verbs and norm[k - 1 : k + 1] not in verbs and norm[k + 1 : k + 3] not in verbs:
            # … but not a word of the name's own kind: 湔江河休闲|运动小镇, 鑫现代农业种植|示范园
            return None if _all_generic(norm[k + 2 : s]) else k + 2
    return None


def _proper_rest(rest: str) -> bool:
    """True if ``rest`` can be a name on its own: not a bare suffix or generic kind (前进|大桥 is one name),
    nor two suffixes (展览|路街道 is one name)."""
    return (
        len(rest) >= MIN_STEM
        and rest not in _KIND
        and rest not in GENERIC
        and not _all_generic(rest)
        and not any(rest[k:] in _KIND for k in range(1, len(rest)) if rest[:k] in _KIND)
    )


def _proper_part(stem: str, words: frozenset[str]) -> str:
    """The stem with generic words taken off its end: 万亩露地蔬菜 -> "" for 基地."""
    end = len(stem)
    while end > 0:
        for k in range(min(5, end), 0, -1):
            if stem[end - k : end] in words:
                end -= k
                break
        else:
            break
    return stem[:end]


@functools.cache
def _stop_set() -> frozenset[str]:
    return frozenset(STOP_WORDS)


def _glue_cut(stem: str, suffix: str) -> int:
    """Offset in ``stem`` after the last name end with a proper remainder, 0 if none; -1 if a road
    or village after a name's end and generic words is that name's (花溪路|百姓健身|步道: the road is
    found on its own)."""
    ends = _BRIDGE_GLUE_ENDS if suffix.endswith("桥") else _GLUE_ENDS
    best = 0
    for end in ends:
        k = stem.rfind(end, 0, len(stem) - 1)
        rest = stem[k + len(end) :]
        proper_rest = not _all_generic(rest) and (end in _STRONG_GLUE_ENDS or len(rest) >= 2)
        if suffix == "站" and rest in ("东", "南", "西", "北"):
            continue  # a city's station on the line: 新余高铁|北站
        if end == "村" and (k < 2 or _KIND[suffix] not in ("road", "village") and suffix not in ("山", "峰")):
            continue  # a village and its road or hamlet: 万宝村|莲台二支路, 嘉峰村|尉迟村 (but 李村河, 中关村丰台园)
        if (k > 0 or k == 0 and end in (*_ROAD_CODES, "站", "高速")) and k + len(end) > best and proper_rest:
            best = k + len(end)
        elif k >= 2 and len(rest) >= 4 and _all_generic(rest) and not best and _KIND[suffix] in ("road", "village"):
            best = -1
    k = stem.rfind("村", 0, len(stem) - 2)
    if not best and k >= 2 and _KIND[suffix] == "road" and _all_generic(stem[k + 1 :]):
        best = -1  # a village's road of a kind: 王家村|低洼|路 (the village is the name)
    return best


def _lead_char(norm: str, start: int, s: int, kind: str) -> bool:
    """True if a stem of three or more characters starts with a word of one: a crossing or a loop
    (跨|京山线, 跨|通灌路, 环|龙江, 环|杭州湾; but 跨湖桥, 环城河 are names), or a former name
    (原|三七电池厂; but 原始森林, 原州区) or a present one (并入匡河乡(现|匡河镇); but 现代城)."""
    if s - start < 3:
        return False
    ch = norm[start]
    return (
        ch == "跨"
        and (kind in ("rail", "river") or kind == "road" and norm[s] != "桥")
        or ch == "环"
        and (kind == "river" or norm[s] == "湾")
        or ch == "原"
        and norm[start + 1] not in "始生野来本先"
        or ch == "现"
        and norm[start + 1] not in "代状有在行场实存"
    )


def _attached_kind(stem: str) -> bool:
    """True if ``stem`` is a station's name and generic words: 生活垃圾发电站配套 (its access road)."""
    k = stem.rfind("站", 0, len(stem) - 1)
    if k > 0 and stem[k + 1 :] in ("配套", "周边", "连接", "进出", "进站", "出站"):
        return True
    return len(stem) >= 4 and stem.endswith("旅游配套")  # a scenic area's park: 十里画廊|旅游配套|公园


def _owner_start(norm: str, lo: int, start: int, blocked: bytearray) -> int | None:
    """Start of the district or county whose name ends just before ``start`` (金凤区|第二十三小学), if clean."""
    if start - 3 < lo or norm[start - 1] not in "区县市" or blocked[start - 1 - lo]:
        return None  # … and not one already linked
    k = start - 1
    while (
        k > lo
        and start - 1 - k < 4
        and _is_cjk(norm[k - 1])
        and norm[k - 1] not in ADMIN_ENDS
        and not blocked[k - 1 - lo]
    ):
        k -= 1
    if start - 1 - k < 2 or (cut := _cut_stop_words(norm[k : start - 1])) >= start - 1 - k - 1:
        return None
    k += cut
    clean = (
        k == lo or not _is_cjk(norm[k - 1]) or norm[k - 1] in ADMIN_ENDS or cut > 0 or norm[k - 2 : k] in _lead_verbs()
    )
    return k if clean else None


_ROUTE_END_KINDS = ("village", "town", "river", "district")
# Kinds of road that join two places, where a route's first end may be named by a river or village.
_ROUTES = ("公路", "高速公路", "高速", "铁路", "高铁", "城际", "客运专线")


def _verb_cut(norm: str, p: int, end: int) -> int:
    """2 if a common verb starts ``norm[p:end]`` and two or more characters follow it (完成|大田, 涉及|东和), else 0."""
    return 2 if norm[p : p + 2] in _lead_verbs() and end - p >= 4 else 0


def _route_start(norm: str, lo: int, raw: int, start: int, suffix: str, blocked: bytearray) -> int | None:
    """Start of a route's first end when ``start`` follows 至 (柳州至南宁高速公路): a clean 2–6 character place name."""
    if start - raw < 1 or norm[start - 1] != "至":
        return None
    if start - raw < 3:
        # The walk stops at a division's end, but a route may be named by two: 江西镇至|扬美公路, 青山村至|红岩村公路.
        if start - raw != 1 or suffix not in _ROUTES or norm[raw - 1] not in "镇乡村" or raw - 1 <= lo:
            return None
        raw = _stem_start(norm, raw, lo, blocked, False)
        if "经" in norm[raw - 1 : start]:
            return None  # a route through it from further back: 大通县经|李家山镇至拦隆口千东村公路
        while raw > lo and norm[raw - 1].isdigit() and raw < start and (m := _AFTER_NUMBER.match(norm, raw, start)):
            raw = m.end()  # 14.7公里|秦古镇至大庙乡公路
    first = norm[raw : start - 1]
    cut = _cut_stop_words(first)
    if not cut and raw > lo and _is_cjk(norm[raw - 1]) and blocked[raw - 1 - lo] != _HARD:
        return None  # the walk ran out before the name began
    p = raw + cut
    p += _verb_cut(norm, p, start - 1)
    end = norm[p : start - 1]
    if (
        not 2 <= len(end) <= 6
        or not all(_is_cjk(ch) for ch in end)
        or any(
            x in end and (suffix not in _ROUTES or _KIND[x] not in _ROUTE_END_KINDS and x != "庙") for x in _KIND
        )  # (many towns are named by a temple: 将军庙至|淖毛湖铁路)
        and not (suffix in _ROUTES and end[-1] in "镇乡村" and not any(x in end for x in "路街道"))  # 青山村至|…公路
        or end[-1] in "环移延"
        or end.endswith("延伸")
    ):
        return None  # … and not a named road or site itself: 苍南大道至|山海大道 is a stretch of two roads
    # (but a town may be named by its river or village: 饶河至|盖州公路, 石家庄至|太原高铁)
    return p


def _route_head(norm: str, lo: int, start: int, blocked: bytearray) -> int:
    """A route's name goes on before its first end through a town: 金沙经|仁怀至桐梓高速公路."""
    if start - lo >= 3 and norm[start - 1] == "经":
        p = _stem_start(norm, start - 1, lo, blocked, False)
        p += _cut_stop_words(norm[p : start - 1])
        p += _verb_cut(norm, p, start - 1)
        if 2 <= start - 1 - p <= 6 and all(_is_cjk(ch) for ch in norm[p : start - 1]):
            start = p
    return start


_ROUTE_GRADE = {"公路": re.compile("[一二三四]级"), "铁路": re.compile("市域|城际")}
_ROUTE_END = re.compile(r"[\u3400-\u9fff]{1,4}")


def _hyphen_route_start(norm: str, lo: int, start: int, blocked: bytearray) -> int | None:
    """Start of a route named by its hyphened ends (沈阳-抚顺城际铁路, 日-枣-菏高速) if ``start`` is after one."""
    p = start
    ends = 0
    while p - 2 >= lo and norm[p - 1] == "-" and _is_cjk(norm[p - 2]):
        head = _stem_start(norm, p - 1, lo, blocked, False, 8)
        end = norm[head : p - 1]
        head += _cut_stop_words(end)
        if norm[head : head + 2] in _lead_verbs() and p - 1 - head >= 3:
            head += 2
        if (
            not _ROUTE_END.fullmatch(norm, head, p - 1)
            or any(blocked[k - lo] for k in range(head, p - 1))
            or norm[p - 2] == "界"
            or any(norm.endswith(x, head, p - 1) and _KIND[x] in ("road", "rail") for x in _KIND)
        ):
            return None  # no clean 1–4 character end before the hyphen, or a stretch: 青龙路-|沪宁高速公路
        p, ends = head, ends + 1
        if head > lo and norm[head - 1] != "-":
            break
    return p if ends else None


def _ends_here(norm: str, e: int, hi: int) -> bool:
    """True if a name may end at ``e``: text ends, punctuation, 等/和 or a verb follows."""
    if e >= hi or not _is_cjk(norm[e]) or norm[e] in _END_CHARS or _PHASE.match(norm, e, hi):
        return True  # … or a project's phase: 梅溪湖国际新城|二期
    if norm.startswith("城区", e):
        return True  # its urban area: 新北|城区
    stops = _stop_set()
    return any(norm[e : e + k] in stops for k in range(2, 5) if e + k <= hi)


def _careful_ok(norm: str, suffix: str, stem: str, e: int, hi: int, clean_left: bool) -> bool:
    """The extra tests of the suffixes in _CAREFUL (市场, 基地, 服务区, 区)."""
    words = _CAREFUL[suffix]
    if suffix in _DISTRICT_SUFFIXES:
        lo_len, hi_len = _DISTRICT_STEM
        if not (clean_left and lo_len <= len(stem) <= hi_len) or (e < hi and norm[e] in _NOT_AFTER_DISTRICT):
            return False
        if len(_NUMERAL.findall(stem)) > 1 or _NUMERAL.fullmatch(stem[-1]) or stem[-1] in _NOT_DISTRICT_LAST:
            return False  # a slogan (“三城一区”) or a kind of area (全部小|区, 核心景|区)
        if _proper_part(stem, words) in _lead_verbs():
            return False  # a verb and a kind of area: 明确城|区
        return _ends_here(norm, e, hi) and not _all_generic(stem, words)
    if suffix in ("高速", "高铁") and (_HIGHWAY_PART.match(norm, e, hi) or not norm.startswith(_HIGHWAY_NOT_BEFORE, e)):
        pass
    elif suffix not in _NO_RIGHT_EDGE and not _ends_here(norm, e, hi):
        return False
    proper = _proper_part(stem, words)
    if suffix == "市场" and proper != stem:
        return False  # a kind of market, not its name: 规范农贸|市场
    return len(proper) >= MIN_STEM and not _all_generic(proper, words)


def _named_line(stem: str) -> bool:
    """A two-character stem that names a line by itself: 中环|线, 乐柳|线, 虹三|线, not 生产|线."""
    return (
        len(stem) == 2
        and all(_is_cjk(ch) for ch in stem)
        and stem not in _LINE_WORDS
        and stem[-1] not in _LINE_LAST
        and not any(ch in _SLOGAN_CHARS for ch in stem)
        and not _all_generic(stem)
    )


# Suffixes of roads that one common word may name, and the words (those of _ROAD_WORDS too): 青年路,
# 机场路, 体育大道, 文化路.
_NAMED_BY_ONE_WORD = ("路", "大道", "大街", "街")
_ROAD_NAME_WORDS = _ROAD_WORDS | frozenset(
    _words("""
    青年 机场 体育 工业 农业 森林 滨河 滨江 中心 车站 学府 迎宾 环城 开发区 高新区 经开区 新区 大学城 工业园 景观
    新建 市民 富民
    """)
)


# Common words that make a road in quotes a figure of speech: 修好民生“幸福路”, 一条“彩虹路”.
_QUOTED_WORDS = _ROAD_WORDS | frozenset(
    _words(
        "彩虹 致富 小康 连心 民心 希望 金色 绿色 平安 孝德 明礼 诚信 友善 崇德 尚德 厚德 和谐 文明 孝善 仁爱 礼让 安心"
        " 惠民 未来"
    )
)


def _quoted_metaphor(norm: str, lo: int, s: int, e: int, stem: str) -> bool:
    """True for a road named by a common word in quotes: a figure of speech (一条“彩虹路”)."""
    return stem in _QUOTED_WORDS and s > lo and norm[s - 1] in '“"' and norm.startswith(("”", '"'), e)


# Verbs that name places (前进路, 解放桥, 起义路, 联合中学), unlike most verbs before a kind (进入|公园).
_NAME_VERBS = _ROAD_WORDS | frozenset(_words("前进 奋斗 起义 联合 安定 回归 达成 发生 红旗 光荣 向阳 先锋 跃进 东升"))

# Words a slogan ranks a place by (海洋强县, 生态立县, 旅游名镇, 农业富镇, 能源大县, 省级卫生镇), and
# the words before 兴 that make one (旅游兴镇, but 复兴镇, 新兴区 are names).
_RANK_ENDS = ("强", "立")
_RANKS = ("省级", "市级", "县级", "区级", "国家级", "州级", "盟级", "全国")
_RANK_ENDS_LONG = ("名", "富", "大", "重", "稳")
_TRADE_WORDS = ("边贸", "物流", "产煤", "产粮", "商贸", "工业", "农业", "旅游", "能源", "贸易", "建材", "制造")
_RISE_WORDS = frozenset(_words("旅游 农业 工业 科技 产业 商贸 文化 生态 教育 人才 实业 文旅 能源 科教 工贸 交通 三产"))


# What a campus or building belongs to: 实验幼儿园|新园, 人民医院门诊住院|大楼, 中学教学办公|大楼 (but a
# university's park is a park of its own: 济南大学科技园).
_CAMPUS_OWNERS = ("幼儿园", "医院", "学校")
_BUILDING_OWNERS = (*_CAMPUS_OWNERS, "中学", "小学", "大学", "学院")


def _rank_slogan(stem: str, suffix: str) -> bool:
    """True for a slogan ranking a place by a word: 海洋强|县, 中州名|镇, 农业富|镇, 能源大|县, 旅游兴|镇."""
    if suffix not in ("县", "区", "镇", "乡", "市", "村"):
        return False
    if suffix in ("镇", "乡", "村") and stem.startswith(_RANKS) and len(stem) > 3:
        return True  # a rank given to a town or village: 省级优美场|镇, 市级文明|村
    if (
        stem.endswith("卫生")
        or len(stem) >= 4
        and stem.endswith("生态")
        or suffix != "村"
        and len(stem) >= 2
        and stem.endswith(_RANK_ENDS)
    ):
        return True
    if len(stem) >= 3 and stem.endswith(_RANK_ENDS_LONG) and (stem[-1] != "大" or suffix in ("县", "区", "市")):
        return True
    if suffix == "镇" and stem.endswith("大") and stem[:-1].endswith(_TRADE_WORDS):
        return True  # a town ranked by its trade: 丫江桥边贸大|镇, 黄丰桥产煤大|镇
    return stem.endswith("兴") and stem[:-1][-2:] in _RISE_WORDS


def _valid_stem(stem: str, name: str, known: Container[str], min_stem: int = MIN_STEM, *, org_ok: bool = False) -> bool:
    if len(stem) < min_stem or name in GENERIC or name in known or name.endswith(_BAD_ENDS):
        return False
    road_word = name[len(stem) :] in _NAMED_BY_ONE_WORD and stem in _ROAD_NAME_WORDS
    if (
        len(stem) <= 4
        and stem[-1] in "区县市"
        and stem[-2:] not in ("城市", "都市")
        and name[len(stem) :] in GENERIC
        and not road_word
    ):
        return False  # a district's kind of place, not a name: 朝阳区|公园
    if stem[0] == "村" and len(stem) >= 3 and _all_generic(stem[1:]):
        return False  # a village's kind of road after its name: …村|硬化路, …村|碎石路
    if stem.endswith("省") and len(stem) <= 4:
        return False  # a province's kind of place: 江西省|公路
    if stem.endswith("之") and name[len(stem) :] in ("乡", "城", "都", "区", "镇"):
        return False  # a slogan: 建材之|乡, 魅力之|城
    if stem.endswith(name[len(stem) :]) and not (
        name.endswith("村村") and len(stem) == 2 and stem[0] not in _WEAK_STOPS and stem[0] not in _stop_set()
    ):
        return False  # the suffix twice: 长湖|湖堤 is 长湖 and its embankment (but 芦村|村 is a village)
    if _NUMERAL.fullmatch(stem) or stem[0] in _NOT_FIRST:
        return False
    if not road_word and (_all_generic(stem) or _all_generic(name)):
        return False  # … but one word may name a road: 青年路, 机场路, 体育大道
    if stem in _lead_verbs() and stem not in _NAME_VERBS:
        return False  # a verb and a kind: 进入|公园, 进行|路 (but 前进路, 解放村, 奋斗路 are names)
    if _counted_slogan(stem):
        return False
    if stem.endswith(("两", "几", "诸")) and len(stem) >= 2:
        return False  # a count of kinds: 长沙西阳两|镇
    if _rank_slogan(stem, name[len(stem) :]):
        return False  # a slogan: 海洋强|县, 旅游名|镇, 省级卫生|镇
    if len(stem) >= 3 and stem.endswith("小") and name[len(stem) :] in ("路", "村", "街", "巷"):
        return False  # a place's lane or hamlet: 北门|小路, 双宜|小村
    owners = _BUILDING_OWNERS if name.endswith("大楼") else _CAMPUS_OWNERS
    if name[len(stem) :] in ("园", "园区", "大楼") and any(w in stem for w in owners):
        return False  # a campus or building of one: 实验幼儿园|新园, 人民医院门诊住院|大楼
    # Many kinds of place make a slogan (两桥一路); but the Great Wall is no 城 of one, a bridge is
    # named by its road and river (五台山路澧河桥), and a road by its river (北川河滨河西路: two kinds).
    kinds = [ch for ch in name.replace("长城", "") if ch in _SLOGAN_CHARS]
    route = "至" in stem and name.endswith(_ROUTES)  # … nor a route by its two ends: 青山村至红岩村公路
    if (len(set(kinds)) >= 3 or len(kinds) >= 3 and not name.endswith("路")) and not name.endswith("桥") and not route:
        return False
    return org_ok or not any(w in stem for w in ORG_WORDS)


def _stem_start(norm: str, suffix_s: int, lo: int, blocked: bytearray, rail: bool, reach: int = MAX_STEM) -> int:
    """Walk left from a suffix over the stem's characters, up to ``reach``."""
    i = suffix_s
    while i > lo and suffix_s - i < reach and blocked[i - 1 - lo] != _HARD:
        ch = norm[i - 1]
        if (
            ch in ADMIN_ENDS
            and suffix_s - i >= 1
            and norm[i - 1 : i + 1] not in _ADMIN_WORDS
            and not norm.startswith(_NAMED_ZONES, i - 2)
        ):
            break
        # Digits and Latin letters belong to line names (地铁13号线, S1线) only.
        if not (_is_cjk(ch) or (rail and (ch.isdigit() or ch.isascii() and ch.isalpha()))):
            break
        if suffix_s - i >= 2 and norm.endswith("街道", lo, i) and norm[i] != "办":
            break  # a sub-district's name before: 西湖街道|南山南路
        i -= 1
    return i


# Words after a name the tagger may take in: 解放南路|以东 (以北 starts 以|北京 too, so it is no stop word).
_AFTER_NAME = frozenset(_words("以东 以西 以南 以北 两侧 东侧 西侧 南侧 北侧 一带 沿线 周边 沿河 沿岸 滨河"))
_RIVER_ENDS = ("河", "江", "渠", "溪")
_GREAT_RIVERS = frozenset(_words("黄河 长江 淮河 珠江 海河 辽河 汉江 湘江 赣江 闽江 岷江 渭河 汾河"))
_METAPHOR = re.compile("成为|变成|成了|打造成|建成|是一条")
_JI_WORDS = ("基本", "基础", "基地", "基金", "基层")


_AFTER_ZHI = tuple(_words("之后 之前 之间 之一 之中 之外 之内 之下 之上 之际 之首 之最 之旅"))


def _suffix_candidates(
    norm: str, lo: int, hi: int, blocked: bytearray, known: Container[str]
) -> Iterator[tuple[int, int, str]]:
    _, suffixes, suffix_ac, _, _ = _automata()
    for idx, s, e in suffix_ac.find_matches_as_indexes(norm[lo:hi]):
        s, e = s + lo, e + lo
        if (
            any(blocked[k - lo] for k in range(s, e))
            or norm.startswith("之", e)
            and not norm.startswith(_AFTER_ZHI, e)
            or norm.endswith("站", s, e)
            and norm.startswith("前", e)
            or norm.endswith("路", s, e)
            and norm.startswith("基", e)
            and not norm.startswith(_JI_WORDS, e)
            or norm.endswith("庙", s, e)
            and e < hi
            and norm[e] in "街镇村乡路东南西北前后上下"
            or norm.endswith("桥", s, e)
            and norm.startswith("口", e)
        ):
            # masked, or the name goes on (宛平博物馆|之城, 九江市站|前路, 巍山县|庙街镇, 东岳镇|桥口村), or a
            # roadbed (进行路|基, not 堵方路|基本)
            continue
        suffix = suffixes[idx]
        if _KIND[suffix] != "road" and (m := _NUMBERED_TAIL.match(norm, e, hi)) is not None:
            e = m.end()  # a numbered project: 中关村|壹号 (after a road it is an address: 清华街|7号)
        elif suffix in ("路", "街") and (m := _NUMBERED_LANE.match(norm, e, hi)) is not None:
            e = m.end()  # a road's numbered lane: 合巢路|二巷
        if suffix in _DISTRICT_SUFFIXES and (s - lo < _DISTRICT_STEM[0] or (e < hi and norm[e] in _NOT_AFTER_DISTRICT)):
            continue  # cheap first test for the commonest suffix: 区域, 区级
        graded = (grade := _ROUTE_GRADE.get(suffix)) is not None and grade.match(norm, s - 2, s) is not None
        if graded:
            s -= 2  # a route's grade or mode is no part of its stem: 陆川|二级公路, 萧县|市域铁路
        reach = MAX_STEM + _VERB_REACH if _KIND[suffix] in ("area", "campus") else MAX_STEM
        raw = _stem_start(norm, s, lo, blocked, suffix in _RAIL, reach)
        if suffix == "桥" and norm[raw] == "号" and raw - 1 > lo and norm[raw - 1].isdigit():
            k = raw - 1  # a numbered bridge: 金沙4号桥 (but 6号|桥 alone is no name)
            while k > lo and norm[k - 1].isdigit():
                k -= 1
            if k - (head := _stem_start(norm, k, lo, blocked, False, reach)) >= MIN_STEM:
                raw = head
        if raw > lo and (norm[raw - 1].isdigit() or norm[raw - 1] == " " and raw - 1 > lo and norm[raw - 2].isdigit()):
            # 3处|全龄友好型公园, 110千伏|变电站, 100万平方米|道路: the walk stopped at a number
            while raw < s and (m := _AFTER_NUMBER.match(norm, raw, s)):
                raw = m.end()
            if norm[raw - 1] == "年" and norm[raw] in "前后内底初末" and raw < s - 2:
                raw += 1  # 13年前|里阳大桥
        if (
            norm[raw] == "线"
            and raw < s - 1
            and raw > lo
            and norm[raw - 1].isdigit()
            and norm[raw + 1 : s] not in _lead_verbs()
        ):
            raw += 1  # after a road's code: X033线|邹岗村段, 215线|过境公路 (but M9线衔接|路由)
        if raw > lo and norm[raw - 1] == "/" and norm[raw] in "日年月天时" and raw < s - 1:
            raw += 1  # a rate's unit: 15万吨/日|取水泵站
        counted = raw > lo and norm[raw - 1] == "年" and norm[raw - 2].isdigit()  # 2020年|朝阳区
        cut = _cut_stop_words(norm[raw:s])
        if not cut and s - raw >= MAX_STEM or s - (raw + cut) > MAX_STEM:
            continue  # no boundary in reach: the name's start is unknown (…成子午大道长安二小天桥)
        if not cut and raw > lo and norm[raw - 1].isdigit() and norm[raw] in "号期":
            continue  # the rest of a numbered name: 6|号线二期车辆段 (6号线 is found on its own)
        start = raw + cut
        glued = _glue_cut(norm[start:s], suffix)
        if glued < 0:
            continue
        start += glued
        if _attached_kind(norm[start:s]):
            continue  # a kind of road serving a named site: 生活垃圾发电站|配套|公路
        if norm[start] == "沿" and s - start >= 3 and norm[start + 1] not in _ALONG_NAMES:
            start += 1  # along a road: 沿|七一南路, but 沿江路, 沿河大道 are names
            cut = cut or 1
        lead = norm.startswith(_LEAD_VERBS, start) and s - start >= 2
        if lead or s - start >= 3 and norm[start : start + 2] in _lead_verbs():
            start += 2
            cut = cut or 2
        elif (inner := _inner_verb_end(norm, start, s)) is not None:
            start, cut = inner, cut or inner - start  # a verb after a word: 彻底改变|滨北路, 详细汇报|木温公路
        if norm[start] == "道" and start > lo and norm[start - 1] in "国省县乡区市" and s - start >= 3:
            start += 1  # the road's class before its name: 省道|平日路, 区道|荷梁公路
            cut = cut or 1
        if norm.startswith(_PARTS_OF, start) and s - start >= 5 and _KIND[suffix] != "area":
            start += 2  # a side of town before a name: 海珠区南部|石榴岗河 (南部新城 is a name; 北部…片区 a zone)
            cut = cut or 2
        if _lead_char(norm, start, s, _KIND[suffix]):
            start += 1
            cut = cut or 1
        if norm[start] == "第" and (owner := _owner_start(norm, lo, start, blocked)) is not None:
            start = owner  # a numbered school is its district's: 金凤区|第二十三小学
        routed = True
        if (
            _KIND[suffix] in ("road", "rail")
            and (route := _route_start(norm, lo, raw, start, suffix, blocked)) is not None
        ):
            start = _route_head(norm, lo, route, blocked)  # a route by its two ends: 柳州至|南宁高速公路
        elif (
            suffix in (*_ROUTES, "隧道")
            and start == raw
            and (ends := _hyphen_route_start(norm, lo, start, blocked)) is not None
        ):
            start = ends  # … or joined by hyphens: 青天-|姚河公路
        else:
            routed = False
        if graded and not routed and not (s - start == 2 and norm[start - 1 : start] in _BARRIER | {""}):
            continue  # a graded road is named by its ends (南渡至陆川二级公路) or their initials (平华一级公路)
        if suffix in _RAIL and (m := _ROAD_CODE.match(norm, start, s)):
            start, cut = m.end(), cut or m.end() - start  # a road's code before its name: S201|浠散线
        # A road named by a slogan word and a direction or number: 建设|西路, 建设|二路.
        short_road = cut and s - start == 1 and _KIND[suffix] == "road" and norm[start] in _ROAD_PART
        if short_road and start - 2 >= raw and norm[start - 2 : start] in _ROAD_WORDS:
            start -= 2
        if suffix in _NAMED_BY_ONE_WORD:
            for k in (3, 2):
                if s - start < k and s - k >= raw and norm[s - k : s] in _ROAD_NAME_WORDS:
                    start = s - k  # a road named by one word: 开发区大道, 建设路 (开发, 建设 are verbs too)
                    break
        if (
            suffix in ("河", "江")
            and s - start > 1
            and norm[s - 1 : e] in _GREAT_RIVERS
            and norm[s - 2] not in "古老新小"
        ):
            start = s - 1  # a great river after a word or place: 灵武|黄河, 扮靓|黄河 (the river is the name)
        if _KIND[suffix] == "road" and (k := norm.rfind("新城", start + 2, s - 2)) >= 0:
            start = k + 2  # a new town's road is labelled apart: 滨海新城|漳东路, 沣西新城|学镇东路
        stem, name = norm[start:s], norm[start:e]
        if suffix in ("乡", "镇") and stem[-1:] in "两二三四五六七八九十" and norm[start - 1 : start] == "、":
            continue  # a count closing a list: 田头、岩上、柳畈|三乡 (but 东安一村、东安三村 are villages)
        if suffix in (*_RIVER_ENDS, "湖") and len(stem) >= 3 and stem[-1] in ADMIN_ENDS:
            continue  # a division and the next name: 天津市|河东区, 岳西县|河图镇 (no river is named X县河)
        if suffix in _SHORT_STEM and stem[-1:] in _NOT_SHORT_STEMS and stem[:-1].endswith(("街道", *ADMIN_ENDS, "村")):
            continue  # a place and a verb: 广富林街道|隔河相望, 与沙溪镇|隔江相望
        if (
            stem in _ROAD_NAME_WORDS
            and start > lo
            and norm[start - 1] == "的"
            and _METAPHOR.search(norm, max(lo, start - 12), start)
        ):
            continue  # a figure of speech: 成为舞阳的|迎宾大道 (but 去年开工的|解放街 is a road)
        if _quoted_metaphor(norm, lo, start, e, stem):
            continue  # … and in quotes: 修好民生“幸福路”
        quote = start - (start > lo and norm[start - 1] in '“"')
        if (
            (stem in _ROAD_NAME_WORDS or stem in _QUOTED_WORDS)
            and quote > lo
            and norm[quote - 1] in _MEASURES
            and (norm[quote - 2 : quote - 1].isdigit() or norm[quote - 2 : quote - 1] in ("一", "两", "几"))
        ):
            continue  # counted, a kind of road: 3条|迎宾大道, 又一条|惠民路 (but 去年开工的|解放街 is a road)
        if _KIND[suffix] == "area" and stem in _lead_verbs():
            continue  # a verb and a kind of area: 明确|城区
        if _after_byline(norm, lo, start) or any(b in stem for b in _BYLINES):
            continue  # a reporter's name: 通讯员|齐俊桥
        if norm.startswith("同志", e) or norm.endswith(_TITLES, lo, start) or any(t in stem for t in _TITLES):
            continue  # a person (市长宋晓路|同志, 书记|张家桥)
        if (
            suffix in ("公路", "道路")
            and stem.endswith("村")
            and "至" not in stem
            and stem not in GENERIC
            and _valid_stem(stem[:-1], stem, known)
        ):
            yield start, s, "village"  # a village's road is labelled as the village: 拦隆口千东村|公路
            continue
        if suffix == "桥" and stem.startswith("跨") and stem.endswith(_RIVER_ENDS) and len(stem) >= 4:
            yield start + 1, s, "river"  # a bridge across a river is named by it: 新建跨|十五里河|桥
            continue
        if suffix == "堤" and (stem.endswith(tuple("河江湖海岸桥路砂")) or "防洪" in stem):
            continue  # a river's or a bridge's embankment: 北运河|堤 (the river is the name)
        if suffix == "岛" and stem.endswith("青"):
            continue  # the city of 青岛 after a word: 上合组织|青岛
        if suffix == "立交" and any(stem.endswith(x) and _KIND[x] in ("road", "rail") for x in suffixes):
            continue  # a road's interchange: 集贤路|立交 (the road is found on its own; 范湖立交 is a name)
        if suffix in (*_ZONES, "枢纽", "航站楼", "场站") and stem.endswith(tuple(suffixes)):
            continue  # a zone of a named place: 回龙观体育文化公园|南区, 传化公路港|枢纽 (found on its own)
        clean_left = not glued and (
            bool(cut) or counted or raw == lo or not _is_cjk(norm[raw - 1]) or norm[raw - 1] in "市镇乡"
        )
        if suffix in _CAREFUL and not _careful_ok(norm, suffix, stem, e, hi, clean_left):
            continue
        # 线 names a line only with a number or letter just before it (S1线, 1线) or as an
        # extension (西延线, 延伸线); a numeral further back is a slogan (两点一线, 八里杠大桥全线).
        # A line named by a leading numeral (八通线) has no other kind of place in its stem.
        if (
            suffix == "线"
            and not re.search(r"[0-9A-Za-z]$", stem)
            and not stem.endswith(("延", "延伸"))
            and not (stem[:1] in tuple("一二三四五六七八九十") and not any(ch in _SLOGAN_CHARS for ch in stem))
            and not (clean_left and _named_line(stem))
            and not (clean_left and stem.endswith("环") and len(stem) >= 2 and not _all_generic(stem[:-1]))
        ):
            continue
        # A line or national road may be named by its number alone: 7号线, 108国道, 新107国道.
        if (
            suffix in ("国道", "省道", "县道")
            and (m := re.search(r"新?[GSXYgsxy]?[0-9]{2,3}$", stem))
            and m.start() > 0
        ):
            start, stem, name = start + m.start(), m.group(), norm[start + m.start() : e]
        numbered = (
            suffix in ("号线", "国道", "省道", "县道")
            and (
                re.fullmatch(r"新?[0-9]+|[GSXYgsxy][0-9]{2,3}", stem) is not None
                or suffix == "号线"
                and clean_left
                and _NUMERAL.fullmatch(stem) is not None
            )
            and name not in known
        )  # 7号线, 108国道, and 三号线 after a clean edge
        short = (
            suffix in _SHORT_STEM
            and len(stem) == 1
            and _is_cjk(stem)
            and stem not in _stop_set()
            and stem not in _NOT_SHORT_STEMS
            and not glued
            and (cut or raw == lo or not _is_cjk(norm[raw - 1]))
        )  # (被|湖水 is no lake)
        # A building may carry its owner's name: 平安银行总部大楼.
        org_ok = suffix == "大楼"
        if numbered or suffix != "县道" and _valid_stem(stem, name, known, 1 if short else MIN_STEM, org_ok=org_ok):
            yield start, e, _KIND[suffix]


def _after_divisions(norm: str, s: int, e: int) -> int:
    """Where the name starts in ``norm[s:e]`` after the counties and townships written before it (上虞区|东澄村)."""
    from .divisions import full_name_before, township_before

    p = s
    for k in range(s + 2, e - 1):
        if norm[k - 1] in "县区市镇乡道" and (full_name_before(norm, k, p) == p or township_before(norm, k, p) == p):
            p = k
    return p


def _item_sep(norm: str, i: int) -> int:
    """How many characters ending at norm[i] part a list's items: 、, 及 or 与 (长埔、莲花|及|新望三个行政村),
    以及; none in 涉及, 普及."""
    if norm[i] == "、" or norm[i] in "及与" and i > 0 and norm[i - 1] not in "以涉惠普波顾论触企遍殃参给赋授":
        return 1
    return 2 if norm[i] == "及" and i > 0 and norm[i - 1] == "以" else 0


def _list_candidates(
    norm: str, lo: int, hi: int, blocked: bytearray, known: Container[str]
) -> Iterator[tuple[int, int, str]]:
    for m in _LIST_HEAD.finditer(norm, lo, hi):
        kind = _LIST_KIND[m.group(1)]
        if m.group(1) == "乡" and norm.startswith(("村", "镇"), m.end()):
            continue  # no township: 两条乡|村旅游带
        end = m.start()
        items: list[tuple[int, int]] = []
        while len(items) < MAX_ITEMS:
            i = end
            while i > lo and end - i <= MAX_STEM + 4 and _is_cjk(norm[i - 1]) and not _item_sep(norm, i - 1):
                if not items and norm[i - 1] == "和" and end - i >= 2:
                    break  # the last two items parted by 和: 鱼川、北斗|和|谙下三个村 (not 新和、和平)
                i -= 1
            if i == end:
                break  # an empty item: the noun does not close a list here
            items.append((i, end))
            if i > lo and (sep := _item_sep(norm, i - 1) or len(items) == 1 and norm[i - 1] == "和"):
                end = i - sep  # (以及 parts items as one word)
            else:
                break
        if len(items) < 2 or items[0][1] != m.start():
            continue  # "X等地区" alone is too weak a signal
        if len(items) == 2 and norm[items[1][1]] == "和" and not _COUNT_HEAD.match(m.group()):
            continue  # … and so is "X和Y等区域" (周边和老城区怡乐中路等区域), unless counted: 高峰和颂祥两村
        for k, (s, e) in enumerate(items):
            if k == len(items) - 1:  # the leftmost item may still carry its verb
                cut = _cut_stop_words(norm[s:e])
                if e - s - cut < 2 and _verb_cut(norm, s, e):
                    cut = 2  # 涉及|东和、中建、新中三个村 (where a stop word would leave nothing: 和)
                s += cut
                s += _verb_cut(norm, s, e)  # 解决|刘坪、中山等乡镇
            if "的" in norm[s:e] or _COUNTED.search(norm, s, e):
                continue  # no item: 怀柔、房山两个区的|216个行政村
            s = _after_divisions(norm, s, e)  # a village after its county or town: 安吉县|余村、龙泉市|溪头村等20个村
            for tail in _ITEM_TAILS:
                if norm.endswith(tail, s, e) and e - s > len(tail) + 1:
                    e -= len(tail)
                    break
            name = norm[s:e]
            if not 2 <= len(name) <= 8 or not all(_is_cjk(ch) for ch in name):
                continue
            if any(blocked[j - lo] for j in range(s, e)) or name in known or name in GENERIC or _all_generic(name):
                continue
            if any(w in name for w in ORG_WORDS):
                continue
            if name[-2:] in _stop_set() or name[-2:] in _lead_verbs():
                # A task: 半岭路改造 is the road; 庭院整治美化 names no place.
                while len(name) > 2 and (name[-2:] in _stop_set() or name[-2:] in _lead_verbs()):
                    name, e = name[:-2], e - 2
                if len(name) < 3 or not name.endswith(tuple(_KIND)) or name in GENERIC or _all_generic(name):
                    continue
            if m.group(1) == "区域" and name.endswith("区"):
                continue  # a plan's zones: 科学文化区、氧吧漫步区、五彩植物区四大区域
            yield s, e, kind


# A ring road named by its side and number: 北二环, 东三环 (not 三环电子, 环保).
_RING = re.compile(r"[东南西北][一二三四五六七]环(?![保境卫球比节线路])")


def _starts_here(norm: str, s: int, lo: int) -> bool:
    """True if a name may start at ``s``: text starts, punctuation, an admin end, 等/和 or a stop word before."""
    if s == lo or not _is_cjk(norm[s - 1]) or norm[s - 1] in _END_CHARS or norm[s - 1] in ADMIN_ENDS:
        return True
    if s - 2 >= lo and norm[s - 2 : s] in _lead_verbs():
        return True  # a verb before: 处置|呈贡
    stops = _stop_set()
    return any(norm[s - k : s] in stops for k in range(1, 5) if s - k >= lo)


def _split_rings(norm: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Split a ring road run into the bridge after it: 北三环|马甸桥 (but 东六环高线公园 is one park)."""
    out = []
    for s, e, kind in found:
        m = _RING.match(norm, s, e)
        if m and e - m.end() >= 3 and norm[e - 1] == "桥" and not _all_generic(norm[m.end() : e - 1]):
            out += [(s, m.end(), "road"), (m.end(), e, kind)]
        else:
            out.append((s, e, kind))
    return sorted(out, key=lambda c: (c[0], -c[1]))


def _ring_candidates(norm: str, lo: int, hi: int, blocked: bytearray) -> Iterator[tuple[int, int, str]]:
    for m in _RING.finditer(norm, lo, hi):
        s, e = m.span()
        if not any(blocked[k - lo] for k in range(s, e)) and _starts_here(norm, s, lo):
            yield s, e, "road"


# A national or provincial road by its number after the kind (国道307, 省道541), and
# schools by number, the way reports shorten them: 10小, and in a 、-list 36中、37中、39中, 四小、六小
# (a list of the whole, not its head: 二中、三中、四中、五中、六中全会 are plenums).
_SCHOOL = r"(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})[中小]"
_CODED = re.compile(
    r"(?:国道|省道)[GSgs]?[0-9]{2,3}(?![0-9.])(?:新线|线)?"
    rf"|(?<![0-9A-Za-z.一二三四五六七八九十届]){_SCHOOL}(?:、{_SCHOOL})+(?![、心国华央部间期型级学全时])"
    r"|(?<![0-9A-Za-z.时约近])[0-9]{1,3}[中小](?=[、,。;等和与及]|$)"
)
_SCHOOL_ITEM = re.compile(_SCHOOL)
# A route named by its ends' first characters, the rest of each in brackets: 内(黄)浚(县)路, 当(阳)枝(江)松(滋)高速.
_BRACKETED_ROUTE = re.compile(
    r"(?:[\u4e00-\u9fff]\([\u4e00-\u9fff]{1,3}\)){2,4}(?:高速公路|公路|高速|铁路|快速通道|路|线)"
)


# A county's or city's own institution is named by it: 潼关县体育馆, 沛县人民医院 (the kind alone is generic).
_INSTITUTIONS = re.compile(
    "人民医院|中医医院|中医院|妇幼保健院|医院|体育馆|图书馆|博物馆|文化馆|体育场|科技馆|体育中心|档案馆|美术馆"
    "|妇女儿童活动中心|青少年活动中心|实验小学|实验中学|第[一二三四五六七八九十]{1,3}[中小]学"
)


def _institution_candidates(norm: str, lo: int, hi: int, blocked: bytearray) -> Iterator[tuple[int, int, str]]:
    from .divisions import full_name_before

    for m in _INSTITUTIONS.finditer(norm, lo, hi):
        s = full_name_before(norm, m.start(), lo)
        if s is None or any(blocked[k - lo] for k in range(s, m.end())) or norm.startswith(("路", "街"), m.end()):
            continue  # (文成县体育场路 is a road)
        suffix = next((x for x in _SUFFIXES_LONGEST_FIRST if m.group().endswith(x)), "")
        yield s, m.end(), _KIND.get(suffix, "facility")


_TOWN_LEFT = "、市县区旗镇乡的在与和及是对向到至将从由于为邻依接连"
# Masks that end a township's name too: 横|街镇, 古|城乡, 东|村镇.
_TOWN_MASKS = re.compile("街镇|城乡|乡镇|村镇")


def _masked_town_candidates(norm: str, lo: int, hi: int, blocked: bytearray) -> Iterator[tuple[int, int, str]]:
    """Townships whose names end in a masked word (北依|横街镇, 南与后河镇、|古城乡): any in the country's list."""
    from .divisions import township_before

    for m in _TOWN_MASKS.finditer(norm, lo, hi):
        if m.group() == "城乡" and norm.startswith("村", m.end()):
            continue  # 新城|乡村振兴
        s = township_before(norm, m.end(), lo)
        if s is None or s >= m.start() or any(blocked[k - lo] for k in range(s, m.end())):
            continue
        if s > lo and _is_cjk(norm[s - 1]) and norm[s - 1] not in _TOWN_LEFT and norm[s - 2 : s] not in _stop_set():
            continue  # no clean left edge: 美|丽村镇
        yield s, m.end(), "town"


def _coded_candidates(norm: str, lo: int, hi: int, blocked: bytearray) -> Iterator[tuple[int, int, str]]:
    for m in _CODED.finditer(norm, lo, hi):
        if any(blocked[k - lo] for k in range(*m.span())):
            continue
        if norm.startswith(("国道", "省道"), m.start()):
            yield m.start(), m.end(), "road"
            continue
        for item in _SCHOOL_ITEM.finditer(norm, m.start(), m.end()):
            yield item.start(), item.end(), "campus"
    for m in _BRACKETED_ROUTE.finditer(norm, lo, hi):
        if not any(blocked[k - lo] for k in range(*m.span())):
            yield m.start(), m.end(), "rail" if m.group().endswith("铁路") else "road"


def _area_candidates(
    norm: str,
    lo: int,
    hi: int,
    blocked: bytearray,
    known: Container[str],
    names: dict[str, tuple[str, bool]],
    unmasked: bytearray,
) -> Iterator[tuple[int, int, str]]:
    """The report's own towns and districts, with or without their suffix: 西集, 门头沟.

    A full name of three or more characters from the division list stands through the rules' masks (金村镇 is no
    村镇); a short one does not."""
    import ahocorasick_rs

    from .divisions import not_a_name

    if not names:
        return
    order = sorted(names)
    ac = ahocorasick_rs.AhoCorasick(order, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    for idx, s, e in ac.find_matches_as_indexes(norm[lo:hi]):
        s, e = s + lo, e + lo
        name = order[idx]
        kind, short = names[name]
        block = blocked if short or e - s < 3 else unmasked  # (和县, 古县 may be words' ends)
        if any(block[k - lo] for k in range(s, e)) or name in known or not _starts_here(norm, s, lo):
            continue  # linked, known, or inside a longer word: 大|兴安岭
        if not_a_name(norm, s, e):
            continue  # a title (代县|长), a count (28项|城市)
        # A two-character short name needs a clear end; a longer one (石湖荡|塔汇) is distinctive.
        stretch_end = s > lo and norm[s - 1] == "至" and norm.startswith("段", e)  # 铜梁至|永川|段
        if (
            short
            and e - s < 3
            and not (_ends_here(norm, e, hi) or stretch_end)
            or e < hi
            and norm[e] == "段"
            and not stretch_end
        ):
            continue  # the start of a longer name (嘉定|城北大型社区), a road's section (杭州路(下陆|段))
        yield s, e, kind


def _split_areas(
    found: list[tuple[int, int, str]], norm: str, names: dict[str, tuple[str, bool]]
) -> list[tuple[int, int, str]]:
    """Split a name that is two of the report's divisions run together: 怀柔|汤河口镇, 通州区|宋庄镇.

    The two parts replace every candidate that overlaps them (怀柔汤|河)."""
    from .divisions import is_area_name, township_before

    parts: list[tuple[int, int, str]] = []
    for s, e, kind in found:
        if kind == "town" and norm[e - 1] in "镇乡":
            p = township_before(norm, e, s + 2)
            if p is None:  # (a township since renamed or merged: 江油|九岭镇)
                p = next(
                    (
                        s + k
                        for k in (4, 3, 2)
                        if e - s - k >= 3 and norm[s + k] not in "旗县区市州盟" and is_area_name(norm[s : s + k])
                    ),
                    None,
                )
            if p is not None and is_area_name(norm[s:p]):
                parts += [(s, p, "district"), (p, e, kind)]  # any county's: 监利|周老嘴镇
                continue
        for k in range(min(6, e - s - 2), 1, -1):
            head, rest = norm[s : s + k], norm[s + k : e]
            if head in names and (
                rest in names
                or kind == "village"
                and names[head][0] == "town"
                and len(rest) >= 3
                and _valid_village(rest)
            ):
                parts += [(s, s + k, names[head][0]), (s + k, e, kind)]
                break
    if not parts:
        return found
    spans = [(s, e) for s, e, _ in parts]
    return parts + [c for c in found if not any(c[0] < e and s < c[1] for s, e in spans)]


def _into_townships(
    norm: str, hi: int, found: list[tuple[int, int, str]], names: dict[str, tuple[str, bool]]
) -> list[tuple[int, int, str]]:
    """A name that runs into a township of the national list is cut before it: 淇县庙|口镇 is 淇县, 庙口镇."""
    from .divisions import full_name_at, full_name_before, township_before

    towns = {e for _, e, kind in found if kind == "town"}
    out = []
    for s, e, kind in found:
        if kind == "river" and e + 1 in towns and norm[e] in "镇乡":
            continue  # the township named by its river: 并入|匡河乡 (not 入匡河)
        if kind == "town" and e - s > 3 and norm[e - 1] in "镇乡" and full_name_at(norm, e - 1) is not None:
            if full_name_before(norm, e - 1, s) == s:
                out.append((s, e - 1, "district"))
            continue  # a county whose name starts with 镇 or 乡: 庆阳市|镇原县
        t = next((t for t in range(e + 1, min(e + 4, hi + 1)) if norm[t - 1] in "镇乡"), None)
        p = township_before(norm, t, s + 1) if t is not None and kind != "town" else None
        if p is None or p >= e or norm[p : t - 1] in _KIND:  # (成贵高速|铁路镇|雄段: 铁路 is a kind)
            out.append((s, e, kind))
            continue
        if norm[s:p] in names:
            out.append((s, p, names[norm[s:p]][0]))
        out.append((p, t, "town"))  # type: ignore[arg-type]
    return sorted(dict.fromkeys(out), key=lambda c: (c[0], -c[1]))  # (stable: a span's first kind stays first)


def _committee_end(norm: str, e: int, hi: int) -> int:
    """The end of a village's name with its committee after it (马泗河村|委, 龙家村|委会), else ``e``."""
    if norm[e - 1] != "村" or not norm.startswith("委", e):
        return e
    return e + 2 if norm.startswith("委会", e) and e + 2 <= hi else e + 1


def _valid_village(name: str) -> bool:
    """A village's own name after its township's: 城阳|长城村 (not 城阳|新村, nor 齐寿|乡彭马村)."""
    return name.endswith("村") and name[0] not in "乡镇村区县市" and name not in GENERIC and not _all_generic(name[:-1])


def _split_subdistricts(norm: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Split a sub-district run into the name after it: 南汇街道|前网路 is the 街道 and its road."""
    out = []
    for s, e, kind in found:
        k = norm.find("街道", s + 2, e - 3) if e - s > 6 else -1  # (a negative end would count from the back)
        if k < 0 or kind == "town" or _all_generic(norm[s:k]):
            out.append((s, e, kind))  # … a kind of street is no sub-district: 特色街道|示范街区
            continue
        # 中所营街道|办|张家村: its office (but 南汇街道|办公大楼 is a building)
        rest = k + 3 if norm.startswith("办", k + 2) and not norm.startswith("公", k + 3) else k + 2
        out.append((s, k + 2, "town"))
        name = norm[rest:e]
        if e - rest >= 3 and name not in GENERIC and not _all_generic(name):
            out.append((rest, e, kind))  # not a kind of place: 南汇街道|口袋公园
    return sorted(out, key=lambda c: (c[0], -c[1]))


# Words a slogan puts before the report's own place: 红色房山、活力房山、精致房山、幸福房山.
_SLOGAN_ADJECTIVES = frozenset(
    _words("""
    红色 活力 精致 大美 平安 幸福 美丽 绿色 宜居 魅力 和谐 法治 智慧 数字 文明 开放 创新 人文 生态 首都 品质 实力
    实业 富裕 美好 文化 健康 诚信 清洁 靓丽 秀美 锦绣 多彩 壮美 醉美 最美 乐享 善治 厚德 书香 水韵 紫气东来
    """)
)


_LIST_EDGE = re.compile(r"[,。;:!?()\n,;:!?()“”\"]")


_SUFFIXES_LONGEST_FIRST = sorted(_KIND, key=len, reverse=True)


def _kind_in_list(norm: str, s: int, e: int, lo: int, hi: int) -> bool:
    """True if the name at ``norm[s:e]``, two characters and a suffix, stands in a 、-list
    whose items of that suffix are half or more generic: 生态路、文明路、惠民路 are kinds of road (解放路、建设路
    are roads)."""
    suffix = next((x for x in _SUFFIXES_LONGEST_FIRST if norm.endswith(x, s, e)), norm[e - 1])
    if e - s - len(suffix) != 2 or not (s > lo and norm[s - 1] == "、" or e < hi and norm[e] == "、"):
        return False
    a = max((m.end() for m in _LIST_EDGE.finditer(norm, max(lo, s - 40), s)), default=max(lo, s - 40))
    m = _LIST_EDGE.search(norm, e, min(hi, e + 40))
    b = m.start() if m else min(hi, e + 40)
    items = [item.split("等")[0] for item in norm[a:b].split("、")]  # (…丽泽公园|等一批小微型公园)
    mates = [item for item in items if len(item) >= len(suffix) + 2 and item.endswith(suffix)]
    generic = 0
    for item in mates:
        stem = item[_cut_stop_words(item[: -len(suffix)]) : -len(suffix)].lstrip("条座个")  # (一条条|民心路)
        generic += (
            len(stem) >= 2 and _all_generic(stem) and (stem not in _ROAD_NAME_WORDS or _KIND.get(suffix) != "road")
        )
    if len(suffix) > 1:  # a longer kind is named so more often: 丽泽公园 beside 城市公园
        return generic >= 3 and 3 * generic >= 2 * len(mates)
    return generic > 1 and 2 * generic >= len(mates)  # (沿江景观路、电碳路、香明街、哈东路… are roads)


_OWN_NETWORKS = ("公路", "铁路", "交通")


def _place_slogan(name: str, names: Mapping[str, object], region: str = "") -> bool:
    """True for a slogan word followed by one of the report's own places (活力|房山), or by a town's or
    county's name that the text also writes in full (绿色|庄寨 beside 庄寨镇)."""
    if name.endswith(_OWN_NETWORKS) and name[:-2].removesuffix("市") in names:
        return True  # the report's own network of a kind, not one road: 临汾|公路, 三亚市|交通
    for k in range(2, min(5, len(name) - 1)):
        if name[:k] in _SLOGAN_ADJECTIVES:
            place = name[k:]
            if place in names or any(place + end in region for end in "镇乡县区市"):
                return True
    return False


_PARTS_OF = ("东部", "西部", "南部", "北部", "中部")
# Ends of a broad region's name (ambiguous to readers, never one site to map), or of a body's.
_REGION_ENDS = (
    "都市圈", "经济圈", "城市群", "经济带", "生活圈", "公司", "集团", "协会", "委员会", "管委会",
    "日报", "晚报", "电视台",  # (a newspaper: 绍兴日报)
)  # fmt: skip


def _tagged_candidates(
    norm: str,
    lo: int,
    hi: int,
    blocked: bytearray,
    known: Container[str],
    names: dict[str, tuple[str, bool]],
    sure: Iterable[tuple[int, int, float]] | None = None,
) -> Iterator[tuple[int, int, str]]:
    """Names the tagger is sure of (``sure``, else tagged here), where no link, mask or blocked phrase stands."""
    from . import tagger
    from .divisions import is_area_name, province_names

    provinces = province_names()  # a province is a region, not a site to map
    provinces_with_ends = tuple(p for p in provinces if p.endswith(("省", "自治区")))
    for s, e, _ in tagger.names(norm, lo, hi, names) if sure is None else sure:
        if (cut := _lead_cut(norm[s:e])) and _proper_rest(norm[s + cut : e]):
            s += cut  # a verb the tagger took in: 改扩建|袁冲六官营 (but 发展|大道 is a name)
        for k in (3, 2, 1):
            if (norm[e - k : e] in _stop_set() or norm[e - k : e] in _AFTER_NAME) and _proper_rest(norm[s : e - k]):
                e -= k  # … or a word after the name: 解放南路|以东
                break
        for org in ("有限公司", "公司", "集团"):
            if (k := norm.find(org, s, e)) >= 0 and e - k - len(org) >= 3:
                s = k + len(org)  # a body's site: 中铁十六局集团有限公司|江门人才岛
                break
        if e - s > 3 and norm[e - 1] in "东西南北" and norm[e : e + 1] in ("扩", "延", "拓"):
            e -= 1  # a site's extension: 趵突泉|西扩
        name = norm[s:e]
        if any(blocked[k - lo] for k in range(s, e)) or _counted_slogan(name) or _after_byline(norm, lo, s):
            continue
        if s > lo and norm[s - 1 : s + 1] in _TITLES:
            continue  # a person after a title the tagger cut through: 代县|长王雄文
        if any(is_area_name(norm[s - k : s + j]) for k in (1, 2) if s - k >= lo for j in (2, 3) if s + j <= e):
            continue  # … or a city's name: 驻|马店
        if name.endswith("市") and name.startswith(provinces_with_ends):
            continue  # a city with its province (四川省成都市): far away, a region to readers
        if name in provinces or len(name) < MIN_STEM or name in GENERIC or name in MASKED or name in known:
            continue
        if (
            _all_generic(name)
            or _DIGIT_COUNT.match(name)
            or name.endswith(_OFFICE_ENDS)
            or name[0] in _MEASURES + _NOT_FIRST
        ):
            continue  # too short, generic, known, a count of things (5家四星级酒店, 个小区), or an office
        if not all(_is_cjk(ch) or ch.isascii() and ch.isalnum() for ch in name):
            continue  # a name runs through punctuation only by mistake
        suffix = next((x for x in _SUFFIXES_LONGEST_FIRST if name.endswith(x) and len(name) > len(x)), "")
        kind = _KIND.get(suffix, "area")
        if name.endswith(_REGION_ENDS):
            continue  # a broad region (海东都市圈) or a body (成都天投集团)
        if "至" in name and kind not in ("road", "rail") and len(name) - name.index("至") - 1 <= 3:
            continue  # a stretch between two places (上安至元兴), not one place (but 大连至旅顺中部通道 is)
        stem = name[: -len(suffix)] if suffix else name
        careful = suffix in _CAREFUL and suffix not in _DISTRICT_SUFFIXES and len(stem) >= 5
        if careful and _all_generic(_proper_part(stem, _CAREFUL[suffix])):
            continue  # a run of generic words and a careful kind: 国际集装箱枢纽|港
        if suffix and (_rank_slogan(stem, suffix) or _quoted_metaphor(norm, lo, s, e, stem)) or _generic_compound(name):
            continue  # a slogan (中州名镇) or generic words run together (公路水路, 千亩湿地)
        yield s, e, kind


def _generic_compound(name: str) -> bool:
    """True for a generic kind after a count or after a generic kind of its own suffix: 千亩|湿地, 公路|水路
    (but 东部新城 and 城市庆典公园 are names)."""
    for k in range(len(name) - 2, 1, -1):
        head, tail = name[:k], name[k:]
        if tail in GENERIC and (_COUNTED.fullmatch(head) or head in GENERIC and head[-1] == tail[-1]):
            return True
    return False


# A rule's candidate is dropped where the tagger gives less than this to its starting a name and lying
# inside one (4-fold on the dev texts: precision 0.855 -> 0.885, recall 0.777 -> 0.771; README).
DOUBTED = 0.02
# … and where it gives less than this to the candidate's exact span being one name. Measured on fresh
# text, by the systems that had never seen it: on rounds 52-54 (63 texts) precision 0.841 -> 0.863 for
# recall 0.776 -> 0.768, on rounds 55-59 (105 texts) 0.862 -> 0.886 for 0.784 -> 0.780 (README); with
# the list-item tagger, 4-fold on 1,571 texts, 0.04 has the best F1 of 0.02-0.1 (higher trades recall).
UNSURE = 0.04

_LINE_MODES = frozenset(_words("地铁 轨道交通 轻轨 城轨 有轨电车 市域铁路"))


def _moded_lines(norm: str, found: Iterable[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """``(start, end, mode)`` of the candidates that are a line named with its mode: 地铁|2号线."""
    for s, e, _ in found:
        mode = next((m for m in _LINE_MODES if norm.startswith(m, s)), "")
        if mode and e - s > len(mode) and norm.endswith("线", s, e):
            yield s, e, mode


def _with_tagged(
    found: list[tuple[int, int, str]], tagged: Iterator[tuple[int, int, str]], norm: str = ""
) -> list[tuple[int, int, str]]:
    """The rules' candidates plus the tagger's names that overlap none of them.

    Where the tagger's name overlaps exactly one candidate and ends where it ends, the tagger's start
    wins (群众用上|洮河, 新建|城污水处理厂): in cross-validation this drops 14 of 1,084 false names
    and finds one more. Otherwise the rules keep their spans, and so does a line the tagger would
    take its mode off (地铁|13号线: the gazetteer names lines with it) or a route its first end off
    (石关-|黄尾公路)."""
    out = list(found)  # sorted by start already; equal spans keep the rules' order (and kind)
    starts = [c[0] for c in out]
    added = []
    for t in tagged:
        # Candidates do not overlap each other, so the ones near t are found by bisection.
        k, j = bisect.bisect_left(starts, t[0]), bisect.bisect_left(starts, t[1])
        near = [i for i in range(max(0, k - 1), j) if out[i][0] < t[1] and t[0] < out[i][1]]
        if not near:
            added.append(t)
        elif (
            len(near) == 1
            and out[near[0]][1] == t[1]
            and norm[out[near[0]][0] : t[0]] not in _LINE_MODES
            and "-" not in norm[out[near[0]][0] : t[0]]  # (a route by its ends: 石关-|黄尾公路)
        ):
            out[near[0]] = (t[0], t[1], out[near[0]][2])
    return sorted(out + added, key=lambda c: (c[0], -c[1]))


def candidates(
    norm: str,
    lo: int,
    hi: int,
    taken: Sequence[tuple[int, int]],
    *,
    known: Container[str] = (),
    tagged: bool = True,
) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` of unlinked place-like names in ``norm[lo:hi]``.

    ``taken`` are spans already linked; no candidate overlaps one, and the
    candidates do not overlap each other. They come in text order. With
    ``tagged`` (and a region of at most MAX_TAGGED characters), the names the
    statistical tagger is sure of are added where the rules found nothing
    (``geo.tagger``).
    """
    for s, e, kind, _ in scored_candidates(norm, lo, hi, taken, known=known, tagged=tagged):
        yield s, e, kind


def scored_candidates(
    norm: str,
    lo: int,
    hi: int,
    taken: Sequence[tuple[int, int]],
    *,
    known: Container[str] = (),
    tagged: bool = True,
) -> Iterator[tuple[int, int, str, float | None]]:
    """``candidates`` with the tagger's confidence that each is exactly one name (None untagged).

    Most false names are ones the tagger doubts: below ``LIKELY`` they are
    reported as possible names, not likely ones, and a rule's candidate the
    tagger reads as no part of any name (``within`` < ``DOUBTED``) is dropped
    (measured in README)."""
    hi = min(hi, len(norm))
    if hi <= lo:
        return
    masked_ac = _automata()[0]
    region = norm[lo:hi]
    # _HARD: no suffix inside and no stem through it (linked names, masks);
    # _SOFT: no suffix inside (blocked phrases: 中关村论坛 names an event, but
    # 中关村论坛永久会址 is a place).
    blocked = bytearray(hi - lo)
    soft = _blocked_automaton()
    if soft is not None:
        for _, a, b in soft.find_matches_as_indexes(region):
            blocked[a:b] = bytes([_SOFT]) * (b - a)
    # The tagger reads names through the rules' masks (第五|幼儿园), not through links or blocked phrases.
    unmasked = bytearray(blocked)
    for _, a, b in masked_ac.find_matches_as_indexes(region):
        blocked[a:b] = bytes([_HARD]) * (b - a)
    for a, b in taken:
        a, b = max(a, lo), min(b, hi)
        if a < b:
            blocked[a - lo : b - lo] = unmasked[a - lo : b - lo] = bytes([_HARD]) * (b - a)
    from .divisions import area_names, is_title, township_before

    names = area_names(region)
    found = sorted(
        _split_areas(
            [
                *_suffix_candidates(norm, lo, hi, blocked, known),
                *_list_candidates(norm, lo, hi, blocked, known),
                *_ring_candidates(norm, lo, hi, blocked),
                *_coded_candidates(norm, lo, hi, blocked),
                *_institution_candidates(norm, lo, hi, blocked),
                *_masked_town_candidates(norm, lo, hi, unmasked),
                *_area_candidates(norm, lo, hi, blocked, known, names, unmasked),
            ],
            norm,
            names,
        ),
        key=lambda c: (c[0], -c[1]),
    )
    found = _split_rings(norm, _split_subdistricts(norm, _into_townships(norm, hi, found, names)))
    # A village by its committee, as readers write it: 马泗河村委, 龙家村委会.
    found = [(s, _committee_end(norm, e, hi) if k == "village" else e, k) for s, e, k in found]
    confidence: dict[tuple[int, int], float] | None = None
    within: Mapping[tuple[int, int], float] = {}
    unmoded: dict[int, tuple[int, int]] = {}
    hyphened: dict[int, tuple[int, int]] = {}
    if tagged and hi - lo <= MAX_TAGGED:
        from . import tagger

        # A line with its mode (地铁|2号线) is labelled by its number: the tagger is asked of both.
        unmoded = {s: (s + len(m), e) for s, e, m in _moded_lines(norm, found)}
        # … and a route by its hyphened ends (石关-黄尾公路) by its last too: it was taught few hyphens.
        hyphened = {s: (norm.rindex("-", s, e) + 1, e) for s, e, _ in found if "-" in norm[s:e]}
        spans = [(s, e) for s, e, _ in found] + list(unmoded.values()) + list(hyphened.values())
        tagging = tagger.tag(norm, lo, hi, names, spans)
        if tagging is not None:
            confidence = {}
            for s, e, p in tagging.names:  # a sure name trimmed by the rules keeps its confidence
                confidence.update({(a, b): p for a in range(s, e) for b in range(a + 1, e + 1)})
            confidence.update(tagging.spans)  # … but a rule's span has its own
            within = tagging.within
            sure = _tagged_candidates(norm, lo, hi, unmasked, known, names, tagging.names)
            found = _with_tagged(found, sure, norm)
    # Overlaps: the longer name wins (三山五园 < 三山五园地区, 京张铁路 < 京张铁路遗址公园).
    kept: list[tuple[int, int, str]] = []
    for c in found:
        if kept and c[0] < kept[-1][1]:
            if c[1] - c[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = c
            continue
        kept.append(c)
    for c in kept:
        after = c[1] + (c[1] < hi and norm[c[1]] in _CLOSING_QUOTES)
        if norm.startswith(_NOT_A_PLACE_AFTER, after) or is_title(norm, c[1]):
            continue  # a strategy or a campaign named after a place ("大宿城"|战略), a title (…人民政府州|长)
        if norm.endswith(_OFFICE_ENDS[:-1], c[0], c[1]) and not norm.endswith("村委", c[0], c[1]):
            continue  # an office named after its place: 延吉市林业局
        if _place_slogan(norm[c[0] : c[1]], names, region):
            continue  # a slogan made of the report's own place: 活力|房山, 平安|房山
        if norm.endswith(("没有一座", "没有一条", "没有一个"), lo, c[0]):
            continue  # what is missing is no place: 没有一座|汉江公路大桥
        if norm[c[1] - 1 : c[1] + 1] in _SUFFIX_PROVINCES and _into_province(norm, c[0], c[1]):
            continue  # run into a province: 京珠高速湖|南段, 中共河|南省委, 东进湖|南
        if _kind_in_list(norm, c[0], c[1], lo, hi):
            continue  # a kind listed with kinds: 建设生态路、文明路、惠民路
        if norm.endswith("片区", c[0], c[1]) and norm.startswith(_PARTS_OF, c[0]) and c[1] - c[0] >= 6:
            continue  # a plan's zone by its side of town: 北部石居文化片区, 中部红色党建中医药康养片区
        spans = [(c[0], c[1]), unmoded.get(c[0], (c[0], c[1])), hyphened.get(c[0], (c[0], c[1]))]
        # Spared the vetoes: what the tagger cannot read (brackets: 鹤(壁)台(前)路), and a township of the
        # national list in a list of them, whatever the tagger reads (海淀镇、|四季青镇|村庄).
        spared = "(" in norm[c[0] : c[1]] or (
            norm[c[1] - 1] in "镇乡"
            and "、" in (norm[c[0] - 1 : c[0]], norm[c[1] : c[1] + 1])
            and township_before(norm, c[1], c[0]) == c[0]
        )
        # The tagger reads no name here at all: 通上柏油|路, 没有通公交|村.
        if max(within.get(span, 1.0) for span in spans) < DOUBTED and not spared:
            continue
        # A residents' committee is written with its name, as readers label it: 南街|居委会.
        end = c[1] + 3 if norm.startswith("居委会", c[1]) and c[1] + 3 <= hi else c[1]
        if confidence is None:
            yield c[0], end, c[2], None
            continue
        sure = max((confidence[span] for span in (spans[0], spans[2]) if span in confidence), default=None)
        # … or reads this exact span (or the line's number: 地铁|13号线) as one name at less than UNSURE.
        judged = [confidence[span] for span in spans if span in confidence]
        if judged and max(judged) < UNSURE and not spared:
            continue
        yield c[0], end, c[2], sure
