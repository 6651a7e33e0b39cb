"""Rules prompted by the real-document corpus (tests/fixtures/real/), one phrasing at a time.

The texts are written here in the shapes the real pages showed (never copied from them), and each
expected set of facts is complete: an extra fact fails as surely as a missing one.
"""
from __future__ import annotations

from tests.test_extract_rules import CI, GP, GR, NM, PER, TOWN, TR, cases, fact, run

T = "2023年工作总结\n"
SRC = "# source: https://example.org/news/123.html\n"


def V(name):
    return f"village:{name}"


@cases(
    # a saved page's first line is its address, not its title
    ("source-line-then-title", SRC + "2023年青石村工作总结\n全村发展党员2名。", [fact(NM, 2, scope=V("青石村"))]),
    # pinyin after characters, as some repost sites print them
    ("pinyin-inserted", T + "全鎮(zhèn)培訓(xùn)黨員干部300人次。", [fact(TR, 300)]),
    ("pinyin-in-a-name", T + "石(shí)橋(qiáo)村集體經濟收入達到12萬元。", [fact(CI, 120_000, scope=V("石橋村"))]),
)
def test_page_artefacts(text, expected):
    assert run(text) == expected


@cases(
    ("kinds-of-grid", T + "全镇共有网格96个，其中小区网格60个、行业网格21个、单位网格15个。",
     [fact(GR, 96), fact(GR, 60), fact(GR, 21), fact(GR, 15)]),
    ("kind-in-brackets", T + "划分小区(自然村)网格40个。", [fact(GR, 40)]),
    ("masked-grid-kinds", T + "将全镇企业划分为x个大网格xx个小网格。",
     [fact(GR, None, "redacted"), fact(GR, None, "redacted")]),
    ("grid-ratio-is-no-count", T + "每个网格配备网格员2名。", []),
    ("grid-members-are-no-grids", T + "全镇有网格员120名。", []),
)
def test_grid_kinds(text, expected):
    assert run(text) == expected


@cases(
    ("threshold-covers-every-village", T + "全县村级集体经济经营性收入10万元以上的村实现全覆盖。",
     [fact(CI, 100_000, "at_least", scope=PER)]),
    ("a-bucket-stays-no-fact", T + "全县村级集体经济经营性收入10万元以上的村有12个。", []),
    ("increment-before-the-keyword", T + "光伏项目每年增加村集体收入2万元。", []),
    ("a-fund-is-no-income", T + "设立扶持村级集体经济发展基金160万元。", []),
    ("new-synonyms", T + "大坪村村财收入5万元，集体经济净收入3.5万元。",
     [fact(CI, 50_000, scope=V("大坪村")), fact(CI, 35_000, scope=V("大坪村"))]),
    ("counted-villages-are-no-name", T + "八个试点社区集体收入全部超过10万元。", [fact(CI, 100_000, "at_least", scope=PER)]),
)
def test_income_phrasings(text, expected):
    assert run(text) == expected


@cases(
    ("persons-then-training", T + "全镇600余名党员分批参加集中轮训。", [fact(TR, 600, "at_least")]),
    ("persons-then-practical-training", T + "组织40名致富带头人开展电商实训。", [fact(TR, 40)]),
    ("persons-then-no-training", T + "全镇600余名党员参加志愿服务。", []),
    ("trainers-are-not-trained", T + "选聘12名专家讲师开展培训。", []),
    ("done-after-the-target", T + "今年培训任务数为800人，截至9月底，完成850人。",
     [fact(TR, 800, kind="target"), fact(TR, 850, period="2023Q3")]),
)
def test_training_phrasings(text, expected):
    assert run(text) == expected


@cases(
    ("named-township-is-the-subject", T + "东坡村网格员王某巡查时发现问题。柳河镇已建立基本网格43个。", [fact(GR, 43)]),
    ("village-after-its-township", T + "城东街道德民社区共分为5个网格。", [fact(GR, 5, scope=V("德民社区"))]),
    ("district-of-a-community-is-no-township", T + "枫林社区：把社区划为5个网格。", [fact(GR, 5, scope=V("枫林社区"))]),
)
def test_scope_phrasings(text, expected):
    assert run(text) == expected


