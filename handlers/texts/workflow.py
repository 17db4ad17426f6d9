"""What officers and residents read of the 12345 workflow: 签收, 退单, 督办, 合并, 差评回访."""

from __future__ import annotations

# Column headers of the 12345 figures (§7), after the unit's name.
STEP_KPI_HEADERS = ("单位", "签收率", "按时签收率", "退单率", "督办数", "差评回访率", "差评整改率",
                    "差评申诉")

TEXTS: dict[str, str] = {
    # Refusals (API, console, WeCom).
    "conflict_acknowledged": "工单{number}已由{officer}确认收到，无需重复确认。",
    "conflict_signed": "工单{number}已由{officer}签收，无需重复签收。",
    "officer_named": "{name}（{unit}）",
    "officer_someone": "其他民警",
    "conflict_not_open": "工单当前状态为“{status}”，不能办理此操作。",
    "forbidden_other_unit": "只有工单所属单位（{unit}）的民警可以签收或退单。",
    "conflict_merge_self": "不能把工单合并到它自己。",
    "merge_into_invalid": "请填写要合并到的工单号，如 DCF20261125-0001。",
    "merge_into_unknown": "没有找到要合并到的工单 {number}，或它已办结、已撤销。",
    "conflict_not_rated_badly": "该工单没有差评（满意度1–2），无需回访或申诉。",
    "conflict_disputed": "该差评已标记申诉。",
    "supervise_due_invalid": "办结期限格式不正确，请填写如 2026-12-05 或 2026-12-05T17:00。",
    "supervise_due_past": "办结期限必须晚于现在。",
    # Timeline texts.
    "event_signed": "{unit}签收",
    "event_signed_late": "{unit}签收（超时）",
    "event_returned": "退单：{reason}",
    "event_supervised": "督办：{note}",
    "event_supervised_due": "督办：{note}（要求{due}前办结）",
    "event_merged_into": "合并至{number}",
    "event_merged_from": "{number}合并至本工单",
    # WeCom notices.
    "wecom_sign_reminder": "【待签收提醒】工单{number}（{kind}，{priority}）已派至{unit}，"
                           "签收时限{due}已过，请尽快签收：回复“签收 {number}”，"
                           "或在工作台处理：{link}",
    "wecom_returns_flagged": "【退单提醒】工单{number}已被退单{count}次（最近一次：{unit}，"
                             "理由：{reason}），请督导员在工作台“待分派”中审核分派。",
    "wecom_supervised": "【督办】工单{number}：{note}{due}。请优先办理。",
    "wecom_supervised_due": "，要求{due}前办结",
    "wecom_signed": "已签收：工单{number}，由您负责办理。",
    "wecom_returned": "已退单：工单{number}已退回待分派。",
    "wecom_usage_sign": "用法：签收 工单号",
    "wecom_usage_return": "用法：退单 工单号 理由",
    # Console.
    "console_signed": "已签收。",
    "console_returned": "已退回待分派。",
    "console_supervised": "已督办，已通知责任民警。",
    "console_merged": "已合并。",
    "console_disputed": "已标记申诉。",
    "badge_unsigned": "待签收",
    "badge_sign_overdue": "签收超时",
    "badge_supervised": "督办",
    "badge_returns": "退单{count}次",
    # 差评 follow-ups.
    "event_followup_opened": "差评（满意度{score}）回访：{officer}，{call}前回访，"
                             "{fix}前整改或说明",
    "followup_nobody": "本单位暂无其他民警，请督导员指派",
    "wecom_followup": "【差评回访】工单{number}群众评价满意度{score}。{text}。",
    "event_followup_called": "已回访群众：{note}",
    "event_followup_fixed": "整改/说明：{note}",
    "event_rating_disputed": "差评申诉：{reason}",
    "followup_to_resident": "关于您评价的工单{number}，我们已复核并整改/说明如下：\n{note}\n"
                            "感谢您的监督。",
    "conflict_followup_done": "该差评回访的这一步已记录。",
    "forbidden_followup_officer": "只有负责回访的民警或督导员可以记录差评回访。",
    "followup_step_unknown": "回访步骤只能是 called（已回访）或 fixed（整改/说明）。",
    "console_followup_recorded": "已记录差评回访。",
    "event_followup_handed_over": "差评回访改由{officer}负责",
    "conflict_followup_rated_officer": "{username}是被评价的民警，不能负责本次差评回访。",
    "conflict_followup_same_officer": "{username}已是本次差评回访的负责民警。",
    "console_followup_handed_over": "已改派差评回访民警。",
    # To residents whose tickets were merged.
    "merged_to_resident": "您反映的问题（工单号{old}）与工单{number}为同一事项，已合并办理，"
                          "后续进展将以工单{number}告知您。",
}
