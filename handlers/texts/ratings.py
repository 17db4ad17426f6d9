"""What residents and officers read of 好差评 beyond the verdict dialog: rating late (within 5
working days of resolution) and the 差评 follow-up's deadline reminders."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # 问题解决了吗, asked of a booking or a question in their own words (the answers are the same).
    "verdict_ask_solved_appointment": "请您评价：预约的事项办好了吗？请回复数字：",
    "verdict_ask_solved_consult": "请您评价：您咨询的问题得到解答了吗？请回复数字：",
    # Rating late: the resident writes 评价 (or 评价 工单号).
    "late_rating_intro": "您好，现在请您为工单{number}补充评价（办结后5个工作日内可评价，"
                         "截至{ends}）。",
    "late_rating_closed": "工单{number}的评价期已于{ends}结束（办结后5个工作日内可评价），"
                          "不能再评价了。如对办理结果或民警服务有意见，请直接发送您的意见建议，"
                          "我们会转交民警处理。",
    "late_rating_already": "工单{number}您已经评价过了（满意度：{score}），感谢您的监督！"
                           "如还有意见建议，请直接发送。",
    "late_rating_not_resolved": "工单{number}当前状态为“{status}”，办结后才能评价。",
    "late_rating_none": "您目前没有可以评价的工单。如有意见建议，请直接发送，我们会转交民警处理；"
                        "回复“我的工单”可查看办理情况。",
    "verdict_late_hint": "如现在不便评价，{ends}前（办结后5个工作日内）回复“评价”即可补评。",
    "verdict_cancelled_late": "好的，不评价也没关系。{ends}前回复“评价”仍可评价；"
                              "如有需要，随时发送消息。",
    "verdict_event_late": "（办结后补评）",
    # 差评 follow-up reminders (WeCom) and their timeline events.
    "wecom_followup_callback_near": "【差评回访提醒】工单{number}：请在{due}前电话回访群众"
                                    "（负责民警：{officer}），回访后在工作台记录：{link}",
    "wecom_followup_callback_late": "【差评回访超时】工单{number}：回访时限{due}已过，"
                                    "负责民警{officer}尚未记录回访，请尽快回访群众：{link}",
    "wecom_followup_fix_near": "【差评整改提醒】工单{number}：请在{due}前完成整改或向群众说明"
                               "（负责民警：{officer}），完成后在工作台记录：{link}",
    "wecom_followup_fix_late": "【差评整改超时】工单{number}：整改或说明时限{due}已过，"
                               "负责民警{officer}尚未记录，请督促办理：{link}",
    "event_followup_callback_near": "回访时限（{due}）将至，已提醒{told}",
    "event_followup_callback_late": "回访时限（{due}）已过，已通知{told}",
    "event_followup_fix_near": "整改/说明时限（{due}）将至，已提醒{told}",
    "event_followup_fix_late": "整改/说明时限（{due}）已过，已通知{told}",
    "followup_told_officer": "负责民警{officer}",
    "followup_told_supervisors": "督导员",
    "followup_told_group": "警务群",
}
