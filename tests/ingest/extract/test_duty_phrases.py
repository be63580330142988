"""Duty text quality: short verb-object phrases, reports that bind no one, status statements,
the actor's own level on a duty, and citation titles that are not markup."""

from __future__ import annotations

import pytest

import ingest
from ingest.extract.duties import classify, is_report, short_phrase
from ingest.parse.citations import find_citations

COUNTY = (
    "王益区安全生产实施意见\n"
    "第一条  执行安全生产例会制度。区委每季度至少1次、镇（街道）党（工）委每月至少1次"
    "召开党（工）委会议听取汇报、研究安全生产工作。\n"
    "第二条  各级党委主要负责人是本地区安全生产第一责任人。\n"
)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "2.按照加强对安全生产工作领导的要求协调党政领导班子成员分工，并保持稳定",
            "协调党政领导班子成员分工",
        ),
        ("各级党委要牢固树立安全发展理念，自觉担起责任", "树立安全发展理念"),
        ("（二）严格执行安全生产法律法规、方针政策；", "执行安全生产法律法规"),
    ],
)
def test_short_phrase_is_the_verb_and_its_object(text, phrase):
    got = short_phrase(text)
    assert got == phrase and len(got) <= 12


def test_short_phrase_keeps_words_whole_within_the_limit():
    got = short_phrase("加强安全生产科技创新和先进技术推广应用")
    assert len(got) <= 12 and "加强安全生产科技创新".startswith(got[:10])
    assert not got.endswith(("和", "、"))


@pytest.mark.parametrize(
    "text",
    [
        "增加了“各级党委主要负责人为本地区安全生产第一责任人”",
        "省委、省政府坚决贯彻落实党中央的部署，采取了一系列重大举措",
        "《实施细则》为各级抓好安全生产工作提供了遵循",
    ],
)
def test_reports_and_narration_are_not_duties(text):
    assert is_report(text)


@pytest.mark.parametrize(
    "text", ["区委每季度至少1次召开常委会", "各级党委要加强领导", "执行《安全生产法》的规定"]
)
def test_obligations_are_not_reports(text):
    assert not is_report(text)


def test_status_statement_is_one_canonical_activity_after_real_ones():
    assert classify("党政主要负责人同为本地区安全生产第一责任人").name == "承担安全生产领导责任"
    assert classify("对本地区安全生产工作负总责").name == "承担安全生产领导责任"
    # a real activity in the same part wins over the status words
    assert classify("负全面领导责任，每季度召开专题会议").category == "会议研究"


def test_presiding_over_a_list_is_not_a_meeting():
    assert classify("主持制定党委常委会及其成员安全生产职责清单").category == "责任清单与考核"
    assert classify("主持召开党委常委会会议，听取汇报").category == "会议研究"


def test_a_duty_carries_its_actors_own_level():
    doc = ingest.parse_text(COUNTY, name="county.txt")
    facts = ingest.extract_facts(doc)
    meeting = {d.per_year: d.level for d in facts.duties if d.category == "会议研究" and d.per_year}
    assert meeting == {4: doc.level, 12: "township"} and doc.level == "county"


def test_an_interpretation_report_yields_no_duty():
    text = (
        "吉林省实施细则解读\n一、亮点\n"
        "细则增加了“各级党委主要负责人为本地区安全生产第一责任人”的规定。\n"
    )
    facts = ingest.extract_facts(ingest.parse_text(text, name="jd.txt"))
    assert not [d for d in facts.duties if "增加了" in d.text]


def test_markup_in_brackets_is_no_citation():
    body = "正文<script>alert(1)</script>，根据《中华人民共和国安全生产法》和<b>要求</b>制定。"
    titles = [c.title for c in find_citations("某区实施意见", body)]
    assert titles == ["中华人民共和国安全生产法"]


def test_items_of_a_list_of_wrongdoings_are_no_duties():
    text = (
        "某条例\n第一条  县级以上地方人民政府应当加强安全生产监督管理。\n"
        "第二条  县级以上地方人民政府有下列情形之一的，对负有责任的领导人员给予处分：\n"
        "（一）未依法履行监督管理职责的；\n（二）其他滥用职权、玩忽职守的行为。\n"
    )
    facts = ingest.extract_facts(ingest.parse_text(text, name="law.txt"))
    assert [d.clause_id for d in facts.duties if d.role == "政府"] == ["art_1"]


def test_municipality_under_the_state_is_province_level():
    from ingest.extract.roles import level_of

    assert level_of("直辖市人民政府", "national") == "province"
    assert level_of("设区的市人民政府", "national") == "city"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("县级以上地方人民政府负有安全生产监督管理职责的部门应当加强检查", "加强检查"),
        ("区委、区政府指导区安全生产委员会制定督查制度", "指导区安全生产委员会制定"),
    ],
)
def test_short_phrase_drops_the_subject_and_its_level_words(text, phrase):
    assert short_phrase(text) == phrase


def test_short_phrase_never_cuts_inside_a_word():
    assert short_phrase("董事长、党组织书记、总经理共同承担主要领导责任").startswith("董事长")


def test_a_role_after_dui_is_an_object_not_the_actor():
    text = "某市实施意见\n四、严肃追责。由市安委会对旗区党政主要负责人进行约谈。\n"
    facts = ingest.extract_facts(ingest.parse_text(text, name="city.txt"))
    assert not [d for d in facts.duties if d.role in ("党委主要负责人", "政府主要负责人")]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("加强应急管理部门领导班子建设、干部队伍建设和机构建设", "机构与队伍建设"),
        ("强化安全生产宣传教育，建立党政领导干部安全生产培训考核长效机制", "学习与宣传培训"),
    ],
)
def test_words_inside_other_words_do_not_decide_the_category(text, category):
    assert classify(text).category == category


def test_every_duty_reads_whole_without_trailing_punctuation():
    """A duty ends on a word and stays a prefix of its span; one that stops at its count
    (区委每季度至少1次、…) reads whole with the predicate its sentence shares."""
    from ingest.extract.duties import completed, duty_words

    doc = ingest.parse_text(COUNTY, "county.txt")
    facts = ingest.extract_facts(doc)
    sentence = COUNTY.split("\n")[1]
    predicate = sentence.split("每月至少1次")[1].rstrip("。")
    duties = [d for d in facts.duties if d.clause_id == "art_1"]
    assert duties and all(d.text[-1] not in "。；，、：" for d in duties)
    assert all(doc.text[d.start : d.end].startswith(d.text) for d in duties)
    first = next(d for d in duties if d.text.startswith("区委"))
    clause = next(c for c in doc.clauses if c.clause_id == "art_1").text
    assert first.text.endswith("每季度至少1次")
    assert completed(first.text, clause) == first.text + predicate
    assert completed("党政领导干部每年不少于2次", "党政领导干部每年不少于2次。开展检查") == (
        "党政领导干部每年不少于2次"
    )
    assert duty_words("3.定期组织检查指导，") == "定期组织检查指导"
