"""The study pack as a trainer prints it: the handbook, the exam paper and its answer key.

Three parts, each on its own pages, in .docx, Markdown or printable HTML from one
list of blocks (``app.outputs.blocks``). The handbook groups the role's duties by
category with frequency, deadline, what follows a failure and the clause; the paper
prints the questions form by form without answers; the key gives each answer with
the clause it comes from, so a trainer can hand out the paper alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Literal

from app.outputs.blocks import (
    Block,
    Heading,
    Item,
    PageBreak,
    Para,
    Table,
    to_docx,
    to_html,
    to_markdown,
)
from app.study.records import FORM_ZH, FORMS, HandbookEntry, QuizQuestion, StudyPack
from ingest.domain.levels import LEVELS, level_name

__all__ = [
    "PARTS",
    "Part",
    "handbook_blocks",
    "key_blocks",
    "paper_blocks",
    "render_study",
    "title",
]

Part = Literal["handbook", "paper", "key"]
PARTS: tuple[Part, ...] = ("handbook", "paper", "key")
SUFFIXES = (".docx", ".md", ".markdown", ".html", ".htm")
TIER_ZH = {"own": "本岗位", "organ": "所在党委（政府）", "leaders": "党政领导干部共同要求"}
FORM_HINT = {
    "single": "每题只有一个正确答案，将其字母填入括号内",
    "multiple": "每题有两个或两个以上正确答案，多选、少选、错选均不得分",
    "true_false": "正确的打“√”，错误的打“×”",
    "fill": "在横线处填写原文用语",
}
SECTION_NO = "一二三四五六七八"
LETTERS = "ABCDEFG"


def title(pack: StudyPack, what: str) -> str:
    where = pack.place or (level_name(pack.level) if pack.level else "全部层级")
    return f"{pack.role}安全生产{what}（{where}）"


def _documents(pack: StudyPack) -> str:
    by_level: dict[str, list[str]] = defaultdict(list)
    for d in pack.documents:
        by_level[d.level].append(f"《{d.doc_title}》")
    parts = [f"{level_name(lv)}：{'、'.join(by_level[lv])}" for lv in LEVELS if by_level[lv]]
    return f"适用文件（{len(pack.documents)}份）——" + "；".join(parts) + "。"


def _row(e: HandbookEntry) -> tuple[str, ...]:
    when = "；".join(x for x in (e.frequency, *e.deadlines) if x) or "—"
    follows = "、".join(dict.fromkeys(t for s in e.sanctions for t in s.types)) or "—"
    return (f"〔{TIER_ZH[e.tier]}〕{e.duty_text}", when, follows, e.source.citation)


def handbook_blocks(pack: StudyPack) -> list[Block]:
    """Duties by category, what follows a failure, then the key terms."""
    blocks: list[Block] = [Heading(title(pack, "学习手册"), 0), Para(_documents(pack))]
    groups: dict[str, list[HandbookEntry]] = defaultdict(list)
    for e in pack.handbook:
        groups[e.category].append(e)
    # the categories holding the role's own duties first, then the larger ones, 其他 last
    order = sorted(
        groups,
        key=lambda c: (c == "其他", all(e.tier != "own" for e in groups[c]), -len(groups[c]), c),
    )
    blocks.append(Heading("一、岗位职责（按职责类别）", 1))
    for category in order:
        blocks.append(Heading(f"{category}（{len(groups[category])}项）", 2))
        headers = ("职责", "频次与时限", "失职后果", "出处")
        rows = tuple(_row(e) for e in groups[category])
        blocks.append(Table(headers, rows, (8.0, 2.8, 3.2, 4.5)))
    notes = {(s.source.doc_id, s.sentence): s for e in pack.handbook for s in e.sanctions}
    blocks.append(Heading("二、失职追责", 1))
    for s in notes.values():
        blocks.append(
            Item(f"【{'、'.join(s.types)}】", f"{s.sentence}（出处：{s.source.citation}）")
        )
    blocks.append(Heading("三、重要术语", 1))
    for g in pack.glossary:
        where = f"（出处：{g.source.citation}）" if g.source else "（据本系统词表）"
        blocks.append(Item(f"{g.term}：", g.definition + where))
    return blocks


def _forms(quiz: Sequence[QuizQuestion]) -> list[tuple[str, list[tuple[int, QuizQuestion]]]]:
    numbered = list(enumerate(quiz, 1))
    return [
        (f, [(n, q) for n, q in numbered if q.form == f])
        for f in FORMS
        if any(q.form == f for q in quiz)
    ]


def paper_blocks(pack: StudyPack) -> list[Block]:
    """The questions form by form, without answers."""
    counts = Counter(q.form for q in pack.quiz)
    summary = "、".join(f"{FORM_ZH[f]}{counts[f]}道" for f in FORMS if counts[f])
    blocks: list[Block] = [
        Heading(title(pack, "知识测试卷"), 0),
        Para(f"共{len(pack.quiz)}题（{summary}）。姓名：________　单位：________　得分：________"),
    ]
    for i, (form, items) in enumerate(_forms(pack.quiz)):
        blocks.append(Heading(f"{SECTION_NO[i]}、{FORM_ZH[form]}（{FORM_HINT[form]}）", 1))
        for n, q in items:
            tail = "（　）" if form == "true_false" else ""
            blocks.append(Para(f"{n}. {q.question}{tail}"))
            if q.options and form != "true_false":
                text = "　".join(f"{LETTERS[k]}. {o}" for k, o in enumerate(q.options))
                blocks.append(Para(text, indent=True))
    return blocks


def key_blocks(pack: StudyPack) -> list[Block]:
    """Each answer with the clause it comes from (document, level, path and words)."""
    blocks: list[Block] = [Heading(title(pack, "测试卷答案与出处"), 0)]
    for i, (form, items) in enumerate(_forms(pack.quiz)):
        blocks.append(Heading(f"{SECTION_NO[i]}、{FORM_ZH[form]}", 1))
        for n, q in items:
            words = "、".join(q.answer) if isinstance(q.answer, tuple) else q.answer
            answer = f"{q.key}（{words}）" if form in ("single", "multiple") else q.key
            if form == "true_false":
                answer = "√" if q.answer == "正确" else f"×（原文为“{q.evidence[0]}”）"
            blocks.append(
                Para(
                    f"　依据{q.source.citation}：“{q.quote or q.source.clause_text}”",
                    lead=f"{n}. {answer}",
                )
            )
    return blocks


def render_study(pack: StudyPack, suffix: str, parts: Sequence[Part] = PARTS) -> str | bytes:
    """The chosen parts, each from a new page, as .docx (bytes), Markdown or HTML (text)."""
    makers = {"handbook": handbook_blocks, "paper": paper_blocks, "key": key_blocks}
    blocks: list[Block] = []
    for part in parts:
        if blocks:
            blocks.append(PageBreak())
        blocks += makers[part](pack)
    suffix = suffix.lower()
    if suffix == ".docx":
        return to_docx(blocks)
    if suffix in (".html", ".htm"):
        return to_html(blocks, title(pack, "学习资料"))
    if suffix in (".md", ".markdown"):
        return to_markdown(blocks)
    raise ValueError(f"the study pack must be .docx, .md or .html, not {suffix}")
