"""Bytes of a text file -> str, detecting the encoding Chinese files arrive in.

Order of belief: a BOM; strict UTF-8 (ASCII is UTF-8 too); then charset-normalizer,
whose GB2312/GBK answers are decoded as GB18030 (their superset) so rare
characters survive. Text that decodes only into control characters is binary.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from ingest.errors import ErrorKind, UnreadableFile

__all__ = ["decode_bytes", "looks_binary"]

# BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Detector names that mean "some GB encoding": decode them all as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "iso2022_cn"}
_BIG5_FAMILY = {"big5", "cp950", "big5hkscs"}
_TRUST_BYTES = 200  # below this a detector's verdict between GB and Big5 is a coin toss
# Characters that never occur in text: C0 controls other than TAB/LF/CR/FF, DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Chinese characters and punctuation a GB18030 reading of Chinese text is made of.
_HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def looks_binary(text: str) -> bool:
    """More than 1 in 200 characters are control characters: not a text file."""
    return len(_CONTROL.findall(text[:20000])) * 200 > min(len(text), 20000)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM shows as NUL bytes in every other position."""
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_han(text: str) -> bool:
    wide = [c for c in text[:20000] if ord(c) > 0x7F]
    return bool(wide) and len([c for c in wide if _HAN.match(c)]) >= 0.8 * len(wide)


def _guess(data: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes, or None when nothing fits.

    Chinese policy text is mostly GB: when the bytes read as Chinese in GB18030
    that wins, except over a Big5 verdict on enough bytes to trust it.
    """
    best = charset_normalizer.from_bytes(data[:200000]).best()
    name = best.encoding.lower() if best else None
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _BIG5_FAMILY and len(data) >= _TRUST_BYTES:
        return name
    try:
        if _mostly_han(data.decode("gb18030")):
            return "gb18030"
    except UnicodeDecodeError:
        pass
    return name


def decode_bytes(data: bytes, path: str | Path, declared: str | None = None) -> str:
    """Decode a text file's bytes; ``declared`` is an encoding the file itself names."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if looks_binary(text):
            raise UnreadableFile(path, "binary data, not a text file", kind=ErrorKind.BINARY)
        return text
    if declared and declared.lower().replace("-", "") in {"gb2312", "gbk", "gb18030", "cp936"}:
        declared = "gb18030"  # their superset: rare characters survive
    if declared:
        try:
            return _strict(data, declared, path)
        except UnreadableFile:
            pass  # a page that lies about its charset: detect instead
    guessed = _guess(data)
    if guessed is None:
        raise UnreadableFile(
            path,
            "binary data or an unknown text encoding, not a text file",
            kind=ErrorKind.BINARY,
        )
    return _strict(data, guessed, path)


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnreadableFile(
            path,
            f"cannot decode as {encoding}: {exc.__class__.__name__}",
            kind=ErrorKind.BINARY,
        ) from exc
    if looks_binary(text):
        raise UnreadableFile(path, "binary data, not a text file", kind=ErrorKind.BINARY)
    return text
