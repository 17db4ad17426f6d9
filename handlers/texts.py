"""Every sentence residents and officers read, in zh-CN, keyed by id."""

from __future__ import annotations

# §4: every greeting and automatic reply ends with this line.
LINE_110 = "本平台非24小时值守，紧急情况请拨打110。"

_TEXTS: dict[str, str] = {
    "welcome": (
        "您好，欢迎关注聊城市公安局东昌府分局警民通！\n"
        "在这里您可以：\n"
        "· 反映问题、投诉举报（邻里纠纷、噪音扰民、诈骗线索等）\n"
        "· 预约办理户籍、身份证、居住证等业务\n"
        "· 咨询办事材料、办公时间和地址\n"
        "· 提出意见建议，评价我们的服务\n"
        "· 查询您反映问题的办理进度\n"
        "直接发送文字说明情况即可，我们会尽快安排民警处理。"
    ),
    "help": (
        "您好，这里是东昌府公安警民通。您可以直接发送文字：\n"
        "1. 反映问题或投诉举报，请说明事情经过和地点；\n"
        "2. 预约办理户籍、身份证、居住证、开具证明等业务；\n"
        "3. 咨询办事所需材料、办公时间和地址；\n"
        "4. 提出意见建议或评价民警服务；\n"
        "5. 查询已反映问题的办理进度。\n"
        "每一件事都有民警负责到底，办结后请您评价。"
    ),
    "media_received": "已收到您发送的内容。请再用文字简要说明情况，方便民警尽快处理。",
    "rate_limited": (
        "您发送消息较频繁，我们已全部收到，将按顺序逐条处理并回复，请稍候，不必重复发送。"
    ),
    # `jingmin menu push` (officers at the terminal)
    "menu_pushed": "菜单已推送 (menu pushed)",
    "menu_recorded": "本地模式：菜单已记录，未发送 (local mode: menu recorded, not sent)",
    "menu_push_failed": "菜单推送失败 (menu push failed): {error}",
}

# Texts that are automatic replies and so carry the 110 line.
_WITH_110 = frozenset({"welcome", "help", "media_received", "rate_limited"})


def text(key: str, **values: object) -> str:
    """The sentence `key`, filled with `values`, ending with the 110 line where §4 asks."""
    body = _TEXTS[key].format(**values) if values else _TEXTS[key]
    if key in _WITH_110:
        return f"{body}\n{LINE_110}"
    return body


def keys() -> frozenset[str]:
    """Every text id, for tests."""
    return frozenset(_TEXTS)


# Tickets and the work calendar (officers).
_TEXTS.update({
    "ticket_flagged_unassigned": "待分派",
    "calendar_missing_year": (
        "{years}年的法定节假日和调休安排尚未录入，工单办理时限暂按周末和常规节日估算，"
        "请在工作日历中补录。"
    ),
})


def with_110(body: str) -> str:
    """`body` ending with the 110 line (once), as every automatic reply must (§4)."""
    if not body or body.rstrip().endswith(LINE_110):
        return body
    return f"{body}\n{LINE_110}"


# Labels shown to residents and officers (contract §6).
KIND_LABELS = {"complaint": "投诉举报", "appointment": "预约办理", "feedback": "意见建议",
               "emergency": "紧急警情", "consult": "咨询"}
STATUS_LABELS = {"new": "待受理", "assigned": "已派单", "in_progress": "办理中",
                 "resolved": "已办结", "closed": "已关闭", "reopened": "重新办理",
                 "cancelled": "已撤销"}
CHANNEL_LABELS = {"wechat": "公众号", "wecom": "企业微信", "hotline": "热线", "console": "窗口"}
# What happens next, by status, for 我的工单.
NEXT_STEP = {"new": "等待分派民警", "assigned": "民警将尽快与您联系",
             "in_progress": "民警正在办理", "resolved": "请您评价办理结果",
             "closed": "已办结归档", "reopened": "民警重新办理中", "cancelled": "已撤销"}

