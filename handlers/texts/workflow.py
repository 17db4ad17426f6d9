"""What officers and residents read of the 12345 workflow: 签收, 退单, 督办, 合并, 差评回访."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # Refusals (API, console, WeCom).
    "conflict_acknowledged": "工单{number}已由{officer}确认收到，无需重复确认。",
    "conflict_signed": "工单{number}已由本单位签收（{officer}），无需重复签收。",
    "conflict_not_open": "工单当前状态为“{status}”，不能办理此操作。",
    "forbidden_other_unit": "只有工单所属单位（{unit}）的民警可以签收或退单。",
    "conflict_merge_self": "不能把工单合并到它自己。",
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
    # To residents whose tickets were merged.
    "merged_to_resident": "您反映的问题（工单号{old}）与工单{number}为同一事项，已合并办理，"
                          "后续进展将以工单{number}告知您。",
}
