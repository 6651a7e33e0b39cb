"""The report-figure extraction rules, as data.

Everything that decides what counts as an indicator fact lives here: keyword
and synonym tables, qualifier words, target/scope/period words, exclusion
contexts, the Chinese numeral table and the masked-figure pattern.  The
engine in ``etl/extract.py`` only compiles and applies these tables.

All patterns are matched against a *normalised shadow* of the text: traditional
characters mapped to simplified (one character for one), full-width ASCII
mapped to half-width (except the Chinese comma "，", which stays, so that
"1,200" and "5，6" keep different meanings), ideographic spaces to spaces and
markup markers removed.  So patterns below are written in simplified Chinese
with ASCII digits and ASCII punctuation ( ( ) : ; % ! ? ), plus the Chinese
punctuation that has no half-width form (。、“”《》【】).
"""
from __future__ import annotations

# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------
INDICATORS = (
    "collective_income",
    "new_members",
    "grid_count",
    "training_attendance",
    "collective_income_growth_pct",
)

INDICATOR_LABELS = {
    "collective_income": "村集体经济收入（元）",
    "new_members": "发展党员（名）",
    "grid_count": "网格数（个）",
    "training_attendance": "培训人次",
    "collective_income_growth_pct": "集体经济收入增幅（%）",
}

QUALIFIER_LABELS = {"exact": "确数", "at_least": "不少于", "at_most": "不超过", "about": "约", "redacted": "已遮挡"}
KIND_LABELS = {"actual": "实际", "target": "目标"}

# ---------------------------------------------------------------------------
# Markup to drop before matching (paywall markers, HTML tags, entities,
# zero-width characters).  Offsets still point into the original text.
# ---------------------------------------------------------------------------
MARKUP_PATTERNS = (
    r"##\s*[A-Za-z_]{2,20}\s*##",            # ##paidbegin## / ##paidend##
    r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,80})?/?>",  # <p>, <span class=..>, <br/>
    r"&(?:nbsp|amp|lt|gt|quot|#\d{1,5});",
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]",
)
# A line break inside a sentence (PDF text layers wrap lines): a long line with
# no table separators, ending in a Han character or digit, followed by one.
# (The newline comes first and the lookbehind includes it, so the engine only tries at newlines.)
SOFT_WRAP_PATTERN = r"\n(?<=[^\n\t| ]{24}[\u4e00-\u9fff0-9，、]\n)(?=[\u4e00-\u9fff0-9])(?![^\n]*,[\d.]+,)(?![^\n]*[\t|｜])"  # not before a CSV, tab or pipe row
# Text layers that break lines everywhere ("完成地区生产总值\nXX\n亿元,增长\n5%\n;"):
# when most line ends are not sentence ends, every such line break is dropped.
LINE_END_PUNCTUATION = "。;!?:：；！？…”」』)）"
LINE_START_HEADING = (r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十\d]+|篇\d"
                      r"|[●○■□◆◇▲△•★☆✔✓◎【]|——)")  # bullets and 【…】 heads start their own line
TABLE_LINE = r"\t|[|｜]|\S\s{2,}\S|(?:\S+ ){2,}\S"
# A lone space between a word and its figure ("全年发展党员 11名", slides and OCR) is dropped
# when it is the only space on its line (a line with more is a space-separated table), and
# so is a space after a decimal point ("436. 8万元").
LONE_SPACE_BEFORE_NUMBER = r"(?<=[\u4e00-\u9fff]) (?=\d)"
SPACE_AFTER_DECIMAL_POINT = r"(?<=[^\s]\d\.) (?=\d{1,3}(?:万|亿|%|元|人|个|名))"  # not "1. 2024年…"
# A ledger line "发展党员：3名" is a record of its own, never part of a wrapped sentence.
KEY_VALUE_LINE = r"^\s*[\u4e00-\u9fff（）()]{1,12}[:：]\s*\S"
WRAPPED_MIN_LINES = 8
# A short line that ends with a figure and its unit ("全年发展党员 11名" on a slide) is whole,
# even in a text whose other lines are broken anywhere.
WHOLE_SHORT_LINE = r"[^\n]{0,20}\d\s*(?:名|个|人次|人|万元|亿元|元|%|户|期|场)(?:左右|以上|余)?"
WRAPPED_MIN_SHARE = 0.5

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"千": 1_000, "万": 10_000, "亿": 100_000_000}

ARABIC_NUMBER = r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?"
# A Chinese numeral must start with a digit word or 十 (a bare 万/千/百 as in
# "万名党员进党校", "千亩", "百日攻坚" is a name, not a figure), except
# 百万/千万 directly before 元.
CHINESE_NUMBER = (
    r"(?<![零〇一二两三四五六七八九十百千万亿])"
    r"(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]{0,12}(?:点[零〇一二三四五六七八九]{1,6})?"
    r"|[百千]万(?=元)"
    r"|[百千万](?=余|多))"
)
# Vague amounts are not figures: 几十万元, 数十万元, 上百万元, 好几十人, 十几万元, 几百名.
VAGUE_NUMBER = r"(?:几|数|上|成)[十百千万]$"   # matched on the character before the numeral and its first
# Percentages written out: 百分之十八, 百分之12.5 (the figure is a percent without a unit).
PERCENT_WORD = r"百分之"
# Masked figures: X, XX, x, ×, *, **, □ (never turned into a number).
MASKED_NUMBER = r"(?<![A-Za-z])[Xx×*□■○]{1,4}(?![A-Za-z])"

# Units directly after the number (order matters: longest first).
UNIT_CLASSES = (
    ("pp", r"个百分点|百分点"),
    ("percent", r"%|‰"),
    ("person_times", r"人次"),
    ("persons", r"名|位|人(?![民员口才家工均次])"),
    ("count", r"个(?!百分点)"),
    ("money", r"元"),
)
# After the unit.
POST_QUALIFIER = r"及以上|以上|之上|有余|之多|以下|以内|之内|左右|上下"
APPROX_SUFFIX = r"余|多|来"            # 100余人, 5万多元, 10来人
# One digit spoken after 万 with no unit ("去年才二十八万五"): that many thousands.
WAN_TAIL = r"[一两二三四五六七八九](?![\u4e00-\u9fff\d.])"
RANGE_SEPARATOR = r"[-~—–至到]"