# Residents' dialogs and intents.
_TEXTS.update({
    # dialog engine
    "dialog_controls": "（回复“返回”修改上一步，“取消”退出）",
    "dialog_controls_optional": "（没有请回复“无”；回复“返回”修改上一步，“取消”退出）",
    "dialog_cancelled": "已取消。如需帮助，可直接发送文字说明。",
    "dialog_at_first_step": "已经是第一步了。",
    "no_dialog_to_control": "当前没有进行中的办理事项。您可以直接发送文字说明需要办理的事情。",
    "choice_out_of_range": "没有这个选项，请回复列表中的数字。",
    "choice_unknown": "没有看懂您的选择，请回复列表中的数字。",
    "answer_empty": "内容不能为空，请再发送一次。",
    # low confidence
    "quick_menu": "抱歉，没有完全理解您的意思。请问您想办理哪一项？请回复数字：",
    # emergency
    "emergency_reply": (
        "请立即拨打110！\n{unit}值班电话：{phone}\n"
        "已通知值班民警（工单号{number}）。如方便，请发送您所在的位置。"
    ),
    "emergency_reply_no_phone": (
        "请立即拨打110！\n已通知值班民警（工单号{number}）。如方便，请发送您所在的位置。"
    ),
    "emergency_joined": "请立即拨打110！您补充的情况已记入工单{number}，值班民警会看到。",
    "emergency_info": (
        "遇到正在发生的违法犯罪、人身危险、火灾、交通事故伤人等紧急情况，请立即拨打110。\n"
        "本平台不能代替110报警；值班电话：{phone}。"
    ),
    "alert_emergency": (
        "【紧急警情】工单{number}\n类型：{kind}\n单位：{unit}\n区域：{area}\n"
        "请立即处置并在系统中确认：{link}"
    ),
    "area_unknown": "未知",
    # complaint / tip
    "complaint_opened": (
        "已受理您反映的问题，工单号{number}，承办单位：{unit}。"
        "民警将在{due}前首次答复您。"
    ),
    "complaint_opened_anonymous": (
        "已匿名受理您的举报，工单号{number}。民警看不到您的联系方式，"
        "如需了解进度可在“我的工单”中查询。"
    ),
    "ask_where": "请问事情发生的具体地点在哪里？（如：古楼街道某小区某号楼）",
    "ask_when": "请问事情发生在什么时间？（如：每天晚上10点以后、今天下午3点）",
    "ask_phone": "请留下您的联系电话（手机号），方便民警回访。",
    "ask_photos": "如有照片、视频或语音，可以直接发送；发送完或没有请回复“无”。",
    "complaint_done": "补充情况已记入工单{number}，民警会尽快处理。",
    "complaint_details_stopped": (
        "好的，不再补充。您反映的问题已受理（工单号{number}），民警会尽快处理。"
    ),
    "complaint_start": "请直接描述您要反映的问题，包括发生了什么、在哪里、什么时间。",
    "attached": "已收到，已补充到工单{number}。",
    "routed_by_place": "按事发地点分派至{unit}",
    "attached_photo": "照片已补充到工单{number}，还有可以继续发送。",
    "voice_unrecognized": "语音暂时无法识别，请用文字再说明一下。",
    "location_received": "已收到您的位置。请再用文字说明需要办理的事情。",
    "phone_invalid": "手机号格式不对，请发送11位手机号。",
    # appointment
    "ask_service": "请问您要预约办理哪项业务？请回复数字：",
    "ask_time": "请问您希望什么时间办理？（如：下周一上午、12月3日下午）",
    "ask_name": "请告诉我们您的姓名。",
    "name_invalid": "姓名请填写2到20个字。",
    "ask_confirm": (
        "请确认预约信息：\n业务：{service}\n时间：{time}\n姓名：{name}\n手机号：{phone}\n"
        "回复数字："
    ),
    "appointment_done": (
        "预约申请已提交，工单号{number}。民警确认时间后会通知您，请留意消息。"
    ),
    "appointment_start": "好的，为您预约办理。",
    "service_preselected": "为您预约“{service}”。",
    "confirm_yes": "确认提交",
    "confirm_restart": "重新填写",
    # feedback
    "feedback_opened": "感谢您的意见建议，已登记（工单号{number}），我们会认真研究并答复您。",
    "praise_opened": "感谢您对{unit}民警的肯定！已转达（工单号{number}）。",
    "feedback_start": "请直接发送您的意见、建议或对民警服务的评价。",
    # consult
    "consult_answer": "{answer}\n如仍有疑问，请继续发送文字说明，我们会转民警解答。",
    "consult_opened": "您的问题已转民警解答（工单号{number}），将在{due}前回复您。",
    # status
    "status_list_head": "您的工单：",
    "status_line": "{i}. {number} {kind}·{status}，{updated}更新，{next}",
    "status_none": "您目前没有工单记录。如需反映问题，可直接发送文字说明。",
    "status_not_found": "没有找到您名下的这个工单号，请核对后再试，或回复“我的工单”查看全部。",
    "status_detail": (
        "工单{number}（{kind}）\n状态：{status}\n承办单位：{unit}\n受理时间：{created}\n"
        "最后更新：{updated}\n下一步：{next}"
    ),
    # other
    "other_reply": "您好！如需反映问题、预约办理或咨询，请直接发送文字说明。",
})


