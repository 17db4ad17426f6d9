"""What residents read when a message continues a ticket they already have
(handlers.conversation.ongoing): an answer to the officer, a supplement, a wish to withdraw."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "supplement_added": "已将您补充的情况记入工单{number}，办理民警会看到。",
    "officer_answered": (
        "已将您的回复转给办理民警（工单{number}）。"
        "如要办理其他事项，请直接说明，如“我要投诉……”“我想预约……”。"
    ),
    "officer_answered_again": "已转给办理民警。",
    "withdraw_recorded": (
        "已将您的撤销申请记入工单{number}，办理民警核实后会为您办结；如问题仍需处理，可随时说明。"
    ),
    "supplement_ask": "您刚反映的问题已受理（工单{number}）。",
    "supplement_choice": "这条消息是对它的补充吗？请回复数字：",
    "supplement_yes": "是，补充到这张工单",
    "supplement_no": "不是，是另一件事",
    "dialog_aside_recorded": "已将这段情况记入工单{number}。",
    # A question of several parts asked inside a dialog: the parts nothing answers.
    "aside_parts_chatter": "“{parts}”不在我们能答复的范围，就不作答了。",
    "dialog_aside_parts_left": "您还问到“{parts}”。",
    "dialog_aside_question_recorded": "您的问题已记入工单{number}，办理民警会一并答复。",
    "asked_about_report": "您的问题已记入工单{number}，办理民警会一并答复；首次答复时限：{due}。",
}
