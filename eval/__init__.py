"""Quality evaluations, one module with a ``main()`` per stage; run by ``make eval``."""
