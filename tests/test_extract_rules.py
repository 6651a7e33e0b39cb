"""The annotation rules, one phrasing at a time.

Every text here is written for this file (not copied from the seed reports);
every expected fact was written down from the rules in the issue, before the
code ran.  Each case compares the *complete* set of facts, so an extra fact
fails as surely as a missing one.
"""
from __future__ import annotations

import re

import pytest

from etl.extract import Fact, extract_text, lexicon, lexicon_context, normalise
from terms.indicators import INDICATOR_BY_CODE
from terms.numbers import chinese_to_number

T = "2023年工作总结\n"  # a title that dates the facts 2023

CI = "collective_income"
NM = "new_members"
GR = "grid_count"
TR = "training_attendance"
GP = "collective_income_growth_pct"

TOWN = "township"
PER = "per_village"


def fact(ind, value, qualifier="exact", kind="actual", scope=TOWN, period="2023"):
    return (ind, value, qualifier, kind, scope, period)


def check_invariants(text: str, facts: list[Fact]) -> None:
    starts = [f.start for f in facts]
    assert starts == sorted(starts), "facts must be ordered by start"
    for f in facts:
        assert text[f.start:f.end] == f.evidence
        assert 10 <= len(f.evidence) <= 60, f.evidence
        assert f.indicator in INDICATOR_BY_CODE
        assert f.qualifier in ("exact", "at_least", "at_most", "about", "redacted")
        assert f.kind in ("actual", "target")
        assert f.scope in (TOWN, PER) or f.scope.startswith("village:")
        assert (f.value is None) == (f.qualifier == "redacted")
        if isinstance(f.value, float):
            assert not f.value.is_integer(), "whole numbers must be int"
        assert f.period is None or re.fullmatch(r"\d{4}(?:H[12]|Q[1-4])?", f.period)


def run(text: str) -> set[tuple]:
    facts = extract_text(text, "t.txt")
    check_invariants(text, facts)
    return {(f.indicator, f.value, f.qualifier, f.kind, f.scope, f.period) for f in facts}


def cases(*rows):
    return pytest.mark.parametrize("text,expected", [pytest.param(t, set(e), id=i) for i, t, e in rows])


