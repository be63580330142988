"""Metadata from front matter and wording: title, 文号, issuer, date, status, level, citations."""

from __future__ import annotations

import pytest

from ingest import parse_text
from ingest.domain.numerals import circled_to_int, to_int
from ingest.parse.citations import title_chain
from ingest.parse.dates import parse_date

BODY = "\n一、总体要求\n（一）各级党委要高度重视安全生产工作。\n"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一百零三", 103), ("两", 2), ("十一", 11), ("二十", 20), ("３", 3), ("一百一十九", 119)],
)
def test_numerals(numeral, value):
    assert to_int(numeral) == value


def test_numerals_reject_non_numbers():
    assert to_int("总则") is None and circled_to_int("①") == 1 and circled_to_int("a") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019年7月1日", "2019-07-01"),
        ("二〇一九年七月一日", "2019-07-01"),
        ("发布时间:2018-11-20 10:31", "2018-11-20"),
        ("2019年13月1日", None),
    ],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("brackets", ["〔2019〕", "[2019]", "(2019)", "（2019）"])
def test_doc_number_in_any_brackets(brackets):
    text = f"大发{brackets}45号\n中共大栗港镇委员会\n关于加强安全生产工作的意见\n{BODY}"
    doc = parse_text(text)
    assert doc.doc_number is not None and doc.doc_number.startswith("大发")
    assert doc.doc_number.endswith("45号") and "2019" in doc.doc_number
    assert doc.title == "关于加强安全生产工作的意见"


def test_notice_wrapper_is_metadata_and_the_wrapped_title_wins():
    text = (
        "某发〔2020〕3号\n中共某某县委员会\n关于印发《某某县安全生产责任清单》的通知\n"
        "各乡镇党委：\n现将《某某县安全生产责任清单》印发给你们，请认真遵照执行。\n"
        "中共某某县委员会\n2020年3月5日\n某某县安全生产责任清单\n" + BODY
    )
    doc = parse_text(text)
    assert doc.title == "某某县安全生产责任清单"
    assert doc.issuer == "中共某某县委员会" and doc.date == "2020-03-05"
    assert doc.level == "county" and doc.region == "某某县"
    assert [c.kind for c in doc.clauses] == ["section", "item"]


def test_title_split_over_lines_is_joined():
    text = (
        "附件1\n关于进一步强化安全生产责任落实\n坚决防范遏制重特大事故的实施意见\n（征求意见稿）\n"
        "为深入贯彻落实，结合我市实际，制定本意见。\n一、严格落实责任。各级党委要落实。\n"
    )
    doc = parse_text(text)
    assert doc.title == "关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施意见"
    assert doc.status == "draft" and doc.level == "city" and doc.region is None


@pytest.mark.parametrize(
    ("title", "level", "region"),
    [
        ("北京市安全生产条例", "province", "北京市"),
        ("深圳经济特区安全生产监督管理条例", "city", "深圳经济特区"),
        ("宁波市生产经营单位安全生产主体责任规定", "city", "宁波市"),
        ("中华人民共和国安全生产法", "national", None),
        ("国务院关于特大安全事故行政责任追究的规定", "national", None),
        ("煤矿安全生产条例", "national", None),
        ("某某旗安全生产工作规定", "county", "某某旗"),
        ("某某街道安全生产责任清单", "township", "某某街道"),
    ],
)
def test_levels_from_titles(title, level, region):
    doc = parse_text(f"{title}\n第一条 为了加强安全生产工作，制定本规定。\n")
    assert (doc.level, doc.region) == (level, region)


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("某某区安全生产实施意见（讨论稿）", "draft"),
        ("某某区安全生产实施意见（草案）", "draft"),
        ("《吉林省党政领导干部安全生产责任制实施细则》解读", "interpretation"),
        ("某某区安全生产实施意见", "final"),
    ],
)
def test_status(title, status):
    assert parse_text(title + BODY).status == status


def test_law_promulgation_lines_give_issuer_and_latest_date():
    text = (
        "某某省安全生产条例\n2017年1月18日 某某省第十二届人民代表大会常务委员会第二十五次会议通过\n"
        "2021年12月3日 某某省第十三届人民代表大会常务委员会第三十二次会议修订\n"
        "第一条 为了加强安全生产工作，制定本条例。\n"
    )
    doc = parse_text(text)
    assert doc.date == "2021-12-03" and doc.issuer == "某某省人民代表大会常务委员会"
    assert doc.level == "province" and [c.kind for c in doc.clauses] == ["article"]


def test_nested_title_yields_the_whole_chain():
    title = (
        "王益区落实《铜川市贯彻落实<陕西省实施地方党政领导干部安全生产责任制规定细则>的意见》"
        "实施意见"
    )
    assert title_chain(title) == [
        "铜川市贯彻落实《陕西省实施地方党政领导干部安全生产责任制规定细则》的意见",
        "陕西省实施地方党政领导干部安全生产责任制规定细则",
        "地方党政领导干部安全生产责任制规定",
    ]


def test_body_citations_relation_and_number():
    text = (
        "某某区安全生产实施意见\n为认真贯彻落实《中共中央、国务院关于推进安全生产领域改革发展的意见》"
        "（中发〔2016〕32号）精神，制定本意见。\n一、总体要求\n（一）参照《某某市安全生产条例》执行。\n"
    )
    doc = parse_text(text)
    cites = {c.title: c for c in doc.citations}
    central = cites["中共中央、国务院关于推进安全生产领域改革发展的意见"]
    assert central.relation == "implements" and central.doc_number == "中发〔2016〕32号"
    assert central.level == "national"
    city = cites["某某市安全生产条例"]
    assert city.relation == "cites" and city.level == "city" and city.region == "某某市"


