"""Speed benchmarks, one ``bench_<stage>.py`` with a ``main()`` each; run by ``make bench``."""
