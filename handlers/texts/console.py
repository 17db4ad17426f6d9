"""Sentences of the console's and exports' finer points, and the resident's notice of a
transfer: where a ticket went, how a reply is travelling, why an export is empty."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # A ticket out of 待分派 by the place the resident gave: routing, not a transfer.
    "routed_event": "按事发地点确定承办单位：{unit}",
    # The resident of a transferred ticket is told where it went (no reason: it is internal).
    "transferred_to_resident": "您的工单{number}已转交{unit}办理，后续将由该单位民警与您联系。",
    "transferred_to_resident_phone": "您的工单{number}已转交{unit}办理，后续将由该单位民警"
                                     "与您联系（{unit}电话：{phone}）。",
    # 指派给 on a unit without officers (e.g. just after a transfer there).
    "assign_no_officers": "{unit}尚无可指派的民警账号（或已全部停用）。请由该单位民警登录后认领，"
                          "或联系管理员为{unit}添加民警。",
    # A location message in 群众对话: WeChat's label, else its coordinates.
    "console_thread_location": "发送了位置：{place}",
    # A deadline of a ticket cancelled (merged) or closed before it was met.
    "console_clock_stopped": "未完成，工单{status}，不再计时",
    # The details of an access log's row.
    "access_detail_next_page": "翻页",
    "access_detail_separator": "；",
    "access_detail_branch": "全分局",
    # How an officer's reply is travelling, from the outbox (群众对话).
    "delivery_queued": "已排队发送",
    "delivery_sending": "正在发送",
    "delivery_sent": "已送达",
    "delivery_sent_passive": "已随群众下一条留言送达",
    "delivery_held": "群众超过48小时未留言，微信暂不允许发送；待群众再次留言时随回复送达",
    "delivery_failed": "发送失败：{reason}",
    "delivery_expired": "已过期未发送",
    "delivery_callback": "待电话回访",
    "delivery_recorded": "仅记录（无法联系群众）",
    "delivery_group_task": "群发任务（待群主确认）",
    "delivery_group": "群内答复",
    "delivery_reason_unknown": "原因未知",
    "delivery_reason_45015": "群众已超过48小时未互动或已取消关注",
    "delivery_reason_45047": "超过微信客服消息条数限制",
    "delivery_reason_43004": "群众已取消关注",
    "delivery_reason_40003": "群众的微信号（openid）无效",
    "delivery_reason_transport": "无法连接微信服务器",
    # An export with no row says why.
    "export_empty_none_opened": "{heading}：没有未办结的工单。本周未受理新工单，此前受理的工单均已"
                                "办结、关闭或撤销。",
    "export_empty_all_done": "{heading}：没有未办结的工单。本周受理{opened}件，与此前受理的工单"
                             "均已办结、关闭或撤销。",
}

EVENT_LABELS = {"routed": "确定承办单位"}

# An officer's access log (访问记录) as supervisors read it.
ACCESS_ACTION_LABELS = {
    "view": "查看工单", "list": "浏览列表", "search": "搜索", "reveal": "查看完整号码",
    "reveal_text": "查看未遮蔽的内容", "export": "导出", "access_log": "查看访问记录",
    "dashboard": "查看仪表盘", "media": "查看图片/语音/视频", "calendar": "修改工作日历",
}
ACCESS_FILTER_LABELS = {"status": "状态", "kind": "类型", "unit": "单位", "assignee": "责任民警",
                        "q": "搜索", "queue": "列表"}
ACCESS_ASSIGNEE_LABELS = {"me": "本人", "none": "未指派"}
ACCESS_DETAIL_LABELS = {"count": "结果条数", "kind": "设为", "week": "周次", "format": "格式",
                        "rows": "行数", "overdue": "其中超时", "unit": "单位", "as_of": "截至"}
ACCESS_CALENDAR_LABELS = {"holiday": "休息日", "workday": "工作日", "default": "按官方日历"}
