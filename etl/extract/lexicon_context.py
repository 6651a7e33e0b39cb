"""The report extractor's vocabulary for what surrounds a figure: kind (target or actual), scope,
period and flattened tables. Patterns are written for the normalised shadow text (see lexicon.py).
"""
from __future__ import annotations

from terms.indicators import INDICATORS
from terms.periods import CHINESE_QUARTERS

# ---------------------------------------------------------------------------
# Kind: target vs actual
# ---------------------------------------------------------------------------
TARGET_BEFORE = (
    r"力争", r"争取", r"力求", r"有望", r"(?:必|务)?须(?:达到|达|实现|突破|超过)", r"(?<!模)拟(?!制)", r"预计", r"预期",
    r"(?:目标(?:任务)?|任务)(?:数|人数)?(?:是|为|:)", r"(?<![主只])要(?:达到|达|实现|突破|超过|完成|确保|力争)", r"(?<![主只需重])要[^,，。;；]{0,12}?(?:不少于|不低于)", r"确保[^。;!?]{0,30}?(?:达到|达|实现|突破|超过|不低于|不少于|完成|在|增长|提高)", r"确保[^,，。;；]{0,8}?(?:发展|培训|划分)",
    r"(?<!学习|工作|培训|实施|发展|教育|行动)(?<![^本]年度)(?<!按)(?<![”\"』])计划(?![书表单内]|生育)",  # not a named "百千万"计划; 本年度计划培训 is
    r"(?<!截)(?<!截止)(?<!截至)(?:到|至)\d{4}年(?:底|末)", r"(?<!截)(?<!截止)(?<!截至)到年底", r"年底前",
    r"明年|来年|下一年|下年度",
    r"要求(?!的)[^。;；共]{0,30}?(?:达到|达|实现|突破|超过|不低于|不少于)",  # "要求在2020年底所有行政村集体经济收入达到5万元以上"
    r"(?<![即])将(?:超过?|突破|达到?)", r"准备",
    r"明确(?:今年|全年|年内|本年度?)", r"(?<![\d近])(?:两|三|四|五|[2-5])年内(?![^,，。;；]{0,4}?(?:从|由))", r"下达[^,，。;；]{0,12}?任务", r"任务$",  # "…培训任务5000人" (searched up to the figure, so $ is right before it)
    # "今年，我市将扎实开展…培训现代农民4万余人", "将全市近2800名村党组织书记…全部轮训一遍"
    r"(?<![即])将(?:扎实|全面|继续|进一步|大力|重点|分批|集中|陆续)?(?:开展|实施|组织|举办|培训|轮训|培育|完成|选派)",  # "总收入将超770亿元", "准备在2012年发展2名新党员"
)
# An achieved figure after a target's clause ("今年培训任务数为2460人,截止9月底,完成2622人"): the
# cue does not reach across a clause that says what was done.
TARGET_CANCELLED = r"[,，;；]\s*(?:截至|截止|目前|已经|已|实际|共完成|完成了|已完成|完成)"
TARGET_BEFORE_WINDOW = 50
# "2024年主要预期目标是：…增长10%左右；发展党员40名左右。": a target head ending in a
# colon governs the items after it, separated by semicolons, up to the sentence end.
TARGET_LIST_HEAD = r"(?:目标|预期|计划|任务|打算)[^。!?\n:]{0,6}:"
TARGET_LIST_BOUNDARY = "。!?\n"
# A subject or a time, then 将: what will be done, to the end of the sentence ("廣東今年將面向…舉辦6場…培訓，
# 覆蓋人數360人", "我市将用1个月左右的时间…全部轮训一遍"); not the 将 that means 把 ("将全镇划分为…").
FUTURE_WILL = (r"(?:今年|明年|年内|下一步|下阶段|近期|[我该本全][省市县区镇乡]|该基地|各地)(?:还|也|都)?将"
               r"(?![^,，。;；]{0,20}?(?:划分|分为|分成|纳入|列为|作为|整合|调整))")  # "该镇将23个行政村划分成181个网格"
