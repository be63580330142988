"""Graph quality on the bundled corpus: the acceptance rows of issue 4, checked one by one.

``python -m eval graph`` (or ``make eval``). Builds the corpus graph in a
temp dir and prints, for each check, ``ok`` or ``MISSING`` with what was
found instead: shape violations, seed 000's implementation chain, the
compare rows that must line up a township and a city duty (meeting 4 vs 2,
inspection 12 vs 4) for the three leader roles, and the county deputy's
quarterly 安委会 meeting.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from graph.query.comparison import Comparison

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
D000 = "county_wangyi_2018_leader_responsibility_draft"
D001 = "township_daligang_2019_dual_responsibility_notice"
D004 = "city_neimenggu_2022_responsibility_implementation_draft"
# (role, category, township doc/per_year, city doc/per_year)
ROWS = (
    ("党委主要负责人", "会议研究", 4, 2),
    ("党委主要负责人", "带队检查", 12, 4),
    ("政府主要负责人", "会议研究", 4, 2),
    ("政府主要负责人", "带队检查", None, 4),  # 001 gives the township head no number
    ("部门主要负责人", "带队检查", None, 12),
)


def _row_found(result: Comparison, category: str, township: int | None, city: int) -> str:
    for row in result.rows:
        cells = row.cells
        if row.category != category or not {"township", "city"} <= set(cells):
            continue
        t = {c.per_year for c in cells["township"] if c.doc_id == D001}
        c = {c.per_year for c in cells["city"] if c.doc_id == D004}
        if (township is None or township in t) and city in c and row.finding:
            return f"ok    {row.activity}: {row.finding}"
    seen = [
        (r.activity, {lv: [c.per_year for c in cs] for lv, cs in r.cells.items()})
        for r in result.rows
        if r.category == category
    ]
    return f"MISSING (rows of {category}: {seen[:4]})"


def main() -> None:
    """Print each acceptance check of the graph."""
    import ingest
    from graph import open_graph, update_graph

    docs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    with tempfile.TemporaryDirectory() as tmp:
        result = update_graph(Path(tmp), docs, [])
        gs = open_graph(tmp)
        print(f"graph eval: {len(docs)} documents, {gs.size():,} triples")
        print(f"  SHACL violations: {result.violations}")
        chain = gs.chain(D000)
        ok = [s.level for s in chain[-3:]] == ["city", "province", "national"]
        steps = " -> ".join(f"{s.title}({s.level})" for s in chain)
        print(f"  000 chain: {'ok' if ok else 'MISSING'}  {steps}")
        found = 0
        for role, category, township, city in ROWS:
            line = _row_found(gs.compare(role), category, township, city)
            found += line.startswith("ok")
            print(f"  compare {role} {category} township {township} / city {city}: {line}")
        duties = gs.duties("政府分管安全生产负责人", level="county").duties
        hit = [
            d for d in duties if d.doc_id == D000 and "每季度至少召开1次安全生产委员会" in d.text
        ]
        ok = bool(hit) and all(d.per_year == 4 for d in hit)
        verdict = "ok" if ok else "MISSING"
        print(f"  duties 政府分管安全生产负责人 county, 000 第十一条 per_year 4: {verdict}")
        print(f"  compare rows found: {found}/{len(ROWS)}")