def test_growth_and_members_untouched_by_the_new_rules():
    assert run(T + "全镇村集体经济收入同比增长12.5%，全年发展党员6名。") == {fact(GP, 12.5), fact(NM, 6)}
    assert TOWN == "township"


@cases(
    ("no-income-at-all", T + "过去大坪村集体经济几乎为零。",
     [fact(CI, 0, "about", scope=V("大坪村"))]),
    ("from-zero-to-a-level", "大坪村简介\n大坪村位于镇东部。村集体收入从零发展到现在40万元。",
     [fact(CI, 0, scope=V("大坪村"), period=None), fact(CI, 400_000, scope=V("大坪村"), period=None)]),
    ("none-yet", "柳河社区情况\n2024年暂无村集体经济收入。", [fact(CI, 0, scope=V("柳河社区"), period="2024")]),
    ("a-bucket-of-zero-income-villages", T + "全县消除集体经济零收入村。", []),
    ("million-villages-named", T + "东岗村、柳河村等成为百万村。",
     [fact(CI, 1_000_000, "at_least", scope=V("东岗村")), fact(CI, 1_000_000, "at_least", scope=V("柳河村"))]),
    ("million-villages-counted", T + "全县共有12个百万村。", []),
    ("breakthrough-after-the-figure", T + "大坪村实现集体经济百万元突破。", [fact(CI, 1_000_000, "at_least", scope=V("大坪村"))]),
    ("rose-to-a-level", T + "大坪村2019年村集体收入5.6万元，2023年蹿升至70万元。",
     [fact(CI, 56_000, scope=V("大坪村"), period="2019"), fact(CI, 700_000, scope=V("大坪村"))]),
)
def test_income_without_a_plain_figure(text, expected):
    assert run(text) == expected


@cases(
    ("indicator-row-of-a-yearbook", "3-23 分县区农村经济收益分配\n单位:万元\n  全市 东区 西区\n"
     "1.乡镇企业收入 1769 432 464\n2.村组集体经营收入 2816 49 78\n",
     [fact(CI, 28_160_000, period=None), fact(CI, 490_000, period=None), fact(CI, 780_000, period=None)]),
    ("indicator-row-with-its-unit", "| 指标 | 计量单位 | 全市 | 东区 |\n| 2.村组集体经营收入 | 万元 | 125612 | 12847 |\n",
     [fact(CI, 1_256_120_000, period=None), fact(CI, 128_470_000, period=None)]),
)
def test_indicator_rows(text, expected):
    assert run(text) == expected


@cases(
    ("navigation-above-the-title", SRC + "首页 > 新闻中心 > 正文\n福州新闻网\n仓山区横龙村：村财收入年年涨\n"
     "今年村集体经济收入达到400万元。", [fact(CI, 4_000_000, scope=V("横龙村"), period=None)]),
    ("a-news-dateline", T + "福鼎新闻网讯(曾云端)竹洋村采取多项措施，每年实现村财收入17.1万元。",
     [fact(CI, 171_000, scope=V("竹洋村"))]),
    ("many-villages-are-no-one-village", "大坪村2023年集体经济发展\n全县996个行政村经营性收入总额突破6亿元。",
     [fact(CI, 600_000_000, "at_least")]),
    ("village-level-is-no-name", T + "贵安新区村级集体经济总收入超过2亿元。", [fact(CI, 200_000_000, "at_least")]),
)
def test_context_of_saved_pages(text, expected):
    assert run(text) == expected