# ---------------------------------------------------------------------------
# Qualifiers
# ---------------------------------------------------------------------------
# Words just before the number (the gap may also hold 达到/为 before them).
QUALIFIER_BEFORE = {
    "at_least": ("超过", "超出", "突破", "不少于", "不低于", "至少", "多于", "高于", "大于", "逾", "超", "过", "≥", "≧"),
    "at_most": ("不超过", "不足", "不到", "低于", "少于", "控制在", "最多", "至多", "≤", "≦"),
    "about": ("大约", "约为", "约", "将近", "接近", "近", "大概"),
}
QUALIFIER_AFTER = {
    "at_least": ("余", "多", "及以上", "以上", "之上", "有余", "之多"),
    "at_most": ("以下", "以内", "之内"),
    "about": ("左右", "上下", "来"),
}
# Qualifier words allowed at the end of an indicator phrase, before the figure
# ("每村发展党员不少于1名", "网格总数控制在60个以内").
TAIL_QUALIFIER = r"(?:不少于|不低于|至少|超过|突破|控制在|不超过|约|近|大约|将近|达到|达|为)?"
# Characters that make a one-character qualifier part of another word
# (通过, 经过, 最近, 附近); two-character words above are matched first.
QUALIFIER_BEFORE_BLOCK = {"过": "通经越度路错超", "近": "最附将接", "超": "高赶", "逾": ""}

# ---------------------------------------------------------------------------
# Collective income (元) and its growth (%)
# ---------------------------------------------------------------------------
INCOME_KEYWORDS = (
    "村级集体经济经营性收入", "村集体经济经营性收入", "集体经济经营性收入",
    "村级集体经营性收入", "村集体经营性收入", "集体经营性收入",
    "村级集体经济总收入", "村集体经济总收入", "集体经济总收入",
    "村级集体经济年收入", "村集体经济年收入", "集体经济年收入",
    "村级集体经济收入", "村集体经济收入", "集体经济收入",
    "村级集体经济", "村集体经济", "集体经济",
    "村级集体收入", "村集体收入", "集体总收入", "集体收入",
    "村集体年收入", "集体年收入", "集体经济纯收入", "集体纯收入", "集体经营收入",
    "集体经济收益", "集体收益",
)
# Words that name the collective's income only when the collective economy is
# the subject of the paragraph (e.g. "全乡进账XX万元" under "村集体经济发展").
INCOME_CONTEXT_KEYWORDS = ("经营性收入", "自营收入", "进账", "入账",
                           # a bare 收入 right after a village or a period ("马鞍村一季度收入××万元",
                           # "3个村…一季度收入分别为3.1万元"), not 人均/农民/流转收入
                           r"(?<=[村度年月])收入", r"(?<=实现|完成)收入")
INCOME_CONTEXT_REQUIRES = r"集体"
INCOME_CONTEXT_LOOKBACK = 400          # characters back in the same paragraph

INCOME_GAP_MAX = 20                    # keyword → number
# "从2019年的4.8万元一路增长到2023年的68万元": a level after a change may sit further away.
INCOME_CHANGE_GAP_MAX = 32
GROWTH_GAP_MAX = 32
# Anywhere between keyword and figure → the figure is something else.
INCOME_GAP_EXCLUDE = (
    "村均", "平均", "人均", "户均", "分红", "红利", "股金", "入股", "租金", "租赁", "发包",
    "投资", "投入", "资金", "项目", "补助", "补贴", "奖补", "奖励", "扶持", "贷款", "债务",
    "负债", "支出", "成本", "费用", "缺口", "差距", "销售", "营业", "产值", "利润", "农民",
    "村民", "群众", "农户", "脱贫", "务工", "工资", "劳务", "目标的", "占", "比重", "比例",
    "其中", "合同", "预算", "总额的", "带动", "增收", "资产", "经费", "税", "最高", "最低", "最多", "最少",
)
# The gap ends with an increment verb → an increment, not a level.
INCREMENT_TAIL = r"(?:增收|增加|新增|增长|提高|提升|多出|多|减少|下降|减收|增)了?(?:约|近|超过|突破|达到?)?$"
# "由X万元增加到Y万元": X is a baseline unless a year is attached ("由2022年的8万元").
# "…达到218万元，比2022年的176万元增长…": the comparison base with its own year is
# that year's level, even though the gap already holds a figure.
COMPARED_YEAR_LEVEL_TAIL = r"[,，]?(?:比|较|相比|同比|对比)(?:19|20)\d{2}年(?:底|末)?的$"
FROM_BASELINE_TAIL = r"(?:由|从|比|较)(?:(?P<year>(?:19|20)\d{2})年(?:底|末)?的?|去年的?|上年的?|上一年的?)?$"
# "由X万元增加到Y万元": Y is a level even though the gap holds a figure.
LEVEL_AFTER_CHANGE = (r"(?:由|从)[^,，;。]{0,16}?(?:增加|增长|提高|提升|上升|增|跃升|发展)(?:到|至)"
                      r"(?:(?:19|20)\d{2}年(?:底|末)?的?|(?:今年|当年|本年)(?:底|末)?的?)?$")
# Directly before the keyword → a per-village average or another measure.
INCOME_BEFORE_EXCLUDE = r"(?:村均|平均|人均|户均|每村平均|村平均|(?:个别|部分|少数|多数|大多数|一些|有的|少部分|大部分)(?:行政)?村?)$"
# Right after the figure: bucket statements ("50万元以上的村3个",
# "10万元以上村达5个", "5万元以下的薄弱村"), or "的" + another noun.
INCOME_AFTER_EXCLUDE = (
    r"^(?:及以上|及以下|以上|以下|之间|左右)?的?[\u4e00-\u9fff]{0,3}村(?!集体|级)",
    r"^(?:及以上|及以下|以上|以下|之间|左右)?的(?!目标|村级?集体|集体)",
    r"^[^,，;。]{0,4}?(?:资金|投资|补助|奖补|贷款|项目|资产|基金|债务)",
)
GROWTH_TAIL = (
    r"(?:同比|比上年|较上年|比去年|较去年)?(?:增幅|增长率|增长幅度|增长|增速|增加|提高|提升|上涨|上升|"
    r"下降|减少|下滑|回落|降低|减收|降幅)"
    r"(?:率|幅度)?(?:了|达到|达|为|在|约|近|超过|突破|保持在|均|都|不低于|不少于|高于|至少|接近|将近|控制在|仅仅|仅|只有|只|才)*$"
    r"|(?:同比|比上年|较上年|比去年|较去年)[:：]?\s*[↑↓]$"  # an infographic's "同比：↑12.8%"
)
# A fall is a negative growth ("同比下降12.4%" → -12.4), unless the words speak of the
# growth rate itself ("增速回落到5%" is a growth of 5%).
GROWTH_DECREASE = r"下降|减少|下滑|回落|降低|减收|降幅|↓"
GROWTH_RATE_NOUN = r"增幅|增长率|增速|增长幅度"
# "…累计达到356.8万元，同比增长12.4%": the growth of the income figure just before.
GROWTH_AFTER_INCOME = (r"^\s*[,，]\s*(?:(?:19|20)\d{2}年度?|全年|今年|上半年|前三季度)?"  # "…52.3万元，2024年同比增长27.6%"
                       + GROWTH_TAIL)