# ---------------------------------------------------------------------------
# Units and numerals: 万 × 10,000, 亿 × 100,000,000, 元, decimals, Chinese numerals
# ---------------------------------------------------------------------------
@cases(
    ("wan", T + "全镇村集体经济收入达到320万元。", [fact(CI, 3_200_000)]),
    ("yi-decimal", T + "全县村级集体经济总收入1.35亿元。", [fact(CI, 135_000_000)]),
    ("yuan", T + "村集体经济收入186000元。", [fact(CI, 186_000)]),
    ("decimal-wan", T + "村集体经济收入为12.5万元。", [fact(CI, 125_000)]),
    ("thousands-comma", T + "村集体经济收入达到1,250,000元。", [fact(CI, 1_250_000)]),
    ("cn-yibaiershi-wan", T + "全镇村集体经济收入达到一百二十万元。", [fact(CI, 1_200_000)]),
    ("cn-yiwanwuqian", T + "村集体经营性收入一万五千元。", [fact(CI, 15_000)]),
    ("cn-shier", T + "今年全镇发展党员十二名。", [fact(NM, 12)]),
    ("cn-liang", T + "镇机关党支部发展党员两名。", [fact(NM, 2)]),
    ("cn-sanqianwubai", T + "全年培训党员三千五百人次。", [fact(TR, 3500)]),
    ("wan-person-times", T + "累计培训群众1.2万人次。", [fact(TR, 12_000)]),
)
def test_units_and_numerals(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize("numeral,value", [
    ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("一百零五", 105),
    ("三千五百", 3500), ("一万五千", 15000), ("一万五", 15000), ("三千五", 3500),
    ("十二点五", 12.5), ("一亿二千万", 120_000_000), ("二〇二三", 2023),
])
def test_chinese_numeral_table(numeral, value):
    assert chinese_to_number(numeral) == value


# ---------------------------------------------------------------------------
# Full-width, traditional and half-converted traditional text
# ---------------------------------------------------------------------------
@cases(
    ("fullwidth-digits-percent", T + "村集体经济收入达到１５万元，同比增长２０％。", [fact(CI, 150_000), fact(GP, 20)]),
    ("fullwidth-decimal", T + "村集体经济收入达到１２．５万元。", [fact(CI, 125_000)]),
    ("fullwidth-person-times", T + "培训党员４５０人次。", [fact(TR, 450)]),
    ("traditional", T + "全鎮村集體經濟收入達到１２萬元。", [fact(CI, 120_000)]),
    ("half-converted", T + "村集体經濟收入达到8萬元，發展黨員６名，劃分網格４５個。",
     [fact(CI, 80_000), fact(NM, 6), fact(GR, 45)]),
    ("traditional-village-name-as-written", T + "大劉莊村集體經濟收入達到26萬元。",
     [fact(CI, 260_000, scope="village:大劉莊村")]),
    ("traditional-qualifier", T + "全年培訓黨員300餘人次。", [fact(TR, 300, "at_least")]),
)
def test_fullwidth_and_traditional(text, expected):
    assert run(text) == expected


def test_shadow_keeps_length_and_rule_characters():
    sample = "村集體經濟收入達到１２．５萬元，發展黨員５名"
    assert len(normalise(sample)) == len(sample)
    assert normalise(sample) == "村集体经济收入达到12.5万元，发展党员5名"
    # no character used by the rules is itself rewritten by the traditional map
    rule_text = "".join(str(v) for module in (lexicon, lexicon_context) for k, v in vars(module).items() if k.isupper())
    han = {ch for ch in rule_text if "\u4e00" <= ch <= "\u9fff"}
    assert {ch for ch in han if normalise(ch) != ch} == set()


# ---------------------------------------------------------------------------
# Qualifiers
# ---------------------------------------------------------------------------
@cases(
    ("yu", T + "全年培训党员300余人次。", [fact(TR, 300, "at_least")]),
    ("duo", T + "培训农村实用人才200多人。", [fact(TR, 200, "at_least")]),
    ("yishang", T + "全镇村集体经济收入均达到10万元以上。", [fact(CI, 100_000, "at_least", scope=PER)]),
    ("chaoguo", T + "村集体经济收入超过50万元。", [fact(CI, 500_000, "at_least")]),
    ("tupo", T + "村集体经济总收入突破800万元。", [fact(CI, 8_000_000, "at_least")]),
    ("guo", T + "村集体经济收入首次过百万元。", [fact(CI, 1_000_000, "at_least")]),
    ("wan-yu-yuan", T + "村集体经济收入5万余元。", [fact(CI, 50_000, "at_least")]),
    ("kongzhi-yinei", T + "网格总数控制在60个以内。", [fact(GR, 60, "at_most")]),
    ("range-upper-end", T + "各村集体经济收入在8万元至12万元之间。",
     [fact(CI, 80_000, "at_least", scope=PER), fact(CI, 120_000, "at_most", scope=PER)]),
    ("yue", T + "村集体经济收入约45万元。", [fact(CI, 450_000, "about")]),
    ("zuoyou", T + "培训党员干部600人次左右。", [fact(TR, 600, "about")]),
    ("jin", T + "培训新型职业农民近100人次。", [fact(TR, 100, "about")]),
    ("exact", T + "培训党员干部820人次。", [fact(TR, 820)]),
)
def test_qualifiers(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Masked figures: value null, qualifier redacted, never 0 or 10,000
# ---------------------------------------------------------------------------
@cases(
    ("XX-wan", T + "全镇村集体经济收入达到XX万元。", [fact(CI, None, "redacted")]),
    ("cross-wan", T + "村集体经济收入×万元。", [fact(CI, None, "redacted")]),
    ("stars-wan", T + "村集体经济收入**万元。", [fact(CI, None, "redacted")]),
    ("X-ge", T + "全镇共划分网格X个。", [fact(GR, None, "redacted")]),
    ("XX-ming", T + "全年发展党员XX名。", [fact(NM, None, "redacted")]),
    ("masked-person-times", T + "培训党员**人次。", [fact(TR, None, "redacted")]),
    ("masked-target", T + "力争村集体经济收入达到X万元以上。", [fact(CI, None, "redacted", "target")]),
)
def test_masked_figures(text, expected):
    result = run(text)
    assert result == expected
    assert all(value not in (0, 10_000) for _, value, *_ in result)


def test_masked_place_names_are_not_figures():
    assert run(T + "XX乡X村党支部召开党员大会，**党委书记出席。") == set()


# ---------------------------------------------------------------------------
# Kind: targets
# ---------------------------------------------------------------------------
@cases(
    ("lizheng", T + "力争村集体经济收入突破60万元。", [fact(CI, 600_000, "at_least", "target")]),
    ("mubiao", T + "目标是全年发展党员10名。", [fact(NM, 10, kind="target")]),
    ("jihua", T + "计划培训党员干部800人次。", [fact(TR, 800, kind="target")]),
    ("quebao", T + "确保所有村集体经济收入达到5万元以上。", [fact(CI, 50_000, "at_least", "target", PER)]),
    ("dao-niandi", T + "到2025年底，全镇村集体经济收入达到500万元。", [fact(CI, 5_000_000, kind="target", period="2025")]),
    ("yuji", T + "预计全年培训党员1000人次。", [fact(TR, 1000, kind="target")]),
    ("yuqi", T + "预期新发展党员8名。", [fact(NM, 8, kind="target")]),
    ("mingnian", T + "明年力争划分网格40个。", [fact(GR, 40, kind="target", period="2024")]),
    ("de-mubiao-after", T + "实现村集体经济收入20万元的目标。", [fact(CI, 200_000, kind="target")]),
    ("plan-title", "2024年工作计划\n发展党员8名，培训党员500人次。",
     [fact(NM, 8, kind="target", period="2024"), fact(TR, 500, kind="target", period="2024")]),
    ("actual-default", T + "全年发展党员15名。", [fact(NM, 15)]),
    ("study-plan-is-not-a-target", T + "制定学习计划，全年培训党员260人次。", [fact(TR, 260)]),
)
def test_kind(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------
@cases(
    ("meicun", T + "每村发展党员不少于1名。", [fact(NM, 1, "at_least", scope=PER)]),
    ("gecun", T + "各村集体经济收入均超过8万元。", [fact(CI, 80_000, "at_least", scope=PER)]),
    ("jun", T + "全镇12个村集体经济收入均在10万元以上。", [fact(CI, 100_000, "at_least", scope=PER)]),
    ("suoyoucun", T + "所有村集体经济收入达到10万元。", [fact(CI, 100_000, scope=PER)]),
    ("quanbu", T + "全镇村集体经济收入全部超过5万元。", [fact(CI, 50_000, "at_least", scope=PER)]),
    ("named-with-cun", T + "李家湾村集体经济收入达到26万元。", [fact(CI, 260_000, scope="village:李家湾村")]),
    ("named-without-cun", T + "王家屯集体经济收入18万元。", [fact(CI, 180_000, scope="village:王家屯")]),
    ("named-with-year", T + "李家湾村2023年村集体经济收入达到26万元。", [fact(CI, 260_000, scope="village:李家湾村")]),
    ("named-sentence-subject", T + "东岭村依托光伏项目，村集体经济收入达到31万元。",
     [fact(CI, 310_000, scope="village:东岭村")]),
    ("named-community-training", T + "石门社区培训居民党员120人次。", [fact(TR, 120, scope="village:石门社区")]),
    ("named-in-list", T + "全镇村集体经济总收入达到860万元，其中柳树湾村达到120万元。",
     [fact(CI, 8_600_000), fact(CI, 1_200_000, scope="village:柳树湾村")]),
    ("township-default", T + "全镇发展党员21名。", [fact(NM, 21)]),
    ("village-document", "东湖村2023年工作总结\n该村集体经济收入15万元，全年发展党员1名。",
     [fact(CI, 150_000, scope="village:东湖村"), fact(NM, 1, scope="village:东湖村")]),
)
def test_scope(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Period
# ---------------------------------------------------------------------------
@cases(
    ("title-year", "2022年度党建工作总结\n全镇发展党员9名。", [fact(NM, 9, period="2022")]),
    ("first-half", T + "上半年，全镇发展党员4名。", [fact(NM, 4, period="2023H1")]),
    ("first-half-title", "2023年上半年工作总结\n全镇发展党员3名。", [fact(NM, 3, period="2023H1")]),
    ("third-quarter", T + "第三季度，培训党员220人次。", [fact(TR, 220, period="2023Q3")]),
    ("second-quarter-explicit", "党建工作简报\n2024年第二季度，全镇发展党员2名。", [fact(NM, 2, period="2024Q2")]),
    ("target-year-end", T + "到2024年底，力争发展党员12名。", [fact(NM, 12, kind="target", period="2024")]),
    ("next-year", T + "明年计划发展党员6名。", [fact(NM, 6, kind="target", period="2024")]),
    ("none", "党建工作简报\n全镇发展党员9名。", [fact(NM, 9, period=None)]),
    ("base-year-is-not-period", T + "村集体经济收入比2022年增长15%。", [fact(GP, 15)]),
)
def test_period(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Not facts
# ---------------------------------------------------------------------------
@cases(
    ("cunjun-average", T + "村均集体经济收入达到12万元。", []),
    ("zengshou-increment", T + "村集体经济增收30万元。", []),
    ("increase-by", T + "村集体经济收入比上年增加6万元。", []),
    ("percentage-points", T + "村集体经济收入增幅提高3个百分点。", []),
    ("rank", T + "发展党员工作考核位列全县第3名。", []),
    ("pipeline-not-members", T + "培养入党积极分子15名，确定发展对象6名，收到入党申请人申请20份。", []),
    ("grid-staff", T + "配备专职网格员120名、网格长30名。", []),
    ("grid-party-branches", T + "建立网格党支部18个。", []),
    ("grid-ratio", T + "按照一个网格1个党小组的标准推进。", []),
    ("grid-standard", T + "人口1000人以下的村设1个网格。", []),
    ("training-class-counts", T + "举办各类培训班6期、培训会12场次。", []),
    ("stages-and-steps", T + "严格执行发展党员5个阶段25个步骤。", []),
    ("bucket-after", T + "村集体经济收入50万元以上的村3个。", []),
    ("bucket-before", T + "有4个村集体经济收入超过20万元。", []),
    ("bucket-below", T + "消除集体经济收入5万元以下的薄弱村。", []),
    ("dividend", T + "村集体经济分红12万元。", []),
    ("dates", T + "2023年12月，召开村集体经济发展推进会。", []),
    ("campaign-name", T + "组织党员参加“万名党员进党校”培训。", []),
    ("investment", T + "投资2000万元发展壮大村集体经济。", []),
    ("per-capita", T + "村集体经济稳步发展，农民人均可支配收入1.8万元。", []),
    ("training-coverage", T + "党员培训覆盖率达到95%。", []),
    ("visits-after-training", T + "开展党员培训3次，走访群众500余人次。", []),
    ("party-member-totals", T + "全镇现有党员1256名，其中女党员312名。", []),
    ("reserve-cadres", T + "储备村级后备干部48名。", []),
)
def test_not_facts(text, expected):
    assert run(text) == expected


@cases(
    ("rent-is-a-part", "东湖村2023年工作总结\n该村集体经济收入15万元，其中租金收入4万元。",
     [fact(CI, 150_000, scope="village:东湖村")]),
    ("buckets-beside-a-fact", T + "全镇18个行政村集体经济收入全部超过10万元，其中收入50万元以上的村3个。",
     [fact(CI, 100_000, "at_least", scope=PER)]),
    ("members-beside-pipeline", T + "培养入党积极分子9名，发展党员4名。", [fact(NM, 4)]),
    ("grid-beside-staff", T + "全镇共划分网格126个，配备网格员126名。", [fact(GR, 126)]),
    ("trained-after-classes", T + "举办培训班4期，培训党员干部360人次。", [fact(TR, 360)]),
    ("persons-joining-training", T + "选派25名村干部赴浙江参加乡村振兴专题培训。", [fact(TR, 25)]),
    ("growth-and-per-capita", T + "村集体经济收入同比增长18%，农民人均收入增长7%。", [fact(GP, 18)]),
)
def test_facts_next_to_non_facts(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Flattened tables
# ---------------------------------------------------------------------------
@cases(
    ("spaces", T + "村名 集体经济收入（万元） 发展党员（名） 网格数\n东坡村 15.2 2 6\n西岭村 9 1 4\n",
     [fact(CI, 152_000, scope="village:东坡村"), fact(NM, 2, scope="village:东坡村"), fact(GR, 6, scope="village:东坡村"),
      fact(CI, 90_000, scope="village:西岭村"), fact(NM, 1, scope="village:西岭村"), fact(GR, 4, scope="village:西岭村")]),
    ("pipes-with-mask", T + "|村名|村集体经济收入（万元）|培训人次|\n|南山村|22.5|340|\n|北河村|XX|180|\n",
     [fact(CI, 225_000, scope="village:南山村"), fact(TR, 340, scope="village:南山村"),
      fact(CI, None, "redacted", scope="village:北河村"), fact(TR, 180, scope="village:北河村")]),
    ("one-line", T + "各村情况：村名 集体经济收入（万元） 发展党员 大刘庄村 12.5 2 小王村 8 1 合计 20.5 3\n",
     [fact(CI, 125_000, scope="village:大刘庄村"), fact(NM, 2, scope="village:大刘庄村"),
      fact(CI, 80_000, scope="village:小王村"), fact(NM, 1, scope="village:小王村"),
      fact(CI, 205_000), fact(NM, 3)]),
    ("tabs", T + "村名\t集体经济收入（元）\t党员数\n上坪村\t86000\t41\n",
     [fact(CI, 86_000, scope="village:上坪村")]),
)
def test_flattened_tables(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Markup inside the text
# ---------------------------------------------------------------------------
def test_paywall_marker_between_keyword_and_figure():
    text = T + "全镇村集体经济收入达到##paidbegin##86万元，发展党员7名。##paidend##"
    assert run(text) == {fact(CI, 860_000), fact(NM, 7)}
    assert all("##" not in f.evidence for f in extract_text(text))


def test_paywall_marker_inside_a_number_and_a_keyword():
    assert run(T + "村集体经济收入达到1##paidbegin##6万元。") == {fact(CI, 160_000)}
    assert run(T + "全年发展##paidend##党员5名。") == {fact(NM, 5)}


def test_html_tags_do_not_break_a_match():
    text = T + "<p>全镇发展党员<b>8</b>名，培训党员<span class='n'>260</span>人次。</p>"
    assert run(text) == {fact(NM, 8), fact(TR, 260)}


def test_line_wrapped_pdf_text():
    text = T + "这一年来全镇上下团结一心，在乡村振兴和基层治理方面成绩明显，村集体经济收入达\n到150万元。"
    assert run(text) == {fact(CI, 1_500_000)}


def test_offsets_point_into_the_original_text():
    text = "\ufeff" + T + "培训##paidbegin##党员  ３２０人次，發展黨員４名。"
    facts = extract_text(text, "x.txt")
    check_invariants(text, facts)
    assert {(f.indicator, f.value) for f in facts} == {(TR, 320), (NM, 4)}
    nm = next(f for f in facts if f.indicator == NM)
    assert text[nm.start:nm.end].endswith("發展黨員４名")


def test_fact_fields_and_to_dict():
    [f] = extract_text(T + "全镇共划分网格58个。", "报告.txt")
    # the contract of issue 4, plus the id of the rule that produced the fact (issue 13)
    assert list(f.to_dict()) == ["doc", "indicator", "value", "qualifier", "kind", "scope", "period",
                                 "evidence", "start", "end", "rule"]
    assert f.doc == "报告.txt" and f.value == 58 and isinstance(f.value, int)
    assert f.rule == "grid.keyword_before"
    with pytest.raises(Exception):
        f.value = 3  # frozen


def test_empty_and_figureless_text():
    assert extract_text("") == []
    assert extract_text("本文没有任何数字。") == []


# ---------------------------------------------------------------------------
# More phrasings: plan sections, continuations, figure-before-keyword, PDF wraps
# ---------------------------------------------------------------------------
@cases(
    ("summary-heading-is-not-a-plan", T + "一、精心安排部署，夯实基层基础\n全年发展党员15名。", [fact(NM, 15)]),
    ("plan-section-of-a-summary", T + "一、工作开展情况\n全年发展党员15名。\n二、下一步工作打算\n发展党员不少于10名。",
     [fact(NM, 15), fact(NM, 10, "at_least", "target", period="2024")]),
    ("as-of-year-end-is-actual", T + "截至2023年底，全镇发展党员14名。", [fact(NM, 14)]),
    ("according-to-plan-is-actual", T + "按计划完成培训党员500人次。", [fact(TR, 500)]),
    ("funds-are-not-income", T + "用于发展村集体经济的100万元衔接资金已拨付。", []),
    ("online-learners", T + "开展线上培训，参学党员3000余人次。", [fact(TR, 3000, "at_least")]),
    ("list-of-trainees", T + "培训村干部、致富带头人等320人次。", [fact(TR, 320)]),
    ("continuation-target", T + "年内发展党员5名，预计年底达到8名。", [fact(NM, 5), fact(NM, 8, kind="target")]),
    ("figure-before-keyword", "东湖村2023年工作总结\n该村每年有五万多元集体收入。",
     [fact(CI, 50_000, "at_least", scope="village:东湖村")]),
    ("added-income-is-not-a-level", T + "光伏项目为村里带来12万元集体收入。", []),
    ("annual-income-synonym", T + "村集体年收入达到8万元。", [fact(CI, 80_000)]),
    ("grid-split-into", T + "把全村按街道分为六个网格。", [fact(GR, 6)]),
    # grids at several tiers: one fact per tier (issue 13's convention; earlier corpora took none)
    ("grid-tiers-listed", T + "全镇共设置一级网格1个、二级网格12个、三级网格98个。", [fact(GR, 1), fact(GR, 12), fact(GR, 98)]),
    ("grid-micro", T + "全镇科学划分为 110 个微网格。", [fact(GR, 110)]),
)
def test_more_phrasings(text, expected):
    assert run(text) == expected


def test_pdf_text_broken_at_every_figure():
    text = ("XX镇\n2023\n年工作报告\n各位代表:\n一、2023年工作回顾\n前三季度,完成地区生产总值\nXX\n亿元,增长\n5%\n"
            ";全镇村集体经济收入达到\nXX\n万元,增长\n12%\n。全年发展党员\n15\n名,共划分网格\n86\n个。\n")
    assert run(text) == {fact(CI, None, "redacted"), fact(GP, 12), fact(NM, 15), fact(GR, 86)}


@cases(
    ("baseline-without-year-is-not-a-fact", T + "在大刘庄村，村集体经济收入从3万元增长到15万元。",
     [fact(CI, 150_000, scope="village:大刘庄村")]),
    ("baseline-with-its-year", T + "村集体经济收入由2022年的8万元增加到15万元。",
     [fact(CI, 80_000, period="2022"), fact(CI, 150_000)]),
    ("joined-the-party", T + "全年吸收12名优秀青年入党，培养入党积极分子20名。", [fact(NM, 12)]),
    ("total-of-counted-villages", T + "23个行政村集体经济收入总额达1260万元。", [fact(CI, 12_600_000)]),
)
def test_baselines_joins_and_totals(text, expected):
    assert run(text) == expected


def test_villages_listed_after_the_keyword():
    assert run(T + "各村集体经济收入：大刘庄村12.5万元，小王村8万元，李庄村6万元。") == {
        fact(CI, 125_000, scope="village:大刘庄村"), fact(CI, 80_000, scope="village:小王村"),
        fact(CI, 60_000, scope="village:李庄村")}


@cases(
    ("masked-average-after-total", T + "全镇村集体经济收入总计达到XX万元，村均XX万元。", [fact(CI, None, "redacted")]),
    ("maximum-is-not-a-fact", T + "村集体经济收入最高的达到80万元。", []),
    ("members-with-parenthesis", T + "年内共发展党员（含预备党员）10名。", [fact(NM, 10)]),
    ("educated-members", T + "开展党员教育培训86场次，受教育党员4300余人次。", [fact(TR, 4300, "at_least")]),
    ("grid-units", T + "细化网格单元128个。", [fact(GR, 128)]),
    ("months-one-to-six", T + "2023年1-6月，全镇发展党员3名。", [fact(NM, 3, period="2023H1")]),
    ("family-planning-is-not-a-plan", T + "开展计划生育培训200人次。", [fact(TR, 200)]),
    ("village-subject-then-figure", T + "后石村每年有十二万元集体收入。", [fact(CI, 120_000, scope="village:后石村")]),
)
def test_masks_maxima_and_synonyms(text, expected):
    assert run(text) == expected


@cases(
    ("title-walk-into", "走进石桥村\n2023年村集体经济收入18.6万元。", [fact(CI, 186_000, scope="village:石桥村")]),
    ("title-after-township", "XX镇柳林村党建工作汇报\n2023年全年发展党员2名。", [fact(NM, 2, scope="village:柳林村")]),
    ("opening-sentence", "基本情况\n柳林村位于镇东部，2023年发展党员1名。", [fact(NM, 1, scope="village:柳林村")]),
    ("township-title-mentions-village-work", "2023年村级集体经济发展情况报告\n全镇村集体经济收入达到320万元。",
     [fact(CI, 3_200_000)]),
)
def test_document_about_one_village(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Generalisation fixes found on the held-out set (tests/fixtures/synthetic/s01):
# each rule with a phrasing that must match and one that must not.
# ---------------------------------------------------------------------------
@cases(
    # a qualifier word between the growth word and the percentage
    ("growth-not-below", T + "村集体经济收入达到240万元，增幅不低于12%。",
     [fact(CI, 2_400_000), fact(GP, 12, "at_least")]),
    ("growth-not-below-of-farmers", T + "农民人均可支配收入增幅不低于8%。", []),
    # 年均/月均 is an average over time, not "every village"
    ("yearly-average-growth-is-township", T + "村集体经济收入年均增长10%。", [fact(GP, 10)]),
    ("all-villages-grow", T + "各村集体经济收入均增长10%以上。", [fact(GP, 10, "at_least", scope=PER)]),
    # a continuation whose subject is every village
    ("continuation-per-village", T + "确保全镇村集体经济收入突破300万元，每村均达到12万元以上。",
     [fact(CI, 3_000_000, "at_least", "target"), fact(CI, 120_000, "at_least", "target", scope=PER)]),
    ("continuation-per-village-other-noun", T + "全镇村集体经济收入达到300万元，每村均投入资金20万元。",
     [fact(CI, 3_000_000)]),
    # 以…为单位 is a standard only for a single grid
    ("grid-unit-with-count", T + "全镇以村民小组为单位划分网格46个。", [fact(GR, 46)]),
    ("grid-unit-standard", T + "以村民小组为单位设置1个网格。", []),
    # percentages written out
    ("percent-in-words", T + "村集体经济收入较上年增长百分之十五。", [fact(GP, 15)]),
    ("percent-in-words-not-income", T + "群众满意度达到百分之九十六。", []),
    # the comparison base with its own year is that year's level
    ("compared-year-level", T + "村集体经济总收入达到218万元，比2022年的176万元增长23.9%。",
     [fact(CI, 2_180_000), fact(CI, 1_760_000, period="2022"), fact(GP, 23.9)]),
    # "网格数" names the count; "网格数据" does not
    ("grid-number-capped", T + "全镇网格数控制在60个以内。", [fact(GR, 60, "at_most")]),
    ("grid-data-is-not-a-count", T + "整合网格数据平台3个。", []),
    # the level reached "this year" after a change; the baseline without a year is not a fact
    ("level-this-year-after-change", T + "村集体经济收入由去年的12万元增加到今年的18万元。", [fact(CI, 180_000)]),
    ("baseline-last-year-only", T + "村集体经济收入比去年的12万元有较大提高。", []),
    ("compared-year-increment", T + "村集体经济总收入达到218万元，比2022年增加42万元。", [fact(CI, 2_180_000)]),
)
def test_heldout_generalisation(text, expected):
    assert run(text) == expected


@cases(
    ("overall-goal-heading", T + "一、总体目标\n全乡每年发展党员不少于10名，村集体经济收入年均增长8%以上。",
     [fact(NM, 10, "at_least", "target", period="2024"), fact(GP, 8, "at_least", "target", period="2024")]),
    ("scheme-title-is-a-plan", "2024年发展壮大村级集体经济实施方案\n全镇村集体经济收入达到500万元。",
     [fact(CI, 5_000_000, kind="target", period="2024")]),
    ("scheme-progress-report-is-actual", "2024年实施方案落实情况汇报\n全镇村集体经济收入达到500万元。",
     [fact(CI, 5_000_000, period="2024")]),
)
def test_plan_headings_and_titles(text, expected):
    assert run(text) == expected


@cases(
    ("descriptor-then-name", T + "其中，示范村大坪集体经济收入约80万元。",
     [fact(CI, 800_000, "about", scope="village:大坪")]),
    ("descriptor-then-name-with-cun", T + "其中，牵头村马家湾村集体经济收入达到90万元。",
     [fact(CI, 900_000, scope="village:马家湾村")]),
    ("descriptor-only-is-not-a-village", T + "其中，示范村集体经济收入均超过20万元。",
     [fact(CI, 200_000, "at_least", scope=PER)]),
    ("whole-village-refers-to-sentence-village", T + "清水村将闲置校舍改造为研学基地，全村集体经济收入达到46万元。",
     [fact(CI, 460_000, scope="village:清水村")]),
    ("whole-village-without-a-named-village", T + "通过盘活闲置校舍，全村集体经济收入达到46万元。",
     [fact(CI, 460_000)]),
)
def test_village_scope_phrasings(text, expected):
    assert run(text) == expected


@cases(
    ("line-rows-with-text-column-and-total",
     T + "序号 村名 党员数（名） 集体经济收入（万元） 较上年增收（万元） 主要来源\n"
         "1 东坡村 41 26.5 3.1 物业出租\n2 西岭村 33 18 2.2 光伏发电\n合计 74 44.5 5.3\n",
     [fact(CI, 265_000, scope="village:东坡村"), fact(CI, 180_000, scope="village:西岭村"), fact(CI, 445_000)]),
    ("line-rows-stop-at-text-in-an-indicator-column",
     T + "村名 集体经济收入（万元） 备注\n东坡村 26.5 正常\n西岭村 暂无 待核实\n",
     [fact(CI, 265_000, scope="village:东坡村")]),
)
def test_tables_one_row_a_line(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Second blind set (tests/fixtures/synthetic/s02): phrasings that generalise its misses
# ---------------------------------------------------------------------------
@cases(
    # vague amounts are no figures; 近/突破/过 before 百万 are
    ("vague-jishi", T + "全镇村集体经济收入几十万元。", []),
    ("vague-shushi", T + "各村每年有数十万元集体收入进账。", []),
    ("vague-shangbai", T + "个别村集体经济收入上百万元。", []),
    ("vague-shiji", T + "少数村集体经济收入有十几万元。", []),
    ("near-million", T + "村集体经济收入近百万元。", [fact(CI, 1_000_000, "about")]),
    ("shu-not-vague-before-digit", T + "参训人数二十人。", [fact(TR, 20)]),
    ("bare-qian-yu", T + "培训党员千余人次。", [fact(TR, 1000, "at_least")]),
    ("bare-bai-duo", T + "培训致富带头人百余人次。", [fact(TR, 100, "at_least")]),
)
def test_heldout2_vague_and_bare_numerals(text, expected):
    assert run(text) == expected


@cases(
    ("year-months-1-9", T + "2024年1-9月，张庄村集体经济收入12万元。",
     [fact(CI, 120_000, scope="village:张庄村", period="2024Q3")]),
    ("months-1-6", T + "1-6月，全镇培训党员800人次。", [fact(TR, 800, period="2023H1")]),
    ("months-7-9", T + "7—9月，全镇发展党员3名。", [fact(NM, 3, period="2023Q3")]),
    ("cn-months", T + "一至九月，全镇发展党员8名。", [fact(NM, 8, period="2023Q3")]),
    ("cumulative-quarter", T + "前三季度，全镇发展党员9名。", [fact(NM, 9, period="2023Q3")]),
    ("up-to-month-end", T + "截至9月底，全镇村集体经济收入达到88万元。", [fact(CI, 880_000, period="2023Q3")]),
    ("months-no-quarter", T + "3-5月，全镇发展党员4名。", [fact(NM, 4)]),
    ("months-whole-year", T + "1-12月，全镇发展党员14名。", [fact(NM, 14)]),
    ("title-span", "2023年1-9月工作总结\n全镇发展党员6名。", [fact(NM, 6, period="2023Q3")]),
    ("body-span-does-not-date-document", T + "全镇发展党员6名；1-9月累计达到9名。",
     [fact(NM, 6), fact(NM, 9, period="2023Q3")]),
)
def test_heldout2_month_spans(text, expected):
    assert run(text) == expected


@cases(
    ("period-continuation-and-growth", T + "上半年，全镇村集体经济收入达到60万元；1-9月累计达到95万元，同比增长8%。",
     [fact(CI, 600_000, period="2023H1"), fact(CI, 950_000, period="2023Q3"), fact(GP, 8, period="2023Q3")]),
    ("no-continuation-for-another-subject", T + "全镇村集体经济收入达到60万元；全年投入资金30万元。",
     [fact(CI, 600_000)]),
    ("growth-without-income-before", T + "全镇网格化管理不断完善，同比增长8%。", []),
    ("growth-condition-on-villages", T + "对村集体经济收入增幅超过20%的村给予奖励。", []),
    ("grid-second-type", T + "全镇设置综合网格95个、专属网格12个。", [fact(GR, 95), fact(GR, 12)]),
    ("grid-then-gridworkers", T + "全镇设置网格95个、网格员120名。", [fact(GR, 95)]),
    ("change-to-level-far", T + "村集体经济收入从2019年的4.8万元一路增长到2023年的68万元。",
     [fact(CI, 48_000, period="2019"), fact(CI, 680_000)]),
)
def test_heldout2_continuations(text, expected):
    assert run(text) == expected


@cases(
    ("village-list-under-income-head",
     T + "村集体经济发展情况如下。按收入排名，前两位的村分别是：城关镇东岗村86万元、柳河村52.3万元。",
     [fact(CI, 860_000, scope="village:东岗村"), fact(CI, 523_000, scope="village:柳河村")]),
    ("village-list-of-subsidies", T + "村集体经济发展。获得奖补资金的村分别是：东岗村20万元、柳河村15万元。", []),
    ("village-list-without-income-head", T + "村集体经济发展。前两位的村分别是：东岗村20万元、柳河村15万元。", []),
    ("first-secretary-village", "驻村第一书记述职报告\n我于2023年到清水镇李家沟村担任驻村第一书记。全村划分为4个网格。",
     [fact(GR, 4, scope="village:李家沟村")]),
    ("zhucun-is-no-village", T + "驻村工作队帮助发展党员2名。", [fact(NM, 2)]),
    ("zhucun-title-is-no-village", "驻村第一书记2023年述职报告\n全镇划分网格30个。", [fact(GR, 30)]),
    ("title-village-after-symbol", "📍走进桃源村｜共富答卷\n2023年，村集体经济收入68万元。",
     [fact(CI, 680_000, scope="village:桃源村")]),
)
def test_heldout2_village_scope(text, expected):
    assert run(text) == expected


@cases(
    ("table-yuan-thousands", T + "村名\t集体经济收入（元）\t发展党员（名）\n河口村\t1,208,000\t3\n合计\t2,416,500\t5\n",
     [fact(CI, 1_208_000, scope="village:河口村"), fact(NM, 3, scope="village:河口村"),
      fact(CI, 2_416_500), fact(NM, 5)]),
    ("table-bare-growth-beside-income", T + "村名\t集体收入（万元）\t增幅（%）\n河口村\t12\t-3.5\n",
     [fact(CI, 120_000, scope="village:河口村"), fact(GP, -3.5, scope="village:河口村")]),
    ("table-bare-growth-without-income", T + "村名\t发展党员（名）\t增长（%）\n河口村\t3\t12\n",
     [fact(NM, 3, scope="village:河口村")]),
)
def test_heldout3_tables(text, expected):
    assert run(text) == expected


@cases(
    ("grid-fencheng", T + "全镇共分成24个网格。", [fact(GR, 24)]),
    ("grid-fencheng-gridworkers", T + "全镇分成24个网格员小组。", []),
    ("continuation-next-year", T + "力争今年村集体经济收入达到50万元，明年争取突破80万元。",
     [fact(CI, 500_000, kind="target"), fact(CI, 800_000, qualifier="at_least", kind="target", period="2024")]),
    ("partial-villages-no-fact", T + "少数村集体经济收入低于5万元；部分村集体收入不足3万元。", []),
    ("target-list-after-colon", T + "2024年主要目标是：收入增长10%；发展党员12名；划分网格30个。",
     [fact(NM, 12, kind="target", period="2024"), fact(GR, 30, kind="target", period="2024")]),
    ("no-target-list-without-colon", T + "围绕目标任务，全镇划分网格30个；发展党员12名。",
     [fact(GR, 30), fact(NM, 12)]),
)
def test_heldout3_verbs_and_kinds(text, expected):
    assert run(text) == expected


@cases(
    ("numbered-village-list", T + "重点村情况如下：\n1.石桥村：依托农旅项目，实现集体经济收入68.2万元；\n"
     "2.红旗村：集体经济收入45万元。",
     [fact(CI, 682_000, scope="village:石桥村"), fact(CI, 450_000, scope="village:红旗村")]),
    ("bullet-village", T + "● 石桥村：依托农旅项目，集体经济收入68.2万元。", [fact(CI, 682_000, scope="village:石桥村")]),
    ("byline-village", "2023年度村党支部书记述职报告\n柳溪村党支部书记 王建国\n全年发展党员3名。",
     [fact(NM, 3, scope="village:柳溪村")]),
    ("interview-village", "【对话村支书】——访马家坪村党支部书记张红梅\n2023年村集体经济收入58万元。",
     [fact(CI, 580_000, scope="village:马家坪村")]),
    ("cunzhishu-is-no-village", "【对话村支书】乡村振兴一线见闻\n2023年全镇村集体经济收入58万元。",
     [fact(CI, 580_000)]),
)
def test_heldout3_village_scope(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Scope from a village named earlier in the sentence, targets said with 要 / 任务是,
# grids re-divided to a number (rules added after the fourth blind corpus)
# ---------------------------------------------------------------------------
def V(name):
    return f"village:{name}"


@cases(
    ("list-item-with-township", T + "二、典型村\n1.清河镇杏林村：发展林下养鸡，村集体经济收入52万元，同比增长18%；\n",
     [fact(CI, 520_000, scope=V("杏林村")), fact(GP, 18, scope=V("杏林村"))]),
    ("list-item-street", T + "（一）东城街道柳岸社区：承接物业保洁，集体经济收入约16万元。",
     [fact(CI, 160_000, "about", scope=V("柳岸社区"))]),
    ("cause-after-name", T + "马鞍村由于光伏电站检修，全年村集体经济收入只有4.2万元。",
     [fact(CI, 42_000, scope=V("马鞍村"))]),
    ("adverb-before-verb", T + "原来的空壳村王家湾村今年也实现集体经济收入18万元。",
     [fact(CI, 180_000, scope=V("王家湾村"))]),
    ("already-reached", T + "北坡村已经达到集体经济收入25万元。",
     [fact(CI, 250_000, scope=V("北坡村"))]),
    ("named-alone-after-dash", T + "下面点一个村——石槽村，集体经济收入才3万元，排在最后。",
     [fact(CI, 30_000, scope=V("石槽村"))]),
    ("named-after-de", T + "其中增收最快的松岭村，上半年村集体经济收入达到33万元。",
     [fact(CI, 330_000, scope=V("松岭村"), period="2023H1")]),
    ("township-subject-keeps-township", T + "其中增收最快的松岭村，全镇村集体经济收入达到330万元。",
     [fact(CI, 3_300_000)]),
)
def test_scope_from_a_village_named_before_the_figure(text, expected):
    assert run(text) == expected


@cases(
    ("dou-yao", T + "各村集体经济收入年底前都要达到8万元以上。",
     [fact(CI, 80_000, "at_least", "target", PER)]),
    ("yao-dacheng", T + "全镇今年培训党员要达到600人次。", [fact(TR, 600, kind="target")]),
    ("renwu-shi", T + "全镇发展党员的任务是20名。", [fact(NM, 20, kind="target")]),
    ("zhiyao-is-a-condition", T + "只要达到标准就给予奖补，全镇发展党员15名。", [fact(NM, 15)]),
    ("grid-adjusted-to", T + "全镇把网格调整为48个，每格配一名网格员。", [fact(GR, 48)]),
    ("grid-total-optimised", T + "全村网格总数进一步优化至9个。", [fact(GR, 9)]),
    ("grid-plan-refine", T + "计划年底前把网格细化到60个。", [fact(GR, 60, kind="target")]),
)
def test_targets_with_yao_and_grids_redivided(text, expected):
    assert run(text) == expected


@cases(
    ("fall-after-income", T + "村集体经济收入12万元，比上年下降3.5%。",
     [fact(CI, 120_000), fact(GP, -3.5)]),
    ("fall-direct", T + "全镇村集体经济收入同比减少8%。", [fact(GP, -8)]),
    ("rate-fell-is-still-a-rise", T + "全镇村集体经济收入增幅下降为6%。", [fact(GP, 6)]),
    ("rise-stays-positive", T + "全镇村集体经济收入同比增长7%。", [fact(GP, 7)]),
)
def test_growth_said_as_a_fall_is_negative(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Rules added after the fifth blind corpus
# ---------------------------------------------------------------------------
def test_issuer_line_above_a_plan_title():
    text = ("中共石岭镇委员会\n关于印发《石岭镇2027年党建工作要点》的通知\n\n"
            "各村党组织：\n一、全年发展党员15名左右。\n二、全镇网格数调整到40个。\n")
    assert run(text) == {fact(NM, 15, "about", "target", period="2027"), fact(GR, 40, kind="target", period="2027")}


def test_issuer_line_alone_changes_nothing_for_a_summary():
    text = "中共石岭镇委员会\n石岭镇2026年党建工作总结\n\n全年发展党员15名，全镇共划分网格40个。\n"
    assert run(text) == {fact(NM, 15, period="2026"), fact(GR, 40, period="2026")}


@cases(
    ("line-headed-by-village", T + "三、先进村\n枫林社区：全年发展党员3名；把社区划为5个网格。\n",
     [fact(NM, 3, scope=V("枫林社区")), fact(GR, 5, scope=V("枫林社区"))]),
    ("line-village-township-clause", T + "柳河村：带动全镇发展党员20名。\n", [fact(NM, 20)]),
    ("by-village-opener", T + "分村来看，南岗村盘活旧厂房，集体经济收入达到41万元。",
     [fact(CI, 410_000, scope=V("南岗村"))]),
    ("enumerator-before-target", T + "二是力争村级集体经济总收入增长8%以上。",
     [fact(GP, 8, "at_least", "target")]),
    ("name-then-keyword-cun", T + "石岩村村集体经济收入9.6万元。", [fact(CI, 96_000, scope=V("石岩村"))]),
    ("growth-only-was", T + "全乡村集体经济收入210万元，同比增幅仅为2.5%。", [fact(CI, 2_100_000), fact(GP, 2.5)]),
)
def test_fifth_corpus_rules(text, expected):
    assert run(text) == expected


def test_news_tag_before_the_title_village():
    text = "【快讯】杉木村晒出上半年账本\n\n今年1—6月，村集体经济收入3.1万元，组织培训40人次。\n"
    facts = run(text)
    assert {f[4] for f in facts} == {V("杉木村")} and {f[0] for f in facts} == {CI, TR}


def test_hard_wrapped_line_ending_in_a_comma_continues_the_sentence():
    line = "二〇二三年全镇各村盘活闲置资源，村集体经济收入达到了二百万元，"
    text = T + line + "\n同比增长6.5%，发展势头良好。\n"
    assert run(text) == {fact(CI, 2_000_000), fact(GP, 6.5)}


# ---------------------------------------------------------------------------
# Rules added after the sixth blind corpus
# ---------------------------------------------------------------------------
def test_markdown_pipe_table_with_a_rule_line():
    text = (T + "| 村名 | 集体经济收入（万元） | 发展党员 |\n|:----|----:|---|\n"
            "| 前进村 | 22.5 | 2 |\n| 合计 | 40 | 3 |\n")
    assert run(text) == {fact(CI, 225_000, scope=V("前进村")), fact(NM, 2, scope=V("前进村")),
                         fact(CI, 400_000), fact(NM, 3)}


def test_bullet_lines_are_not_a_wrapped_paragraph():
    lines = ["◆ 全镇村集体经济收入860万元", "◆ 比上年增长9.5%", "◆ 8个村集体经济收入全部超过30万元",
             "◆ 培训党员群众1,200余人次", "◆ 全年发展党员11名", "◆ 全镇划分网格64个",
             "◆ 网格事项办结率99%", "◆ 群众满意度96%", "◆ 新建党群服务站2个"]
    text = T + "\n".join(lines) + "\n"
    assert run(text) == {fact(CI, 8_600_000), fact(GP, 9.5), fact(CI, 300_000, "at_least", scope=PER),
                         fact(TR, 1200, "at_least"), fact(NM, 11), fact(GR, 64)}


@cases(
    ("count-of-villages-total", T + "全镇9个村村集体经济收入达到318万元。", [fact(CI, 3_180_000)]),
    ("count-of-villages-threshold", T + "全镇9个村村级集体经济收入均达到20万元以上。",
     [fact(CI, 200_000, "at_least", scope=PER)]),
    ("name-verb-then-keyword-cun", T + "2023年红星村实现村集体经济收入18万元。", [fact(CI, 180_000, scope=V("红星村"))]),
    ("year-end-before-name", T + "力争2024年底红星村集体经济收入达到25万元。",
     [fact(CI, 250_000, kind="target", scope=V("红星村"), period="2024")]),
    ("party-branch-after-name", T + "青松村党支部全年发展党员2名。", [fact(NM, 2, scope=V("青松村"))]),
    ("dash-list-line", T + "——白鹭村：发展民宿，集体经济收入41万元。\n", [fact(CI, 410_000, scope=V("白鹭村"))]),
    ("quoted-grid-name", T + "全镇划分“党建网格”58个。", [fact(GR, 58)]),
)
def test_sixth_corpus_rules(text, expected):
    assert run(text) == expected


def test_interview_subtitle_names_the_village():
    text = ("【书记访谈】把集体经济这本账算明白\n——访清江镇白沙村党支部书记\n\n"
            "记者：去年情况怎么样？\n答：2023年集体经济收入22万元，发展党员2名。\n")
    assert {f[4] for f in run(text)} == {V("白沙村")}


# ---------------------------------------------------------------------------
# Rules added after the seventh blind corpus
# ---------------------------------------------------------------------------
def test_ledger_blocks_under_village_heads():
    text = ("2023年党建台账\n\n【青山村】\n书记：张三\n发展党员：2名\n网格数：6个\n网格员：6名\n"
            "村集体经济收入：8.5万元\n\n【绿水社区】\n发展党员：1名\n网格数：10个\n\n【合计】\n网格数：16个\n")
    assert run(text) == {fact(NM, 2, scope=V("青山村")), fact(GR, 6, scope=V("青山村")),
                         fact(CI, 85_000, scope=V("青山村")), fact(NM, 1, scope=V("绿水社区")),
                         fact(GR, 10, scope=V("绿水社区")), fact(GR, 16)}


def test_comma_separated_table_pasted_as_text():
    text = (T + "各村指标\n村名,集体经济收入(元),发展党员(名),培训人次\n"
            "南山村,258000,2,120\n北岭村,96500,1,80\n合计,354500,3,200\n")
    assert run(text) == {fact(CI, 258_000, scope=V("南山村")), fact(NM, 2, scope=V("南山村")),
                         fact(TR, 120, scope=V("南山村")), fact(CI, 96_500, scope=V("北岭村")),
                         fact(NM, 1, scope=V("北岭村")), fact(TR, 80, scope=V("北岭村")),
                         fact(CI, 354_500), fact(NM, 3), fact(TR, 200)}


def test_numbered_list_under_a_head_line():
    text = ("关于下达2024年各村集体经济收入目标的通知\n\n附表\n\n2024年各村集体经济收入目标\n"
            "1. 红枫村 18万元\n2. 白杨社区 40万元\n")
    assert run(text) == {fact(CI, 180_000, kind="target", scope=V("红枫村"), period="2024"),
                         fact(CI, 400_000, kind="target", scope=V("白杨社区"), period="2024")}


def test_numbered_list_of_actuals_stays_actual():
    text = ("2024年工作总结\n\n全年各村集体经济收入完成情况\n1. 红枫村 18万元\n2. 白杨社区 40万元\n")
    assert run(text) == {fact(CI, 180_000, scope=V("红枫村"), period="2024"),
                         fact(CI, 400_000, scope=V("白杨社区"), period="2024")}


# ---------------------------------------------------------------------------
# Rules added after the eighth blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("respectively", T + "东湖村、西湖村村集体经济收入分别为21万元、9.5万元。",
     [fact(CI, 210_000, scope=V("东湖村")), fact(CI, 95_000, scope=V("西湖村"))]),
    ("respectively-growth-with-minus", T + "东湖村、西湖村集体经济收入同比分别增长12%、-3%。",
     [fact(GP, 12, scope=V("东湖村")), fact(GP, -3, scope=V("西湖村"))]),
    ("respectively-two-villages-later", T + "东湖村、西湖村毗邻。两村分别发展党员3名、1名，网格员分别为4名、2名。",
     [fact(NM, 3, scope=V("东湖村")), fact(NM, 1, scope=V("西湖村"))]),
    ("lone-space-before-figure", T + "全年发展党员 13名\n", [fact(NM, 13)]),
    ("space-after-decimal-point", T + "全镇村集体经济收入达到215. 5万元。", [fact(CI, 2_155_000)]),
    ("list-item-village-then-full-stop", T + "（2）松坡村。盘活旧校舍，集体经济收入达到19万元。",
     [fact(CI, 190_000, scope=V("松坡村"))]),
    ("speaker-of-a-village", T + "李明（竹林村党支部书记）：我们村全年集体经济收入12万元。",
     [fact(CI, 120_000, scope=V("竹林村"))]),
    ("grid-adjusted-already", T + "全村网格已经调整为9个了。", [fact(GR, 9)]),
)
def test_eighth_corpus_rules(text, expected):
    assert run(text) == expected


def test_chat_messages_under_a_village_speaker_head():
    text = ("工作群记录 2023年\n\n【东湖村-王会计】10:02\n上半年村集体经济收入8.2万元\n\n"
            "镇党建办-李 10:30\n汇总：全镇上半年发展党员6名，培训党员群众300人次。\n")
    assert run(text) == {fact(CI, 82_000, scope=V("东湖村"), period="2023H1"),
                         fact(NM, 6, period="2023H1"), fact(TR, 300, period="2023H1")}


def test_slide_lines_stay_apart_and_a_numbered_slide_heading_is_a_plan():
    text = ("2023年党建工作汇报\n\n第2页\n一 2023年成效\n全年发展党员 11名\n35岁以下 8名\n网格数 36个\n\n"
            "第3页\n二 2024年目标\n全镇村集体经济收入 500万元以上\n")
    facts = run(text)
    assert fact(NM, 11) in facts and fact(CI, 5_000_000, "at_least", "target", period="2024") in facts
    assert not any(f[0] == NM and f[1] == 8 for f in facts)


# ---------------------------------------------------------------------------
# Rules added after the ninth blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("completion-rate-target-in-brackets", T + "全镇村集体经济收入412万元，同比增长8.1%，完成年度目标任务（600万元）的68.7%。",
     [fact(CI, 4_120_000), fact(GP, 8.1), fact(CI, 6_000_000, kind="target")]),
    ("completion-rate-target-counts", T + "全年培训党员860人次，完成年度计划1,000人次的86%。",
     [fact(TR, 860), fact(TR, 1000, kind="target")]),
    ("completion-rate-without-a-figure-of-its-own", T + "全镇集体经济收入完成全年目标的91%。", []),
    ("village-then-time-span-before-keyword", T + "枫林村1-9月集体经济收入9.6万元。",
     [fact(CI, 96_000, scope=V("枫林村"), period="2023Q3")]),
    ("village-then-first-three-quarters", T + "枫林村前三季度集体经济收入仅XX万元。",
     [fact(CI, None, "redacted", scope=V("枫林村"), period="2023Q3")]),
    ("village-acting-in-an-earlier-clause", T + "调研中了解到，枫林村依托林下经济发展菌菇种植，集体经济收入达到23万元。",
     [fact(CI, 230_000, scope=V("枫林村"))]),
    ("village-as-object-of-urging", T + "督促枫林村加快冷库建设，力争年底集体经济收入突破30万元。",
     [fact(CI, 300_000, "at_least", "target", scope=V("枫林村"))]),
    ("village-subject-with-ze", T + "石门村则发展光伏发电，全年集体经济收入超过40万元。",
     [fact(CI, 400_000, "at_least", scope=V("石门村"))]),
    ("township-clause-before-stays-township", T + "全镇上下齐心协力，枫林村等带头示范，集体经济收入达到600万元。",
     [fact(CI, 6_000_000)]),
)
def test_ninth_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_paragraph_opened_by_a_village_keeps_its_figures():
    text = (T + "\n石门村是远近闻名的茶叶村。该村党支部牵头成立合作社，全年村集体经济收入达到52万元。"
            "村里划分了5个网格。\n\n全镇划分网格48个。\n")
    assert run(text) == {fact(CI, 520_000, scope=V("石门村")), fact(GR, 5, scope=V("石门村")), fact(GR, 48)}


def test_a_requirements_section_holds_targets():
    text = ("关于2023年党建工作的督查反馈\n2023年11月\n\n一、存在问题\n全年仅发展党员3名。\n\n"
            "二、整改要求\n（一）每个村发展党员不少于1名。\n（二）全镇培训党员不少于500人次。\n")
    facts = run(text)
    assert fact(NM, 3) in facts
    assert fact(NM, 1, "at_least", "target", scope=PER) in facts
    assert fact(TR, 500, "at_least", "target") in facts


def test_a_table_under_a_paragraph_on_collective_income_reads_its_bare_income_column():
    text = (T + "\n全镇集体经济收入合计210万元。排名前三的村如下（单位：万元、%）：\n\n"
            "村名　　全年收入　　同比增减\n石门村　　52.5　　　　12.4\n东湖村　　31　　　　　-4.5\n")
    assert run(text) == {fact(CI, 2_100_000), fact(CI, 525_000, scope=V("石门村")), fact(GP, 12.4, scope=V("石门村")),
                         fact(CI, 310_000, scope=V("东湖村")), fact(GP, -4.5, scope=V("东湖村"))}


def test_a_bare_income_column_without_that_context_is_not_collective_income():
    text = (T + "\n全镇农户增收情况如下：\n\n村名　　农户收入　　同比增减\n石门村　　52.5　　　　12.4\n")
    assert run(text) == set()


@cases(
    ("bare-income-after-a-village-in-an-income-paragraph", T + "全镇村集体经济收入合计95万元。石门村全年收入18万元。",
     [fact(CI, 950_000), fact(CI, 180_000, scope=V("石门村"))]),
    ("bare-income-after-a-year-respectively", T + "全镇村集体经济收入合计95万元。东湖村、和平村2023年收入分别为8万元和5.5万元。",
     [fact(CI, 950_000), fact(CI, 80_000, scope=V("东湖村")), fact(CI, 55_000, scope=V("和平村"))]),
    ("bare-income-of-farmers-is-not-collective", T + "全镇村集体经济收入合计95万元。农民人均收入1.6万元，土地流转收入12万元。",
     [fact(CI, 950_000)]),
    ("bare-income-without-collective-context", T + "石门村全年收入18万元。", []),
    ("names-after-fenbie-wei", T + "增幅最大的两个村分别为东湖村和西湖村，集体经济收入分别为26万元和19万元。",
     [fact(CI, 260_000, scope=V("东湖村")), fact(CI, 190_000, scope=V("西湖村"))]),
    ("decline-word-holds-for-the-whole-list", T + "东湖村、西湖村集体经济收入同比分别下降12.5%和4%。",
     [fact(GP, -12.5, scope=V("东湖村")), fact(GP, -4, scope=V("西湖村"))]),
)
def test_ninth_corpus_income_context_and_lists(text, expected):
    assert run(text) == expected


@cases(
    ("growth-after-a-from-to-with-its-year", "2025年3月\n石门村集体经济收入从2021年的6万元增长到2024年的40万元，2024年同比增长25%。",
     [fact(CI, 60_000, scope=V("石门村"), period="2021"), fact(CI, 400_000, scope=V("石门村"), period="2024"),
      fact(GP, 25, scope=V("石门村"), period="2024")]),
    ("by-a-later-year-is-a-target", "2025年5月\n按照三年行动部署，到2027年，全镇村级集体经济总收入突破1500万元。",
     [fact(CI, 15_000_000, "at_least", "target", period="2027")]),
    ("by-an-earlier-year-stays-actual", "2025年5月\n到2024年，全镇村级集体经济总收入达到980万元。",
     [fact(CI, 9_800_000, period="2024")]),
)
def test_ninth_corpus_years(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Rules added after the tenth blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("greater-or-equal-sign", T + "全年村级集体经济收入目标：≥500万元", [fact(CI, 5_000_000, "at_least", "target")]),
    ("infographic-growth-arrow", T + "▶村级集体经济收入：210万元\n▶同比：↑9.5%\n",
     [fact(CI, 2_100_000), fact(GP, 9.5)]),
    ("infographic-growth-arrow-down", T + "▶村级集体经济收入：210万元\n▶同比：↓3.2%\n",
     [fact(CI, 2_100_000), fact(GP, -3.2)]),
    ("ensure-growth-is-a-target", T + "2024年确保全镇村级集体经济收入增长12%以上。",
     [fact(GP, 12, "at_least", "target", period="2024")]),
    ("realised-bare-income-respectively", T + "全镇村集体经济收入合计300万元。其中，东湖村、西湖村分别实现收入41万元、33万元。",
     [fact(CI, 3_000_000), fact(CI, 410_000, scope=V("东湖村")), fact(CI, 330_000, scope=V("西湖村"))]),
    ("last-year-level-after-a-comma", "2024年12月\n今年全镇集体经济收入达到了四十三万元，去年才二十八万五。",
     [fact(CI, 430_000, period="2024"), fact(CI, 285_000, period="2023")]),
    ("same-period-last-year-in-brackets", "2025年上半年党建成绩单\n▶发展党员：9名（去年同期6名）\n",
     [fact(NM, 9, period="2025H1"), fact(NM, 6, period="2024H1")]),
    ("named-target-after-the-figure", T + "全年只发展党员4名，低于年初确定的7名目标。",
     [fact(NM, 4), fact(NM, 7, kind="target")]),
    ("adjectives-before-names-respectively", T + "收入最高的东湖村和最低的西湖村集体经济收入分别为41.6万元和4.2万元。",
     [fact(CI, 416_000, scope=V("东湖村")), fact(CI, 42_000, scope=V("西湖村"))]),
)
def test_tenth_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_half_year_target_heading_in_brackets_makes_a_plan_section():
    text = ("2023年上半年党建成绩单\n\n【集体经济】\n▶村级集体经济收入：180万元\n\n"
            "【下半年目标】\n▶全年发展党员：12名\n")
    assert run(text) == {fact(CI, 1_800_000, period="2023H1"), fact(NM, 12, kind="target")}


def test_a_responsibility_agreement_is_about_its_village():
    text = ("石门乡2024年度党建工作目标责任书\n\n甲方：中共石门乡委员会\n乙方：中共石门乡东湖村支部委员会\n\n"
            "一、基本情况\n2023年，村集体经济收入为19.8万元。\n\n二、目标任务\n"
            "2024年村集体经济收入确保达到24万元；组织党员参加集中培训累计不少于150人次。\n")
    assert run(text) == {fact(CI, 198_000, scope=V("东湖村")),
                         fact(CI, 240_000, kind="target", scope=V("东湖村"), period="2024"),
                         fact(TR, 150, "at_least", "target", scope=V("东湖村"), period="2024")}


def test_a_quote_under_a_speakers_tag_line_is_that_villages():
    text = ("2023年12月新闻\n记者：我们来到了东湖村。\n（同期声：石门乡东湖村党支部书记　李明）\n"
            "“今年全村集体经济收入达到了三十一万元。”\n")
    assert run(text) == {fact(CI, 310_000, scope=V("东湖村"))}


def test_what_there_is_now_stays_actual_inside_a_plan():
    text = "2023年述职报告\n\n二、下一步打算\n将全镇现有的64个网格优化调整为70个。\n"
    assert fact(GR, 64) in run(text)


@cases(
    ("every-village-after-the-growth", T + "全镇村级集体经济收入231.9万元，同比增长24.4%，各村均超过10万元。",
     [fact(CI, 2_319_000), fact(GP, 24.4), fact(CI, 100_000, "at_least", scope=PER)]),
    ("every-village-not-below-after-a-total-target", T + "2024年确保全镇村级集体经济收入稳定在250万元左右，每村不低于12万元。",
     [fact(CI, 2_500_000, "about", "target", period="2024"), fact(CI, 120_000, "at_least", "target", scope=PER, period="2024")]),
)
def test_tenth_corpus_every_village_continuations(text, expected):
    assert run(text) == expected


# ---------------------------------------------------------------------------
# Rules added after the eleventh blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("figure-on-the-line-after-its-verb", T + "全镇村级集体经济收入达\n1536万元，同比增长11.2%。",
     [fact(CI, 15_360_000), fact(GP, 11.2)]),
    ("every-village-after-a-semicolon", T + "全乡集体经济收入586.4万元，同比增长9.8%；所有村都超过20万元。",
     [fact(CI, 5_864_000), fact(GP, 9.8), fact(CI, 200_000, "at_least", scope=PER)]),
    ("counted-villages-all-above", T + "全镇村集体经济收入达1.03亿元，同比增长18.2%，24个村全部超过50万元。",
     [fact(CI, 103_000_000), fact(GP, 18.2), fact(CI, 500_000, "at_least", scope=PER)]),
    ("a-new-sentence-for-this-year-so-far", "2025年9月座谈会记录\n去年全镇村集体经济收入合计486万元。今年截至8月底合计412.6万元，同比增长21.4%。",
     [fact(CI, 4_860_000, period="2024"), fact(CI, 4_126_000, period="2025"), fact(GP, 21.4, period="2025")]),
    ("this-year-so-far-after-last-year", "2025年9月座谈会记录\n东湖村去年集体经济收入是31万元，今年截至8月底已经有26.4万元了。",
     [fact(CI, 310_000, scope=V("东湖村"), period="2024"), fact(CI, 264_000, scope=V("东湖村"), period="2025")]),
    ("i-expect-the-year-to-reach", "2025年9月座谈会记录\n东湖村今年集体经济收入9万元，我预计全年能到15万元左右。",
     [fact(CI, 90_000, scope=V("东湖村"), period="2025"),
      fact(CI, 150_000, "about", "target", scope=V("东湖村"), period="2025")]),
    ("must-develop-at-least", T + "全镇今年要发展党员不少于25名。", [fact(NM, 25, "at_least", "target")]),
    ("last-years-level-in-brackets", T + "全年发展党员二十一名（较上年的18名增加3名）。",
     [fact(NM, 21), fact(NM, 18, period="2022")]),
    ("township-before-the-first-name-of-a-list", T + "白鹭乡石桥村、桐木村集体经济收入分别仅为8.6万元、9.2万元。",
     [fact(CI, 86_000, scope=V("石桥村")), fact(CI, 92_000, scope=V("桐木村"))]),
    ("more-figures-than-names-is-not-their-list", T + "东湖村、西湖村相邻。三个镇分别划分网格138个、110个、96个。",
     [fact(GR, 138)]),
)
def test_eleventh_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_winter_training_plan_keeps_last_winters_total_actual():
    text = ("2025—2026年度党员冬训工作方案\n\n一、基本情况\n2024年度冬训共培训党员1,620人次。\n\n"
            "二、目标任务\n全镇参训党员不少于1850人次。\n")
    facts = run(text)
    assert fact(TR, 1620, period="2024") in facts
    assert any(f[0] == TR and f[1] == 1850 and f[3] == "target" for f in facts)


def test_a_first_secretarys_diary_is_about_the_village_he_serves():
    text = ("驻村第一书记工作日志\n记录人：周立新（县农业农村局派驻石门镇东湖村第一书记）\n\n【2025年3月4日】\n"
            "2024年村集体经济收入23.6万元。晚上开村“两委”会，定下今年的指标：集体经济收入力争突破30万元。\n")
    assert run(text) == {fact(CI, 236_000, scope=V("东湖村"), period="2024"),
                         fact(CI, 300_000, "at_least", "target", scope=V("东湖村"), period="2025")}


def test_a_pipe_table_with_last_years_column_and_a_bare_growth_column():
    text = ("2023年1-9月村级财务公开榜\n\n| 村名 | 1-9月集体经济收入(万元) | 去年同期(万元) | 同比(%) |\n| --- | --- | --- | --- |\n"
            "| 东湖村 | 46.8 | 40.2 | 16.4 |\n| 合计 | 195.9 | 170.1 | 15.2 |\n")
    assert run(text) == {fact(CI, 468_000, scope=V("东湖村"), period="2023Q3"),
                         fact(CI, 402_000, scope=V("东湖村"), period="2022Q3"),
                         fact(GP, 16.4, scope=V("东湖村"), period="2023Q3"),
                         fact(CI, 1_959_000, period="2023Q3"), fact(CI, 1_701_000, period="2022Q3"),
                         fact(GP, 15.2, period="2023Q3")}


# ---------------------------------------------------------------------------
# Rules added after the twelfth blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("respectively-after-an-every-village-figure", T + "全镇各村集体经济收入全部达到20万元以上，其中东湖村、西湖村分别达到152万元和98.6万元。",
     [fact(CI, 200_000, "at_least", scope=PER), fact(CI, 1_520_000, scope=V("东湖村")),
      fact(CI, 986_000, scope=V("西湖村"))]),
    ("a-line-opened-by-going-to-a-village", T + "到东湖社区。社区把辖区划了14个网格。",
     [fact(GR, 14, scope=V("东湖社区"))]),
    ("the-year-before-is-not-a-village", T + "东湖村上一年村集体经济收入不到三千元。",
     [fact(CI, 3000, "at_most", scope=V("东湖村"), period="2022")]),
    ("hopeful-is-a-target", T + "全镇集体经济收入有望突破600万元。", [fact(CI, 6_000_000, "at_least", "target")]),
    ("must-reach-is-a-target", T + "全镇全年村级集体经济收入须达到160万元。", [fact(CI, 1_600_000, kind="target")]),
)
def test_twelfth_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_heading_on_last_years_targets_met_is_not_a_plan():
    text = ("东湖村2024年度承诺书\n\n一、2023年目标完成情况\n1.村集体经济收入41.3万元；\n2.发展党员2名。\n\n"
            "二、2024年度目标\n村集体经济收入达到45万元。\n")
    facts = run(text)
    assert fact(CI, 413_000, scope=V("东湖村"), period="2023") in facts or \
        fact(CI, 413_000, scope=V("东湖村")) in facts
    assert not any(f[1] == 413_000 and f[3] == "target" for f in facts)


def test_a_case_study_names_its_village_in_the_subtitle():
    text = ("【典型案例】\n一片茶叶富了一方人\n——石门乡东湖村党支部领办合作社的故事\n\n"
            "2023年，村集体经济收入达到十二万六千元。\n")
    assert run(text) == {fact(CI, 126_000, scope=V("东湖村"))}


def test_an_audit_table_by_year_under_an_issuer_and_number():
    text = ("石门镇农村经营管理站\n石农审〔2024〕4号\n\n关于东湖村原党支部书记任期经济责任的审计报告\n\n"
            "各年度情况如下（单位：元）：\n年度\t集体经济收入\t同比增减\t经营性收入占比\n"
            "2021年\t186,420.50\t—\t49.5%\n2022年\t231,785.00\t+24.3%\t60.7%\n")
    assert run(text) == {fact(CI, 186_420.5, scope=V("东湖村"), period="2021"),
                         fact(CI, 231_785, scope=V("东湖村"), period="2022"),
                         fact(GP, 24.3, scope=V("东湖村"), period="2022")}


# ---------------------------------------------------------------------------
# Rules added after the thirteenth blind corpus
# ---------------------------------------------------------------------------
@cases(
    ("grid-count-before-and-after-a-change", T + "对全镇网格进行优化调整，由年初的96个调整为88个。",
     [fact(GR, 96), fact(GR, 88)]),
    ("a-plan-keeps-the-base-of-a-change-actual", "2024年党建工作要点\n计划将全乡网格由去年底的58个优化调整为65个。",
     [fact(GR, 58, period="2023"), fact(GR, 65, kind="target", period="2024")]),
    ("a-plan-looking-back-at-an-earlier-year", "东湖村集体经济三年发展规划（2024—2026年）\n2021年，村集体经济收入还不到5万元。",
     [fact(CI, 50_000, "at_most", scope=V("东湖村"), period="2021")]),
    ("village-named-after-shi-in-the-clause-before", T + "全镇村集体经济收入合计300万元。增长最快的是东湖村，全年收入21.6万元。",
     [fact(CI, 3_000_000), fact(CI, 216_000, scope=V("东湖村"))]),
)
def test_thirteenth_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_county_table_with_a_row_per_township():
    text = ("2023年一季度基层党建通报\n各乡镇一季度情况如下表：\n乡镇\t党员培训（人次）\t集体经济收入（万元）\n"
            "金沙镇\t1260\t186.5\n桃源乡\t845\t92.3\n")
    assert run(text) == {fact(TR, 1260, period="2023Q1"), fact(CI, 1_865_000, period="2023Q1"),
                         fact(TR, 845, period="2023Q1"), fact(CI, 923_000, period="2023Q1")}


# ---------------------------------------------------------------------------
# Rules added after the fourteenth blind corpus
# ---------------------------------------------------------------------------
def test_a_tab_table_right_under_a_long_caption_line():
    text = ("2023年度考核结果通报\n\n附件：2023年度部分乡镇基层党建主要指标完成情况汇总\n乡镇\t发展党员（名）\t村集体经济总收入（万元）\n"
            "桂花镇\t16\t1268\n")
    assert run(text) == {fact(NM, 16), fact(CI, 12_680_000)}


def test_a_plans_current_state_section_holds_actuals():
    text = ("东湖镇“强村计划”实施方案（2023—2025年）\n\n一、发展现状\n2022年，全镇村集体经济收入达到680万元。\n\n"
            "二、目标任务\n到2025年，全镇村集体经济收入突破1000万元。\n")
    assert run(text) == {fact(CI, 6_800_000, period="2022"),
                         fact(CI, 10_000_000, "at_least", "target", period="2025")}


def test_a_three_year_goals_document_is_a_plan():
    text = "东湖村“两委”换届后三年工作目标\n2023年2月\n\n全村每年培训党员不少于150人次。\n"
    assert run(text) == {fact(TR, 150, "at_least", "target", scope=V("东湖村"))}


@cases(
    ("ensure-development-is-a-target", T + "确保全年发展党员12名。", [fact(NM, 12, kind="target")]),
    ("helping-is-not-a-village-name", "东湖村2023年一季度工作小结\n工作队协助村两委组织培训，培训党员38人次。",
     [fact(TR, 38, scope=V("东湖村"), period="2023Q1")]),
)
def test_fourteenth_corpus_rules(text, expected):
    assert run(text) == expected


def test_a_plan_over_a_range_of_years_starts_at_the_first():
    text = "东湖村任期工作目标（2024—2026年）\n\n2024年培训党员不少于150人次；2023年全村划分网格6个。\n"
    assert run(text) == {fact(TR, 150, "at_least", "target", scope=V("东湖村"), period="2024"),
                         fact(GR, 6, scope=V("东湖村"), period="2023")}


def test_the_grid_count_there_is_now_before_a_planned_change():
    text = "东湖镇2024年工作要点\n2024年底前将全镇网格由现有的126个优化调整为140个。\n"
    facts = run(text)
    assert any(f[0] == GR and f[1] == 126 and f[3] == "actual" for f in facts)
    assert any(f[0] == GR and f[1] == 140 and f[3] == "target" for f in facts)


# ---------------------------------------------------------------------------
# Rules added after the fifteenth blind corpus
# ---------------------------------------------------------------------------
def test_a_table_caption_states_the_unit_of_a_bare_income_column():
    text = ("2023年度村级集体经济统计分析\n\n表1  2023年度各村集体经济收入情况（单位：万元、%）\n村名\t总收入\t同比增长\n"
            "东湖村\t2136.5\t9.8\n合计\t10700.1\t8.0\n")
    assert run(text) == {fact(CI, 21_365_000, scope=V("东湖村")), fact(GP, 9.8, scope=V("东湖村")),
                         fact(CI, 107_001_000), fact(GP, 8.0)}


def test_a_plan_whose_years_are_on_the_line_under_its_title():
    text = ("东湖村集体经济发展方案\n（2024—2026年）\n\n三、目标任务\n（一）2024年，村集体经济收入达到15万元；\n"
            "（二）2026年，村集体经济收入达到20万元以上。\n")
    assert run(text) == {fact(CI, 150_000, kind="target", scope=V("东湖村"), period="2024"),
                         fact(CI, 200_000, "at_least", "target", scope=V("东湖村"), period="2026")}
