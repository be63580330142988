"""Role mentions in a text: canonical role, level, and whether they are a subject.

A mention is one of (tried in this order at each position):

1. organs + position, e.g. 镇党委主要负责人, 党委、政府主要负责人 (each organ gets
   the position), 生产经营单位的主要负责人, 党（工）委常委会其他成员;
2. a whole surface form of a role (安委会办公室, 常务副区长, 负有…职责的部门);
3. a position alone (主要领导, 其他班子成员): its organ comes from context;
4. an organ alone (区委 -> 党委, 镇政府 -> 政府).

A mention is a *subject* when it opens a sentence part (after 。；，： or the
clause label) with at most a few modifiers before it (各级, 镇、街道、工业园区).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.domain.levels import level_words
from ingest.domain.places import place_suffixes
from ingest.domain.vocabulary import compound_role, organ_role, surface_forms
from ingest.parse.headings import label_end

__all__ = ["Mention", "find_mentions", "level_of", "organ_of", "with_modifiers"]

# Organ words standing for two organs at once.
_JOINT_ORGANS = {"党政": ("党委", "政府")}
# Between organs and their position: nothing, 的, or a body of the organ.
_CONNECTOR = r"(?:的|领导班子|班子|常委会|委员会)?"
# Modifiers that may precede a subject in its sentence part.
_SUBJECT_PREFIX = re.compile(
    r"(?:各级|本级|同级|地方各级|县级以上(?:地方)?各级|各|全[省市区县镇]|我[省市区县镇]|其|同时|并|"
    # a place name (王益区, 工业园区: ingest.domain.places); never across 对/由/向, which
    # make an object (由市安委会对旗区…)
    rf"(?:(?![对向由把将给让使请])[\u4e00-\u9fff]){{0,6}}?(?:{'|'.join(place_suffixes())})|"
    r"[、和及与]|（[^）]{0,12}）|\s)*"
)
# Role words followed by these are the owner of something else (区委督查室), not a role.
_NOT_A_ROLE_AFTER = re.compile(
    r"(?:督查室|督办室|办公室主任|议事日程|决策部署|理论学习|全委会|工作机关|同责|办(?!事处|理))"
)
# A mention directly followed by one of these is a modifier of the next role (政府负有…的部门).
_MODIFIER_GAP = re.compile(r"(?:相关|有关|其他|各|各有关|本级)?")
# The leaders of an organ (…部门的领导干部) are that organ's role.
_LEADERS_SUFFIX = re.compile(r"(?:的)?(?:领导干部|领导班子)")
# Where a sentence part starts (次、 separates 区委每季度至少1次、镇党委每月…).
_PART_MARKS = ("。", "；", ";", "，", ",", "：", ":", "\n", "次、")
# Between two subjects of one list (区委和区政府, A、B和C).
_CHAIN = re.compile(r"[、和及与]|以及")
# A mention right before its predicate is a subject even after a long modifier
# (危险化学品等重点行业领域企业都要建立…), unless a verb before it makes it an object.
_PREDICATE = re.compile(
    r"(?:都|均|也|还|应|要)?(?:要|应当|应|必须|须|负责|承担|负有|是|为|同为|担任|每|至少|不少于)"
)
_OBJECT_CUE = re.compile(
    r"督促|指导|支持|协助|协调|配合|会同|推动|要求|组织|落实|加强|提请|报告|通报|征求|听取|接受|"
    r"[对向由把将给让使请]"
)
_DOC_LEVEL_WORDS = ("各级", "本级", "同级", "地方各级")
# Words that contain a level character without naming a level.
_NOT_LEVEL = (
    "区域",
    "市场",
    "县级以上",
    "城市",
    "社区矫正",
    "本地区",
    "地区",
    "辖区",
    "省委办公厅",
)
_DEPARTMENT_SUFFIX = ("部门", "机关", "办公室", "委员会", "局", "站")


@dataclass(frozen=True, slots=True)
class Mention:
    """A role mention: span, canonical role, and how it was found."""

    start: int
    end: int
    text: str
    role: str | None  # None: a position whose organ is not known yet
    position: str | None = None  # set for a position met alone
    subject: bool = False


def _alt(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str], dict[str, str], dict[str, str]]:
    organs = surface_forms("organ")
    positions = surface_forms("position")
    roles = {k: v for k, v in surface_forms("role").items() if k not in organs}
    org = _alt([*organs, *_JOINT_ORGANS])
    pos = _alt(list(positions))
    full = _alt(list(roles))
    pattern = re.compile(
        rf"(?P<organs>(?:{org})(?:[、和及与](?:{org}))*){_CONNECTOR}(?P<pos>{pos})"
        rf"|(?P<full>{full})(?P<leaders1>{_LEADERS_SUFFIX.pattern})?"
        rf"|(?P<lonepos>{pos})"
        rf"|(?P<organ>{org})(?P<leaders2>{_LEADERS_SUFFIX.pattern})?"
    )
    return pattern, organs, positions, roles


def _expand(organ: str) -> tuple[str, ...]:
    return _JOINT_ORGANS.get(organ, (organ,))


def find_mentions(text: str) -> list[Mention]:
    """Every role mention in ``text`` in order, with subjects marked."""
    pattern, organs, positions, roles = _patterns()
    raw: list[Mention] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        if _NOT_A_ROLE_AFTER.match(text, e):
            continue
        if m["organs"]:
            position = positions[m["pos"]]
            parts = re.split(r"[、和及与]", m["organs"])
            for part in parts:
                for organ in _expand(organs.get(part, part)):
                    raw.append(Mention(s, e, m.group(), compound_role(organ, position)))
        elif m["full"]:
            raw.append(Mention(s, e, m.group(), roles[m["full"]]))
        elif m["lonepos"]:
            raw.append(Mention(s, e, m.group(), None, positions[m["lonepos"]]))
        else:
            organ = organs.get(m["organ"], m["organ"])
            if organ in _JOINT_ORGANS:  # 党政 named alone: the leaders of both
                raw.append(Mention(s, e, m.group(), "党政领导干部"))
                continue
            role = organ_role(organ)
            if role:
                raw.append(Mention(s, e, m.group(), role))
    # a mention that only modifies the next one (政府负有…职责部门) merges into it
    kept: list[Mention] = []
    merge_from: int | None = None
    for i, mention in enumerate(raw):
        nxt = next((r for r in raw[i + 1 :] if r.start >= mention.end), None)
        gap = text[mention.end : nxt.start] if nxt else None
        if nxt and gap is not None and _MODIFIER_GAP.fullmatch(gap) and mention.role is not None:
            merge_from = mention.start if merge_from is None else merge_from
            continue
        if merge_from is not None and mention.start > merge_from:
            mention = Mention(
                merge_from,
                mention.end,
                text[merge_from : mention.end],
                mention.role,
                mention.position,
            )
        if not (
            i + 1 < len(raw) and raw[i + 1].start == mention.start and raw[i + 1].end == mention.end
        ):
            merge_from = None
        kept.append(mention)
    return _mark_subjects(text, kept)


def _mark_subjects(text: str, mentions: list[Mention]) -> list[Mention]:
    out = []
    run_end = -1  # end of the last subject, to chain 区委和区政府 / A、B和C
    after_label = label_end(text)
    for mention in mentions:
        part_start = max(text.rfind(p, 0, mention.start) for p in _PART_MARKS)
        part_start += 1 if text.startswith("次、", part_start) else 0
        part_start = max(part_start + 1, after_label)
        before = text[part_start : mention.start]
        chained = run_end >= 0 and bool(_CHAIN.fullmatch(text[run_end : mention.start]))
        predicate = bool(_PREDICATE.match(text, mention.end)) and not _OBJECT_CUE.search(before)
        is_subject = (bool(_SUBJECT_PREFIX.fullmatch(before)) or chained or predicate) and (
            mention.start >= after_label
        )
        out.append(
            Mention(
                mention.start, mention.end, mention.text, mention.role, mention.position, is_subject
            )
        )
        run_end = mention.end if is_subject else -1
    return out


def level_of(text: str, doc_level: str) -> str:
    """The level a role mention names with its modifiers (镇…党委 -> township), else the doc's."""
    if text.startswith(_DOC_LEVEL_WORDS):
        return doc_level
    for word in _NOT_LEVEL:
        text = text.replace(word, " " * len(word))
    best: tuple[int, int, str] | None = None
    for chars, level in level_words():
        at = text.find(chars)
        if at >= 0 and (best is None or (at, -len(chars)) < best[:2]):
            best = (at, -len(chars), level)
    return best[2] if best else doc_level


def with_modifiers(text: str, start: int, end: int) -> str:
    """A mention with the few words before it in its phrase (设区的市人民政府, 乡、镇人民政府)."""
    cut = max(start - 8, *(text.rfind(c, 0, start) + 1 for c in "，,。；;：:、（）\n"))
    return text[max(cut, 0) : end]


def organ_of(role: str | None) -> str | None:
    """The organ a role belongs to, for a position met alone (主要领导 under 镇党委…)."""
    if role is None:
        return None
    for organ in ("党委", "政府", "企业"):
        if role.startswith(organ):
            return organ
    if role.endswith(_DEPARTMENT_SUFFIX) or role.startswith("部门") or role.endswith("部门"):
        return "部门"
    return None
