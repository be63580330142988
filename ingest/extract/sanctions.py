"""Sanctions in a text: canonical type, the words used, and their trigger.

Surface forms come from the vocabulary (诚勉 -> 诫勉, 记大过 -> 处分, 罚款 ...);
this module adds two declarative tables: patterns that need more than a word
(罚款 with its amount, 不论是否已调离… -> 终身追责) and contexts in which a
sanction word is no sanction (信息通报, 挂牌督办期限内, 考核不合格的 as a trigger).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.domain.vocabulary import sanction_type, surface_forms

__all__ = ["SanctionMatch", "find_sanctions"]

# Sanctions phrased beyond a single word: (type, pattern), tried before the words.
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 处二万元以上五万元以下的罚款, 并处…罚款: keep the amount in the text
    ("罚款", re.compile(r"(?:并处|单处|处以|处)[^，。；;]{0,40}?罚款")),
    # 不论是否已调离转岗、提拔或者退休，都应当严格追究
    ("终身追责", re.compile(r"不论(?:其)?是否已?(?:调离|离职|退休)[^，。；]{0,16}")),
    # 终身不得担任本行业生产经营单位的主要负责人
    ("终身禁入", re.compile(r"终身不得(?:担任|从事)")),
    # 五年内不得担任任何生产经营单位的主要负责人
    ("职业禁入", re.compile(r"[0-9一二三四五六七八九十]+年内不得担任")),
    # 取消规定时限内考核评优和评选各类先进的资格
    ("取消评优评先", re.compile(r"取消[^，。；]{0,10}(?:评优|评先|先进[^，。；]{0,4}资格)")),
    # 可以减轻、免予或者不予政务处分: 减轻 named apart from 从轻
    ("从轻减轻", re.compile(r"(?<![从、])减轻(?=、|或者|给予|处分|追究)")),
    # 不得晋升职务、级别或者重用任职 / 不能晋升职务
    ("不得晋升重用", re.compile(r"不(?:得|能)(?:晋升|提拔)")),
    # 年度考核按不合格评定, 考核结果确定为不合格
    ("考核不合格", re.compile(r"(?:按|评定为|确定为|定为)不合格")),
    # 不得评为优秀等次
    ("考核不得评为优秀", re.compile(r"不(?:得|能)(?:评为|确定为|评定为)优秀")),
    # 通报批评, 予以通报, 通报、诫勉, 通报和约谈制度: 通报 as a sanction, not as the
    # sharing of information (信息通报, 案情通报, 线索通报 are excluded)
    (
        "通报",
        re.compile(
            r"(?<=予以|给予|进行|采取|公开|全市|全区|全省|全县)通报"
            r"|(?<!信息)(?<!案情)(?<!线索)(?<!情况)(?<!事故)通报(?=批评|、|或者|等方式|和?约谈)"
        ),
    ),
)
# A word found in these contexts is not a sanction: (type, pattern around the word).
_NOT_SANCTION: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("通报", re.compile(r".")),  # plain 通报 counts only through _PHRASES
    ("挂牌督办", re.compile(r"挂牌督办(?:期限|期间|的)")),  # a trigger: 挂牌督办期限内未完成整改
    ("考核不合格", re.compile(r"考核不合格(?:的|等级|且)")),  # a trigger: 考核不合格的，…
    ("移送司法机关", re.compile(r"被(?:依法)?追究刑事责任")),  # a trigger: 对被追究刑事责任的…
    ("处分", re.compile(r"(?:不受|免予|不予)[^，。；]{0,4}处分|处分(?:的程序|决定|期)")),
    ("罚款", re.compile(r".")),  # 罚款 counts only with its amount (_PHRASES)
)
# Numbering and 对/凡 that open a condition, dropped from the trigger.
_TRIGGER_HEAD = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|第[^条]{1,8}条)?\s*(?:对|凡)?"
)


@dataclass(frozen=True, slots=True)
class SanctionMatch:
    """A sanction: span, canonical type, and the condition text before it."""

    start: int
    end: int
    text: str
    type: str
    trigger: str


@cache
def _word_pattern() -> re.Pattern[str]:
    forms = sorted(surface_forms("sanction"), key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms))


def _excluded(type_: str, text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` sits in a context of _NOT_SANCTION."""
    lo = max(0, start - 8)
    window = text[lo : end + 8]
    for t, pattern in _NOT_SANCTION:
        if t == type_ and any(
            lo + m.start() < end and start < lo + m.end() for m in pattern.finditer(window)
        ):
            return True
    return False


def _trigger(text: str, at: int) -> str:
    """The condition of a sanction: its sentence up to the sanction, cut at the condition's end.

    The condition ends at the last ``的，`` before the sanction (…负有责任的，给予处分), else at
    the last comma (…事故的镇，年度考核按不合格评定).
    """
    starts = [m.end() for m in re.finditer(r"[。；;\n]", text[:at])]
    sentence = text[starts[-1] if starts else 0 : at]
    cut = max(sentence.rfind("的，"), sentence.rfind("的,"))
    if cut >= 0:
        sentence = sentence[: cut + 1]
    elif max(sentence.rfind("，"), sentence.rfind(",")) > 0:
        sentence = sentence[: max(sentence.rfind("，"), sentence.rfind(","))]
    sentence = _TRIGGER_HEAD.sub("", sentence)
    return sentence.strip(" ，,")[-80:]


def find_sanctions(text: str) -> list[SanctionMatch]:
    """Every sanction in ``text``, in order; one per type and position."""
    hits: list[SanctionMatch] = []
    for type_, pattern in _PHRASES:
        for m in pattern.finditer(text):
            if any(m.start() < h.end and h.start < m.end() for h in hits):
                continue
            hits.append(
                SanctionMatch(m.start(), m.end(), m.group(), type_, _trigger(text, m.start()))
            )
    for m in _word_pattern().finditer(text):
        word_type = sanction_type(m.group())
        if word_type is None or any(m.start() < h.end and h.start < m.end() for h in hits):
            continue
        if _excluded(word_type, text, m.start(), m.end()):
            continue
        hits.append(
            SanctionMatch(m.start(), m.end(), m.group(), word_type, _trigger(text, m.start()))
        )
    return sorted(hits, key=lambda h: h.start)
