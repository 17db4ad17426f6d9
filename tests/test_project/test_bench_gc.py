"""The server's gc line (bot/server.Collections) as the benchmarks read it (bench/servers)."""

import gc
import logging

from bench import servers
from bot.server import Collections


def test_collections_while_serving_reach_the_bench(tmp_path, caplog):
    watch = Collections()
    watch.start()
    try:
        gc.collect()
        gc.collect(0)
    finally:
        with caplog.at_level(logging.INFO, logger="bot.server"):
            watch.stop()
    assert watch not in gc.callbacks
    log = tmp_path / "server.log"
    log.write_text("2026-12-04 INFO bot.server: listening\n"
                   + "\n".join(f"2026-12-04 INFO bot.server: {r.getMessage()}"
                               for r in caplog.records) + "\n", encoding="utf-8")
    gens = servers.collections(log)
    assert [g["generation"] for g in gens] == [0, 1, 2]
    assert gens[2]["count"] >= 1 and gens[0]["count"] >= 1
    assert gens[2]["max_ms"] <= gens[2]["total_ms"]
    assert "gen2 " in servers.render_collections(gens, pushes=10)


def test_a_log_without_the_line_says_so(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("killed before stopping\n", encoding="utf-8")
    assert servers.collections(log) == []
    assert servers.collections(tmp_path / "missing.log") == []
    assert "no gc line" in servers.render_collections([], pushes=10)
