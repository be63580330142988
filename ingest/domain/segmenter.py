"""Word segmentation with jieba and a domain dictionary built from the vocabulary.

A private ``jieba.Tokenizer`` (not the global one, so other users of jieba are
untouched) learns every label of ``vocab.ttl`` plus ``domain_words.txt`` with
an explicit frequency that grows with the term's length: long terms such as
负有安全生产监督管理职责的部门 stay whole, while two-character terms get an
ordinary frequency and do not break common words around them.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import jieba
import jieba.posseg

from ingest.domain.vocabulary import SCHEMES, surface_forms

__all__ = ["cut_with_pos", "domain_terms", "tokenize", "tokenizer"]

WORDS_PATH = Path(__file__).parent / "data" / "domain_words.txt"
# Tokens that carry no meaning for search: whitespace and punctuation runs.
_NOISE = re.compile(r"[\s\W_]+")
# POS tags given to vocabulary terms, so cut_with_pos can tell roles apart.
_SCHEME_TAG = {"role": "nt", "organ": "nt", "position": "nr", "sanction": "vn", "category": "n"}


def _freq(term: str) -> int:
    """Frequency for a dictionary term: grows with length, modest for 2 characters."""
    return 2000 * len(term) ** 2


@cache
def domain_terms() -> dict[str, str]:
    """Term -> POS tag: every multi-character vocabulary label and domain word."""
    terms: dict[str, str] = {}
    for scheme in SCHEMES:
        tag = _SCHEME_TAG.get(scheme, "n")
        for form, label in surface_forms(scheme).items():
            for term in (form, label):
                if len(term) >= 2 and not term.isascii():
                    terms.setdefault(term, tag)
    for line in WORDS_PATH.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, _, tag = line.partition(" ")
            terms.setdefault(word, tag.strip() or "n")
    return terms


@cache
def tokenizer(extra_terms: tuple[str, ...] = ()) -> jieba.Tokenizer:
    """The project's jieba tokenizer, initialised once and quietly.

    Every label of the vocabulary and every domain word is in its dictionary;
    ``extra_terms`` (search's synonym phrases) join them at the same frequencies.
    Extraction uses the plain one, so search phrases never change a parse.
    """
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for term, tag in domain_terms().items():
        tk.add_word(term, freq=_freq(term), tag=tag)
    for term in extra_terms:
        if term not in domain_terms():
            tk.add_word(term, freq=_freq(term))
    return tk


@cache
def _pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(tokenizer())


def tokenize(text: str) -> list[str]:
    """Words of a text for indexing and queries (punctuation and spaces dropped)."""
    return [w for w in tokenizer().lcut(text) if not _NOISE.fullmatch(w)]


def cut_with_pos(text: str) -> list[tuple[str, str]]:
    """(word, POS tag) pairs; vocabulary terms carry the tags of their scheme."""
    return [(p.word, p.flag) for p in _pos_tokenizer().lcut(text) if not _NOISE.fullmatch(p.word)]