# A bullet list: the growth on the line right after the income ("▲ 收入1,352.6万元\n▲ 同比增长14.3%").
GROWTH_NEXT_LINE = r"[ \t]*\n[ \t]*[●○■□◆◇▲△•★☆✔✓◎▶►➤\-]?[ \t]*(?:" + GROWTH_TAIL + ")"
GROWTH_GAP_EXCLUDE = (
    "人均", "户均", "农民", "村民", "群众", "可支配", "产值", "销售", "税收", "财政", "生产总值",
    "覆盖率", "完成率", "占比", "比重", "分红", "党员", "粮食",
)
# After an income figure in the same sentence, "其中大刘庄村达到80万元":
# a named village's own figure (the name is captured for the scope).
INCOME_CONTINUATION = (r"^[^。;!?]{0,6}?[,，;、:]\s*(?:其中|分别是|如)?[,，:]?\s*(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))"
                       r"(?:的)?(?:集体经济)?(?:收入)?(?:为|达到|达|实现|突破|超过|有|是)?$")
# Any indicator: a figure continuing the previous fact of the same sentence with
# the same unit ("年内发展党员5名，预计年底达到8名").
CONTINUATION = (r"^(?:[,，;、]?\s*[(（]?(?:我们?|村里)?(?:明年|来年|今年|年内|下半年|全年)?(?:我们?)?(?:预计|预期|力争|争取|计划|目标)?(?:到)?"
                r"(?:年底|年末|全年|(?:19|20)\d{2}年(?:底|末)?)?"
                r"(?:每个?(?:行政)?村|各(?:行政)?村|所有(?:行政)?村|村村|(?:\d+|[一二三四五六七八九十]+)个(?:行政)?村)?(?:均|都|全部|全都)?"
                r"(?:(?:可|将|能|会)(?:达到|达|到|突破|超过)|达到|达|突破|超过|不低于|不少于"
                r"|(?:优化|进一步)?(?:调整|优化|增加|减少|压减|增|减)(?:为|到|至))$"
                # ...or an earlier year's level for comparison ("…达到了四十三万元，去年才二十八万五")
                r"|[,，;、(（]\s*(?:而|但)?(?:较|比)?(?:去年|上年|前年|(?:19|20)\d{2}年)(?:同期)?的?(?:才|只有|仅有|仅|只|为|是|还只有)?$"
                # ...or this year's so far ("…去年是31万，今年截至8月底已经有26.4万了")
                r"|[,，;、]\s*(?:今年|目前)(?:截至|截止)?(?:(?:1[0-2]|[1-9])月(?:底|末))?(?:已经|已)(?:有|达到|达|突破)$)")
# The next sentence after a semicolon, naming only a new period ("…达到210万元；1-9月累计
#达到356.8万元"): the same indicator for that period.
PERIOD_CONTINUATION = (r"^\s*(?:今年)?(?:截至|截止)?(?:(?:19|20)\d{2}年度?)?(?:全年|上半年|下半年|前[一二两三]个?季度|第?[一二三四1-4]季度"
                       r"|(?:1[0-2]|[1-9])月?(?:份)?[-~—–至到](?:1[0-2]|[1-9])月(?:份|底|末)?|(?:1[0-2]|[1-9])月(?:底|末))"
                       r"[,，]?(?:(?:累计|共计|合计)(?:达到|达|为|实现|突破|超过)?|达到|达|为|实现|突破|超过)$")
PERIOD_CONTINUATION_SEPARATORS = ";；。"
# A line that ends on a verb whose figure starts the next line ("…集体经济收入达\n1536万元").
DANGLING_VERB_BREAK = (r"(?:(?<=达到)|(?<=突破)|(?<=超过)|(?<=共计)|(?<=合计)|(?<=累计)|(?<=[达为]))"
                       r"\n(?=[ \t]*[\d一二三四五六七八九十两])")
# The figure before the keyword: "有五万多元集体收入", "实现12万元的村集体经济收入".
INCOME_KEYWORD_AFTER = r"^的?(?:村级?)?集体(?:经济)?(?:经营性|总|年)?收入"
# ...not when it is added income ("带来12万元集体收入", "增加5万元集体收入").
INCOME_KEYWORD_AFTER_BLOCK = r"(?:增加|增收|新增|提高|带来|创造|贡献|带动|多|增)了?(?:约|近|超过)?$"
# A village named between keyword and figure ("各村集体经济收入：大刘庄村12.5万元").
GAP_VILLAGE = (r"[:,，、]\s*(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))"
               r"(?:的)?(?:为|达到|达|实现|有)?$")
# Counting villages in the same clause without "all" → a bucket statement
# ("有5个村集体经济收入超过10万元").
VILLAGE_COUNT = r"(?P<all>全[乡镇县区市]?(?:共有?)?|所有|全部)?(?:\d+|[一二两三四五六七八九十]+)个(?:行政)?村"
ALL_VILLAGES_ADVERB = r"(?<![人户平村年月日])均(?!价|衡|等|匀)|都|全部|全都"

# ---------------------------------------------------------------------------
# New party members (名/人/位)
# ---------------------------------------------------------------------------
NEW_MEMBER_VERBS = r"新发展|发展|新吸收|吸收|接收|新增"
NEW_MEMBER_TAIL = (
    r"(?:" + NEW_MEMBER_VERBS + r")了?(?P<between>[^,，;。、:\d]{0,8}?)党员"
    r"(?:数量?|人数)?(?:\([^()]{0,10}\))?(?:共|累计|合计|总计|计)?(?:为|达到|达|:)?"
    r"(?:的?(?:任务|目标|计划)(?:数)?(?:是|为|:))?" + TAIL_QUALIFIER + r"$"  # "发展党员的任务是16名"
)
# Words between 发展 and 党员 that make it something else
# ("发展对象", "发展产业带头人党员", "发展中的党员").
NEW_MEMBER_BETWEEN_EXCLUDE = r"对象|积极|申请|产业|经济|带头|致富|能手|中|的|和|与|及|工作"
# "发展了5名新党员": verb before the number, 党员 right after the unit.
NEW_MEMBER_VERB_TAIL = r"(?:" + NEW_MEMBER_VERBS + r")了?(?:共|累计|合计)?$"
NEW_MEMBER_AFTER = r"^(?:新|预备|年轻|青年|优秀|农村)?党员"
# "吸收12名优秀青年入党", "8名同志光荣入党".
NEW_MEMBER_JOIN_AFTER = (r"^[^,，;。\d]{0,12}?(?:光荣)?(?:入党(?!积极|申请|培训|誓词|志愿|介绍|动机|程序|材料)"
                         r"|加入中国共产党|加入党组织|成为预备党员|转为预备党员)")

