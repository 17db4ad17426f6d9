"""The one table of how residents write phone and ID numbers (contract §6), with what each
must become wherever text leaves the database: the API, the console, logs and exports."""

from __future__ import annotations

# (as written, as shown, what the number's digits are). Every row is a resident's number.
SPELLINGS: list[tuple[str, str, str]] = [
    ("13900001111", "139****1111", "13900001111"),
    ("+8613900006666", "139****6666", "13900006666"),
    ("+86 139 0000 2222", "139****2222", "13900002222"),
    ("008613900007777", "139****7777", "13900007777"),
    ("8613900001212", "139****1212", "13900001212"),
    ("139-0000-3333", "139****3333", "13900003333"),
    ("139 0000 4444", "139****4444", "13900004444"),
    ("139.0000.8888", "139****8888", "13900008888"),
    ("139 - 0000 - 9999", "139****9999", "13900009999"),
    ("１３９００００５５５５", "139****5555", "13900005555"),
    ("＋８６－１３９－００００－１２３４", "139****1234", "13900001234"),
    ("371502199001011234", "371502********1234", "371502199001011234"),
    ("37150219900101123x", "371502********123X", "37150219900101123X"),
    ("371502 19900101 1234", "371502********1234", "371502199001011234"),
    ("３７１５０２１９９００１０１１２３４", "371502********1234", "371502199001011234"),
    ("130102800101123", "130102*****1123", "130102800101123"),
    ("0635-7654321", "0635-****4321", "06357654321"),
    ("(0635) 765 4322", "0635-****4322", "06357654322"),
    ("010-87654321", "010-****4321", "01087654321"),
]

# Written around a number in a resident's message: it must be found wherever it stands.
CONTEXTS = ["{}", "电话{}", "我的电话是{}，3号楼", "身份证号：{}。", "call {} now", "{}转账了"]

# Digits that are not a resident's number and must stay as written.
NOT_NUMBERS = ["DCF20261127-0001", "2026-11-25 13:00", "坐标36.45 115.98",
               "订单1234567890123456789", "被骗了13,900元", "110", "12345", "96110",
               "3号楼2单元501"]


def digit_runs(text: str) -> set[str]:
    """Every run of 7+ digits in `text` after removing separators, for leak checks."""
    import re

    folded = text.translate({0xFF10 + d: str(d) for d in range(10)})
    return {run for run in re.findall(r"\d{7,}", re.sub(r"(?<=\d)[ .\-－]+(?=\d)", "", folded))}
