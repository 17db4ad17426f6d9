"""What emergencies say: to residents (the numbers of each kind, a caring answer, where are
you), to officers (alerts, escalations, the 110 incident number) and in the timeline."""

from __future__ import annotations

# §4's emergency kinds as officers read them.
EMERGENCY_KIND_LABELS = {
    "self_harm": "自伤自杀", "fire": "火灾燃气", "traffic": "交通事故", "crime": "违法犯罪",
    "medical": "急病受伤", "fraud": "正在被骗", "missing": "人员走失", "other": "其他",
}
# The numbers residents are told, with what each one is.
NUMBER_LABELS = {
    "110": "报警", "119": "火警", "120": "急救", "122": "交通事故报警", "96110": "反诈专线",
    "12356": "心理援助热线",
}
# How alerts reach officers, for the timeline.
ROUTE_LABELS = {"robot": "警务群机器人", "app": "企业微信应用消息", "sms": "短信"}

TEXTS: dict[str, str] = {
    # Residents: the first answer to an emergency, assembled from these parts.
    "emergency_call": "请立即拨打{numbers}！",
    "emergency_number": "{number}（{label}）",
    # Before the menu, when a danger might be happening but the words left it unclear.
    "maybe_danger": "如果危险正在发生，请立即拨打110（火灾119，急救120），不要等待这里的回复。",
    "emergency_advice_fire": "请先撤离到安全的地方，不要乘坐电梯；闻到燃气味不要开关电器、"
                             "不要用明火，能做到的话开窗通风。",
    "emergency_advice_traffic": "请打开危险报警闪光灯，在车后方放置警告标志，人员转移到路边"
                                "安全处；不要随意搬动伤员。",
    "emergency_advice_medical": "请不要随意搬动伤者，按120调度员的指导施救，有人陪在身边。",
    "emergency_advice_crime": "请先确保自身安全，远离危险，不要与对方正面冲突。",
    "emergency_advice_fraud": "请马上停止转账、付款！不要再向对方转任何钱，不要透露验证码和"
                              "银行卡信息。96110是全国反诈专线。",
    "emergency_advice_missing": "报警不需要等24小时。请准备好走失者的近照、衣着特征和最后"
                                "出现的地点。",
    "emergency_advice_rescue": "119消防救援也负责被困、落水、坍塌等抢险救援。请不要贸然施救，"
                               "在安全的地方等待救援，有变化随时告诉我们。",
    "emergency_caring": (
        "谢谢你愿意告诉我们。你现在的感受很重要，你并不孤单。\n"
        "如果你或身边的人正处在危险中，请立即拨打110或120，他们会马上赶来帮忙。\n"
        "想找人说说话，可以拨打心理援助热线12356，那里有专业的人愿意倾听，陪你一起面对。\n"
        "如果可以，请先离开可能伤害自己的东西，待在有人陪伴的地方；如果是身边的人有危险，"
        "请尽量陪着他（她），不要让其独处。"
    ),
    "emergency_caring_also": "另外，请拨打{numbers}。",
    "emergency_unit_phone": "{unit}值班电话：{phone}",
    "emergency_recorded": "已登记为紧急工单{number}，通知到值班民警后会再告诉您。",
    "emergency_recorded_caring": "我们已记下（工单号{number}），通知到值班民警后会告诉你。",
    "emergency_ask_location": (
        "请发送您现在的位置，方便民警尽快找到您：点菜单“我要反映→发送位置”，或点“＋”→“位置”。"
    ),
    "emergency_ask_location_caring": (
        "如果愿意，请告诉我们你在哪里：点菜单“我要反映→发送位置”，或点“＋”→“位置”。"
    ),
    "emergency_joined_more": "您补充的情况已记入工单{number}，值班民警会看到。",
    "emergency_place_told": (
        "已记下您说的地点：{place}（工单{number}），已告知值班民警。情况危急请直接拨打110。"
    ),
    # Sent (customer-service message) once an alert has reached officers, never before.
    "emergency_alert_delivered": (
        "已通知到值班民警（工单号{number}），请保持电话畅通，情况有变化请继续在这里告诉我们。"
        "情况危急请直接拨打110。"
    ),
    # "我要报警" and the like: 110 first, and an offer to record the matter here.
    "report_request": (
        "如需报警，请直接拨打110，民警会马上处理。\n"
        "如果事情不紧急，也可以在这里登记，我们会安排民警处理。"
    ),
    # Residents' locations.
    "location_coordinates": "纬度{lat:.5f}，经度{lng:.5f}",
    "location_attached": "已收到您的位置（{place}），已补充到工单{number}。",
    "location_attached_emergency": (
        "已收到您的位置（{place}），已记入紧急工单{number}，民警会据此尽快找到您。"
        "情况危急请直接拨打110。"
    ),
    "send_location_howto": (
        "请点菜单“我要反映→发送位置”，或点输入框旁的“＋”→“位置”，发送您所在的位置；"
        "正在反映的问题会记下这个位置。"
    ),
    # Officers: alerts (the police group or the WeCom app) and escalations.
    "alert_emergency": (
        "【紧急警情】工单{number}\n类型：{kind}（{emergency_kind}）\n单位：{unit}\n"
        "区域：{area}\n位置：{place}\n请立即处置并在系统中确认：{link}"
    ),
    # 区域 of an emergency routed by the resident's shared location, not by words.
    "alert_area_nearest": "按群众位置，距{unit}{distance}",
    "alert_place_unknown": "未知{asked}",
    "alert_place_said": "群众所述：{place}{asked}",
    "alert_place_asked": "（已请群众发送位置）",
    "alert_place_map": "{place} 地图：{map_url}",
    "alert_place_told": "【警情位置】工单{number}（{unit}）群众告知地点：{place}\n详情：{link}",
    "event_place_told": "群众告知地点：{place}",
    "alert_location": "【警情位置】工单{number}（{unit}）群众发来位置：{place}\n详情：{link}",
    "escalation": (
        "【紧急警情升级】工单{number}（{emergency_kind}，{unit}）{reason}。"
        "请立即处置并在系统中确认收到：{link}\n位置：{place}"
    ),
    "escalation_alert_failed": "警务群提醒未能送达",
    "escalation_unacknowledged": "已{minutes}分钟无人确认收到",
    "escalation_no_route": "没有可用的提醒渠道",
    # Timeline texts.
    # Before an officers' message sent again after a crash: it may have gone out already.
    "maybe_repeated": "（系统重启后补发，可能与上一条重复）\n",
    "event_alert_sent": "警情提醒已送达（{route}）",
    "event_alert_failed": "警情提醒发送失败（{route}）：{error}",
    "event_escalated": "已升级提醒：{reason}；企业微信{app}人，短信{sms}人",
    "event_location": "群众位置：{place}",
    "event_incident_no": "110接警编号：{incident_no}",
    # Officers recording the 110 接警 number.
    "incident_no_invalid": "接警编号只能包含字母、数字和 - _ /，最长32位。",
    "conflict_incident_not_emergency": "只有紧急警情需要记录110接警编号。",
    "console_incident_recorded": "110接警编号已记录：{incident_no}。",
}