# ---------------------------------------------------------------------------
# Grids (个)
# ---------------------------------------------------------------------------
GRID_VERBS = (r"科学划分|重新划分|合理划分|共划分|划分|划定|划|设置|设立|共设|设|形成|建立|组建|建成|构建|"
              r"细分|细化|调整|优化|整合|分为|分成|编为|编成|共有|现有")
GRID_PREFIX = r"(?:综合|基础|一级|二级|三级|全科|治理|管理|党建|红色|村级|小区|农村|城市|社区|专属|微)"
# "形成网格170个", "共划分网格单元58个", "网格总数达86个".
GRID_TAIL = (
    r"(?:(?:" + GRID_VERBS + r")(?:了|为|成|出)?[^,，;。、:]{0,8}?" + GRID_PREFIX + r"?网格(?:单元)?[”』」\"]?"
    r"|网格(?=总数|数量|个数|数(?!据|字|智|码)))(?:总数|数量|个数|数)?(?:共|共计|合计|总计|达到|达|为|:)*" + TAIL_QUALIFIER + r"$"
    r"|网格(?:总数|数量|个数|数(?!据|字|智|码))?(?:进一步|已经?|将|再)?(?:细化|优化|调整|整合|增加|扩大|精简)+(?:为|到|至|成)"
    + TAIL_QUALIFIER + r"$"
)
# "划分为126个网格", "设置34个基础网格": a verb in the clause, 网格 after the unit.
GRID_VERB_NEAR = r"(?:" + GRID_VERBS + r")"
# The count before a change ("全乡网格由去年底的58个优化调整为65个"): matched back from the figure.
GRID_FROM = r"网格[^。;；]{0,14}?由(?:[^,，。;；\d]{0,8}?的)?$"
GRID_FROM_AFTER = r"^[^,，。;；]{0,6}?(?:调整|优化|增加|减少|压减|整合|合并)(?:为|到|至)"
GRID_VERB_WINDOW = 16
GRID_AFTER = (r"^" + GRID_PREFIX + r"?网格(?!员|长|党|支部|化|指导|管理员|信息员|监督员|小组|队|群|站|办|中心|"
              r"联络|书记|工作)")
# A second grid type listed after the first ("设置综合网格95个、专属网格12个").
GRID_LIST_ITEM = r"^[、和及与]\s*" + GRID_PREFIX + r"?网格(?:单元)?(?:共|为|达)?$"
# In the clause: a standard ("人口1000人以下的村设1个网格", "每100户设置一个网格单元").
GRID_STANDARD = r"每|以[上下]的|左右(?:设|划)"
# "以村民小组为单位设置1个网格" is a standard, but "以自然村为单位划分网格58个" is the
# count: these words make a standard only of a single grid.
GRID_UNIT_STANDARD = r"为标准|为单位"
GRID_UNIT_STANDARD_MAX = 1
# Several tiers listed in one sentence ("一级网格1个、二级网格12个、三级网格98个"):
# no single figure is the grid count.
GRID_TIER = r"[一二三四1-4]级网格"
# "一个网格1个支部", "每个网格配备2名": ratios, not counts.
GRID_RATIO = r"^(?:一|每|1)个网格[^,，;。]{0,4}?(?:\d+|[一二两三四五六七八九十])(?:个|名|人)"

# ---------------------------------------------------------------------------
# Training attendance (人次 / 人 / 名)
# ---------------------------------------------------------------------------
TRAINING_KEYWORDS = r"培训班|培训|参训|轮训|集训|研修|训练营"
TRAINING_GAP_MAX = 30
# A list inside the gap ("培训村干部、致富带头人等320人次") may hold at most this much.
TRAINING_LIST_ITEM_MAX = 14
# Between the training word and the figure, after the last comma/、 only these
# may stand ("开展培训5场，400余人次", "培训党员3期、200余人次").
TRAINING_AFTER_SEPARATOR = (
    r"^(?:共|累计|合计|总计|参训|参加|参学|参培|覆盖|培训|受训|受教育|教育)?"
    r"(?:党员|干部|群众|学员|人员|村干部|党员干部|党员群众|村\(社区\)干部|两委干部|“两委”干部)*"
    r"(?:共|累计|合计|总计|达|达到|计|约)?$"
)
TRAINING_GAP_EXCLUDE = (
    "覆盖率", "合格率", "率", "讲师", "师资", "老师", "教师", "专家", "授课", "走访", "慰问", "入户",
    "发放", "宣讲", "观看", "服务", "接待", "帮扶", "结对", "调解", "考试", "结业", "颁发", "表彰",
    "评选", "就业", "务工", "转移", "招聘", "资金", "补贴",
)
# For 人/名 (not 人次) the gap must also be free of new activities.
TRAINING_PERSON_GAP_EXCLUDE = ("开展", "组织", "举办", "召开", "实行", "成立", "建立", "配备", "设立", "选派", "选拔")
TRAINING_PERSON_GAP_MAX = 14
# Quoted names between the training word and a head count ("培训“…”20人") are campaigns.
TRAINING_QUOTE = r"[“”\"《》]"
# Figures allowed inside the gap: counts of sessions ("培训党员3期、200余人次").
TRAINING_SESSION_COUNT = r"(?:\d+|[一二两三四五六七八九十]+)(?:余|多)?(?:场次|场|期|次|批|班|轮|天|个班次)"
# "17名党员参加“……”培训", "6名村干部赴浙江参加培训班".
TRAINING_AFTER = (
    r"^[^,，;。\d]{0,8}?(?:赴[^,，;。]{0,10}?)?(?:参加|参与|接受|参训)了?[^,，;。]{0,25}?"
    r"(?:培训|轮训|集训|研修|训练营)"
)

# ---------------------------------------------------------------------------
# Generic exclusions for counted figures
# ---------------------------------------------------------------------------
# Directly before the figure: ranks (第3名, 前3名, 排名第3).
RANK_BEFORE = r"(?:第|前|排名|位列|名列)$"
# After a count unit (个/名/人) only these may follow; anything else is another
# noun ("5个阶段25个步骤", "3个等次").
COUNT_FOLLOW_OK = r"^(?:[^\u4e00-\u9fff]|$|和|及|与|并|共|全|实现|覆盖|配备|每|其中|均|已|都|左右|以上|余|多|了)"
# A Chinese numeral in a set phrase ("一人一档", "一村一品").
CN_SET_PHRASE_AFTER = r"^[一二两三]"

