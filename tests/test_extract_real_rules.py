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