def test_presidential_order_and_table_of_contents_stay_out_of_the_clauses():
    text = (
        "中华人民共和国主席令\n第八十八号\n"
        "《全国人民代表大会常务委员会关于修改〈中华人民共和国安全生产法〉的决定》已由"
        "第十三届全国人民代表大会常务委员会第二十九次会议于2021年6月10日通过，现予公布。\n"
        "主席 习近平\n2021年6月10日\n中华人民共和国安全生产法\n"
        "（2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过）\n"
        "目录\n第一章 总则\n第二章 保障\n第一章 总则\n第一条 为了加强安全生产工作，制定本法。\n"
        "第二章 保障\n第二条 生产经营单位应当遵守本法。\n"
    )
    doc = parse_text(text)
    assert doc.title == "中华人民共和国安全生产法" and doc.level == "national"
    assert doc.issuer == "全国人民代表大会常务委员会"
    assert [c.clause_id for c in doc.clauses if c.kind != "paragraph"] == [
        "chp_1",
        "chp_1__art_1",
        "chp_2",
        "chp_2__art_2",
    ]
    assert not any("习近平" in c.text or "现予公布" in c.text for c in doc.clauses)


def test_addressee_is_front_matter_but_an_intro_line_is_body():
    doc = parse_text(
        "某某县人民政府关于加强安全生产的通知\n各乡镇人民政府，县直各单位：\n"
        "现就有关事项通知如下：\n一、提高认识\n"
    )
    assert doc.title == "某某县人民政府关于加强安全生产的通知" and doc.level == "county"
    assert [c.text for c in doc.clauses] == ["现就有关事项通知如下：", "一、提高认识"]


def test_parts_and_grade_ranges():
    doc = parse_text(
        "某某意见\n第一部分 总体要求\n一、指导思想\n一、二级企业要加强管理。\n二、基本原则\n"
        "第二部分 主要任务\n一、强化责任\n"
    )
    assert [c.clause_id for c in doc.clauses] == [
        "chp_1",
        "chp_1__sec_1",
        "chp_1__sec_2",
        "chp_2",
        "chp_2__sec_1",
    ]
    assert "一、二级企业" in doc.clause("chp_1__sec_1").text


def test_a_run_of_places_gives_the_lowest_level_and_the_chain():
    doc = parse_text("陕西省西安市雁塔区安全生产责任清单\n一、总体要求\n")
    assert (doc.level, doc.region) == ("county", "雁塔区")
    assert doc.regions == ("雁塔区", "西安市", "陕西省")


@pytest.mark.parametrize(
    ("title", "places"),
    [
        ("内蒙古自治区党委办公厅自治区人民政府办公厅印发", ["内蒙古自治区"]),
        ("中共吉林省委吉林省人民政府关于", ["吉林省"]),
        ("化工园区安全风险排查治理导则", []),
        ("北京市朝阳区安全生产", ["北京市", "朝阳区"]),
    ],
)
def test_leading_places_stop_at_institutions(title, places):
    from ingest.domain.places import leading_places

    assert leading_places(title) == places


def test_citations_differing_only_in_punctuation_are_one():
    doc = parse_text(
        "某某区实施意见\n为贯彻落实《中共中央、国务院关于推进安全生产领域改革发展的意见》，制定本意见。\n"
        "一、要深刻领会《中共中央国务院关于推进安全生产领域改革发展的意见》。\n"
    )
    titles = [c.title for c in doc.citations]
    assert titles == ["中共中央、国务院关于推进安全生产领域改革发展的意见"]
    assert doc.citations[0].relation == "implements" and doc.citations[0].level == "national"


def test_notice_with_number_after_title_and_joint_issuers():
    text = (
        "中共某某市委办公室 某某市人民政府办公室\n"
        "关于印发《某某市党政领导干部安全生产责任制实施细则》的通知\n某办发〔2019〕12号\n"
        "各县（市、区）党委和人民政府，市委各部委：\n"
        "《某某市党政领导干部安全生产责任制实施细则》已经市委、市政府同意，现印发给你们，请认真贯彻落实。\n"
        "中共某某市委办公室\n某某市人民政府办公室\n2019年3月1日\n"
        "某某市党政领导干部安全生产责任制实施细则\n第一章 总 则\n"
        "第一条 为了加强安全生产工作，制定本细则。\n"
    )
    doc = parse_text(text)
    assert doc.title == "某某市党政领导干部安全生产责任制实施细则"
    assert (doc.doc_number, doc.date, doc.level) == ("某办发〔2019〕12号", "2019-03-01", "city")
    assert doc.issuer and doc.issuer.startswith("中共某某市委办公室")
    assert [c.clause_id for c in doc.clauses] == ["chp_1", "chp_1__art_1"]


def test_signature_before_the_attachments_gives_date_and_issuer():
    doc = parse_text(
        "某某县安全生产委员会办公室关于开展安全生产大检查的通知\n各乡镇人民政府：\n"
        "为做好安全生产工作，现将有关事项通知如下：\n一、检查时间\n2023年5月1日至6月30日。\n"
        "二、工作要求\n各单位要高度重视。\n某某县安全生产委员会办公室\n2023年4月20日\n"
        "附件1\n安全生产检查表\n序号\t检查项目\n1\t责任制\n"
    )
    assert (doc.date, doc.issuer) == ("2023-04-20", "某某县安全生产委员会办公室")
    assert doc.clause("sec_1").text == "一、检查时间\n2023年5月1日至6月30日。"


def test_a_short_line_after_a_finished_title_is_body():
    doc = parse_text("某某区安全生产实施意见\n总体要求\n一、提高认识。\n")
    assert doc.title == "某某区安全生产实施意见"
    assert [c.text for c in doc.clauses] == ["总体要求", "一、提高认识。"]
