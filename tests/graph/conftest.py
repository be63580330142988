"""Hand-made records cut from seeds 000, 001 and 004 (real clause text), for graph tests
that must not depend on the parser's or extractor's current quality."""

from __future__ import annotations

import pytest

from ingest.records import Citation, Clause, Document, Duty, Facts, Frequency, Role, Sanction

T000 = (
    "王益区落实《铜川市贯彻落实<陕西省实施地方党政领导干部安全生产责任制规定细则>的意见》实施意见"
)
ART11 = (
    "第十一条各级政府分管安全生产的领导干部，对本地区安全生产工作负综合领导责任。"
    "由负责本级政府常务工作的领导干部分管安全生产工作，履行下列安全生产责任："
)
ITEM4 = (
    "（四）负责领导本地区安全生产委员会日常工作，每季度至少召开1次安全生产委员会全体会议，"
    "根据需要召开各项专题会议，对安全生产工作进行安排部署"
)
MEET001 = (
    "1.高度重视安全生产工作，将需要党委决策的安全生产事项摆上重要议事日程"
    "（镇党委主要负责人每年主持召开党委常委会议专题研究安全生产工作不少于4次）"
)
CHECK001 = (
    "3.定期或者不定期组织对安全生产工作进行专题调研和检查指导,"
    "主要领导每月不少于一次安全生产带队检查"
)
SEC1_004 = (
    "一、严格落实地方党委安全生产责任。党委主要负责同志是安全生产第一责任人，"
    "每半年至少组织召开1次党委常委会研究安全生产工作，每季度至少1次带队开展安全生产督导检查。"
    "严格执行安全生产“一票否决”制度，旗区、行业发生较大生产安全事故的，年度综合考核不得评为优秀等次。"
)


def clause(cid: str, parent: str | None, kind: str, number: int | None, label: str, text: str):
    path = tuple(p for p in (label,) if p)
    return Clause(cid, parent, kind, number, label, "", text, path, 0, len(text))


def doc(doc_id, title, level, region, regions, clauses, number=None, citations=()):
    return Document(
        doc_id=doc_id,
        title=title,
        doc_number=number,
        issuer=None,
        date=None,
        status="draft",
        level=level,
        region=region,
        citations=tuple(citations),
        clauses=tuple(clauses),
        text="\n".join(c.text for c in clauses),
        source=f"corpus/{doc_id}.txt",
        regions=tuple(regions),
    )


def duty(cid, text, role, category, activity, per_year=None, period=None):
    return Duty(cid, text, role, category, activity, 0, len(text), per_year, period)


def make_000() -> tuple[Document, Facts]:
    art, item = "chp_2__art_11", "chp_2__art_11__item_4"
    d = doc(
        "county_wangyi_2018_leader_responsibility_draft",
        T000,
        "county",
        "王益区",
        ("王益区", "铜川市", "陕西省"),
        [
            clause("chp_2", None, "chapter", 2, "第二章", "第二章职责"),
            clause(art, "chp_2", "article", 11, "第十一条", ART11),
            clause(item, art, "item", 4, "（四）", ITEM4),
        ],
    )
    role = "政府分管安全生产负责人"
    f = Facts(
        d.doc_id,
        roles=(Role(art, "政府分管安全生产的领导干部", role, "county", 3, 15),),
        duties=(duty(item, ITEM4[:40], role, "会议研究", "召开安委会全体会议", 4, "P3M"),),
        frequencies=(
            Frequency(item, "每季度至少召开1次", "P3M", 1, 4, "召开安委会全体会议", role, 0, 9),
        ),
    )
    return d, f


def make_001() -> tuple[Document, Facts]:
    meet, check = "sec_2__item_1__sub_1", "sec_2__item_1__sub_3"
    d = doc(
        "township_daligang_2019_dual_responsibility_notice",
        "大栗港镇党政领导干部安全生产“党政同责、一岗双责”实施意见",
        "township",
        "大栗港镇",
        ("大栗港镇",),
        [
            clause("sec_2", None, "section", 2, "二、", "二、明确职责"),
            clause(
                "sec_2__item_1",
                "sec_2",
                "item",
                1,
                "（一）",
                "（一）镇党委主要负责人的安全生产工作职责：",
            ),
            clause(meet, "sec_2__item_1", "subitem", 1, "1.", MEET001),
            clause(check, "sec_2__item_1", "subitem", 3, "3.", CHECK001),
        ],
        number="大发〔2019〕45号",
        citations=[Citation("中华人民共和国安全生产法", None, "cites", "national")],
    )
    role = "党委主要负责人"
    f = Facts(
        d.doc_id,
        duties=(
            duty(meet, MEET001, role, "会议研究", "召开党委常委会研究安全生产", 4, "P1Y"),
            duty(check, CHECK001, role, "带队检查", "带队检查", 12, "P1M"),
        ),
    )
    return d, f


def make_004() -> tuple[Document, Facts]:
    sec = "sec_1"
    d = doc(
        "city_neimenggu_2022_responsibility_implementation_draft",
        "关于进一步落实安全生产责任制的实施意见",
        "city",
        None,
        ("内蒙古自治区",),
        [clause(sec, None, "section", 1, "一、", SEC1_004)],
        citations=[Citation("大发〔2019〕45号", "大发〔2019〕45号", "cites")],
    )
    role = "党委主要负责人"
    f = Facts(
        d.doc_id,
        duties=(
            duty(
                sec, SEC1_004[30:70], role, "会议研究", "召开党委常委会研究安全生产工作", 2, "P6M"
            ),
            duty(sec, SEC1_004[70:100], role, "带队检查", "带队开展督导检查", 4, "P3M"),
        ),
        sanctions=(Sanction(sec, "一票否决", "一票否决", "发生较大生产安全事故", "党委", 0, 4),),
    )
    return d, f


@pytest.fixture
def samples() -> list[tuple[Document, Facts]]:
    return [make_000(), make_001(), make_004()]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """The graph of the whole bundled corpus (seeds and laws), built once per session."""
    import ingest
    from graph import update_graph
    from tests.conftest import CORPUS

    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    store = tmp_path_factory.mktemp("corpus")
    result = update_graph(store, docs, [])
    return store, result
