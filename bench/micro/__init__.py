"""Micro-benchmarks of one look-up or step, beside the end-to-end runs of bench/."""
