"""Large-data benchmarks, run by ``make bench`` (never inside the tests)."""
