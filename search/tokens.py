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

__all__ = ["load_lines", "stopwords", "synonym_terms", "tokenize"]

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
