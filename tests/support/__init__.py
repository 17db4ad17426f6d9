"""Helpers shared by test modules that only a few of them use (servers to kill, PostgreSQL,
fuzzing strategies, number spellings, export data, config files)."""
