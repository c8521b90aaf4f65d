"""Benchmarks at ten years of data (`make bench`): pages, lists, the report, the import and
allocation under contention, each against its floor, on the real stack. See bench/README.md."""