# ---------------------------------------------------------------------------
# Kind: target vs actual
# ---------------------------------------------------------------------------
TARGET_BEFORE = (
    r"力争", r"争取", r"力求", r"有望", r"(?:必|务)?须(?:达到|达|实现|突破|超过)", r"(?<!模)拟(?!定|制)", r"预计", r"预期",
    r"(?:目标(?:任务)?|任务)(?:是|为|:)", r"(?<![主只])要(?:达到|达|实现|突破|超过|完成|确保|力争)", r"(?<![主只需重])要[^,，。;；]{0,12}?(?:不少于|不低于)", r"确保[^。;!?]{0,30}?(?:达到|达|实现|突破|超过|不低于|不少于|完成|在|增长|提高)", r"确保[^,，。;；]{0,8}?(?:发展|培训|划分)",
    r"(?<!学习|工作|培训|实施|年度|发展|教育|行动)(?<!按)计划(?![书表单内]|生育)",
    r"(?<!截)(?<!截止)(?<!截至)(?:到|至)\d{4}年(?:底|末)", r"(?<!截)(?<!截止)(?<!截至)到年底", r"年底前",
    r"明年|来年|下一年|下年度",
)
TARGET_BEFORE_WINDOW = 50
# "2024年主要预期目标是：…增长10%左右；发展党员40名左右。": a target head ending in a
# colon governs the items after it, separated by semicolons, up to the sentence end.
TARGET_LIST_HEAD = r"(?:目标|预期|计划|任务|打算)[^。!?\n:]{0,6}:"
TARGET_LIST_BOUNDARY = "。!?\n"
TARGET_AFTER = r"^[^,，;。\n]{0,8}?的?目标"  # not across a line break
# In a plan section, these still mark an achieved figure.
ACTUAL_MARKERS = r"已|截至|截止|累计(?!不少于|不低于|达到|超过)|共计|共(?=培训|发展|划分|举办)|实现了|完成了|现有"  # a plan's "累计不少于150人次" is a target
# A completion rate names the target it is measured against ("完成全年目标任务（720万元）的53.7%",
# "完成年度目标2,000人次的62%"): that figure is a target of the sentence's own indicator.
COMPLETION_BEFORE = r"完成了?(?:全年|年度|今年|本年度?|全[乡镇县])?的?(?:目标任务|目标|任务|计划)数?[(（]?$"
COMPLETION_AFTER = r"^[)）]?的(?:\d|百分之)"
# A level given as the base of a change ("由去年底的58个", "从2021年的6万元"): what there was.
BASELINE_BEFORE = r"(?:由|从|比|较)(?:(?:(?:19|20)\d{2}年|去年|上年|前年)(?:底|末|同期)?|现有|目前|原有|原来)的$"
# A year before the plan's own in the sentence ("2021年，…", "去年底的58个"): history inside a plan.
EARLIER_YEAR = r"(?P<year>(?<!\d)(?:19|20)\d{2})年(?!底前|以前|前)|去年|上年|前年"
# "到2027年，…": by a year after the document's own, what follows is a target.
BY_YEAR = r"(?<!截)(?<!截止)(?<!截至)(?:到|至)(?P<year>(?:19|20)\d{2})年[,，]"
# "2024年只发展党员4名，低于年初确定的7名目标": a figure named as the target, right after the
# sentence's own figure of the same unit (at most this many characters between).
NAMED_TARGET_GAP = 16
# Headings / titles announcing a plan.
PLAN_TITLE = r"计划|打算|思路|要点|安排|方案|规划|工作目标|任期目标"
# Sections of a plan that describe where things stand ("一、发展现状", "一、基本情况"): their figures are actuals.
BASE_HEADING = r"现状|基本情况|工作基础|发展基础|村情|镇情|乡情|概况|回顾"
PLAN_HEADING = (r"下一步|下步|明年|来年|(?:19|20)\d{2}年(?:工作)?(?:计划|打算|思路|安排|目标)(?!完成|落实|执行|实现|情况)"
                r"|(?:计划|打算|思路|安排|要点|目标任务|主要目标|工作目标|奋斗目标|总体目标|发展目标|目标要求|整改要求|工作要求"
                r"|(?:下半年|全年|年度|明年|今年|下阶段)目标)\W*$")
SUMMARY_TITLE = r"总结|汇报|述职|情况|报告|简介|概况|新闻|成效"
# A title with a plan word is a plan only without these ("总结及明年计划" is mixed).
PLAN_TITLE_EXCLUDE = r"总结|汇报|述职|情况"

# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------
PER_VILLAGE = (
    r"每个?(?:行政)?村",
    r"各(?:行政)?村(?!民)",
    r"(?<![个乡镇县区市])村村(?!民)",
    r"所有(?:行政)?村",
    r"全部(?:行政)?村",
    r"(?<![人户平村年月日])均(?!价|衡|等|匀)",
    r"(?:全部|全都|都)(?=达到|达|实现|超过|突破|在|已)",

)
# "全乡7个村村级集体经济达到10万元以上" speaks of each village (a threshold), but
# "全镇11个村村集体经济收入达到462.3万元" is their total: all N villages with a figure
# that is not a threshold are summed.
PER_VILLAGE_COUNT = r"全[乡镇县区市]?(?:共有?)?(?:\d+|[一二两三四五六七八九十]+)个(?:行政)?村"
# ...unless the clause speaks of a total.
TOTAL_WORDS = r"合计|总计|共计|累计|总和|总收入|总额"
# Clause-initial words stripped before looking for a village name.
NAME_PREFIXES = (
    r"其中|比如|例如|如|像|目前|截至目前|截止目前|截至|截止|今年|去年|全年|年内|当年|本年|"
    r"[一二三四五六七八九十]是|首先|其次|再次|最后|同时|此外|另外|"
    r"力争|争取|确保|预计|计划|实现|推动|带动|帮助|支持|指导|使|让|将|把|对|在|由|经过|通过|"
    r"\d{4}年(?:底|末)|\d{4}年度?|上半年|下半年|前三季度|第?[一二三四1-4]季度|年底|\d{1,2}月(?:份|底)?|以来|\s"
)
VILLAGE_NAME = r"[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查|居委会)"
# Places named without 村: 大刘庄, 王家屯, 石门寨 …
VILLAGE_SUFFIX_NAME = r"[\u4e00-\u9fff]{1,5}(?:庄|屯|寨|营|堡|铺|沟|湾|坪|岭|坝|店|洼|峪|坡|塘|嘎查|社区)"
# A village introduced by a descriptor noun ("联盟牵头村前庄", "示范村马家湾村").
APPOSITIVE_VILLAGE = (r"(?:牵头|示范|试点|重点|中心|龙头|先进|典型|样板|明星|标杆|联建|结对|帮扶|强|富)(?:村|社区)"
                      r"(?P<name>[\u4e00-\u9fff]{1,6}?(?:村|社区|嘎查)|[\u4e00-\u9fff]{1,5}"
                      r"(?:庄|屯|寨|营|堡|铺|沟|湾|坪|岭|坝|店|洼|峪|坡|塘))$")
