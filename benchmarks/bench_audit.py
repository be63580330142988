"""Audit benchmark: ``dutygraph audit`` on corpus/ and on a generated 1,000-document store.

``python -m benchmarks bench_audit`` (or ``make bench``). For each store: documents,
(document, implemented document) pairs checked, findings, audit time and peak memory.
The generated store holds N varied copies of corpus/ (``DUTYGRAPH_BENCH_DOCS``, default
1000, made by ``make_corpus``; every copy of seed 000 still implements 铜川市's 意见
by its title), that 意见 itself (``eval/check_drafts/ref_city_tongchuan.txt``), and one
planted county document whose 区委 meets 每年至少1次 where the city asks 每季度: the
benchmark fails unless the audit reports that weaker frequency on it. Stores are built
with BM25 alone (no model); the build time is printed apart.
"""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
CITY_RULE = ROOT / "eval" / "check_drafts" / "ref_city_tongchuan.txt"
SEED_000 = ROOT / "corpus" / "county_wangyi_2018_leader_responsibility_draft.txt"
PLANTED = "county_planted_weaker_meeting.txt"
# (old, new): the planted county copy: its own region, and a weaker 区委 meeting frequency
PLANT_EDITS = (("王益区", "宁安区"), ("区委每季度至少1次、", "区委每年至少1次、"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _build(paths: list[Path], store: Path) -> float:
    """Build with BM25 alone (the audit reads no vectors); the model setting is restored."""
    from app.build import build
    from search.model.encoder import MODEL_ENV, load_encoder

    before = os.environ.get(MODEL_ENV)
    os.environ[MODEL_ENV] = "none"
    load_encoder.cache_clear()
    t0 = time.perf_counter()
    try:
        build(paths, store)
    finally:
        if before is None:
            os.environ.pop(MODEL_ENV, None)
        else:
            os.environ[MODEL_ENV] = before
        load_encoder.cache_clear()
    return time.perf_counter() - t0


def _audit(name: str, store: Path, build_s: float):
    from app.review.audit import audit

    t0 = time.perf_counter()
    result = audit(store)
    took = time.perf_counter() - t0
    print(
        f"{name}: {result.documents} documents, {result.pairs} pairs, {len(result.findings)} "
        f"findings in {took:.1f} s ({took / max(result.documents, 1) * 1000:.0f} ms a document); "
        f"build {build_s:.0f} s; peak RSS {_rss_mb():.0f} MB"
    )
    return result


def _planted(folder: Path) -> Path:
    text = SEED_000.read_text(encoding="utf-8")
    for old, new in PLANT_EDITS:
        text = text.replace(old, new)
    path = folder / PLANTED
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    from benchmarks.make_corpus import make_corpus

    n = int(os.environ.get("DUTYGRAPH_BENCH_DOCS", "1000"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "corpus_store"
        _audit("corpus/", store, _build([ROOT / "corpus"], store))
        folder = Path(tmp) / "generated"
        make_corpus(folder, n)
        shutil.copy(CITY_RULE, folder / CITY_RULE.name)
        planted_id = _planted(folder).stem
        store = Path(tmp) / "generated_store"
        result = _audit(f"generated ({n} + 2)", store, _build([folder], store))
        mine = [
            a for a in result.findings
            if a.draft_doc_id == planted_id and a.finding.kind.value == "weaker_frequency"
            and "每年至少1次" in (a.finding.draft_text or "")
        ]  # fmt: skip
        if not mine:
            raise SystemExit(f"the planted weaker county frequency ({PLANTED}) was not reported")
        f = mine[0].finding
        print(f"planted: {PLANTED}: {f.detail} ({f.reference.citation})")
        copies = {a.draft_doc_id for a in result.findings} - {planted_id}
        print(f"other documents with a finding: {len(copies)}")


if __name__ == "__main__":
    main()
