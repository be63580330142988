"""The one place raw text is normalised, with a map back to the raw characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.parse.flat_text import space_breaks
from ingest.parse.line_joins import joins_next
from ingest.parse.margin_numbers import margin_number_spans
from ingest.parse.script import simplified_changes
from ingest.parse.table_text import messy_table_deletions
from ingest.parse.textmap import (
    Mapped,
    delete_matches,
    delete_spans,
    replace_chars,
    replace_matches,
)
from ingest.read.chrome import BREADCRUMB, HEADER_SCAN_LINES, is_chrome_line, keeps

__all__ = ["Normalised", "normalise"]


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text and, for each of its characters, the index in the raw text."""

    text: str
    offsets: tuple[int, ...]


# Characters counted as Chinese for spacing and punctuation width: CJK ideographs
# and punctuation, kana, full-width forms, extension planes, curly quotes.
_CJK = "[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff“”‘’]"
_SPACE_CHARS = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_FULL_TO_ASCII = {
    chr(c): chr(c - 0xFEE0)
    for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_PUNCT_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_PARENS_TO_FULL = {"(": "（", ")": "）"}
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
DELETE = None

# Character rules, applied in this order to the whole text. Each acts on the whole
# match: DELETE removes it, a dict maps each character to exactly one other.
CHAR_RULES: tuple[tuple[re.Pattern[str], dict[str, str] | None], ...] = tuple(
    (re.compile(p), action)
    for p, action in (
        # CRLF -> LF: the CR goes
        (r"\r(?=\n)", DELETE),
        # lone CR, VT, FF, file/group/record separators, NEL, U+2028/9 -> LF
        (f"[{_BREAKS}]", dict.fromkeys(_BREAKS, "\n")),
        # control characters, BOM, zero-width and bidi marks, soft hyphen
        (
            r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]",
            DELETE,
        ),
        # a pinyin gloss after a character goes: 生產（chǎn）, 责(ze2) — tone marks or digits only
        (
            rf"(?<={_CJK})[（(] *(?:(?=[^（）()]*[{_TONE}])[a-zü{_TONE} ]{{1,30}}"
            rf"|[a-zü]{{1,6}}[1-5](?: [a-zü]{{1,6}}[1-5])*) *[）)]",
            DELETE,
        ),
        # full-width digits and Latin letters -> ASCII
        (r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", _FULL_TO_ASCII),
        # ideographic, no-break and typographic spaces -> ASCII space
        (f"[{_SPACE_CHARS}]", dict.fromkeys(_SPACE_CHARS, " ")),
        # full-width full stop after a digit -> "."  (１．-> 1.)
        (r"(?<=\d)．", {"．": "."}),
        # ASCII brackets holding Chinese -> full-width pair: (一) (征求意见稿)
        (rf"\([^()\n]*{_CJK}[^()\n]*\)", _PARENS_TO_FULL),
        # ASCII brackets right after or before Chinese -> full-width pair: 区(1)
        (rf"(?<={_CJK})\([^()\n]{{0,30}}\)|\([^()\n]{{0,30}}\)(?={_CJK})", _PARENS_TO_FULL),
        # ASCII , : ; ? ! ( ) touching a Chinese character -> full-width
        (rf"(?<={_CJK})[,:;?!()]|[,:;?!()](?={_CJK})", _PUNCT_TO_FULL),
        # spaces at the start and end of lines
        (r"(?m)^ +| +$", DELETE),
        # spaces around a TAB (table cell edges)
        (r" +(?=\t)|(?<=\t) +", DELETE),
        # runs of spaces -> one space
        (r"(?<= ) +", DELETE),
        # spaces between two Chinese characters: 第二章  职  责 -> 第二章职责
        (rf"(?<={_CJK}) +(?={_CJK})", DELETE),
    )
)

_INDENT_TAB = re.compile(r"(?m)^\t+(?=[^\t\n]*$)")  # a lone TAB indent, not a table row
_EMPTY_LINES = re.compile(r"(?m)^\n+|\n+\Z")  # blank lines and trailing breaks
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
_MAX_ROUNDS = 8


def _lines(text: str) -> list[tuple[int, str]]:
    """(start index, line) for every line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _drop_chrome(m: Mapped) -> Mapped:
    """Delete site-chrome lines, and the site header above a breadcrumb near the top."""
    lines = _lines(m.text)
    spans = [(s, s + len(ln) + 1) for s, ln in lines if is_chrome_line(ln)]
    filled = [(s, ln) for s, ln in lines if ln.strip()][:HEADER_SCAN_LINES]
    for n, (_, ln) in enumerate(filled):
        if BREADCRUMB.match(ln.strip()):
            spans += [(s0, s0 + len(l0) + 1) for s0, l0 in filled[:n] if not keeps(l0.strip())]
            break
    return delete_spans(m, spans)


def _join_lines(m: Mapped) -> Mapped:
    """Glue wrapped lines: delete the break, or turn it into a space between Latin words."""
    deletions: list[tuple[int, int]] = []
    spaces: dict[int, str] = {}
    current = ""
    for start, line in _lines(m.text):
        if current and line and joins_next(current, line):
            if _LATIN_END.search(current) and _LATIN_START.match(line):
                spaces[start - 1] = " "
                current += " " + line
            else:
                deletions.append((start - 1, start))
                current += line
        else:
            current = line
    return delete_spans(replace_chars(m, spaces), deletions)


def _round(m: Mapped) -> Mapped:
    m = delete_spans(m, margin_number_spans(m.text))  # 12  第一条 … of a PDF export
    m = replace_chars(m, space_breaks(m.text))  # before runs of spaces are squeezed
    for pattern, action in CHAR_RULES:
        m = delete_matches(m, pattern) if action is None else replace_matches(m, pattern, action)
    m = delete_spans(m, messy_table_deletions(m.text))
    m = delete_matches(m, _INDENT_TAB)
    m = _drop_chrome(m)
    m = delete_matches(m, _EMPTY_LINES)
    return _join_lines(m)


def _simplified(m: Mapped) -> Mapped:
    """Traditional characters -> simplified, one for one (``ingest.parse.script``)."""
    return replace_chars(m, simplified_changes(m.text))


def normalise(raw: str) -> Normalised:
    """Normalise raw text once, keeping for every character its index in ``raw``.

    Guarantees after it runs (and ``normalise(n.text).text == n.text``):

    - line breaks are ``\\n``; no ``\\r``, BOM, zero-width, bidi or control characters;
    - traditional characters are simplified (OpenCC ``t2s``, one character for one:
      安全生產 -> 安全生产), and a pinyin gloss in brackets after a character is gone
      (生產（chǎn） -> 生产);
    - full-width digits and Latin letters are ASCII, ``．`` after a digit is ``.``,
      and every space character is an ASCII space;
    - ASCII ``( ) , : ; ? !`` next to Chinese are full-width (``(一)`` -> ``（一）``);
    - no spaces at line ends, around TABs, between two Chinese characters
      (``第二章  职  责`` -> ``第二章职责``), and never two spaces in a row;
    - paragraphs are lines: no empty lines, no leading or trailing line break;
    - a line that continues a sentence, or the spilt tail of a heading
      (``…安全生产工作`` / ``职责``), is joined to the line before (see ``line_joins``);
    - tables are in canonical form: one row per line, cells joined by TAB, header
      first (a row whose only filled cell is the second of two loses its TAB);
    - site chrome lines (navigation, breadcrumb, ICP, footer; see ``chrome``) are gone,
      but a 发布时间 line stays.

    ``offsets`` is strictly increasing, ``len(offsets) == len(text)``, and ``text[i]``
    is ``raw[offsets[i]]`` or the character it was mapped to (never an inserted one).
    """
    m = _simplified(Mapped.identity(raw))  # first: chrome and headings are simplified words
    for _ in range(_MAX_ROUNDS):  # the rules reach a fixed point, usually in two rounds
        nxt = _round(m)
        if nxt.text == m.text:
            break
        m = nxt
    return Normalised(nxt.text, tuple(nxt.offsets))