@cases(
    ("a-title-that-opens-the-text", "八把刀村是我镇唯一的移民村，全村有7个村民小组。\n全村集体经济收入3.3万元。",
     [fact(CI, 33_000, scope=V("八把刀村"), period=None)]),
    ("not-more-than", T + "大坪村村集体年收入不超3万元。", [fact(CI, 30_000, "at_most", scope=V("大坪村"))]),
    ("grids-before-and-after", T + "全区网格数量由原来623个调整至673个。", [fact(GR, 623), fact(GR, 673)]),
    ("a-change-of-grids-is-no-count", T + "本次涉及调整网格190个，新增50个网格。", []),
    ("grids-each-with-a-station", T + "我镇158个网格均建立了网格工作站。", [fact(GR, 158)]),
    ("the-target-of-a-completion-rate", T + "截至目前完成全年培训任务1600人的42.81%。", [fact(TR, 1600, kind="target")]),
    ("village-committee-as-written", "横安村委会简介\n横安村委会位于镇东北面。2009年村委会集体收入只有35000元。",
     [fact(CI, 35_000, scope=V("横安村委会"), period="2009")]),
)
def test_profiles_and_counts(text, expected):
    assert run(text) == expected


@cases(
    ("income-measure-combinations", T + "大坪村集体年纯收入15万元。", [fact(CI, 150_000, scope=V("大坪村"))]),
    ("a-separator-in-the-title", "为了人民丨大坪村：从负债到富裕\n大坪村位于山区。村集体纯收入1.3亿元。",
     [fact(CI, 130_000_000, scope=V("大坪村"), period=None)]),
    ("planned-with-nide", T + "拟定共开展培训20期1000余人。", [fact(TR, 1000, "at_least", "target")]),
    ("the-next-group-trained", T + "举办培训班494期，培训农村经纪人3.9万人次，党员经纪人11.3万人次。",
     [fact(TR, 39_000), fact(TR, 113_000)]),
    ("a-breakdown-is-no-fact", T + "培训农村党员100多万人次，其中培训乡镇干部17.1万人次。", [fact(TR, 1_000_000, "at_least")]),
    ("a-breakdown-in-the-next-sentence", T + "全年发展党员93名。其中，发展女党员46名。", [fact(NM, 93)]),
    ("recruits-of-a-kind", T + "全省发展35岁及以下党员7.3万名。", [fact(NM, 73_000)]),
    ("recruits-of-a-kind-2", T + "发展具有大专及以上学历的党员4.3万名。", [fact(NM, 43_000)]),
)
def test_statistics_phrasings(text, expected):
    assert run(text) == expected


@cases(
    # a story retelling history is dated by its latest year, not by the first one it mentions
    ("story-year", "大坪村的蝶变\n1921年以来，党领导人民奋斗百年。到2019年，大坪村村集体收入达到1.3亿元，村民富裕。大坪村成为明星村。大坪村继续发展。",
     [fact(CI, 130_000_000, scope=V("大坪村"), period="2019")]),
    # a village a story keeps naming is the document's village
    ("the-village-a-story-keeps-naming", "先锋走在前\n初冬时节，走进建平县万寿街道小平房村。以前小平房村很穷。"
     "如今的小平房村变了样。2023年村集体经济收入达到50万元。",
     [fact(CI, 500_000, scope=V("小平房村"), period="2023")]),
)
def test_stories(text, expected):
    assert run(text) == expected


@cases(
    ("po-is-at-least", T + "大坪村集体经济收入破200万元。", [fact(CI, 2_000_000, "at_least", scope=V("大坪村"))]),
    ("a-million-without-yuan", T + "大坪村村集体经济收入突破百万，群众笑开颜。", [fact(CI, 1_000_000, "at_least", scope=V("大坪村"))]),
    ("cultivated-leaders", T + "邀请专家培训，培育出63名本土主播。", [fact(TR, 63)]),
    ("reserve-cadres-are-not-trained", T + "开展届中考察，培养了22名村后备干部。", []),
    ("the-trained-of-every-village-are-a-total", T + "各村(社区)600余名网格员参加培训。", [fact(TR, 600, "at_least")]),
    ("a-rounded-total-of-many-villages", T + "全县463个村实现集体经济收入1600余万元。", [fact(CI, 16_000_000, "at_least")]),
    ("every-village-threshold-stays", T + "全乡7个村村级集体经济收入达到10万元以上。", [fact(CI, 100_000, "at_least", scope=PER)]),
    ("zero-income-in-quotes", "观音村的变化\n观音村位于山区。观音村的集体经济曾是“零收入”。", [fact(CI, 0, scope=V("观音村"), period=None)]),
    ("a-speaker-for-the-village", "大坪村简介\n大坪村位于镇东部。“2017年，我们实现集体收入27.5万元。”",
     [fact(CI, 275_000, scope=V("大坪村"), period="2017")]),
    ("a-first-sentence-is-no-plan-title", "根据全镇党员发展计划和活动方案要求，镇党委于6月22日举办培训班，30名发展对象参加了培训。",
     [fact(TR, 30, period=None)]),
)
def test_more_real_phrasings(text, expected):
    assert run(text) == expected


