"""What officers read: console, API refusals, exports, alerts, WeCom (zh-CN, keyed by id)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # Tickets and the work calendar (officers).
    "ticket_flagged_unassigned": "待分派",
    "calendar_missing_year": (
        "{years}年的法定节假日和调休安排尚未录入，工单办理时限暂按周末和常规节日估算，"
        "请在工作日历中补录。"
    ),
    "list_separator": "、",     # between the items of a list in a sentence (2027、2028年)
    # Officers: accounts, the console's login, the workflow's refusals (API and console).
    "contact_anonymous": "匿名",
    "reply_to_resident": "关于{matter}（工单号{number}），民警答复如下：\n{text}",
    "login_failed": "用户名或密码错误。",
    "login_locked": "登录失败次数过多，从本机登录此账号已锁定15分钟，请稍后再试。",
    "unauthorized": "未登录或令牌无效、已过期。",
    "ticket_unknown": "没有找到该工单，或您无权查看。",
    "officer_unknown": "没有找到民警账号 {username}。",
    "officer_exists": "民警账号 {username} 已存在 (username taken)",
    "officer_wecom_taken": "企业微信账号 {wecom_user} 已绑定其他民警 (wecom user taken)",
    "officer_disabled": "民警账号 {username} 已停用 (officer disabled)",
    "officer_username_invalid": "用户名只能包含字母、数字和 _ . -，最长64位 (invalid username)",
    "officer_name_invalid": "姓名不能为空，最长64字 (invalid name)",
    "officer_unit_unknown": "不是已配置的单位 (not a configured unit): {unit}",
    "officer_role_invalid": "角色须为 officer、supervisor 或 admin (invalid role)",
    "officer_password_invalid": "密码至少{min}位，从标准输入第一行读取 (password too short)",
    "officer_added": "已添加民警 {username}（{name}，{unit}，{role}）",
    "officer_disabled_done": "已停用民警 {username}，其令牌和登录会话已全部失效",
    "db_not_ready": "数据库尚未初始化，请先运行 jingmin db upgrade (database not migrated)",
    "forbidden_role": "{action}仅限{roles}，您的角色是{role}。",
    "forbidden_supervisor_only": "{right}仅限督办人员（所长、指挥人员）和管理员，"
                                 "您的角色是{role}。",
    "forbidden_assign_taken": "该工单已有责任民警，只有督办人员可以改派。",
    "forbidden_assign_others": "民警只能认领给自己，指派他人需督办人员操作。",
    "forbidden_not_assignee": "只有责任民警或督办人员可以办结此工单。",
    "contact_anonymous_hidden": "匿名举报，不显示联系方式。",
    "contact_none": "该工单没有联系方式。",
    "invalid_body": "请求内容不是有效的JSON对象。",
    "body_too_large": "请求内容过大。",
    "field_required": "请填写{label}。",
    "field_not_text": "{label}须为文字。",
    "field_too_long": "{label}过长，最多{max}字。",
    "field_control_chars": "{label}含有不可见的控制字符。",
    "field_unpaired_surrogate": "{label}含有无法识别的字符（不成对的代理码位），请删除后重试。",
    "invalid_cursor": "翻页参数无效。",
    "invalid_limit": "每页条数须为1到200的整数。",
    "status_unknown": "未知的工单状态。",
    "field_not_username": "{label}不是有效的民警用户名（字母、数字及 _ . -，最多64位）。",
    "kind_unknown": "未知的工单类型。",
    "assign_officer_unknown": "没有可指派的民警 {username}。",
    "assign_officer_other_unit": "民警 {username} 不属于{unit}，只能指派本单位民警。",
    "transfer_unit_unknown": "没有名为“{unit}”的单位。",
    "conflict_transition": "工单当前状态为“{status}”，不能变更为“{target}”。",
    "conflict_reply_closed": "工单已{status}，不能再答复群众。",
    "conflict_assign": "工单当前状态为“{status}”，不能指派（或已指派给该民警）。",
    "conflict_transfer": "工单当前状态为“{status}”，不能移交（或已属于该单位）。",
    "conflict_kind_same": "工单已是该类型。",
    "conflict_ack_not_emergency": "只有紧急警情需要确认收到。",
    # The weekly export, the figures and the police-group summary (officers).
    "export_sheet_rows": "未办结工单",
    "export_sheet_stats": "统计",
    "export_sheet_kpi": "KPI",
    "export_unassigned": "未指派",
    "export_anonymous": "匿名",
    "export_yes": "是",
    "export_no": "否",
    "export_total": "合计",
    "export_branch": "全分局",
    "export_as_of": "统计时点：{at}（{week}，{start} 至 {end}）",
    "export_as_of_now": "统计时点：{at}（{week} 尚未结束，按当前状态统计）",
    "export_stats_by_unit_kind": "按单位和类型",
    "export_stats_by_priority": "按优先级",
    "export_stats_overdue": "超时工单（按单位）",
    "export_stats_by_sla": "按时限状态",
    "export_stats_chart": "各单位未办结工单（按类型）",
    "export_unit": "单位",
    "export_priority": "优先级",
    "export_count": "数量",
    "export_overdue": "超时",
    "export_kpi_week": "周次",
    "export_kpi_this_week": "本周",
    "export_kpi_last_week": "上周",
    "sla_ok": "正常",
    "sla_first_response_overdue": "首次响应超时",
    "sla_resolve_overdue": "办理超时",
    "actor_system": "系统",
    "actor_resident": "群众",
    "event_status_to": "状态变更为{status}",
    "kpi_title": "{week}（{start} 至 {end}）",
    "kpi_title_now": "{week}（{start} 至今，截至 {at}）",
    "kpi_none": "—",
    "duration_minutes": "{m}分钟",
    "duration_hours": "{h}小时{m}分",
    "duration_days": "{d}天{h}小时",
    "export_summary": (
        "【每周未办结工单】{week}（{start} 至 {end}）\n"
        "未办结 {rows} 件，其中超时 {overdue} 件。\n{units}\n"
        "导出文件：{file}\n请登录警民通后台查看和下载：{link}"
    ),
    "export_summary_unit": "{unit}：{rows} 件（超时 {overdue} 件）",
    "export_summary_none": "各单位均无未办结工单。",
    # The police group's alerts (no phone numbers, names or residents' words).
    "alert_emergency_again": (
        "【紧急警情未确认】工单{number}（{unit}）仍无人确认，请立即处置并确认：{link}\n"
        "位置：{place}"
    ),
    "alert_section_new": "【新工单】{count}件：",
    "alert_section_due_soon": "【即将超时】{count}件30分钟内需首次答复：",
    "alert_section_overdue": "【已超时】{count}件超过首次答复时限：",
    "alert_line": "· {number} {kind} {unit}，首次答复时限{due}",
    "alert_footer": "详情：{link}",
    # The 警民热线, hotline callers' identity and callbacks (回访) (call centre and officers).
    "hotline_body_not_json": "请求内容不是合法的JSON。",
    "hotline_body_not_object": "请求内容须为JSON对象。",
    "hotline_field_required": "此项必填。",
    "hotline_field_not_text": "此项须为文字。",
    "hotline_field_too_long": "内容过长，最多{max}字。",
    "hotline_field_unpaired_surrogate": "含有无法识别的字符（不成对的代理码位）。",
    "hotline_call_id_invalid": "通话编号只能由字母、数字和 . _ : - 组成，最长128位。",
    "hotline_caller_invalid": "来电号码只能包含数字、+ 和 -。",
    "hotline_started_at_invalid": "通话开始时间须为ISO 8601时间或Unix秒数，且不能晚于当前时间。",
    "hotline_category_invalid": (
        "类别须为 complaint、appointment、feedback、emergency、consult、status、other 之一。"
    ),
    "identity_not_hotline": "只能为热线工单关联公众号群众。",
    "identity_already_linked": "该工单已关联公众号群众。",
    "identity_not_candidate": "该群众不在可能为同一人的名单中，不能关联。",
    "identity_linked_event": "经核实，来电群众与公众号工单{number}的群众为同一人，已关联。",
    "callback_unknown": "没有找到该回访任务，或您无权查看。",
    "callback_outcome_invalid": (
        "回访结果须为 reached（已联系）、not_reached（未联系上）或 resolved（电话中已解决）。"
    ),
    "callback_done": "该回访任务已记录结果。",
    "callback_event_reached": "电话回访：已联系到群众。{note}",
    "callback_event_not_reached": "电话回访：未联系上群众。{note}",
    "callback_event_resolved": "电话回访：问题已在电话中解决。{note}",
    # Officers in the WeCom app (企业微信).
    "wecom_unknown_user": (
        "您的企业微信账号尚未绑定警民通民警账号，无法办理工单。请联系管理员绑定后再试。"
    ),
    "wecom_disabled_user": "您的警民通民警账号已停用，无法办理工单。如需恢复请联系管理员。",
    "wecom_unknown_command": "没有这个命令。发送“帮助”查看可用命令。",
    "wecom_command_failed": (
        "这条命令多次执行失败，未能完成：{command}。请在工作台中办理或稍后重发。"),
    "wecom_text_only": "请发送文字命令。发送“帮助”查看可用命令。",
    "wecom_help": (
        "{name}，您好！可用命令：\n"
        "我的工单 —— 查看您名下未办结的工单\n"
        "接单 工单号 —— 把工单指派给自己\n"
        "回复 工单号 内容 —— 回复群众\n"
        "办结 工单号 办理说明 —— 办结工单\n"
        "收到 工单号 —— 确认收到紧急警情提醒\n"
        "签收 工单号 —— 本单位签收派来的工单\n"
        "退单 工单号 理由 —— 不属本单位的工单退回待分派\n"
        "转工单 内容 —— 把群众在群里反映的问题登记为工单\n"
        "帮助 —— 显示本说明"
    ),
    "wecom_mine_none": "您名下没有未办结的工单。",
    "wecom_mine_head": "您名下未办结工单{count}件：",
    "wecom_mine_line": "· {number} {kind} {priority} {status}：{summary}\n  {details}",
    "wecom_mine_due_first_response": "{due}前首次响应",
    "wecom_mine_due_resolve": "{due}前办结",
    "wecom_mine_place": "地点：{place}",
    "wecom_mine_located": "群众已发送位置（见工作台）",
    "wecom_usage_take": "用法：接单 工单号",
    "wecom_usage_reply": "用法：回复 工单号 内容",
    "wecom_usage_resolve": "用法：办结 工单号 办理说明",
    "wecom_usage_ack": "用法：收到 工单号",
    "wecom_usage_report": "用法：转工单 群众反映的内容",
    "wecom_report_too_long": "内容过长，最多{max}字。",
    "wecom_taken": "已接单：工单{number}已指派给您。",
    "wecom_replied_queued": "已回复：工单{number}的回复将通过公众号发送给群众。",
    "wecom_replied_callback": (
        "已记录：该群众无法在公众号接收消息，已生成回访任务，请致电{phone}告知回复内容"
        "（工单{number}）。"
    ),
    "wecom_replied_recorded": "已记录：工单{number}的群众未留联系方式，回复仅记入工单。",
    "wecom_resolved": "已办结：工单{number}。",
    "wecom_acknowledged": "已确认收到：工单{number}，不再重复提醒。",
    "wecom_ack_none": "没有待确认的紧急警情。确认其他工单请发送：收到 工单号",
    "wecom_ack_which": "有{count}件紧急警情待确认，请发送“收到 工单号”确认其中一件：",
    "wecom_ack_line": "· {number}（{unit}，{at}受理）",
    "wecom_reported": "已登记为工单{number}（{kind}，{priority}），由{unit}办理。",
    # The officers' web console (/console/): its sentences; buttons and headings live in its
    # templates.
    "console_page_unknown": "没有这个页面。",
    "console_queue_mine": "我的工单",
    "console_queue_unit": "本单位",
    # No officer has it yet: any officer of the unit may take it (认领) or sign it. Not
    # 待分派 (ticket_flagged_unassigned): that tag is the supervisors' dispatch (CONTRACT §5).
    "console_queue_unassigned": "待认领",
    "console_queue_overdue": "已超时",
    "console_queue_all": "全部工单",
    "media_unknown": "没有找到该图片或语音，或您无权查看。",
    "saved_reply_unknown": "没有找到该常用回复。",
    "calendar_day_invalid": "日期格式应为 年-月-日，例如 2027-02-06。",
    "calendar_kind_invalid": "请选择休息日或工作日。",
    "calendar_day_unknown": "该日期没有设置过，仍按官方日历。",
    "console_session_expired": "登录已过期（30分钟无操作），请重新登录。",
    "console_csrf_failed": "页面已失效，请刷新后重试。",
    "console_unavailable": "系统暂时无法处理，请稍后重试。",
    "api_unavailable": "数据库暂时不可用，请稍后重试。",
    "api_route_unknown": "没有这个接口。",
    "query_unknown": "此接口没有查询参数“{name}”。",
    "api_method_not_allowed": "此接口不支持该请求方法。",
    "form_not_utf8": "表单内容无法识别（不是 UTF-8 编码）。",
    "body_too_slow": "请求内容未在时限内送达，连接已关闭。",
    "console_logged_out": "已退出登录。",
    "console_bad_input": "{label}填写有误，请检查后重试。",
    "console_replied_queued": "已回复，将通过公众号发送给群众。",
    "console_replied_callback": "已记录：群众无法在公众号接收消息，已生成回访任务，请电话告知。",
    "console_replied_recorded": "已记录：群众未留联系方式，回复仅记入工单。",
    "console_noted": "备注已添加。",
    "console_assigned": "已指派给{officer}。",
    "console_transferred": "已移交{unit}。",
    "console_status_changed": "工单状态已变更为“{status}”。",
    "console_kind_changed": "工单类型已更正为“{kind}”。",
    "console_acknowledged": "已确认收到，不再重复提醒。",
    "console_callback_recorded": "回访结果已记录。",
    "console_saved_reply_added": "常用回复已添加。",
    "console_calendar_set": "{day} 已设为{kind}，办理时限按此计算。",
    "console_calendar_deleted": "{day} 已恢复按官方日历。",
    "console_saved_reply_deleted": "常用回复已删除。",
    "console_contact_revealed": "完整号码已显示，本次查看已记录。",
    # The export through the API.
    "export_week_invalid": "周次格式不正确，应为 YYYY-Www，例如 2026-W48。",
    "export_format_invalid": "导出格式只能是 xlsx 或 csv。",
    "export_unit_unknown": "没有名为“{unit}”的单位。",
    "export_unit_forbidden": "民警只能导出本单位（{unit}）的工单。",
    # Linking a hotline caller to a WeChat resident, from the console.
    "console_linked": "已关联：该群众的公众号工单 {number} 与本工单为同一人。",
    # A resident's words added to a ticket: to its assignee, else to its unit's officers.
    "resident_added_alert": "【群众补充】工单{number}：{text}",
    "resident_withdraws_alert": "【群众申请撤销】工单{number}：{text}（请核实后办结）",
}

# How a refusal names what was asked (CONTRACT §3's rights, §5's moves) and who asked.
ROLE_LABELS = {"officer": "民警", "supervisor": "督办人员", "admin": "管理员"}
ACTION_LABELS = {
    "reply": "回复群众", "note": "添加备注", "assign": "指派", "transfer": "转办到其他单位",
    "status": "变更工单状态", "status_resolved": "办结工单", "status_in_progress": "标为办理中",
    "status_cancelled": "撤销工单", "status_reopened": "重新办理已关闭的工单",
    "kind": "更正工单类型", "acknowledge": "确认警情", "incident": "登记110接警号",
    "sign": "签收", "return": "退单", "supervise": "督办", "followup": "记录差评回访",
    "dispute": "申诉差评", "merge": "合并工单", "followup_officer": "指定回访民警",
}
RIGHT_LABELS = {
    "access_log": "查看民警访问记录", "saved_replies": "管理常用回复",
    "calendar": "修改工作日历", "queues": "查看全部工单",
}
# The fields of officers' requests (API and console forms), as a refusal names them.
FIELD_LABELS = {
    "text": "回复内容", "note": "说明", "reason": "原因", "officer": "民警", "unit": "单位",
    "status": "状态", "kind": "工单类型", "into": "合并到的工单号", "incident_no": "110接警号",
    "due": "办结期限", "outcome": "回访结果", "task": "回访任务", "candidate": "关联的群众",
    "saved": "常用回复", "day": "日期", "week": "周次", "format": "导出格式", "q": "搜索内容",
    "limit": "每页条数", "cursor": "翻页参数", "username": "用户名", "name": "姓名",
    "password": "密码", "role": "角色", "body": "请求内容",
}
