"""Word segmentation for BM25: jieba search-mode tokens, domain terms kept whole.

Search mode (``cut_for_search``) emits a long word *and* its dictionary sub-words
(安全生产委员会 -> 安全, 生产, 委员, 委员会, 安全生产委员会), so 常委会 in a question
still meets 常委会议 in a clause. Numerals are unified (三起 and 3起 both give "3"),
and stop words and punctuation are dropped.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import jieba

__all__ = ["domain_terms", "load_lines", "stopwords", "tokenize"]

DATA = Path(__file__).resolve().parent / "data"

# Token rewrites, tried in order; the first that matches replaces the token.
_NUMERAL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a Chinese numeral with a counter (三起, 两次, 十二项): keep the number only
    (re.compile(r"([一二两三四五六七八九十百]+)[次起项个名条年月日天]"), r"\1"),
    # a number with a counter (3起, 4次): the number
    (re.compile(r"([0-9]+)[次起项个名条年月日天]"), r"\1"),
)
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_WORD = re.compile(r"\w")


def load_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a data file."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def stopwords() -> frozenset[str]:
    """Words dropped from queries and clauses."""
    return frozenset(load_lines("stopwords.txt"))


@functools.cache
def domain_terms() -> tuple[str, ...]:
    """Terms kept whole: the ingest vocabulary and domain words, plus our synonyms."""
    from ingest.domain.segmenter import domain_terms as ingest_terms

    terms: set[str] = set(ingest_terms())
    for line in load_lines("synonyms.tsv"):
        phrase, _, expansions = line.partition("\t")
        terms.add(phrase)
        terms.update(e for e in expansions.split("|") if e)
    return tuple(sorted(t for t in terms if len(t) >= 2))


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba instance: ingest's dictionary terms at ingest's frequencies."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for term in domain_terms():
        tk.add_word(term, freq=2000 * len(term) ** 2)
    return tk


def _cn_number(text: str) -> str:
    """两 -> 2, 十二 -> 12, 二十 -> 20 (numbers below 100, enough for counts)."""
    if "十" not in text:
        return "".join(str(_CN_DIGITS.get(ch, ch)) for ch in text)
    tens, _, ones = text.partition("十")
    return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0))


def _normal(token: str) -> str:
    for pattern, repl in _NUMERAL_RULES:
        m = pattern.fullmatch(token)
        if m:
            token = m.expand(repl)
            break
    if token and all(ch in _CN_DIGITS or ch == "十" for ch in token):
        return _cn_number(token)
    return token


def tokenize(text: str) -> list[str]:
    """Search tokens of a text: lower-cased, numerals unified, no stop words."""
    stop = stopwords()
    out = []
    for tok in _tokenizer().cut_for_search(text.lower()):
        tok = tok.strip()
        if not tok or not _WORD.search(tok) or tok in stop:
            continue
        out.append(_normal(tok))
    return out