@cases(
    ("the-village-named-before", "大坪村简介\n大坪村位于镇东部。\n柳河村是省级示范村，柳河村党支部带领群众发展茶叶。2022年，村集体经济收入566万元。",
     [fact(CI, 5_660_000, scope=V("柳河村"), period="2022")]),
    ("a-verb-before-cun-is-no-name", T + "党支部依托村集体合作社发展产业。2022年，村集体经济收入56万元。", [fact(CI, 560_000, period="2022")]),
    ("will-organise-is-a-target", T + "今年，全市将扎实开展农民培训工程，培训现代农民4万余人。", [fact(TR, 40_000, "at_least", "target")]),
    ("nearly-a-thousand", T + "全年培训了近千名农村实用人才带头人。", [fact(TR, 1000, "about")]),
    ("people-in-wan-without-a-unit", T + "中央财政计划培训100万新型职业农民。", [fact(TR, 1_000_000, kind="target")]),
    ("groups-trained-in-a-list", T + "培训高素质农民6900人、合作社理事长990人、乡村振兴管理人才179人。",
     [fact(TR, 6900), fact(TR, 990), fact(TR, 179)]),
    ("a-named-programme-is-no-plan", T + "实施人才培育“百千万”计划，培训高素质农民6900人。", [fact(TR, 6900)]),
    ("a-city-speaks-for-itself", "毛寺村的蝶变\n毛寺村是示范村。毛寺村发展旅游。毛寺村游客多。\n庆阳市积极实施“强乡富村”行动，培训高素质农民6900人。",
     [fact(TR, 6900, period=None)]),
)
def test_discourse_and_kinds(text, expected):
    assert run(text) == expected


@cases(
    ("a-company-s-operating-income", T + "合作社带动发展，混合所有制公司实现经营性收入2750万元。", []),
    ("the-collective-company-counts", T + "8个村加上镇集体公司经营性收入合计260万元。", [fact(CI, 2_600_000)]),
    ("funds-paid-as-income-are-funds", T + "区财政为官坪村拨付了6万元的村集体经济收入。", []),
)
def test_whose_income(text, expected):
    assert run(text) == expected


@cases(
    ("a-declared-year-target", T + "德州明确今年全市分层分类培育高素质农民3324人。", [fact(TR, 3324, kind="target")]),
    ("within-two-years", T + "我向乡亲们承诺，两年内集体收入过20万元。", [fact(CI, 200_000, "at_least", "target")]),
    ("a-task-handed-down", T + "市农业农村局下达我县高素质农民培训任务700人。", [fact(TR, 700, kind="target")]),
    ("planned-after-the-figure", T + "首次对村书记进行全覆盖培训（第二期120人预计在4月进行）。", [fact(TR, 120, kind="target")]),
)
def test_more_target_words(text, expected):
    assert run(text) == expected