NOT_VILLAGE_NAME = (
    r"各|每|所有|全部|全|本|该|行政|自然|试点|示范|贫困|空壳|薄弱|重点|挂包|挂钩|联系|相关|其他|其余|部分|个别|"
    r"^(?:驻|进|入|包|到|回|返|留|下|出|联|帮|扶|强|富|兴|治|护|建)$|"
    r"少数|多数|乡|镇|县|我|农|村级|村村|先进|后进|中间|软弱|涣散|集体|党|组织|工作|建设|发展|关于|加强|推进|"
    r"^(?:上午|下午|晚上|中午|早上|今天|昨天|明天|当天|当晚|上一年|去年|今年|前年|当年|到|去|赴)|当选|上任|担任|任职|协助|帮助|指导|督促"  # a time, a motion, an office or a verb, not a name
)
# A village named at the start of the sentence, the figure in a later clause
# ("大刘庄村通过盘活资产，村集体经济收入达到15万元"). What may follow such a subject:
SUBJECT_FOLLOWERS = (r"(?=:|,|，|通过|依托|利用|按照|坚持|围绕|以|在|把|将|积极|大力|充分|立足|采取|发挥|今年|去年|全年|每年|"
                     r"因|由于|受|虽然|尽管|盘活|借助|抓住|探索|引进|深化|推行|实施|党支部|党总支|村委会|两委|“两委”|"
                     r"是|则|也|还|却|位于|地处|坐落|(?:19|20)\d{2}年)")
# A list item marker before a sentence ("1.", "(2)", "三、", "●").
LIST_MARKER = r"(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]|——|[●○■□◆◇▲△•·★☆✔✓◎▶►➤\-])?\s*"
SENTENCE_VILLAGE = (r"^" + LIST_MARKER + r"(?:" + "其中|目前|今年|去年|在|\\d{4}年度?|(?:分村|从各村|各村|具体|分别)来?看"
                    + r")?[,，]?"
                    r"(?:[\u4e00-\u9fff]{1,5}?(?:乡|镇|街道)(?=[\u4e00-\u9fff]{2}))?"  # "1.长岭镇桂花村：…"
                    r"(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))" + SUBJECT_FOLLOWERS)
# The subject right before the verb of the figure's clause ("曾经的薄弱村石门村也实现集体经济收入…").
VILLAGE_BEFORE_KEYWORD = (r"(?P<name>(?:(?![村的])[\u4e00-\u9fff]){2,5}(?:村|社区))"
                          r"(?:也|还|则|更|已经?|又|再|同样|当年|今年|去年|全年|上半年)*"
                          r"(?:实现|完成|达到|取得|获得)?了?$")
# A village named alone in the clause before the figure's ("点个名——青龙村，去年集体经济收入…",
# "成效最明显的竹园村，上半年集体经济收入…").
PREVIOUS_CLAUSE_VILLAGE = (r"(?:^|——|—|[:：的])(?:是|为)?(?P<name>(?:(?![村的])[\u4e00-\u9fff]){2,5}(?:村|社区))[,，]$")
# ...or the subject of a clause before, in the same sentence, that acts ("视察中看到，金竹村依托
# 合作社发展茶园，集体经济收入达到56万元"; "督促龙门村加快项目并网，力争…收入突破35万元";
# "而地处偏远的羊角村仅有6.2万元"). Matched at a clause's start.
CLAUSE_VILLAGE = (r"^\s*" + LIST_MARKER + r"(?:(?:督促|指导|帮助|推动|协助|支持)(?P<object>(?:(?![村的])[\u4e00-\u9fff]){2,5}"
                  r"(?:村|社区|嘎查))|(?:而|但|则|另外|同时)?(?:[^,，;；。:：]{1,8}的)?"
                  r"(?P<name>(?:(?![村的])[\u4e00-\u9fff]){2,5}(?:村|社区|嘎查))" + SUBJECT_FOLLOWERS + ")")
# A line headed by a village and a colon ("桂竹社区：全年发展党员4名…；将辖区划分为9个网格"):
# its figures are that village's unless a clause says otherwise. Matched from the line's start.
LINE_VILLAGE = (r"\s*" + LIST_MARKER + r"(?:到|来到|走进|走访)?(?:[\u4e00-\u9fff]{1,5}?(?:乡|镇|街道)(?=[\u4e00-\u9fff]{2}))?"
                r"(?P<name>(?:(?![村的])[\u4e00-\u9fff]){2,6}(?:村|社区|嘎查))(?:[:：]|。(?=\S))"  # "（1）三溪村。引入…"
                r"|[^\n:：(（]{1,12}[(（](?P<speaker>(?:(?![村的])[\u4e00-\u9fff]){2,6}(?:村|社区))"
                r"[^)）\n]{0,10}[)）][:：]")  # a speaker "陈国华（桃坪村党支部书记）：…"
# A speaker's tag on its own line above a quote, as in broadcast scripts
# ("（同期声：鹤鸣乡云雾村党支部书记 陈德贵）" then "“今年全村集体经济收入…”").
SPEAKER_TAG_LINE = (r"[ \t]*[(（](?:同期声|采访|受访者|字幕)?[:：]?[^)）\n]{0,12}?(?P<name>(?:(?![村的乡镇])[\u4e00-\u9fff]){2,6}"
                    r"(?:村|社区))[^)）\n]{0,20}[)）][ \t]*\n[ \t]*[“\"「]")
# "上庄村、下庄村村集体经济收入分别为14.4万元、7.6万元": the villages named before 分别
# take the figures after it in order.
RESPECTIVELY_NAMES = (r"(?P<names>(?:(?![村的])[\u4e00-\u9fff]){2,6}(?:村|社区)"
                      # "最高的观音阁村和最低的青冈岭村": a short description before a later name
                      r"(?:[、和与及](?:[^、和与及,，。;；:：\d]{1,5}的)?(?:(?![村的])[\u4e00-\u9fff]){2,6}(?:村|社区))+)")
RESPECTIVELY_NAME = r"(?:(?![村的])[\u4e00-\u9fff]){2,6}(?:村|社区)"
NAME_LIST_SEPARATOR = r"(?<=村|区)[、和与及]"
NAME_LIST_LEAD = r"^(?:其中|(?:分别)?(?:是|为|有|即|包括)|[^、和与及,，。;；:：\d]{1,5}的|[\u4e00-\u9fff]{1,4}(?:乡|镇|街道))"
RESPECTIVELY_SEPARATOR = r"[、,，和及与]"
RESPECTIVELY_REUSE_CHARS = 300
# Words that refer back to the villages listed ("两村", "这三个村"), not a new name.
RESPECTIVELY_GROUP = r"(?:两|三|四|五|几|各|这两|这三)个?(?:村|社区)$"
# A later 分别 with no word of its own ("2024年两村分别为…") repeats the earlier figure's kind.
RESPECTIVELY_INHERIT = r"(?:(?:19|20)\d{2}年(?:底|末)?)?(?:两|三|四|五|这两|这三)?个?(?:村|社区)?"
# A ledger's block head ("【东坡村】" alone on its line): the lines under it, up to the
# next 【…】 head, are that village's.
HEAD_VILLAGE_LINE = (r"^[ \t]*【(?P<name>[^】\n\-－·]{1,12})(?:[\-－·][^】\n]{0,10})?】"
                     r"[ \t\d:：]*$")  # also a chat's "【东岭村-李会计】09:42"
