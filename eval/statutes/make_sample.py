"""Rebuild this directory's sample from STARD's ``data/queries.json`` (see README.md).

``python eval/statutes/make_sample.py PATH/TO/queries.json`` draws the same 300
questions (seeded) and writes one text file per law they cite, holding every
article of that law that STARD labels for any of its 1,543 questions (the
articles of other questions are the distractors), in article order, each
article a block starting "第N条 " on its own line. Each question is labelled with
its articles (``doc`` and ``article``); the eval reads an article's text back
from the file and counts a result relevant when its clause lies inside that
text, however the parser cut the excerpt. Run once; the eval only reads what it wrote.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from ingest.domain.numerals import to_int  # noqa: E402

SEED = 18
SIZE = 300
# "中华人民共和国民法典第五十四条" -> law name, article label (之一 for inserted articles)
_ARTICLE = re.compile(
    r"^(?P<law>.+?)(?P<label>第(?P<n>[零一二三四五六七八九十百千]+)条(?:之[一二三四五六七八九十]+)?)$"
)


def _article(name: str) -> re.Match[str]:
    """The law and article label of a STARD citation; a citation of another shape is an error."""
    m = _ARTICLE.match(name)
    if m is None:
        raise ValueError(f"STARD citation not of the form <law>第N条: {name!r}")
    return m


def _law_files(rows: list[dict]) -> dict[str, dict[str, str]]:
    laws: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        for name, content in row["相关法规"].items():
            m = _ARTICLE.match(name)
            if m:
                laws[m["law"]][m["label"]] = content.strip()
    return laws


def _order(label: str) -> tuple[int, int]:
    head, _, tail = label.partition("之")
    return to_int(head[1:-1]) or 0, to_int(tail) or 0


def main(source: Path) -> None:
    rows = json.loads(source.read_text(encoding="utf-8"))
    sample = sorted(random.Random(SEED).sample(rows, SIZE), key=lambda r: r["query_id"])
    every = _law_files(rows)
    cited = sorted({_article(n)["law"] for r in sample for n in r["相关法规"]})
    doc_of = {law: f"statute_{i:02d}" for i, law in enumerate(cited, start=1)}
    out = HERE / "laws"
    out.mkdir(exist_ok=True)
    for law, doc in doc_of.items():
        articles = sorted(every[law].items(), key=lambda kv: _order(kv[0]))
        body = "\n\n".join(f"{label} {text}" for label, text in articles)
        (out / f"{doc}.txt").write_text(f"{law}\n\n{body}\n", encoding="utf-8")
    with (HERE / "questions.jsonl").open("w", encoding="utf-8") as fh:
        for r in sample:
            relevant = []
            for name in r["相关法规"]:
                m = _article(name)
                relevant.append({"grade": 2, "doc": doc_of[m["law"]], "article": m["label"]})
            row = {"id": f"st{r['query_id']:04d}", "query": r["问题"], "relevant": relevant}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(sample)} questions, {len(doc_of)} laws", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
