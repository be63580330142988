"""The ``make bench``/``make eval`` runner: every module's main(), tolerant of the missing."""

from __future__ import annotations

import sys

from benchmarks.runner import discover, run_all


def test_runner_calls_each_main_and_survives_broken_modules(tmp_path, monkeypatch, capsys):
    pkg = tmp_path / "fakebench"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "bench_a.py").write_text("def main():\n    print('figure A 12 ms')\n")
    (pkg / "bench_b.py").write_text("def main():\n    raise RuntimeError('boom')\n")
    (pkg / "bench_c.py").write_text("X = 1\n")
    (pkg / "bench_d.py").write_text("import module_that_is_not_written_yet\n")
    (pkg / "helper.py").write_text("def main():\n    print('not a benchmark')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fakebench", raising=False)
    assert discover("fakebench", "bench_", tmp_path) == [f"fakebench.bench_{x}" for x in "abcd"]
    assert run_all("fakebench", "bench_", repo=tmp_path) == 1
    out = capsys.readouterr().out
    assert "=== fakebench.bench_a ===" in out and "figure A 12 ms" in out
    assert "FAILED: fakebench.bench_b" in out and "skipped: no main()" in out
    assert "skipped: cannot import" in out and "not a benchmark" not in out
    assert run_all("fakebench", "bench_", only=["bench_a"], repo=tmp_path) == 0
