"""Search tokens for BM25: the project's one jieba set-up in search mode, numerals unified.

Search mode (``cut_for_search``) emits a long word *and* its dictionary sub-words
(安全生产委员会 -> 安全, 生产, 委员, 委员会, 安全生产委员会), so 常委会 in a question
still meets 常委会议 in a clause. Numerals are unified (三起 and 3起 both give "3"),
and stop words and punctuation are dropped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ingest.domain.numerals import to_int
from ingest.domain.segmenter import tokenizer

__all__ = ["char_bigrams", "load_lines", "stopwords", "synonym_terms", "tokenize"]

DATA = Path(__file__).resolve().parent / "data"

# Token rewrites, tried in order; the first that matches replaces the token.
_NUMERAL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a Chinese numeral with a counter (三起, 两次, 十二项): keep the number only
    (re.compile(r"([一二两三四五六七八九十百]+)[次起项个名条年月日天]"), r"\1"),
    # a number with a counter (3起, 4次): the number
    (re.compile(r"([0-9]+)[次起项个名条年月日天]"), r"\1"),
)
_CN_NUMERAL = re.compile(r"[一二两三四五六七八九十]+")
_WORD = re.compile(r"\w")
# Runs cut into character pairs: Chinese characters, or Latin letters and digits.
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")


def load_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a data file."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def stopwords() -> frozenset[str]:
    """Words dropped from queries and clauses."""
    return frozenset(load_lines("stopwords.txt"))


@functools.cache
def synonym_terms() -> tuple[str, ...]:
    """Phrases of ``synonyms.tsv`` kept whole by the tokeniser (besides the vocabulary)."""
    terms: set[str] = set()
    for line in load_lines("synonyms.tsv"):
        phrase, _, expansions = line.partition("\t")
        terms.add(phrase)
        terms.update(e for e in expansions.split("|") if e)
    return tuple(sorted(t for t in terms if len(t) >= 2))


def _normal(token: str) -> str:
    for pattern, repl in _NUMERAL_RULES:
        m = pattern.fullmatch(token)
        if m:
            token = m.expand(repl)
            break
    value = to_int(token) if _CN_NUMERAL.fullmatch(token) else None
    if value is not None:
        return str(value)
    return token


def tokenize(text: str) -> list[str]:
    """Search tokens of a text: lower-cased, numerals unified, no stop words."""
    stop = stopwords()
    out = []
    for tok in tokenizer(synonym_terms()).cut_for_search(text.lower()):
        tok = tok.strip()
        if not tok or not _WORD.search(tok) or tok in stop:
            continue
        out.append(_normal(tok))
    return out


@functools.cache
def _stop_chars() -> frozenset[str]:
    """The one-character stop words (的, 了, 吗 ...): a pair holding one carries nothing."""
    return frozenset(w for w in stopwords() if len(w) == 1)


def char_bigrams(text: str) -> list[str]:
    """Overlapping character pairs of a text (安全生产 -> 安全, 全生, 生产), for the second
    BM25 field: pairs that span two words (产主 in 安全生产主体责任) reward a clause where
    the question's words stand together and in order, which jieba's words cannot tell
    from the same words scattered; a pair also matches where jieba cut the question and
    the clause differently (水上交 -> 水, 上交 against 水上, 交通)."""
    stop = _stop_chars()
    out = []
    for run in _RUN.findall(text.lower()):
        out += [
            run[i : i + 2]
            for i in range(len(run) - 1)
            if run[i] not in stop and run[i + 1] not in stop
        ]
    return out