# Consult knowledge base and the 办事指南 menu (residents).
_TEXTS.update({
    "faq_guide_header": "以下是办事指南，回复序号可查看该类常见问题：",
    "faq_guide_footer": "您也可以直接发送想咨询的问题，例如“身份证丢了怎么补办”。",
    "faq_topic_header": "【{topic}】常见问题：",
    "faq_topic_footer": "请直接发送您想了解的问题，我们为您解答。",
    "faq_answer_footer": (
        "以上为一般办理规定，具体以派出所户籍窗口答复为准。如仍有疑问，请继续留言说明，"
        "民警会尽快答复您。"
    ),
})


# Officers: accounts, the console's login, the workflow's refusals (API and console).
_TEXTS.update({
    "contact_anonymous": "匿名",
    "reply_to_resident": "关于您反映的问题（工单号{number}），民警答复如下：\n{text}",
    "login_failed": "用户名或密码错误。",
    "login_locked": "密码错误次数过多，账号已锁定15分钟，请稍后再试。",
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
    "forbidden_role": "您的角色无权进行此操作。",
    "forbidden_supervisor_only": "仅限所长、指挥人员等督办角色查看。",
    "forbidden_assign_taken": "该工单已有责任民警，只有督办人员可以改派。",
    "forbidden_assign_others": "民警只能认领给自己，指派他人需督办人员操作。",
    "forbidden_not_assignee": "只有责任民警或督办人员可以办结此工单。",
    "contact_anonymous_hidden": "匿名举报，不显示联系方式。",
    "contact_none": "该工单没有联系方式。",
    "invalid_body": "请求内容不是有效的JSON对象。",
    "body_too_large": "请求内容过大。",
    "field_required": "此项必填。",
    "field_not_text": "此项须为文字。",
    "field_too_long": "内容过长，最多{max}字。",
    "field_control_chars": "含有不可见的控制字符。",
    "invalid_cursor": "翻页参数无效。",
    "invalid_limit": "每页条数须为1到200的整数。",
    "status_unknown": "未知的工单状态。",
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
})


# The weekly export, the figures and the police-group summary (officers).
_TEXTS.update({
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
})

# Column headers of the export (§6 first, in this order) and of the figures (§7).
EXPORT_HEADERS = ("工单号", "类型", "优先级", "状态", "渠道", "受理时间", "所属单位", "责任民警",
                  "内容摘要", "是否超时", "最后更新时间", "联系方式",
                  "已办天数", "时限状态", "最后动作")
KPI_HEADERS = ("单位", "受理量", "办结率", "按时办结率", "首次响应中位数", "首次响应P90",
               "满意率", "解决率")
# Timeline event types as officers read them (最后动作).
EVENT_LABELS = {"created": "受理", "message_in": "群众留言", "auto_reply": "自动回复",
                "reply_out": "回复群众", "note": "备注", "assigned": "派单",
                "transferred": "转办", "status": "状态变更", "verdict": "群众评价",
                "alert": "警情提醒", "delivery_failed": "发送失败",
                "contact_revealed": "查看联系方式", "exported": "导出"}


# The resident's verdict.
_TEXTS.update({
    "verdict_resolution": "您反映的问题（工单{number}）已办结。\n办理结果：{note}",
    "verdict_ask_solved": "请您评价：问题解决了吗？请回复数字：",
    "verdict_ask_satisfaction": "您对这次办理的总体满意度是？请回复数字：",
    "verdict_ask_details": (
        "如愿意，请分别为服务态度、办理速度、处理结果打分（1到5分），例如“5 4 5”。"
    ),
    "verdict_details_invalid": "请按“服务态度 办理速度 处理结果”回复三个1到5的数字，例如“5 4 5”。",
    "verdict_ask_comment": "还有什么意见或建议吗？请直接发送。",
    "verdict_thanks_solved": "感谢您的评价！工单{number}已关闭。您的评价是我们改进工作的依据。",
    "verdict_thanks_unsolved": (
        "感谢您的反馈！工单{number}已重新交民警办理，民警会尽快与您联系。"
    ),
    "verdict_cancelled": "好的，不评价也没关系。如有需要，随时发送消息。",
    "verdict_reminder": "您好，您反映的问题已办结，还没有收到您的评价。",
    "verdict_reopened_alert": (
        "【重新办理】工单{number}：群众反馈问题未解决，已重新打开，请尽快处理。"
    ),
    "verdict_event_solved": "群众评价：问题已解决",
    "verdict_event_unsolved": "群众评价：问题未解决",
    "verdict_event_satisfaction": "满意度：{score}分",
    "verdict_event_details": "服务态度、办理速度、处理结果：{scores}",
    "verdict_event_comment": "群众意见：{comment}",
    "verdict_event_timeout": "7天内未评价，系统自动关闭",
})