LIST_HEAD_MAX_CHARS = 60  # a numbered list's head line is a heading, not a paragraph
TARGET_AFTER = r"^[^,，;。\n]{0,8}?(?:的?目标|预计(?!达到|完成))"  # not across a line break; "第二期120人预计在4月进行"
# In a plan section, these still mark an achieved figure.
ACTUAL_MARKERS = r"已|截至|截止|累计(?!不少于|不低于|达到|超过)|共计|共(?=培训|发展|划分|举办)|实现了|完成了|现有"  # a plan's "累计不少于150人次" is a target
# A completion rate names the target it is measured against ("完成全年目标任务（720万元）的53.7%",
# "完成年度目标2,000人次的62%"): that figure is a target of the sentence's own indicator.
COMPLETION_BEFORE = (r"完成了?(?:全年|年度|今年|本年度?|全[乡镇县])?的?[\u4e00-\u9fff]{0,4}?(?:目标任务|目标|任务|计划)数?[(（]?$")
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
PLAN_TITLE = r"(?<!培训|工程|行动|培育|振兴)计划(?!示范|班)|打算|思路|要点|安排|方案|规划|工作目标|任期目标"  # not a named programme (培训计划示范班)
# Sections of a plan that describe where things stand ("一、发展现状", "一、基本情况"): their figures are actuals.
BASE_HEADING = r"现状|基本情况|工作基础|发展基础|村情|镇情|乡情|概况|回顾|成效|成绩|进展|完成情况"
PLAN_HEADING = (r"下一步|下步|明年|来年|(?:19|20)\d{2}年(?:工作)?(?:计划|打算|思路|安排|目标)(?!完成|落实|执行|实现|情况)"
                r"|(?:计划|打算|思路|安排|要点|目标任务|主要目标|工作目标|奋斗目标|总体目标|发展目标|目标要求|整改要求|工作要求"
                r"|(?:下半年|全年|年度|明年|今年|下阶段)目标)\W*$")
SUMMARY_TITLE = r"总结|汇报|述职|情况|报告|简介|概况|新闻|成效"
# A title by which a village reports on itself (its summary, plan, ledger, public notice): its
# training figures are the village's own, unlike those of a news story set in a village.
OWN_REPORT_TITLE = r"总结|小结|汇报|述职|计划|目标|要点|账本|台账|公示|公开|日志|简报|工作"
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
    r"(?<![人户平村年月日格个])均(?!价|衡|等|匀)",  # not "158个网格均建立了网格工作站"
    r"(?:全部|全都|都)(?=达到|达|实现|超过|突破|在|已)",

)
# "全乡7个村村级集体经济达到10万元以上" speaks of each village (a threshold), but
# "全镇11个村村集体经济收入达到462.3万元" is their total: all N villages with a figure
# that is not a threshold are summed.
PER_VILLAGE_COUNT = r"全[乡镇县区市]?(?:共有?)?(?:\d+|[一二两三四五六七八九十]+)个(?:行政)?村"
# "全县463个村实现集体经济收入1600余万元": 余/多 round a total; a threshold says 以上/超过/突破.
APPROXIMATE_TOTAL = r"\d(?:[.\d]*)(?:万|亿)?(?:余|多)"
# ...unless the clause speaks of a total.
TOTAL_WORDS = r"合计|总计|共计|累计|总和|总收入|总额|总量"
# Clause-initial words stripped before looking for a village name.
NAME_PREFIXES = (
    r"其中|比如|例如|如今|如|像|目前|截至目前|截止目前|截至|截止|今年|去年|全年|年内|当年|本年|现在|当前|每年度?|常年|"
    r"过去|以前|曾经|原来|再到|到|至|"
    r"[一二三四五六七八九十]是|首先|其次|再次|最后|同时|此外|另外|"
    r"力争|争取|确保|预计|计划|实现|推动|带动|帮助|支持|指导|使|让|将|把|对|在|由|经过|通过|"
    r"\d{4}年(?:底|末)|\d{4}年度?|上半年|下半年|前三季度|第?[一二三四1-4]季度|年底|\d{1,2}月(?:份|底)?|以来|\s"
)
VILLAGE_NAME = r"[\u4e00-\u9fffXx×*]{1,6}?(?:村委会|村|社区|嘎查|居委会)"
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
    r"^(?:上午|下午|晚上|中午|早上|今天|昨天|明天|当天|当晚|上一年|去年|今年|前年|当年|到|去|赴)|当选|上任|担任|任职|协助|帮助|指导|督促|"  # a time, a motion, an office or a verb, not a name
    r"扶持|帮扶|结对|立项|项目|移民|唯一|实现|干部|任务|第一|今日|昔日|如今|依托|带领|引导|^[\d一二两三四五六七八九十百几]+个|^暂无|^个"  # "扶持村", "八个立项社区": no name
)
# A township, town or district as the clause's subject ("袁桥镇已建立基本网格43个"): its own figure,
# not the paragraph's village.
TOWNSHIP_SUBJECT = r"^(?![全该本我各每此])[\u4e00-\u9fff]{1,6}(?:镇|乡|街道|县|(?<![社辖城园景小片])区|市)(?:党委|政府)?(?:已经?|共|还|也|将|都|均|累计|全年|今年)*$"
# A sentence whose subject is a place above the village ("庆阳市大力实施…，培训高素质农民6900人"):
# its figures are that place's, even in a story about one village.
PLACE_SENTENCE = (r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]\s*)?(?:[\u4e00-\u9fff]{0,6}(?:省|市|州|盟))?"
                  r"[\u4e00-\u9fff]{1,6}?(?:(?<![社辖城园景小片])区|县|市|旗|镇|乡|街道)(?:委|党委|政府)?"
                  r"(?=[^\u4e00-\u9fff]|积极|大力|全面|坚持|围绕|深入|扎实|持续|不断|着力|聚焦|以|把|通过|在|今年|去年|共|累计|已)")