@cases(
    ("a-series-of-years", T + "张庄村集体经济收入从2017年的1.5万元，到2018年的5.09万元，再到2020年的17.3万元。",
     [fact(CI, 15_000, scope=V("张庄村"), period="2017"), fact(CI, 50_900, scope=V("张庄村"), period="2018"),
      fact(CI, 173_000, scope=V("张庄村"), period="2020")]),
    ("a-task-before-the-figure", T + "市里下达我县组织农村劳动力技能培训任务5000人。", [fact(TR, 5000, kind="target")]),
    ("a-task-done-is-actual", T + "全年完成培训任务1200人次。", [fact(TR, 1200)]),
    ("within-years-from-to-is-done", T + "大坪村村集体经济年收入三年内从5万元增至100万元。", [fact(CI, 1_000_000, scope=V("大坪村"))]),
    ("an-increment-for-a-helped-village", T + "光伏电站每年增加帮扶村集体收入30余万元。", []),
)
def test_series_and_tasks(text, expected):
    assert run(text) == expected


NEWS = "2023年乡村振兴专题报道\n"


@cases(
    ("first-class-of-a-course", NEWS + "5月9日，全区乡村振兴专题干部培训班开班，首期53名学员参加。", [fact(TR, 53)]),
    ("came-from-to-a-course", NEWS + "村干部学习培训活动在县里举行。来自全县的200多名村(社区)干部，分批走进产业园。",
     [fact(TR, 200, "at_least")]),
    ("people-then-a-verb", NEWS + "专题研修班开班。40名乡镇干部抵达学院，进行为期8天的学习。", [fact(TR, 40)]),
    ("teachers-are-not-trainees", NEWS + "培训班今日开班。5名专家教授授课。", []),
    ("no-event-no-trainees", NEWS + "来自全县的200多名村干部参加了观摩活动。", []),
)
def test_training_event_participants(text, expected):
    assert run(text) == expected


@cases(
    # the one village a story keeps naming, under a title that names none
    ("a-story-about-one-village", "2023年新闻\n这个村子曾是空壳村。臣南河村新一届班子上任后，兼臣南河村党支部书记的张某带头。"
     "臣南河村发展大棚。今年的村级集体经济收入超过50万元。",
     [fact(CI, 500_000, "at_least", scope=V("臣南河村"))]),
    # trainees at a village's course come from the county; the village's own income stays the village's
    ("trainees-in-a-village-story", "黄王庄村：从空壳村到示范村\n2023年，先后举办政策理论培训班6期，"
     "培训党员群众1500多人次。村集体收入达到30万元。",
     [fact(TR, 1500, "at_least"), fact(CI, 300_000, scope=V("黄王庄村"))]),
)
def test_whose_story(text, expected):
    assert run(text) == expected


@cases(
    ("a-series-from-nothing", NEWS + "张庄村经营性收入不高，张庄村村集体经济收入从2017年的0元到2018年的5.09万元，再到2020年的17.3万元。",
     [fact(CI, 0, scope=V("张庄村"), period="2017"), fact(CI, 50_900, scope=V("张庄村"), period="2018"),
      fact(CI, 173_000, scope=V("张庄村"), period="2020")]),
    ("rose-to-the-present", NEWS + "3年来，周村村集体经济收入从原先的6万多元增至现在的30多万元。",
     [fact(CI, 60_000, "at_least", scope=V("周村")), fact(CI, 300_000, "at_least", scope=V("周村"))]),
    ("leapt-to-a-year", NEWS + "花塔村集体经济收入从2015年2万元，大幅跃升至2024年73万元。",
     [fact(CI, 20_000, scope=V("花塔村"), period="2015"), fact(CI, 730_000, scope=V("花塔村"), period="2024")]),
    ("a-list-of-breakdowns", NEWS + "全年新发展党员21.19万名。其中发展35岁及以下的党员16.97万名，占80.1%；"
     "发展具有大专及以上学历的党员12.26万名，占57.9%。", [fact(NM, 211_900)]),
    ("a-label-for-the-sentence-s-village", NEWS + "炮台村成立公司。炮台村开展农机租赁服务，村集体经济收入达150万元，成为园区首个“百万村”。",
     [fact(CI, 1_500_000, scope=V("炮台村")), fact(CI, 1_000_000, "at_least", scope=V("炮台村"))]),
)
def test_series_breakdowns_and_labels(text, expected):
    assert run(text) == expected


