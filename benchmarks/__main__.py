"""``python -m benchmarks [NAME ...]``: every ``benchmarks/bench_*.py`` main(), or those named."""

import sys

from benchmarks.runner import run_all

sys.exit(run_all("benchmarks", "bench_", sys.argv[1:]))
