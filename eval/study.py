"""Study pack quality: exam papers whose answers are provable from the cited clause, and a
sample of questions read by hand.

``python -m eval study`` (or ``make eval``). Builds the corpus graph in a temp dir and
makes the papers (24 questions, every form, seeds 0-2) for several roles and levels:

- tuned: 政府分管安全生产负责人 (county) and 党委主要负责人 (township), the two roles the
  generator was developed on;
- held out: five other role/level pairs, never looked at while tuning.

For each set it prints questions, kinds and levels cited, and the share of questions
whose answer is provable from the cited clause (``app.study.checks.problems``: the
answer's words in the clause, the right option among the options, no duplicate option,
no wrong option the clause also states, a 判断题 true or false by the clause's words).
Beside it, a plain baseline on the same questions: the wrong options replaced by values
of the same kind drawn at random from the corpus (no clause check, no same-meaning check).

The hand-read sample is the seed-0 paper of each tuned role and of 政府主要负责人 (county).
The last is a held-out role, but its paper was read in the final round of fixes (it showed
that a post must be named as the heading of its list of duties), so it is not blind. Each
question was read as a trainer would and judged clear (the stem says what is asked), one
right answer (only the keyed option fits the cited clause) and fair (the wrong options are
plausible and provably wrong). The verdicts are in ``eval/study_verdicts.tsv``, keyed by a
hash of the question, its options and answer, so a changed question counts as unjudged.
"""

from __future__ import annotations

import csv
import hashlib
import random
import tempfile
from collections import Counter
from pathlib import Path

from app.study.checks import problems
from app.study.pack import pack_from
from app.study.records import PaperOptions
from app.study.scope import make_scope

__all__ = ["HELD_OUT", "TUNED", "main", "question_id"]

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = Path(__file__).with_name("study_verdicts.tsv")
TUNED = (("政府分管安全生产负责人", "county"), ("党委主要负责人", "township"))
HELD_OUT = (
    ("政府主要负责人", "city"),
    ("政府主要负责人", "county"),
    ("党委班子其他成员", "county"),
    ("政府班子其他成员", "township"),
    ("党委主要负责人", None),
)
SEEDS = (0, 1, 2)
HAND_HELD_OUT = (("政府主要负责人", "county"),)  # read by hand too, after the generator was done


def question_id(q: dict) -> str:
    """A short hash of what a reader sees and the key: changes whenever the question does."""
    seen = "|".join([q["question"], *q["options"], str(q["answer"])])
    return hashlib.sha1(seen.encode("utf-8")).hexdigest()[:10]


def _papers(pairs, graph, roles, seeds=SEEDS) -> dict[tuple[str, str | None, int], dict]:
    out = {}
    for role, level in roles:
        scope = make_scope(pairs, role, level)
        rows = {r: graph.duties(r).duties for r in scope.tiers}
        for seed in seeds:
            out[(role, level, seed)] = pack_from(scope, rows, PaperOptions(seed=seed)).as_json()
    return out


def _baseline(quiz: list[dict], values: dict[str, list[str]], rng: random.Random) -> list[dict]:
    """The same questions with their wrong options drawn at random from the kind's values."""
    out = []
    for q in quiz:
        if q["form"] not in ("single", "multiple"):
            continue
        answers = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        wrong = len(q["options"]) - len(answers)
        pool = values.get(q["kind"], [])
        options = answers + rng.sample(pool, k=min(wrong, len(pool)))
        out.append(q | {"options": options})
    return out


def _report(name: str, papers: dict, values: dict[str, list[str]]) -> None:
    quiz = [q for p in papers.values() for q in p["quiz"]]
    if not quiz:
        print(f"  {name}: no questions")
        return
    ok = sum(not problems(q) for q in quiz)
    sizes = [len(p["quiz"]) for p in papers.values()]
    kinds = [len({q["kind"] for q in p["quiz"]}) for p in papers.values()]
    levels = [len({q["level"] for q in p["quiz"]}) for p in papers.values()]
    base = _baseline(quiz, values, random.Random(0))
    base_ok = sum(not problems(q) for q in base)
    choice = [q for q in quiz if q["form"] in ("single", "multiple")]
    choice_ok = sum(not problems(q) for q in choice)
    print(
        f"  {name}: {len(papers)} papers, questions {min(sizes)}-{max(sizes)}, kinds "
        f"{min(kinds)}-{max(kinds)}, levels cited {min(levels)}-{max(levels)}; provable "
        f"{ok}/{len(quiz)} = {ok / len(quiz):.3f}"
    )
    print(
        f"    choice questions: generator {choice_ok}/{len(choice)} = "
        f"{choice_ok / max(1, len(choice)):.3f} | baseline (random same-kind options) "
        f"{base_ok}/{len(base)} = {base_ok / max(1, len(base)):.3f}"
    )
    for q in quiz:
        if problems(q):
            print(f"    NOT PROVABLE {q['kind']}/{q['form']}: {q['question'][:60]} {problems(q)}")


def _verdicts() -> dict[str, dict[str, str]]:
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return {r["id"]: r for r in rows}


def _hand_read(name: str, papers: dict, roles) -> None:
    """The share of the seed-0 papers' questions judged clear, with one right answer, fair."""
    verdicts = _verdicts()
    judged, good, unjudged = 0, 0, []
    faults: Counter[str] = Counter()
    for (role, level, seed), pack in papers.items():
        if seed != 0 or (role, level) not in roles:
            continue
        for n, q in enumerate(pack["quiz"], 1):
            v = verdicts.get(question_id(q))
            if v is None:
                unjudged.append(f"{role}/{level} #{n} {question_id(q)}")
                continue
            judged += 1
            marks = (v["clear"], v["one_right"], v["fair"])
            good += all(m == "y" for m in marks)
            for fault, m in zip(
                ("unclear", "not one right answer", "unfair options"), marks, strict=True
            ):
                faults[fault] += m != "y"
    share = good / judged if judged else 0.0
    print(
        f"  hand-read, {name}: {judged} questions judged, {good} clear with one right answer "
        f"and fair options = {share:.3f} (target >= 0.90)"
    )
    if sum(faults.values()):
        print(f"    faults: {dict(+faults)}")
    if unjudged:
        print(f"    {len(unjudged)} questions not judged yet (new or changed): {unjudged[:6]}")


def main() -> None:
    """Print the provable shares and the hand-read verdicts."""
    import ingest
    from graph import open_graph, update_graph

    pairs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = ingest.parse_file(path)
        pairs.append((doc, ingest.extract_facts(doc)))
    with tempfile.TemporaryDirectory() as tmp:
        update_graph(Path(tmp), pairs, [])
        graph = open_graph(tmp)
        tuned = _papers(pairs, graph, TUNED)
        held = _papers(pairs, graph, HELD_OUT)
    values: dict[str, list[str]] = {}
    for p in [*tuned.values(), *held.values()]:
        for q in p["quiz"]:
            values.setdefault(q["kind"], []).extend(q["evidence"])
    values = {k: sorted(set(v)) for k, v in values.items()}
    print(f"study eval: {len(pairs)} documents, seeds {list(SEEDS)}, 24 questions asked per paper")
    _report("tuned roles", tuned, values)
    _report("held-out roles", held, values)
    _hand_read("tuned roles (seed 0)", tuned, TUNED)
    _hand_read("held-out 政府主要负责人 county (seed 0)", held, HAND_HELD_OUT)