@cases(
    ("income-per-head-is-the-villagers", NEWS + "渭水村集体纯收入仅2000多元。三年后，全村人均年收入3100多元。",
     [fact(CI, 2000, "at_least", scope=V("渭水村"))]),
    ("a-month-s-income-is-no-level", NEWS + "枫树村集体经济发展良好，村集体月收入6万元。", []),
    ("the-months-to-date-are", NEWS + "枫树村1-6月集体收入8万元。",
     [fact(CI, 80_000, scope=V("枫树村"), period="2023H1")]),
    ("growth-of-an-average", NEWS + "村级集体经济收入全部达到10万元以上，预计年底村均收入可达13万元，比去年增长22%。",
     [fact(CI, 100_000, "at_least", scope="per_village")]),
)
def test_not_the_collective_s_level(text, expected):
    assert run(text) == expected


@cases(
    ("a-group-s-total", NEWS + "临翔区89个行政村集体经济经营性收入达2975万元。", [fact(CI, 29_750_000)]),
    ("a-group-reaching-a-threshold", NEWS + "临翔区3个村集体经济收入为5万元以上。", []),
    ("operating-total-income", NEWS + "该镇7个村集体经营性总收入突破700万元。", [fact(CI, 7_000_000, "at_least")]),
    ("recurrent-income", NEWS + "全县村级经常性收入5589万元。", [fact(CI, 55_890_000)]),
)
def test_groups_and_headline_measures(text, expected):
    assert run(text) == expected


@cases(
    ("from-a-baseline-broke-through", NEWS + "通桥村村集体经济收入从20万元一举突破百万元。",
     [fact(CI, 1_000_000, "at_least", scope=V("通桥村"))]),
    ("another-measure-of-the-same-income", NEWS + "回隆村村集体经济经营性收入已突破300万元，纯收入超过120万元。",
     [fact(CI, 3_000_000, "at_least", scope=V("回隆村")), fact(CI, 1_200_000, "at_least", scope=V("回隆村"))]),
    ("a-part-stays-a-breakdown", NEWS + "村集体经济收入50万元，其中经营性收入30万元。", [fact(CI, 500_000)]),
)
def test_levels_reached(text, expected):
    assert run(text) == expected


@cases(
    ("party-organisation-is-no-verb", NEWS + "先后举办冬训春训班19场，培训村党组织书记、经营大户等1800名党员。", [fact(TR, 1800)]),
    ("a-long-list-of-those-trained", NEWS + "本年度计划培训村干部、大学生村官和新型职业农民等2000人，将分五期进行。",
     [fact(TR, 2000, kind="target")]),
    ("sent-to-a-class", NEWS + "外派78多名县直机关党务干部在延安参加能力提升班2期。", [fact(TR, 78, "at_least")]),
    ("a-degree-course-is-no-training", NEWS + "共有29人报名参加了本科学历进修班。", []),
    ("the-year-s-plan-as-a-noun", NEWS + "按照2023年度计划培训任务，全年培训党员300人次。", [fact(TR, 300)]),
)
def test_who_was_trained(text, expected):
    assert run(text) == expected


@cases(
    ("a-village-named-after-its-township", NEWS + "安化县渠江镇桃坪村近日召开分红大会。该村党支部牵头成立合作社，去年村级集体经济收入达22.8万元。",
     [fact(CI, 228_000, scope=V("桃坪村"), period="2022")]),
    ("a-county-s-village-level-income", NEWS + "近日召开分红大会。去年全县村级集体经济收入达2280万元。", [fact(CI, 22_800_000, period="2022")]),
)
def test_the_village_just_named(text, expected):
    assert run(text) == expected


@cases(
    ("no-village-below-a-threshold", NEWS + "今年将全面消除集体经济收入5万元以下的薄弱村。",
     [fact(CI, 50_000, "at_least", "target", "per_village")]),
    ("villages-below-cleared", NEWS + "力争5万元以下村基本清零。", [fact(CI, 50_000, "at_least", "target", "per_village")]),
    ("how-many-were-lifted", NEWS + "今年全市将消除年经营性收入15万元以下建制村260个。", []),
    ("a-stage-of-a-plan-done", NEWS + "行动计划首个阶段性目标完成 年经营性收入15万元以下建制村清零", []),
)
def test_eliminating_weak_villages(text, expected):
    assert run(text) == expected


