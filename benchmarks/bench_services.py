"""User services: wall time of ``check``, ``duties --sheet --ics`` and ``study`` (target < 3 s).

``python -m benchmarks bench_services`` (or ``make bench``). Uses the built store of
``$DUTYGRAPH_HOME`` or ``./.dutygraph``; without one it builds corpus/ into a temporary
store with the hashing encoder (these commands read no search index). Each command
runs as ``python -m app.cli.main`` in a fresh process, as a user starts it, so the time
includes interpreter start and imports; the best of three runs is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 3.0
RUNS = 3


def _store(tmp: Path) -> Path:
    for candidate in (os.environ.get("DUTYGRAPH_HOME"), str(ROOT / ".dutygraph")):
        if candidate and (Path(candidate) / "manifest.json").exists():
            return Path(candidate)
    import search.model.encoder
    from app.build import build

    # the build's index is embedded with the hashing encoder, not the model: the commands
    # timed read no search index, so loading the model would only slow the set-up
    hashing = search.model.encoder.HashingEncoder()
    t0 = time.perf_counter()
    with mock.patch.object(search.model.encoder, "load_encoder", return_value=hashing):
        build([ROOT / "corpus"], tmp / "store")
    print(f"built corpus/ into a temporary store in {time.perf_counter() - t0:.1f} s")
    return tmp / "store"


def _commands(out: Path) -> dict[str, list[str]]:
    corpus, fixtures = ROOT / "corpus", ROOT / "tests" / "fixtures"
    return {
        "check 002 --against 000 (store) --report .docx": [
            "check", str(corpus / "county_wangyi_2018_work_safety_reform_draft.txt"),
            "--against", "county_wangyi_2018_leader_responsibility_draft",
            "--json", "--report", str(out / "report.docx"),
        ],
        "check planted --against 001 (file)": [
            "check", str(fixtures / "draft_daligang_planted.txt"),
            "--against", str(corpus / "township_daligang_2019_dual_responsibility_notice.txt"),
            "--json",
        ],
        "duties 党委 county 王益区 --sheet --ics": [
            "duties", "--role", "党委", "--level", "county", "--region", "王益区", "--json",
            "--sheet", str(out / "sheet.docx"), "--ics", str(out / "cal.ics"),
        ],
        "study 政府分管安全生产负责人 county .docx": [
            "study", "--role", "政府分管安全生产负责人", "--level", "county",
            "--out", str(out / "pack.docx"),
        ],
    }  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench_services_") as tmp:
        store = _store(Path(tmp))
        env = os.environ | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        print(f"store: {store}; best of {RUNS} fresh-process runs; target < {TARGET_S:.0f} s")
        for name, argv in _commands(Path(tmp)).items():
            times = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "app.cli.main", "--store", str(store), *argv],
                    cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                )  # fmt: skip
                times.append(time.perf_counter() - t0)
                if done.returncode:
                    print(f"  {name}: exit {done.returncode}: {done.stderr.strip()[:200]}")
                    break
            best = min(times)
            verdict = "ok" if best < TARGET_S else "SLOW"
            print(f"  {name:<48} {best:6.2f} s  {verdict}")


if __name__ == "__main__":
    main()
