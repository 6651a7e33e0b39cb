"""The report extractor's vocabulary, as data: what a figure is and which indicator it belongs to.

Keyword and synonym tables, unit and qualifier words, exclusion contexts and the masked-figure
pattern live here; the words that decide kind, scope, period and tables are in
``lexicon_context.py``. The rules in ``rules_*.py`` name which of these they use; nothing else
in the package holds Chinese vocabulary.

All patterns are matched against a *normalised shadow* of the text: traditional
characters mapped to simplified (one character for one), full-width ASCII
mapped to half-width (except the Chinese comma "，", which stays, so that
"1,200" and "5，6" keep different meanings), ideographic spaces to spaces and
markup markers removed.  So patterns below are written in simplified Chinese
with ASCII digits and ASCII punctuation ( ( ) : ; % ! ? ), plus the Chinese
punctuation that has no half-width form (。、“”《》【】).
"""
from __future__ import annotations

# Indicators: codes, names and units live in terms/indicators.py, with how report tables name them.

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
# Dropped too, but not markup to keep out of evidence: the "# source: URL" line a saved page starts
# with, and pinyin inserted after characters by some repost sites ("培訓(xùn)", "鎮(zhèn)").
METADATA_PATTERNS = (
    r"\A\ufeff?#[ \t]*source:[^\n]*\n",
    r"(?<=[\u4e00-\u9fff])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]{1,7})\)(?: (?=[\u4e00-\u9fff\d]))?",
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
# Numeral values and multipliers are in terms/numbers.py (shared with uploads and corrections).
ARABIC_NUMBER = r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?"
# A Chinese numeral must start with a digit word or 十 (a bare 万/千/百 as in
# "万名党员进党校", "千亩", "百日攻坚" is a name, not a figure), except
# 百万/千万 directly before 元.
CHINESE_NUMBER = (
    r"(?<![零〇一二两三四五六七八九十百千万亿])"
    r"(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]{0,12}(?:点[零〇一二三四五六七八九]{1,6})?"
    r"|[百千]万(?=元|$|[\s,，。!！;；、”\"])"  # "收入突破百万元", a headline's "突破百万"
    r"|[百千万](?=余|多)|(?<=近)[百千万](?=名|人|户|个))"  # "培训了近千名…": about a thousand
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
    "at_least": ("超过", "超出", "突破", "不少于", "不低于", "至少", "多于", "高于", "大于", "逾", "超", "过", "破",
                 "≥", "≧"),
    "at_most": ("不超过", "不超", "不足", "不到", "低于", "少于", "控制在", "最多", "至多", "≤", "≦"),
    "about": ("大约", "约为", "约", "将近", "接近", "近", "大概"),
}
QUALIFIER_AFTER = {
    "at_least": ("余", "多", "及以上", "以上", "之上", "有余", "之多"),
    "at_most": ("以下", "以内", "之内"),
    "about": ("左右", "上下", "来"),
}
# A breakthrough said after the figure: "实现集体经济百万元突破", "实现了百万元的集体经济收入突破".
AT_LEAST_AFTER_PHRASE = r"^的?[\u4e00-\u9fff]{0,10}?(?:的)?突破(?!口)"
# Qualifier words allowed at the end of an indicator phrase, before the figure
# ("每村发展党员不少于1名", "网格总数控制在60个以内").
TAIL_QUALIFIER = r"(?:不少于|不低于|至少|超过|突破|控制在|不超过|约|近|大约|将近|达到|达|为)?"
# Characters that make a one-character qualifier part of another word
# (通过, 经过, 最近, 附近); two-character words above are matched first.
QUALIFIER_BEFORE_BLOCK = {"过": "通经越度路错超", "近": "最附将接", "超": "高赶", "逾": "", "破": "打突攻击"}

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
    # headline measures and their synonyms on real pages
    "集体经济净收入", "集体净收入", "集体合计收入", "村财收入", "村级财务收入", "村财",
    "村经营性收入", "村级经营性收入", "行政村经营性收入", "村级经济收入", "村级经济",
    "村级稳定性收入", "村集体稳定性收入", "集体经济稳定性收入", "集体稳定性收入",
    "村级经常性收入", "村级经营性总收入",
)
# The same measures in every combination: 集体年纯收入, 村集体组织总收入, 村级集体经济可支配收入 …
INCOME_KEYWORD_FORMS = (r"(?:村级|行政村|村)?集体(?:经济)?(?:组织)?(?:年纯|年总|年|总|经营性总|经营性|经营|稳定性|经常性|可支配|纯|净|合计)"
                        r"收入")
