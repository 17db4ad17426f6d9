"""What residents read while booking (handlers.intents.appointment) beyond the questions
every booking asks (those are in residents.py): a visit's address, an answer kept ahead."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "dialog_kept_ahead": "已记下：{value}。",
    "dialog_amended": "好的，已修改。",
    "ask_visit_address": "请问民警上门的地址是？（如：古楼街道某小区某号楼某单元）",
    "visit_place": "{address}（上门服务，{unit}）",
    "visit_summary": "，上门地址：{address}",
    "ask_talk_place": "请问宣讲的地址是？（如：某某小学、某某社区活动室）",
    "talk_place": "{address}（宣讲地点，{unit}）",
    "talk_summary": "，宣讲地点：{address}",
    "ask_unit": "请问您想到哪个派出所办理？请回复数字：\n{choices}",
    "unit_any": "都可以，由民警安排",
    "unit_choice": "{unit}（{areas}）",
    "unit_unknown": "没有找到这个派出所，请回复列表中的数字。",
    "reschedule_recorded": "已将您改时间的要求记入预约工单{number}，民警确认新的时间后会通知您。",
    "reschedule_asked_alert": "【预约改期】工单{number}：群众希望改时间：{text}",
}