@cases(
    ("required-by-a-year", "2019年调研报告\n要求在2020年底所有行政村集体经济收入达到5万元以上。",
     [fact(CI, 50_000, "at_least", "target", "per_village", period="2020")]),
    ("the-standard-required-is-no-target", NEWS + "按照省市要求的“农村一般不超过500户”的标准，共划分网格325个。", [fact(GR, 325)]),
)
def test_required(text, expected):
    assert run(text) == expected


@cases(
    ("a-quarter-of-the-villages", NEWS + "2021年全市四分之一的涉农村(社区)集体经济收入达到10万元以上。", []),
    ("half-the-villages", NEWS + "实现全县一半以上的村集体年收入超过20万元。", []),
    ("every-village-is-no-share", NEWS + "全县所有村集体经济收入达到10万元以上。", [fact(CI, 100_000, "at_least", scope="per_village")]),
)
def test_shares_of_villages(text, expected):
    assert run(text) == expected


@cases(
    ("a-plan-s-record-under-a-numbered-item", "湖北省新型职业农民培育发展规划（2016-2020年）\n一、“十二五”时期发展的主要成效\n"
     "“十二五”以来，全省农业科教系统坚持科教兴农、人才强农的战略部署，立足产业、依靠行业、服务农民，大力实施农民培训计划，成效明显。\n"
     "1、培养了一支人才队伍。2015年，全省开展农民系统化培训94.91万人。",
     [fact(TR, 949_100, period="2015")]),
    ("every-item-after-a-target-head", NEWS + "今年全市农民培训目标任务是：开展农业实用技术培训3.8万人，职业农民培训1600人，"
     "农民创业培训400人，农业信息技能培训600人；完成其他工作。",
     [fact(TR, 38_000, kind="target"), fact(TR, 1600, kind="target"), fact(TR, 400, kind="target"),
      fact(TR, 600, kind="target")]),
    ("a-programme-s-name-is-no-plan", "省干部走出去培训计划示范班来湘乡考察\n2023年，湘乡广泛开展多种实用技能培训，覆盖3万多人次。",
     [fact(TR, 30_000, "at_least")]),
    ("what-a-province-will-do", NEWS + "广东今年将面向县、镇分管领导和村“两委”干部，以及驻村第一书记、驻镇帮镇扶村工作队队员等，"
     "举办6场乡村治理骨干培训，覆盖人数360人。", [fact(TR, 360, kind="target")]),
    ("the-will-that-means-dispose", NEWS + "该镇将23个行政村划分成181个网格。", [fact(GR, 181)]),
)
def test_plans_and_futures(text, expected):
    assert run(text) == expected


@cases(
    ("named-villages-all-past-a-figure", NEWS + "该镇7个村集体经营性总收入突破700万元，其中七里、红星、沿垇、正兴4个村均破百万元。",
     [fact(CI, 7_000_000, "at_least"), fact(CI, 1_000_000, "at_least", scope=V("七里")),
      fact(CI, 1_000_000, "at_least", scope=V("红星")), fact(CI, 1_000_000, "at_least", scope=V("沿垇")),
      fact(CI, 1_000_000, "at_least", scope=V("正兴"))]),
    ("names-and-count-disagree", NEWS + "该镇7个村集体经营性总收入突破700万元，其中七里、红星3个村均破百万元。",
     [fact(CI, 7_000_000, "at_least")]),
    ("every-village-of-a-city-and-community", NEWS + "所有涉农村(社区)集体经济发展良好，所有涉农村(社区)收入均超50万元。",
     [fact(CI, 500_000, "at_least", scope="per_village")]),
)
def test_named_groups(text, expected):
    assert run(text) == expected