# A village name written after its township ("城东街道德民社区"): the village is the name.
TOWNSHIP_BEFORE_NAME = (r"^(?:现在|如今|目前|当前|今年|去年|过去|以前|曾经|原来|[\u4e00-\u9fff]{0,8}?的|[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡|(?<![社辖城园景小片])区|县|市))"
                        r"(?=[\u4e00-\u9fff]{2,})")  # "最高的奇榜村", "临平区塘栖村": the village is the name
# A village named at the start of the sentence, the figure in a later clause
# ("大刘庄村通过盘活资产，村集体经济收入达到15万元"). What may follow such a subject:
SUBJECT_FOLLOWERS = (r"(?=:|,|，|通过|依托|利用|按照|坚持|围绕|以|在|把|将|积极|大力|充分|立足|采取|发挥|今年|去年|全年|每年|"
                     r"因|由于|受|虽然|尽管|盘活|借助|抓住|探索|引进|深化|推行|实施|党支部|党总支|村委会|两委|“两委”|"
                     r"是|则|也|还|却|位于|地处|坐落|(?:19|20)\d{2}年|"
                     r"入股|发展|建设|建成|成立|组建|打造|流转|创办|兴办|抢抓|紧扣|聚焦|着力|主动|先后|结合|"
                     r"投资|投入|争取|整合|开发|种植|养殖|探索|推动|加快|加大|实现|采用|瞄准|牢牢|紧紧)")
# A list item marker before a sentence ("1.", "(2)", "三、", "●").
# A news item's dateline before its first sentence ("福鼎新闻网讯(曾云端)", "本报讯（记者 王某）").
DATELINE = r"(?:[\u4e00-\u9fff]{0,12}(?:网|报|台|社|站)讯\s*(?:[(（][^)）\n]{0,30}[)）])?\s*|[(（](?:记者|通讯员)[^)）\n]{0,30}[)）]\s*)?"
LIST_MARKER = DATELINE + r"(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]|——|[●○■□◆◇▲△•·★☆✔✓◎▶►➤\-])?\s*"
SENTENCE_VILLAGE = (r"^" + LIST_MARKER + r"(?:" + "其中|目前|今年|去年|在|过去|以前|曾经|原来|如今|现在|\\d{4}年度?|(?:分村|从各村|各村|具体|分别)来?看"
                    + r")?[,，]?"
                    r"(?:[\u4e00-\u9fff]{1,5}?(?:乡|镇|街道)(?=[\u4e00-\u9fff]{2}))?"  # "1.长岭镇桂花村：…"
                    r"(?P<name>[\u4e00-\u9fffXx×*]{1,6}?(?:村|社区|嘎查))" + SUBJECT_FOLLOWERS)
# The subject right before the verb of the figure's clause ("曾经的薄弱村石门村也实现集体经济收入…").
VILLAGE_BEFORE_KEYWORD = (r"(?P<name>(?:(?![村的])[\u4e00-\u9fff]){2,5}(?:村|社区))"
                          r"(?:也|还|则|更|已经?|又|再|同样|当年|今年|去年|全年|上半年|共|共计|累计|均|都|先后)*"
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
                 r"(?P<name>(?!度)(?:(?![乡镇县区市])[\u4e00-\u9fffXx×*]){1,6}?(?:村(?!支书|干部|官|级|民|委)|社区|嘎查))(?![^乡镇]*[乡镇])")
