"""Benchmarks: every figure a ratio against a yardstick measured in the same run (README.md)."""
