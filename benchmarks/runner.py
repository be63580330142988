"""Run every module of a package that has a ``main()``: the engine of ``make bench``/``make eval``.

Modules are found on disk, so a stage whose benchmark or evaluation has not
been written yet is simply absent, and one that cannot be imported (its
package is half-built) is reported and skipped instead of stopping the rest.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

__all__ = ["discover", "run_all"]


REPO = Path(__file__).resolve().parent.parent


def discover(package: str, prefix: str = "", repo: Path = REPO) -> list[str]:
    """Dotted names of the package's modules whose file name starts with ``prefix``."""
    root = repo / package
    return [
        f"{package}.{f.stem}"
        for f in sorted(root.glob(f"{prefix}*.py"))
        if not f.stem.startswith("_") and f.stem != "runner"
    ]


def run_all(package: str, prefix: str = "", only: Sequence[str] = (), repo: Path = REPO) -> int:
    """Import each module and call its ``main()`` under a header; returns the exit code."""
    found = discover(package, prefix, repo)
    names = [n for n in found if not only or any(o in n for o in only)]
    if not names:
        print(f"no {package} modules found" + (f" matching {' '.join(only)}" if only else ""))
        return 0
    failures = 0
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"skipped: cannot import ({exc})", flush=True)
            continue
        main = getattr(module, "main", None)
        if not callable(main):
            print("skipped: no main()", flush=True)
            continue
        t0 = time.perf_counter()
        try:
            main()
        except Exception:  # one broken figure must not hide the others
            failures += 1
            traceback.print_exc()
            print(f"FAILED: {name}", flush=True)
        print(f"--- {name}: {time.perf_counter() - t0:.1f} s", flush=True)
    print(f"\n{len(names)} {package} modules, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run_all(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
