"""The Ray build on one machine against the local build: wall time of ``dutygraph build``.

A Ray cluster of a head and a worker node (one CPU each: the machine's two cores) is
started on 127.0.0.1 first (not timed: a cluster outlives builds). Then the five seeds
are built cold into fresh stores, each as the command a user runs (a new process:
start-up, model loading, parsing, graph, encoding, index): once locally, once with
``--ray``. Target (issue 17): the cluster build takes at most 1.5x the local one on
one machine. Both stores must hold the same clause units. Needs the cluster extra.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import SEEDS as SEED_FILES

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
# The five seed documents (000-004), as named in tests/conftest.py.
SEEDS = tuple(path.stem for path in SEED_FILES.values())


def _build(store: Path, *extra: str) -> float:
    cli = Path(sys.executable).with_name("dutygraph")
    files = [str(ROOT / "corpus" / f"{s}.txt") for s in SEEDS]
    t0 = time.perf_counter()
    subprocess.run(
        [str(cli), "--store", str(store), "build", *files, "--quiet", *extra], check=True
    )
    return time.perf_counter() - t0


def _units(store: Path) -> list[str]:
    lines = (store / "search" / "units.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["clause_id"] for line in lines]


def main() -> None:
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # every Ray address on 127.0.0.1
    try:
        from ray.cluster_utils import Cluster
    except ImportError:
        print("skipped: Ray is not installed (pip install -e '.[cluster]')")
        return
    t0 = time.perf_counter()
    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "node_ip_address": "127.0.0.1", "include_dashboard": False},
    )
    try:
        cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
        cluster.wait_for_nodes()
        print(
            f"ray cluster (head + 1 worker node, 1 CPU each) up in {time.perf_counter() - t0:.0f} s"
        )
        with tempfile.TemporaryDirectory(prefix="dg-bench-cluster-") as tmp:
            local = _build(Path(tmp) / "local")
            ray = _build(Path(tmp) / "ray", "--ray", cluster.address)
            same = _units(Path(tmp) / "local") == _units(Path(tmp) / "ray")
        print(
            f"five seeds, cold: local build {local:.1f} s, Ray build {ray:.1f} s, "
            f"ratio {ray / local:.2f} (target <= 1.5); same units: {same}"
        )
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    main()
