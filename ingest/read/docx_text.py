"""Word .docx -> text: body paragraphs and tables in document order.

The body XML is walked directly (python-docx's ``paragraphs`` and ``tables``
lists lose their interleaving). Tables come out in the canonical form, one row
per line with TAB-joined cells; merged cells appear once. Word auto-numbering
(``numPr``) is rendered as the label it displays (一、 （一） 1. ①), best effort.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from ingest.domain.numerals import to_chinese, to_circled
from ingest.errors import UnreadableFile

__all__ = ["read_docx"]

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out


# Word numFmt values -> how a counter is written.
NUM_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": str,
    "decimalHalfWidth": str,
    "chineseCounting": to_chinese,
    "chineseCountingThousand": to_chinese,
    "ideographDigital": to_chinese,
    "taiwaneseCounting": to_chinese,
    "taiwaneseCountingThousand": to_chinese,
    "japaneseCounting": to_chinese,
    "decimalEnclosedCircle": to_circled,
    "decimalEnclosedCircleChinese": to_circled,
    "decimalEnclosedParen": lambda n: f"（{n}）",
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10],
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}


def _attr(el: etree._Element | None, tag: str) -> str | None:
    """The w:val of child ``tag`` of ``el``."""
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class _Numbering:
    """Counters for Word list numbering, advanced paragraph by paragraph."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            lvls = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_attr(lvl, "w:start") or 1)
                lvls[ilvl] = (
                    start,
                    _attr(lvl, "w:numFmt") or "decimal",
                    _attr(lvl, "w:lvlText") or "",
                )
            abstract[an.get(qn("w:abstractNumId")) or ""] = lvls
        for num in root.findall(qn("w:num")):
            lvls = abstract.get(_attr(num, "w:abstractNumId") or "", {})
            self.levels[num.get(qn("w:numId")) or ""] = lvls

    def label(self, p: etree._Element, style_numpr: dict[str, etree._Element]) -> str:
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None and ppr is not None:
            numpr = style_numpr.get(_attr(ppr, "w:pStyle") or "")
        num_id, ilvl = _attr(numpr, "w:numId") or "", int(_attr(numpr, "w:ilvl") or 0)
        lvls = self.levels.get(num_id)
        if not lvls or ilvl not in lvls:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, lvls[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a higher level restarts the levels below it
        _, fmt, text = lvls[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(ilvl + 1):
            k_start, k_fmt, _ = lvls.get(k, (1, "decimal", ""))
            value = counts.get(k, k_start)
            text = text.replace(f"%{k + 1}", NUM_FORMATS.get(k_fmt, str)(value))
        return text


def _style_numpr(document: docx.document.Document) -> dict[str, etree._Element]:
    """Paragraph styles that carry list numbering themselves, by style id."""
    out = {}
    for style in document.styles.element.findall(qn("w:style")):
        ppr = style.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            out[style.get(qn("w:styleId"))] = numpr
    return out


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _para_text(p: etree._Element) -> str:
    """Visible text of a w:p: runs, hyperlinks, tabs as spaces, breaks as newlines.

    Text boxes count once: the mc:Fallback copy of a drawing is skipped.
    """
    parts = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:delText")):
        if any(a.tag == _FALLBACK for a in el.iterancestors()):
            continue
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:tab"):
            parts.append(" ")
        elif el.tag != qn("w:delText"):
            parts.append("\n")
    return "".join(parts)


def _table_rows(tbl: etree._Element) -> list[str]:
    rows = []
    for tr in tbl.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            text = "".join(_para_text(p) for p in tc.iter(qn("w:p")))
            cells.append(" ".join(text.split()))  # a cell is one line; the normaliser trims it
        rows.append("\t".join(cells))
    return rows


def _body_lines(document: docx.document.Document) -> list[str]:
    numbering, style_numpr = _Numbering(document), _style_numpr(document)
    lines: list[str] = []
    for el in document.element.body.iter(qn("w:p"), qn("w:tbl")):
        nested = any(a.tag in (qn("w:tbl"), qn("w:p")) for a in el.iterancestors())
        if nested:  # inside a table (read with it) or a text box (read with its paragraph)
            continue
        if el.tag == qn("w:tbl"):
            lines.extend(_table_rows(el))
        else:
            lines.append(numbering.label(el, style_numpr) + _para_text(el))
    return lines


def read_docx(path: Path, data: bytes) -> str:
    """The text of a .docx file, paragraphs one per line, tables as TAB rows."""
    try:
        document = docx.Document(BytesIO(data))
        return "\n".join(_body_lines(document))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, EOFError) as exc:
        why = " ".join(str(exc).split())[:120]  # one line, whatever the library said
        raise UnreadableFile(path, f"not a valid .docx (truncated or corrupt: {why})") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and others
        raise UnreadableFile(path, f"not a valid .docx ({exc.__class__.__name__})") from exc