OPENING_VILLAGE = r"^\s*(?:[一二三四五六七八九十]+、)?(?:[\u4e00-\u9fff]{2,6}[:：])?\s*(?:驻|到|走进|来到|在)?(?P<name>" + VILLAGE_NAME + r")(?=位于|地处|坐落|辖|是|共有|现有|全村|地理|党支部书记|党总支书记|支部书记|党委书记|村委会主任|主任|第一书记)"
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
# A village mentioned by name (after punctuation, a place or a motion word), for a later clause
# that speaks of "the village's" collective without naming it ("2022年，村集体经济收入566万元").
VILLAGE_MENTION = (r"(?:^|(?<=[，,。；;：:、\s“\"（(乡镇区县市到在了]))(?P<name>(?:(?![村的该本全我每各个是有])[\u4e00-\u9fff]){2,4}"
                   r"(?:村|社区))(?![民级务干委部组规支镇乡里庄集])")
REFERENT_LOOKBACK = 300
THIS_VILLAGE = r"该村|本村|全村|我村|我们村|本社区|我社区|我们社区|我们|这个村子?|村里"  # a village's speaker: "我们实现集体收入27.5万元"
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
QUARTER_WORDS = {word: f"Q{q}" for word, q in CHINESE_QUARTERS.items()}
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
# Lines of a saved web page above its title: navigation, site names, accessibility links, bylines.
BOILERPLATE_LINE = (r"(?:.*(?:>|＞|»|首页|当前位置|您的位置|现在位置|无障碍|长者|IPv6|设为首页|加入收藏|RSS|登录|注册|"
                    r"网站地图|繁体|简体|English|订阅|短信|客户端|扫码|二维码).*|[\u4e00-\u9fffA-Za-z]{1,10}(?:新闻网|网|日报|晚报|电视台|门户网站|在线|频道)|"
                    r"\W*|(?:来源|作者|发布时间|时间|日期|编辑|浏览)[:：].*)")
BOILERPLATE_MAX_LINES = 6
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
# A column header → its indicator: each indicator's table_header in terms/indicators.py, the growth
# of income first (its header also names 集体).
TABLE_COLUMNS = tuple((i.code, i.table_header) for i in sorted(INDICATORS, key=lambda i: i.accumulation != "rate"))
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
# A statistical table with indicators as rows and places as columns ("2.村组集体经营收入 281623 4996 …",
# "| 2.村组集体经营收入 | 万元 | 125612 | 12847 |"): every figure of an indicator row is a place's total.
INDICATOR_ROW_LABEL = (r"[ \t|｜]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．]|[#△]+\d*[.、．]?)?"
                       r"(?P<label>[\u4e00-\u9fff()（）]{2,20})[ \t|｜]+(?:(?P<unit>万元|亿元|元|个|人次|人|名)[ \t|｜]+)?(?=[-+]?\d)")
INDICATOR_ROW_CELL = r"[-+]?\d[\d,]*(?:\.\d+)?"
INDICATOR_ROW_REST = r"(?:[-+]?\d[\d,]*+(?:\.\d+)?+[ \t|｜]*+)++"  # possessive: a line of digits never backtracks
TABLE_CAPTION_UNIT_LOOKBACK = 600
TABLE_TOWNSHIP_ROWS = r"^(?:合计|总计|全乡|全镇|全县|全街道|总数|汇总)|^[\u4e00-\u9fff]{1,6}(?:乡|镇|街道)$"  # a township's own row
TABLE_SKIP_ROWS = r"^(?:小计|平均|村均)"
TABLE_NAME = r"^(?:[\u4e00-\u9fffXx×*()（）·]{2,20}|(?:19|20)\d{2}年?度?)$"
# A row named by a year ("2021年\t186,420.50"): the document's own village (or township) in that year.
TABLE_YEAR_ROW = r"(?P<year>(?:19|20)\d{2})年?度?"
TABLE_TARGET_COLUMN = r"目标|计划|预计|任务"
# The rule under a markdown table's header ("|------|:----:|").
TABLE_RULE_LINE = r"[\s|｜:：\-—–=+]*[\-—–=][\s|｜:：\-—–=+]*"
TABLE_VALUE = r"^(?:[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|亿元|万|元|%|个|名|人次|人)?|[Xx×*]{1,4}(?:万元|元|%|个|名|人次|人)?|[-—/]|无)$"
