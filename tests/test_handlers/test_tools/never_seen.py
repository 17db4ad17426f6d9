"""What every later never-seen emergency set's tests check of `make eval`'s report of it
(eblind3, eblind4, …): its own section, with the same targets, naming its misses under its
tag and printing none of its texts; carried by the hook at its place among the sections.

PYTEST_DONT_REWRITE: a failing assert here must not print the never-seen texts it compared.
"""

from __future__ import annotations

from handlers.tools import blind_set, emergency_set


def check_section(classifier, section: tuple[str, dict, list[str]], name: str, heading: str,
                  tag: str, position: int) -> None:
    """`section` is `blind_set.section` of the set `name`, headed `heading`, its targets'
    misses named `tag:…`, reported at `position` among the hook's sections."""
    text, figures, missed = section
    assert text.startswith(f"== emergency set, {heading} (")
    assert "targets: recall 1.00 every kind" in text
    assert set(figures["recall"]) - {"all"} == set(emergency_set.EMERGENCY_KINDS)
    assert "missed" not in figures and "alarms" not in figures and figures["frozen"] is True
    assert all(miss.startswith(f"{tag}:") for miss in missed)
    expected = {f"{tag}:recall:{kind}" for kind, value in figures["recall"].items() if value < 1}
    expected |= {f"{tag}:false_alarms:{group}" for group, target
                 in blind_set.FALSE_ALARM_TARGET.items()
                 if figures["false_alarms"][group] > target}
    assert set(missed) == expected
    # Counted, never shown: a failing assert would print the never-seen texts.
    shown = sum(item.text in text for item in emergency_set.read_items(name))
    assert shown == 0, f"{shown} never-seen texts printed by the report"
    texts: list[str] = []
    found: dict = {}
    all_missed = blind_set.report(classifier, texts, found)
    assert len(texts) == 5 and texts[position] == text and found[heading] == figures
    assert [miss for miss in all_missed if miss.startswith(f"{tag}:")] == missed
