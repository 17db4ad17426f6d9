"""What officers read about the police WeChat groups (警务微信群), in zh-CN, keyed by id."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # The group owner, in the WeCom app.
    "group_ticket_owner": (
        "【警务微信群】{group}群成员“{member}”的诉求已生成工单 {number}（{kind}，{unit}）："
        "{summary}\n请在群内@该成员答复（群内答复计入首次响应），或在工作台处理：{link}"
    ),
    "group_emergency_owner": (
        "【紧急·警务微信群】{group}群成员“{member}”反映紧急情况（{emergency_kind}），"
        "工单 {number}。请立即在群内回应该成员，必要时拨打110。{link}"
    ),
    "group_task_owner": (
        "【群发待确认】工单 {number} 的答复已提交为{group}群的群发任务，请在企业微信"
        "“客户群群发”中确认发送：\n{text}"
    ),
    "group_member_unnamed": "群成员{tail}",
    # The console and API: answering a group ticket.
    "group_task_pending": (
        "已提交为群发任务，待群主{owner}在企业微信中确认发送（本月已用{used}/{quota}次）。"
    ),
    "group_task_sent": "群发任务已由群主确认，已发送到{group}。",
    "group_task_failed": (
        "企业微信未能创建群发任务（未配置企业微信应用或群主无权限），请直接在群内答复。"
    ),
    "group_quota_spent": (
        "{group}本月群发次数已用完（{used}/{quota}）。请直接在群内@该群众答复，"
        "群内答复会自动记入工单。"
    ),
    "group_no_owner": "该警务微信群未配置群主，无法提交群发任务，请直接在群内答复。",
    "group_answer_hint": (
        "此工单来自警务微信群“{group}”。建议直接在群内@{member}答复（自动记入工单，不占群发次数）；"
        "在此答复将提交为群发任务，需群主确认，本月剩余{left}/{quota}次。"
    ),
    "group_task_overdue_owner": (
        "【群发待确认·已超时】工单 {number} 的答复提交为{group}群的群发任务已超过{hours}小时，"
        "仍未在群内发出。请在企业微信“客户群群发”中确认发送，或直接在群内@该群众答复：\n{text}"
    ),
    "group_task_overdue_owner_moved": (
        "【群发待发出·已超时】工单 {number} 的答复曾提交为{group}群的群发任务（原群主{previous}），"
        "已超过{hours}小时仍未在群内发出。您现为该群群主，请直接在群内发送以下答复，"
        "或@该群众答复：\n{text}"
    ),
    "group_task_overdue": "群发任务超过{hours}小时未经群主确认，已再次提醒群主{owner}。",
    "group_task_overdue_moved": (
        "群发任务超过{hours}小时未经群主确认；群主已由{previous}变更为{owner}，已提醒现群主{owner}。"
    ),
    "group_task_state_moved": "（原群主{previous}，已改由现群主{owner}发送）",
    "group_task_state_pending": "待群主确认",
    "group_task_state_overdue": "待群主确认（已超时）",
    "group_task_state_unknown": "发送结果未知（{days}天未确认，已不再向企业微信查询）",
    "group_task_state_sent": "已发送",
    "group_task_state_failed": "失败",
    # Recalls (撤回): the timeline and the group thread.
    "group_recalled_resident": "群众撤回了消息（{member}）。原消息仍保留在工单中，标注为已撤回。",
    "group_recalled_officer": "民警撤回了群内消息（{member}）。原消息仍保留，标注为已撤回。",
    "group_recalled_by": "{who}撤回了“{member}”的群消息。原消息仍保留在工单中，标注为已撤回。",
    "group_message_recalled": "已撤回",
    "group_recall_line": "（撤回了一条消息）",
    # The figures (report kpi, dashboard).
    "group_report_title": "警务微信群（渠道：警务微信群）",
    "group_unit_total": "（单位合计）",
    "console_replied_group_task": (
        "已提交为群发任务，待群主在企业微信“客户群群发”中确认后发送到群内。"
        "下次可直接在群内@该群众答复，不占群发次数。"
    ),
    "wecom_replied_group_task": (
        "已提交：工单{number}的回复已成为群发任务，待群主确认后发送到警务微信群。"
    ),
}

# Column headers of the group figures (report kpi, dashboard).
GROUP_HEADERS = ("警务微信群", "所属单位", "群内诉求", "首次响应中位数", "首次响应P90", "未办结",
                 "群成员")