# The issuing organ on the first line of an official document; the title is the next line.
ISSUER_LINE = r"(?:中共)?[\u4e00-\u9fff]{2,16}(?:委员会|党委|县委|组织部|人民政府|政府|办公室|办事处|工委|管理站|经管站|农经站)"
# The issuing number under the issuer ("荻农审〔2025〕4号"): not the title either.
DOC_NUMBER_LINE = r"[\u4e00-\u9fff]{1,10}[〔\[(（](?:19|20)\d{2}[〕\])）]\s*\d{1,4}\s*号"
# Words after a village name and before the keyword ("大刘庄村2023年的…").
NAME_TRAILER = (r"(?:的|:|\s|(?:19|20)\d{2}年度?|今年|去年|全年|上半年|下半年|第?[一二三四]季度末?|前[一二两三]个?季度|以来|年底|年末|年内|到?年底前?|末|底|上一年|前一年|当年"
                r"|(?:1[0-2]|[1-9])(?:[-~—–至到](?:1[0-2]|[1-9]))?月(?:份|底|末)?)+$")
# The village a document is about: named in its title ("青石村2023年基本情况",
# "走进大刘庄村") or as the subject of its first sentence ("大刘庄村位于…").
TITLE_VILLAGE = (r"(?:^\W*(?:(?:简讯|快讯|动态|要闻|信息|图片新闻)\W*)?(?:走进|走近|探访|聚焦|记|美丽|魅力|驻|关于|(?:19|20)\d{2}年度?)?|[乡镇县区市]|(?<![\u4e00-\u9fff])(?:专访|访|对话|采访))"
                 r"(?P<name>(?!度)(?:(?![乡镇县区市])[\u4e00-\u9fffXx×*]){1,6}?(?:村(?!支书|干部|官)|社区|嘎查))(?![^乡镇]*[乡镇])")
OPENING_VILLAGE = r"^\s*(?P<name>" + VILLAGE_NAME + r")(?=位于|地处|坐落|辖|是|共有|现有|全村|地理|党支部书记|党总支书记|支部书记|党委书记|村委会主任|主任|第一书记)"
# A first secretary's report: "到清水镇李家沟村担任驻村第一书记" in its opening.
ASSIGNED_VILLAGE = (r"(?:到|在|赴|于|派驻|驻)(?:[\u4e00-\u9fff]{1,6}?(?:乡|镇|街道))?(?P<name>" + VILLAGE_NAME + r")"
                    r"(?:担任|任|挂任|开展)?(?:驻村)?(?:第一书记|工作队)")
ASSIGNED_VILLAGE_CHARS = 300
# A responsibility agreement signed with a village ("乙方：中共石笋乡响水村支部委员会"): the
# document is about that village.
PARTY_VILLAGE = (r"(?m)^[ \t]*乙方[:：][ \t]*(?:中共)?(?:[\u4e00-\u9fff]{1,6}?(?:乡|镇|街道))?(?P<name>" + VILLAGE_NAME + r")"
                 r"(?:党?总?支部(?:委员会)?|党委|村民委员会|居民委员会|委员会|$)")
# A list of villages with their figures under a head about income ("按累计收入排名，前三位的村
#分别是：城关镇东岗村186.5万元、河口镇柳河村152.3万元"); the township before the name is dropped.
VILLAGE_LIST_ITEM = (r"(?:^|[:、;,，]|(?<![\d.])\d{1,2}[.．]|分别是|分别为|依次是|依次为)\s*(?:[\u4e00-\u9fff]{1,5}?(?:乡|镇|街道))?"
                     r"(?P<name>[\u4e00-\u9fff]{1,6}?(?:村|社区|嘎查))(?:的)?(?:为|达到|达|实现|有)?[ \t]*$")
VILLAGE_LIST_HEAD = r"收入"
# A numbered list one item a line ("各村2025年集体经济收入目标\n1. 东岗村 25万元\n2. …"): the
# line above the first item is the list's head, and says what the items are.
NUMBERED_ITEM_LINE = r"[ \t]*(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])"
LIST_HEAD_TARGET = r"(?:目标|计划|任务)(?!完成|落实|执行|实现)|力争"  # not "目标完成情况"
LIST_HEAD_MAX_ITEMS = 30
VILLAGE_LIST_CONTEXT = r"集体"
VILLAGE_LIST_LOOKBACK = 600
# Subjects that refer back to the village a document is about.
THIS_VILLAGE = r"该村|本村|全村|我村|我们村|本社区|我社区|我们社区"
TOWNSHIP_WORDS = r"全乡|全镇|全县|全区|全市|全街道|该乡|该镇|本乡|本镇|我乡|我镇"

# ---------------------------------------------------------------------------
# Period
# ---------------------------------------------------------------------------
YEAR = r"(?<!\d)(?:19|20)\d{2}(?=年)"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# A span of months ("1-9月", "一至六月", "7—9月份"), a cumulative quarter ("前三季度"),
# or the end of a month after 截至/a year ("截至9月底", "2024年6月末").
PERIOD_SPAN = (MONTH + r"月?份?\s?[-~—–至到]\s?" + MONTH + r"月(?:份|底|末)?"
               r"|前[一二两三]个?季度"
               r"|(?:(?<=截至)|(?<=截止)|(?<=年))" + MONTH + r"月(?:底|末)(?!前)")
MONTH_SPAN_PERIODS = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4",
                      (1, 6): "H1", (7, 12): "H2", (1, 9): "Q3", (1, 12): ""}
