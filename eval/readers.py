"""Reader quality: format agreement, chrome left behind, table shape, line joins.

- agreement: for every fixture that claims ``same_text`` in
  ``tests/fixtures/fixtures.json``, the share of lines of its source cut's
  normalised text that it reproduces (1.000 = identical);
- chrome: lines of the saved web page (seed 003) and the HTML fixtures that
  still match a site-chrome word after normalising (target 0);
- tables: rows x columns of the seed tables (seed 001: 10 x 3, seed 002: 58 x 4,
  header included);
- joins: how many line breaks of each corpus file the normaliser glued, so a
  change in the join rules shows up as a change in these counts.

Run ``python -m eval readers`` or ``python -m eval.readers``.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from ingest.parse.normalise import normalise
from ingest.read.files import read_text

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"
CHROME_WORDS = (
    "当前位置",
    "ICP备",
    "公网安备",
    "分享到",
    "网站地图",
    "登录",
    "主办单位",
    "责任编辑",
)


def _lines(path: Path, drop: tuple[str, ...] = ()) -> list[str]:
    return [ln for ln in normalise(read_text(path)).text.split("\n") if not ln.startswith(drop)]


def _joins(raw: str) -> int:
    """Line breaks of ``raw`` that the normaliser removed between two kept characters."""
    n = normalise(raw)
    return sum(
        1
        for i in range(1, len(n.text))
        if "\t" not in n.text[i - 1 : i + 1]
        and "\n" not in n.text[i - 1 : i + 1]
        and "\n" in raw[n.offsets[i - 1] + 1 : n.offsets[i]]
        and "\t" not in raw[n.offsets[i - 1] : n.offsets[i] + 1]
    )


def main() -> None:
    manifest = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
    scores = []
    for e in (e for e in manifest if e["same_text"]):
        want = _lines(FIXTURES / f"{e['source']}.utf8.txt")
        got = _lines(FIXTURES / e["file"], tuple(e.get("extra_lines", [])))
        same = sum(b.size for b in difflib.SequenceMatcher(a=want, b=got).get_matching_blocks())
        scores.append(same / len(want))
        print(f"  agreement {same / len(want):.3f}  {e['file']}")
    print(f"format agreement: mean {sum(scores) / len(scores):.3f} over {len(scores)} fixtures")
    pages = [CORPUS / "province_jilin_2018_leader_responsibility_interpretation.txt"]
    pages += [FIXTURES / e["file"] for e in manifest if e["format"] == "html"]
    left = [(p.name, ln) for p in pages for ln in _lines(p) if any(w in ln for w in CHROME_WORDS)]
    print(f"chrome lines left in {len(pages)} web pages: {len(left)}")
    for name, ln in left:
        print(f"    {name}: {ln}")
    for seed in (
        "township_daligang_2019_dual_responsibility_notice",
        "county_wangyi_2018_work_safety_reform_draft",
    ):
        rows = [ln.split("\t") for ln in _lines(CORPUS / f"{seed}.txt") if "\t" in ln]
        widths = sorted({len(r) for r in rows})
        print(f"table {seed}: {len(rows)} rows x {widths} columns")
    joins = {p.stem: _joins(read_text(p)) for p in sorted(CORPUS.glob("*.txt"))}
    print(f"line joins: {sum(joins.values())} in {len(joins)} corpus files")
    for stem, n in joins.items():
        if n:
            print(f"    {n:3d}  {stem}")


if __name__ == "__main__":
    main()
