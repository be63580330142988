"""Hand-made documents for search tests: no parser, no model needed (see conftest.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.records import Clause, Document, Facts, Role, Sanction

Row = tuple[str, str | None, str, str, str]  # clause_id, parent_id, kind, label, text


def make_doc(
    doc_id: str, title: str, level: str, rows: Sequence[Row], region: str = ""
) -> Document:
    """A document whose clauses are the rows, laid end to end in its text."""
    clauses, pos = [], 0
    by_id: dict[str, tuple[str, ...]] = {}
    for clause_id, parent, kind, label, text in rows:
        path = (*by_id.get(parent or "", ()), label)
        by_id[clause_id] = path
        clauses.append(
            Clause(clause_id, parent, kind, None, label, "", text, path, pos, pos + len(text))
        )
        pos += len(text) + 1
    return Document(
        doc_id=doc_id,
        title=title,
        doc_number=None,
        issuer=None,
        date=None,
        status="final",
        level=level,
        region=region or None,
        citations=(),
        clauses=tuple(clauses),
        text="\n".join(r[4] for r in rows),
        regions=(region,) if region else (),
    )


TOWN = make_doc(
    "town",
    "大栗港镇党政领导干部安全生产实施意见",
    "township",
    [
        ("sec_2", None, "section", "二、", "二、工作责任"),
        ("sec_2__item_1", "sec_2", "item", "（一）", "（一）镇党委主要负责人的安全生产工作职责："),
        (
            "sec_2__item_1__sub_1",
            "sec_2__item_1",
            "subitem",
            "1.",
            "1.每年主持召开党委常委会议专题研究安全生产工作不少于4次。",
        ),
        (
            "sec_2__item_1__sub_2",
            "sec_2__item_1",
            "subitem",
            "2.",
            "2.主要领导每月不少于一次安全生产带队检查，其他班子成员每月不少于两次。",
        ),
        (
            "sec_2__item_1__sub_3",
            "sec_2__item_1",
            "subitem",
            "3.",
            "3.发生安全生产事故时，按照应急救援预案及时赶赴现场。",
        ),
        (
            "sec_2__item_1__sub_4",
            "sec_2__item_1",
            "subitem",
            "4.",
            "4.镇安全生产委员会每季度召开一次全体会议。",
        ),
    ],
    region="大栗港镇",
)
DISTRICT = make_doc(
    "district",
    "王益区党政领导干部安全生产责任制实施意见",
    "county",
    [
        (
            "art_10",
            None,
            "article",
            "第十条",
            "第十条 各级政府主要负责人担任本级安全生产委员会主任，履行下列安全生产责任：",
        ),
        (
            "art_10__item_1",
            "art_10",
            "item",
            "（一）",
            "（一）组织设立本级政府安全生产专项资金并列入财政预算；",
        ),
        (
            "art_10__item_2",
            "art_10",
            "item",
            "（二）",
            "（二）每季度至少召开1次安全生产委员会全体会议；",
        ),
        (
            "art_11",
            None,
            "article",
            "第十一条",
            "第十一条 对迟报、漏报、谎报或者瞒报事故负有领导责任的，应当问责。",
        ),
        (
            "art_12",
            None,
            "article",
            "第十二条",
            "第十二条 党政领导干部参与检查安全生产每年不少于2次。",
        ),
        (
            "art_13",
            None,
            "article",
            "第十三条",
            "第十三条 对隐瞒不报事故的单位，处100万元以上500万元以下的罚款。",
        ),
    ],
    region="王益区",
)


def facts_for(doc: Document) -> Facts:
    """Roles and sanctions a extractor could have found, enough to test the filters."""
    roles, sanctions = [], []
    for c in doc.clauses:
        if "主要负责人" in c.text or c.parent_id == "sec_2__item_1":
            roles.append(
                Role(c.clause_id, "主要负责人", "党委主要负责人", doc.level, c.start, c.end)
            )
        if "问责" in c.text:
            sanctions.append(
                Sanction(c.clause_id, "问责", "组织处理", "瞒报", None, c.start, c.end)
            )
    return Facts(doc.doc_id, roles=tuple(roles), sanctions=tuple(sanctions))
