"""The cluster bench counts its unmeasured warm-up round's pushes and errors (bench.cluster):
the round's rows are stored beside the measured ones, so neither hides a lost row."""

from bench import cluster


def _generator(pushes: int, errors: int = 0) -> dict:
    """What bench.closed_loop reports for one instance's run."""
    return {"pushes": pushes, "latencies_ms": [5.0] * pushes, "seconds": 2.0,
            "passive": pushes - errors, "later": 0, "errors": errors,
            "generator_cpu_share": 0.1}


def _figures(stored: int, warm_up: dict, measured: list[dict]) -> dict:
    before = ([100, 100], 50, 0.0)
    after = ([300, 300], 80, 2.0)
    return cluster._figures(2, measured, before, after, stored, later=0, sent=0,
                            summary={}, warm_up=warm_up)


def test_the_warm_up_rows_stored_beside_the_measured_ones_are_not_lost():
    result = _figures(stored=1_300, warm_up={"pushes": 300, "errors": 0, "seconds": 1.0},
                      measured=[_generator(500), _generator(500)])
    assert result["pushes"] == 1_000
    assert result["lost"] == 0
    assert result["errors"] == 0


def test_a_warm_up_row_missing_or_failed_shows():
    result = _figures(stored=1_299, warm_up={"pushes": 300, "errors": 2, "seconds": 1.0},
                      measured=[_generator(500), _generator(500)])
    assert result["lost"] == 1
    assert result["errors"] == 2