# The police group's alerts (no phone numbers, names or residents' words).
_TEXTS.update({
    "alert_emergency_again": (
        "【紧急警情未确认】工单{number}（{unit}）仍无人确认，请立即处置并确认：{link}"
    ),
    "alert_section_new": "【新工单】{count}件：",
    "alert_section_due_soon": "【即将超时】{count}件30分钟内需首次答复：",
    "alert_section_overdue": "【已超时】{count}件超过首次答复时限：",
    "alert_line": "· {number} {kind} {unit}，首次答复时限{due}",
    "alert_footer": "详情：{link}",
})


# The 警民热线, hotline callers' identity and callbacks (回访) (call centre and officers).
_TEXTS.update({
    "hotline_body_not_json": "请求内容不是合法的JSON。",
    "hotline_body_not_object": "请求内容须为JSON对象。",
    "hotline_field_required": "此项必填。",
    "hotline_field_not_text": "此项须为文字。",
    "hotline_field_too_long": "内容过长，最多{max}字。",
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
})

# Officers in the WeCom app (企业微信).
_TEXTS.update({
    "wecom_unknown_user": (
        "您的企业微信账号尚未绑定警民通民警账号，无法办理工单。请联系管理员绑定后再试。"
    ),
    "wecom_unknown_command": "没有这个命令。发送“帮助”查看可用命令。",
    "wecom_text_only": "请发送文字命令。发送“帮助”查看可用命令。",
    "wecom_help": (
        "{name}，您好！可用命令：\n"
        "我的工单 —— 查看您名下未办结的工单\n"
        "接单 工单号 —— 把工单指派给自己\n"
        "回复 工单号 内容 —— 回复群众\n"
        "办结 工单号 办理说明 —— 办结工单\n"
        "收到 工单号 —— 确认收到紧急警情提醒\n"
        "转工单 内容 —— 把群众在群里反映的问题登记为工单\n"
        "帮助 —— 显示本说明"
    ),
    "wecom_mine_none": "您名下没有未办结的工单。",
    "wecom_mine_head": "您名下未办结工单{count}件：",
    "wecom_mine_line": "· {number} {kind} {priority} {status}：{summary}",
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
    "wecom_reported": "已登记为工单{number}（{kind}，{priority}），由{unit}办理。",
})

EVENT_LABELS.update({"linked": "关联群众", "callback": "电话回访", "acknowledged": "确认收到"})


# Replies WeChat would not deliver.
_TEXTS.update({
    "held_callback_event": "微信48小时回复期已过，答复未能送达，已生成回访任务",
    "held_intro": "【此前的答复】",
    "delivery_dead_event": "消息多次发送失败，未能送达群众，请改用电话联系",
    "template_notice": "您的工单有新的答复，请在本公众号发送任意消息查看。",
})

# The officers' web console (/console/): its sentences; buttons and headings live in its
# templates.
_TEXTS.update({
    "console_page_unknown": "没有这个页面。",
    "media_unknown": "没有找到该图片或语音，或您无权查看。",
    "saved_reply_unknown": "没有找到该常用回复。",
    "console_session_expired": "登录已过期（30分钟无操作），请重新登录。",
    "console_csrf_failed": "页面已失效，请刷新后重试。",
    "console_forbidden": "您无权进行此操作。",
    "console_unavailable": "系统暂时无法处理，请稍后重试。",
    "console_logged_out": "已退出登录。",
    "console_bad_input": "填写的内容有误，请检查后重试。",
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
    "console_saved_reply_deleted": "常用回复已删除。",
    "console_contact_revealed": "完整号码已显示，本次查看已记录。",
})


# The export through the API.
_TEXTS.update({
    "export_week_invalid": "周次格式不正确，应为 YYYY-Www，例如 2026-W48。",
    "export_format_invalid": "导出格式只能是 xlsx 或 csv。",
})


# Linking a hotline caller to a WeChat resident, from the console.
_TEXTS.update({
    "console_linked": "已关联：该群众的公众号工单 {number} 与本工单为同一人。",
})
