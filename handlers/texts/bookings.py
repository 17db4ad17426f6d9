"""What residents read while booking (handlers.intents.appointment) beyond the questions
every booking asks (those are in residents.py): a visit's address, an answer kept ahead."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "dialog_kept_ahead": "已记下：{value}。",
    "ask_visit_address": "请问民警上门的地址是？（如：古楼街道某小区某号楼某单元）",
    "visit_place": "{address}（上门服务，{unit}）",
    "visit_summary": "，上门地址：{address}",
}
