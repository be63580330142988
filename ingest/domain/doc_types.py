"""Document types: the words a document's own title ends with (…实施意见, …条例).

The one home of the list (``data/doc_types.txt``). A title line, a part of a
page's <title> or a web copy's first line names a document when it ends in one,
maybe followed by a short bracket: （试行）, （2021年修正）, （征求意见稿）.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["DOC_TYPE", "DOC_TYPES", "DOC_TYPE_END"]

_DATA = Path(__file__).resolve().parent / "data" / "doc_types.txt"

DOC_TYPES: tuple[str, ...] = tuple(
    w.strip()
    for w in _DATA.read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)

# any one document type, longest first (责任制 before 制度 is not needed, 实施意见 is 意见)
DOC_TYPE = "(?:" + "|".join(map(re.escape, sorted(DOC_TYPES, key=len, reverse=True))) + ")"
# a document type at the end, maybe then one short bracket: …条例（试行）, …意见（征求意见稿）
DOC_TYPE_END = re.compile(DOC_TYPE + r"(?:[（(][^（）()]{1,12}[）)])?$")
