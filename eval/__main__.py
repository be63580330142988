"""``python -m eval [NAME ...]``: every ``eval/*.py`` main() (quality figures), or those named."""

import sys

from benchmarks.runner import run_all

sys.exit(run_all("eval", "", sys.argv[1:]))