CUMULATIVE_QUARTER_PERIODS = {"一": "Q1", "二": "H1", "两": "H1", "三": "Q3"}
MONTH_END_PERIODS = {3: "Q1", 6: "H1", 9: "Q3", 12: ""}
HALF_WORDS = {"上半年": "H1", "下半年": "H2", "1-6月": "H1", "一至六月": "H1", "1至6月": "H1"}
QUARTER_WORDS = {"一": "Q1", "二": "Q2", "三": "Q3", "四": "Q4", "1": "Q1", "2": "Q2", "3": "Q3", "4": "Q4"}
# A time expression before the figure in the same sentence.
PERIOD_EXPRESSION = (
    r"(?P<year>(?<!\d)(?:19|20)\d{2})年度?(?P<yearend>底|末)?"
    r"(?:(?P<half>上半年|下半年)|(?<!前)第?(?P<quarter>[一二三四1-4])季度|(?P<span>" + PERIOD_SPAN + r"))?"
    r"|(?P<half2>上半年|下半年)|(?<!前)第?(?P<quarter2>[一二三四])季度|(?P<span2>" + PERIOD_SPAN + r")"
    r"|(?P<next>明年|来年|下一年|下年度)|(?P<this>今年|本年度?|年内|全年)"
    r"|(?P<last>去年|上年|上一年|前年)(?P<same>同期)?"  # "去年同期5名": the same span a year earlier
)
# A year used as a comparison base is not the period ("比2022年增长").
PERIOD_BASE_BEFORE = r"(?:比|较|与|同|相比|对比|比照|由|从)$"
PERIOD_BASE_AFTER = r"^年?的?(?:基础|同期|相比|水平)"
# The title and the body's first words may date the whole document to a half or quarter.
OPENING_PERIOD = (r"(?:(?P<year>(?:19|20)\d{2})年度?)?(?:(?P<half>上半年|下半年)"
                  r"|(?<!前)第?(?P<quarter>[一二三四1-4])季度|(?P<span>" + PERIOD_SPAN + r"))")
OPENING_CHARS = 40
# Years do not count as figures inside a keyword–figure gap; digits and masked
# figures with a unit do.
YEAR_IN_GAP = r"(?:19|20)\d{2}年度?"
FIGURE_IN_GAP = r"\d|[Xx×*□■]{1,4}(?:[万亿千]|元|%|个|名|人)"
# Headings: "一、…", "（二）…", "第三部分…".
TOP_HEADING = (r"(?m)^[ \t]*(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+(?:部分|章|篇)|篇\d+|【(?=[^】\n]{2,16}】[ \t]*$)"
               r"|[一二三四五六七八九十]{1,2}(?:[ \t]+|(?=(?:19|20)\d{2}年))(?=\S{2,16}$))[^\n]{0,60}$")  # "五 2026年目标" on a slide
PLAN_PARAGRAPH_START = r"(?m)^[ \t]*(?:下一步|下步|明年|\d{4}年(?:工作)?(?:计划|打算|思路))"

# ---------------------------------------------------------------------------
# Flattened tables ("村名 集体经济收入（万元） 发展党员 大刘庄村 12.5 2 …")
# ---------------------------------------------------------------------------
TABLE_FIRST_CELL = (r"(?:(?<=[\n:。;|])|^)[ \t]*(?P<first>序号|村名称?|村别|村庄名称|村庄|行政村|村\(社区\)|村居|年度|年份|"
                    r"村委会|单位名称|单位|名称|乡镇名称|乡镇\(街道\)|乡镇)(?=[ \t|｜,\n]+)")  # \n: a table flattened one cell a line
TABLE_CELL_SEPARATOR = r"[^ \t|｜\n]+"
# A table pasted as comma-separated lines ("村名,集体经济收入(元),发展党员(名)"): its header
# line has two commas or more and no other separator.
TABLE_CSV_HEADER = r"[^\t|｜\n ]*(?:,[^,\t|｜\n ]*){2,}"
TABLE_CSV_CELL = r"[^,\n]+"
TABLE_SCAN_MAX = 6000
TABLE_COLUMNS = (
    ("collective_income_growth_pct", r"集体.*(?:增幅|增长率|增速|增长)|(?:增幅|增长率|增速).*集体"),
    ("collective_income", r"集体经济|集体收入|经营性收入"),
    ("new_members", r"发展党员|新发展党员|新党员"),
    ("grid_count", r"网格(?:数|数量|个数|\(个\))?$|^网格"),
    ("training_attendance", r"培训(?:人次|人数|\(人次\))|参训"),
)
# A bare growth column ("同比增长(%)", "增幅") is the collective income's growth
# only in a table that also has a collective income column.
TABLE_BARE_GROWTH_COLUMN = (r"^(?:(?:同比|比上年|较上年)?(?:增幅|增长率|增长幅度|增速|增长|增减|增减幅度|增减率)"
                            r"|同比|比上年|较上年)(?:\(%\)|%)?$")
# Beside an income column, last year's same-period income ("去年同期(万元)"): that income a year earlier.
TABLE_LAST_YEAR_COLUMN = r"^(?:去年|上年)(?:同期)?(?:收入)?(?:\((?:万元|元|亿元)\))?$"
# A table right after text about collective income ("…集体经济收入合计386.4万元…收入居前的4个村
# 情况如下（单位：万元、%）"): its bare income column ("上半年收入", "全年收入") is that income.
TABLE_INCOME_CONTEXT = r"集体经济|集体收入"
TABLE_CONTEXT_LOOKBACK = 400  # characters, within the blank-line-delimited block
# The unit stated in a table's caption ("表1 …收入情况（单位：万元、%）"), for a column that names none.
TABLE_UNIT_CAPTION = r"单位\s*[:：]\s*(?P<unit>亿元|万元|元)"
TABLE_CAPTION_LOOKBACK = 120
TABLE_BARE_INCOME_COLUMN = r"^[^()]{0,6}收入(?:\([^()]*\))?$"
TABLE_COLUMN_EXCLUDE = r"积极分子|发展对象|申请人|党员总?数|网格员|网格长|村均|人均|户均|增收|分红|排名|序号|流转|补助|补贴|占比|比重|比例"
TABLE_TOWNSHIP_ROWS = r"^(?:合计|总计|全乡|全镇|全县|全街道|总数|汇总)|^[\u4e00-\u9fff]{1,6}(?:乡|镇|街道)$"  # a township's own row
TABLE_SKIP_ROWS = r"^(?:小计|平均|村均)"
TABLE_NAME = r"^(?:[\u4e00-\u9fffXx×*()（）·]{2,20}|(?:19|20)\d{2}年?度?)$"
# A row named by a year ("2021年\t186,420.50"): the document's own village (or township) in that year.
TABLE_YEAR_ROW = r"(?P<year>(?:19|20)\d{2})年?度?"
TABLE_TARGET_COLUMN = r"目标|计划|预计|任务"
# The rule under a markdown table's header ("|------|:----:|").
TABLE_RULE_LINE = r"[\s|｜:：\-—–=+]*[\-—–=][\s|｜:：\-—–=+]*"
TABLE_VALUE = r"^(?:[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|亿元|万|元|%|个|名|人次|人)?|[Xx×*]{1,4}(?:万元|元|%|个|名|人次|人)?|[-—/]|无)$"
