"""Demo data for `make run` and synthetic data for the benchmarks: it composes every app, so it
stands on top of them (nothing imports it)."""