# Words that name the collective's income only when the collective economy is
# the subject of the paragraph (e.g. "全乡进账XX万元" under "村集体经济发展").
INCOME_CONTEXT_KEYWORDS = ("经营性收入", "自营收入", "进账", "入账",
                           # a bare 收入 right after a village or a period ("马鞍村一季度收入××万元",
                           # "3个村…一季度收入分别为3.1万元"), not 人均/农民/流转收入, 人均年收入 or a
                           # month's income (村集体月收入6万元), only the months to date (1-6月收入)
                           r"(?<=[村度年月])(?<!人均年)(?<!户均年)(?<![^\d一二三四五六七八九十]月)(?:总|可支配)?收入",
                           r"(?<=村\(社区\))(?:总|可支配)?收入",  # "所有涉农村(社区)收入均超50万元"
                           r"(?<=实现|完成)收入", "可支配收入")
INCOME_CONTEXT_REQUIRES = r"集体|村级经济"
INCOME_CONTEXT_LOOKBACK = 400          # characters back in the same paragraph

# Between the keyword of many villages' income and its figure: a plain verb makes it their total
# ("89个行政村集体经济经营性收入达2975万元"), a threshold word ("达到…以上", "突破") a bucket.
GROUP_TOTAL_GAP = r"\s*(?:为|是|达(?!到)|实现|完成|共|共计|合计)\s*"
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
    "基金",
    r"(?<![\d一二三四五六七八九十—\-~至])月收入",  # a month's income (村集体月收入6万元), not 1-6月收入
)
# The gap ends with an increment verb → an increment, not a level.
INCREMENT_TAIL = r"(?:增收|增加|新增|增长|提高|提升|多出|多|减少|下降|减收|增|带来|创造)了?(?:约|近|超过|突破|达到?)?$"
# "由X万元增加到Y万元": X is a baseline unless a year is attached ("由2022年的8万元").
# "…达到218万元，比2022年的176万元增长…": the comparison base with its own year is
# that year's level, even though the gap already holds a figure.
COMPARED_YEAR_LEVEL_TAIL = r"[,，]?(?:比|较|相比|同比|对比)(?:19|20)\d{2}年(?:底|末)?的$"
FROM_BASELINE_TAIL = r"(?:由|从|比|较)(?:(?P<year>(?:19|20)\d{2})年(?:底|末)?的?|去年的?|上年的?|上一年的?)?$"
# "由X万元增加到Y万元": Y is a level even though the gap holds a figure.
LEVEL_AFTER_CHANGE = (r"(?:由|从)[^,，;。]{0,16}?(?:(?:增加|增长|提高|提升|上升|增|跃升|发展)(?:到|至)"
                      r"(?:(?:19|20)\d{2}年(?:底|末)?的?|(?:今年|当年|本年)(?:底|末)?的?|现在|如今|目前)?"
                      r"|(?:一举|成功|已经?)?(?:突破|超过))$")  # "从20万元一举突破百万元"
