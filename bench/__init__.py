"""Benchmarks: `python -m bench.answers` (engine) and `python -m bench.http` (HTTP turns vs an echo floor).

They print figures and never fail on a timing."""
