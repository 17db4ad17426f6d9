"""The decisions check: every message of the packaged data classified, and any change named."""

from __future__ import annotations

import json

from handlers.tools import decisions


def test_every_message_file_is_read_and_every_line_with_a_text_is_one_message():
    names = decisions.data_files()
    assert "intents_corpus.tsv" in names and "emergency_dev.jsonl" in names
    assert "faq.toml" not in names
    lines = list(decisions.messages("intents_eval.tsv"))
    assert len(lines) == 295 and all(text for _, text in lines)


def test_a_recording_carries_all_a_prediction_says_and_a_change_is_named(classifier, tmp_path):
    rows = list(decisions.decisions(classifier, ["emergency_dev_own.jsonl"]))
    emergency = next(row for row in rows if row["intent"] == "emergency")
    assert {"acts", "emergency_kinds", "also_told", "reasons", "priority"} <= emergency.keys()
    assert decisions.differences(rows, rows) == []
    changed = [dict(row) for row in rows[:-1]]
    changed[0]["intent"] = "other" if changed[0]["intent"] != "other" else "consult"
    found = decisions.differences(rows, changed)
    assert len(found) == 2 and "intent" in found[0] and found[1].endswith("missing after")

    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text("".join(json.dumps(row) + "\n" for row in rows))
    after.write_text("".join(json.dumps(row) + "\n" for row in changed))
    assert decisions.main(["compare", str(before), str(before)]) == 0
    assert decisions.main(["compare", str(before), str(after)]) == 1