# Directly before the keyword → a per-village average or another measure.
INCOME_BEFORE_EXCLUDE = (r"(?:村均|平均|人均|户均|每村平均|村平均|(?:个别|部分|少数|多数|大多数|一些|有的|少部分|大部分)(?:行政)?村?"
                         r"|(?:增加|新增|增收|带来)[\u4e00-\u9fff]{0,4}|多"  # "每年增加(帮扶)村集体收入2万": an increment
                         r"|(?<!集体)(?:公司|企业|合作社|基地|项目|工厂)(?:实现|完成|取得)?)$")  # a company's own 经营性收入
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
    "村均", "平均",              # the growth of an average
    "以上的村", "以下的村",      # the growth of a count of villages ("10万元以上的村增加至4494个，增幅达39.4%")
)
# No income at all: "集体经济几乎为零", "村集体收入从零发展到40万元", "暂无村集体经济收入".
ZERO_INCOME = (r"(?=[村集经暂没“\"零])(?:(?P<kw>(?:村级?)?集体经济(?:收入)?|(?:村级?)?集体收入|集体经营性收入|经济收入)"
               r"(?P<q>几乎|基本|接近)?(?:仍然?|依旧|依然|还|一直|长期)?(?:为|是|从|由)(?P<zero>零)(?![星碎散工售距])"
               r"|(?:暂无|没有)(?P<kw2>村?集体经济收入|村?集体收入)(?P<zero2>)"
               r"|(?P<kw3>)[“\"]?零收入[”\"]?(?!村))")  # "观音村的集体经济却是“零收入”"
# A village labelled by its income ("A村、B村等成为百万村", "从'薄弱村'到'百万村'的转变"); a count
# before the label ("12个百万村") makes it a bucket.
MILLION_VILLAGE = r"[“\"‘']?(?P<label>百万村|千万村|亿元村|百万元村|千万元村)[”\"’']?(?!级|民)"
MILLION_VILLAGE_VALUES = {"百万村": 1_000_000, "百万元村": 1_000_000, "千万村": 10_000_000, "千万元村": 10_000_000,
                          "亿元村": 100_000_000}
MILLION_VILLAGE_COUNT = r"(?:\d+|[一二两三四五六七八九十]+)个[^,，;；。]{0,6}$"
# A threshold every village reaches, said as a bucket: "年经营性收入15万元以上建制村实现全覆盖".
EVERY_VILLAGE_AFTER = (r"^(?:及以上|以上)?的?(?:建制|行政)?村(?:\(社区\))?(?:已|均|都)?(?:实现|达到)?了?"
                       r"(?:全覆盖|100%|全部|百分之百)")
# A target to leave no village below a threshold: "今年将全面消除集体经济收入5万元以下的薄弱村",
# "力争5万元以下村基本清零" → every village at least at the threshold. A count of villages after it
# ("消除…15万元以下建制村260个") says how many were lifted, and a done elimination no target.
ELIMINATE_BELOW_AFTER = (r"^(?:及?以下)?(?:收入)?的?(?:集体经济)?(?:经济)?(?:薄弱|空壳|落后)?(?:行政|建制)?村(?:\(社区\))?"
                         r"(?!\d|[一二三四五六七八九十百]+个)(?P<zero>(?:基本|全部|全面)?清零)?")
ELIMINATE_BEFORE = r"消除[^,，;；。]{0,16}$"
ELIMINATE_TARGET_CUE = r"将|力争|争取|确保|年底前|到(?:今年|(?:19|20)\d{2}年)(?:年)?底"
# Villages named, counted, and all past a figure, after the sentence's income ("…总收入突破700万元，
# 其中七里、红星、沿垇、正兴4个村均破百万元") → at least that figure for each named village.
NAMED_GROUP_ALL = (r"(?:其中|包括|如|像)?(?P<names>[\u4e00-\u9fff]{2,4}?(?:村|社区)?(?:[、和及][\u4e00-\u9fff]{2,4}?(?:村|社区)?)+)等?"
                   r"(?P<n>\d+|[两二三四五六七八九十])个(?:行政)?村(?:\(社区\))?(?:均|都|全部)(?:已经?)?"
                   r"(?:破|突破|超过|超|达到|达|过)了?$")
