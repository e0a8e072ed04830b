"""Desk's performance benchmarks: each figure measured beside its floor in the same run.

Run from the repository root:  python -m benchmarks run --orders 1000000 --out bench.json
(see benchmarks/README.md). Not part of the shipped package.
"""