# After an income figure in the same sentence, "其中大刘庄村达到80万元":
# a named village's own figure (the name is captured for the scope).
INCOME_CONTINUATION = (r"^[^。;!?]{0,6}?[,，;、:]\s*(?:其中|分别是|如)?[,，:]?\s*(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))"
                       r"(?:的)?(?:集体经济)?(?:收入)?(?:为|达到|达|实现|突破|超过|有|是)?$")
# Any indicator: a figure continuing the previous fact of the same sentence with
# the same unit ("年内发展党员5名，预计年底达到8名").
CONTINUATION = (r"^(?:[,，;、]?\s*[(（]?(?:我们?|村里)?(?:明年|来年|今年|年内|下半年|全年)?(?:我们?)?(?:预计|预期|力争|争取|计划|目标)?(?:到)?"
                r"(?:年底|年末|全年|(?:19|20)\d{2}年(?:底|末)?)?"
                r"(?:每个?(?:行政)?村|各(?:行政)?村|所有(?:行政)?村|村村|(?:\d+|[一二三四五六七八九十]+)个(?:行政)?村)?(?:均|都|全部|全都)?"
                r"(?:更是|又|再|则|已经?|进一步|一举|逐年|大幅|快速|迅速|稳步)*"
                r"(?:(?:可|将|能|会)(?:达到|达|到|突破|超过)|达到|达|突破|超过|不低于|不少于"
                r"|(?:优化|进一步)?(?:调整|优化|增加|减少|压减|增|减)(?:为|到|至)"
                # "…2003年村集体年收入5.6万元，2020年蹿升至700余万元": the level it rose to
                r"|(?:增长|增加|提高|提升|上升|跃升|蹿升|攀升|发展|增收|升|增)(?:至|到)了?"
                r"(?:(?:19|20)\d{2}年(?:底|末)?的?|现在的|目前的|如今的)?)$"
                # ...or another measure of the same income ("…经营性收入已突破300万元，纯收入超过120万元")
                r"|[,，;；]\s*(?:纯|净|总|可支配)收入(?:已经?|则|也)?(?:达到|达|超过|突破|为|实现)?$"
                # ...or the next level of a series ("从2021年的17.4万元，到2022年的36.5万元，再到2023年的93.27万")
                r"|[,，;、]?\s*(?:再|又)?(?:到|至)(?:19|20)\d{2}年(?:底|末)?的$"
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
# What was done after a target in the same sentence ("今年培训任务数为2460人,截止9月底,完成2622人").
ACHIEVED_AFTER_TARGET = (r"^[,，;；]\s*(?:(?:截至|截止|到|至)[^,，;；。]{0,10}[,，]?)?\s*(?:目前)?(?:已经?|实际|共|累计)*"
                         r"完成了?(?:培训|发展)?$")
# A line that ends on a verb whose figure starts the next line ("…集体经济收入达\n1536万元").
DANGLING_VERB_BREAK = (r"\n(?:(?<=达到\n)|(?<=突破\n)|(?<=超过\n)|(?<=共计\n)|(?<=合计\n)|(?<=累计\n)|(?<=[达为]\n))"
                       r"(?=[ \t]*[\d一二三四五六七八九十两])")  # the newline first: tried only at newlines
# The figure before the keyword: "有五万多元集体收入", "实现12万元的村集体经济收入".
INCOME_KEYWORD_AFTER = r"^的?(?:村级?)?集体(?:经济)?(?:经营性|总|年)?收入"
# ...not when it is added income ("带来12万元集体收入", "增加5万元集体收入").
INCOME_KEYWORD_AFTER_BLOCK = r"(?:增加|增收|新增|提高|带来|创造|贡献|带动|多|增|拨付|下拨|投入|补助)了?(?:约|近|超过)?$"
# A village named between keyword and figure ("各村集体经济收入：大刘庄村12.5万元").
GAP_VILLAGE = (r"[:,，、]\s*(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))"
               r"(?:的)?(?:为|达到|达|实现|有)?$")
# Counting villages in the same clause without "all" → a bucket statement
# ("有5个村集体经济收入超过10万元").
VILLAGE_COUNT = r"(?P<all>全[乡镇县区市]?(?:共有?)?|所有|全部)?(?:\d+|[一二两三四五六七八九十]+)个(?:行政)?村(?!民)"
# A share of the villages ("全市四分之一的涉农村", "全县一半以上的村", "60%的村"): a bucket statement.
VILLAGE_SHARE = (r"(?:[一二三四五六七八九十\d]+分之[一二三四五六七八九十\d]+|一半|半数|三成|四成|五成|六成|七成|八成|九成|\d+(?:\.\d+)?%)"
                 r"(?:以上|左右)?的?(?:涉农|行政|建制)?村")
# Many villages named by their number ("63个薄弱村", "996个行政村"): their figure is no one village's.
VILLAGE_GROUP = r"(?:\d+|[一二两三四五六七八九十]+)个(?:行政|建制|薄弱|贫困|试点|重点|示范|脱贫|中心|软弱涣散)?村(?!民)"
ALL_VILLAGES_ADVERB = r"(?<![人户平村年月日])均(?!价|衡|等|匀)|都|全部|全都"

# ---------------------------------------------------------------------------
# New party members (名/人/位)
# ---------------------------------------------------------------------------
NEW_MEMBER_VERBS = r"新发展|发展|新吸收|吸收|接收|新增"
NEW_MEMBER_TAIL = (
    r"(?:" + NEW_MEMBER_VERBS + r")了?(?:(?P<attr>" + r"(?:\d{2}岁(?:及|以)?以下|具有[^,，;。:]{1,12}?(?:学历|职称)|"
    r"[^,，;。:\d]{1,8}?一线|女|妇女|少数民族|农牧民|青年农民|产业工人)的?)|(?P<between>[^,，;。、:\d]{0,8}?))党员"
    r"(?:数量?|人数)?(?:\([^()]{0,10}\))?(?:共|累计|合计|总计|计)?(?:为|达到|达|:)?"
    r"(?:的?(?:任务|目标|计划)(?:数)?(?:是|为|:))?" + TAIL_QUALIFIER + r"$"  # "发展党员的任务是16名"
)
# Words between 发展 and 党员 that make it something else
# ("发展对象", "发展产业带头人党员", "发展中的党员").
NEW_MEMBER_BETWEEN_EXCLUDE = r"对象|积极|申请|产业|经济|带头|致富|能手|中|的|和|与|及|工作"
# "发展了5名新党员": verb before the number, 党员 right after the unit.
NEW_MEMBER_VERB_TAIL = r"(?:" + NEW_MEMBER_VERBS + r")了?(?:共|累计|合计)?的?$"  # "全年发展的196.5万名党员"
NEW_MEMBER_AFTER = r"^(?:新|预备|年轻|青年|优秀|农村)?党员"
# "吸收12名优秀青年入党", "8名同志光荣入党".
NEW_MEMBER_JOIN_AFTER = (r"^(?![^,，;。\d]{0,12}?(?:宣誓|重温))[^,，;。\d]{0,12}?(?:光荣)?(?:入党(?!积极|申请|培训|誓词|志愿|介绍|动机|程序|材料|的)"
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
GRID_FROM = r"网格[^。;；]{0,14}?由(?:原来|原有|现有)?(?:[^,，。;；\d]{0,8}?的)?$"
# A change of grids is no count of them ("涉及调整网格190个", "新增50个网格").
GRID_CHANGE_BEFORE = r"(?:新增|增加|减少|撤并|撤销|涉及)了?[^,，;；。\d]{0,4}(?<![为到至成])$"
GRID_FROM_AFTER = r"^[^,，。;；]{0,6}?(?:调整|优化|增加|减少|压减|整合|合并)(?:为|到|至)"
GRID_VERB_WINDOW = 16
GRID_AFTER = (r"^(?:" + GRID_PREFIX + r"|[“\"]?[\u4e00-\u9fff]{1,3}?)?网格(?!员|长|党|支部|化|指导|管理员|信息员|监督员|小组|队|群|站|办|中心|"
              r"联络|书记|工作)")
# A second grid type listed after the first ("设置综合网格95个、专属网格12个").
# Any kind of grid may be listed: "基本网格43个、独立网格51个", "小区(自然村)网格1672个、行业网格2655个".
GRID_KIND = r"(?:[\u4e00-\u9fff]{1,6}(?:\([\u4e00-\u9fff、]{1,8}\))?)"
GRID_LIST_ITEM = r"^[、和及与]\s*" + GRID_KIND + r"?网格(?:单元)?(?:共|为|达)?$"
# A count of grids named as a list item or a subject ("30个村(社)网格—132个微网格", "将全镇98个网格划分为…").
GRID_COUNT_THEN_KIND = (r"^(?:[“\"]?[\u4e00-\u9fff]{1,3}?(?:\([\u4e00-\u9fff]{1,3}\))?)?网格[”\"]?"
                        r"(?=\s*(?:[—\-、,，和及;；。]|$|划分|细化|分为|调整|整合|均|都|全部))")
# A grid count right after the noun, with no verb: "行业网格2655个", "其中一级网格1个", "网格总数达86个"
# (never after 每/个: "每个网格2名" is a ratio).
GRID_NOUN_BEFORE = (r"(?<![每个])" + GRID_KIND + r"?网格(?:单元)?[”』」\"]?(?:总数|数量|个数|数)?"
                    r"(?:共有?|共计|合计|总计|现有)?(?:为|达到|达|有|:)?" + TAIL_QUALIFIER + r"$")
# In the clause: a standard ("人口1000人以下的村设1个网格", "每100户设置一个网格单元").
GRID_STANDARD = r"每|以[上下]的|左右(?:设|划)"
# "以村民小组为单位设置1个网格" is a standard, but "以自然村为单位划分网格58个" is the
# count: these words make a standard only of a single grid.
GRID_UNIT_STANDARD = r"为标准|为单位"
GRID_UNIT_STANDARD_MAX = 1
# "一个网格1个支部", "每个网格配备2名": ratios, not counts.
GRID_RATIO = r"^(?:一|每|1)个网格[^,，;。]{0,4}?(?:\d+|[一二两三四五六七八九十])(?:个|名|人)"

# ---------------------------------------------------------------------------
# Training attendance (人次 / 人 / 名)
# ---------------------------------------------------------------------------
TRAINING_KEYWORDS = (r"培训班|培训|参训|轮训|集训|研修|训练营|实训"
                     # "计划培育高素质农民25000人", "培养了3500余名优秀带头人": cultivating farmers and leaders
                     # (matched up to the figure, so a lookahead sees only what stands before it)
                     r"|(?:培育|培养)(?:了|出)?(?=[^,，;。\d]{0,12}?(?:农民|人才|带头人|主播|能手|工匠))|(?:培育|培养)(?:了|出)?$")
# Another group trained, listed after a training figure: "培训农村干部经纪人3.9万人次，党员经纪人11.3万人次".
TRAINING_LIST_NEXT = r"^[,，、]\s*(?![^,，、]*(?:增加|增长|减少|较|比|同比|其中))[\u4e00-\u9fff]{2,10}(?:共|达|计)?$"
# ...or a group of people listed after a head count of the trained ("培训高素质农民6900人、合作社理事长990人").
TRAINING_LIST_PERSONS = r"^[,，、]\s*[\u4e00-\u9fff]{0,10}(?:农民|干部|书记|人才|理事长|学员|党员|带头人|骨干|主任)$"
# People counted in 万 with no unit but the people named right after ("计划培训100万新型职业农民").
PERSONS_AFTER_WAN = r"^(?:新型职业|高素质|新型)?(?:农民|党员|干部|学员|人才)"
# A breakdown of the training figure before it: "培训农村党员基层干部100多万人次，其中培训乡镇干部17.1万人次".
BREAKDOWN_BEFORE = r"^\s*(?:其中|含)(?!(?:19|20)\d{2}年|今年|去年|上半年|下半年)"
# Cultivating counts only for farmers, talent and leaders, named before or right after the figure
# ("培养了3500余名优秀带头人"), never reserve cadres ("培养了22名村后备干部").
CULTIVATED_AFTER = r"^[^,，;。\d]{0,6}?(?:农民|人才|带头人|主播|能手|工匠)"
# A head count, then the training it had, in the same clause: "1300余名基层党员实现就近培训",
# "组织80余名党员围绕…开展“微课堂”实训" (no other figure, no exclusion word between).
TRAINING_AFTER_WORDS = (r"^(?:[^,，;；。!?\d\n]|[、和]\s*\d+(?:名|人|位)){0,40}?(?:培训|轮训|集训|实训|研修|(?:提升|学习|专题)班)"
                        r"(?!班\d|机构|基地|中心|学校|室|经费|资金|补贴)")  # "选派1名处级干部、2名科级干部…培训"
TRAINING_GAP_MAX = 30
# The participants of a training event named in the sentence or the one before it ("…培训班开班，
# 首期53名学员参加", "来自施甸县的200多名村(社区)干部，分批走进…"): the event, a lead-in before the
# head count or a verb after its people, and what makes the count something else.
TRAINING_EVENT = r"培训班|培训|轮训|集训|开班|研修班|专题班|示范班|冬训|参训|学习班"
TRAINING_EVENT_LEAD = r"(?:来自[^，,。；;\n]{0,20}的|首期|首批|第一批|共计|累计|参加人数|参训人数|覆盖人数|参训学员|学员)\s*$"
TRAINING_EVENT_AFTER = (r"^[^，,。；;\d\n]{0,16}?(?:学员|干部|党员|书记|积极分子|发展对象|选调生|农户|农民|群众|人员"
                        r"|主任|代表|骨干|带头人|人才|网格员)(?:[^，,。；;\d\n]{0,10}?)(?:参加|参训|参学|走进|来到|抵|接受"
                        r"|聆听|齐聚|集聚|分赴|参会|开始|进行)")
TRAINING_EVENT_EXCLUDE = r"发展|入党|授课|专家|教授|老师|讲师|教师|辖|现有|全村共|党员总数"
# A list inside the gap ("培训村干部、致富带头人等320人次") may hold at most this much.
TRAINING_LIST_ITEM_MAX = 14
# Between the training word and the figure, after the last comma/、 only these
# may stand ("开展培训5场，400余人次", "培训党员3期、200余人次").
TRAINING_AFTER_SEPARATOR = (
    r"^(?:共|累计|合计|总计|参训|参加|参学|参培|覆盖|培训|受训|受教育|教育)?(?:人数|人员)?"
    r"(?:党员|干部|群众|学员|人员|村干部|党员干部|党员群众|村\(社区\)干部|两委干部|“两委”干部)*"
    r"(?:共|累计|合计|总计|达|达到|计|约)?$"
)
TRAINING_GAP_EXCLUDE = (
    "覆盖率", "合格率", "率", "讲师", "师资", "老师", "教师", "专家", "授课", "走访", "慰问", "入户",
    "发放", "宣讲", "观看", "服务", "接待", "帮扶", "结对", "调解", "考试", "结业", "颁发", "表彰",
    "评选", "就业", "务工", "转移", "招聘", "资金", "补贴",
)
# For 人/名 (not 人次) the gap must also be free of new activities.
TRAINING_PERSON_GAP_EXCLUDE = ("开展", r"(?<!党)组织", "举办", "召开", "实行", "成立", "建立", "配备", "设立", "选派", "选拔")
TRAINING_PERSON_GAP_MAX = 14
# ...or this much when the gap is a list of the people trained ("培训村干部、大学生村官和新型职业农民等2000人").
TRAINING_PERSON_LIST_GAP_MAX = 24
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

