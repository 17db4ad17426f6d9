"""What residents read: greetings, dialogs, answers, verdict questions (zh-CN, keyed by id)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # A resident's everyday request, classified once at start-up to build the classifier's
    # text tools before the first push (nobody reads it).
    "warm_up_request": "楼下有人乱停车，堵住了消防通道",
    # Greeting, help and notices.
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
    # Residents' dialogs and intents.
    # dialog engine
    "dialog_controls": "（回复“返回”修改上一步，“取消”退出）",
    "dialog_controls_optional": "（没有请回复“无”；回复“返回”修改上一步，“取消”退出）",
    "dialog_cancelled": "已取消。如需帮助，可直接发送文字说明。",
    "dialog_at_first_step": "已经是第一步了。",
    "no_dialog_to_control": "当前没有进行中的办理事项。您可以直接发送文字说明需要办理的事情。",
    "choice_out_of_range": "没有这个选项，请回复列表中的数字。",
    "choice_unknown": "没有看懂您的选择，请回复列表中的数字。",
    "answer_empty": "内容不能为空，请再发送一次。",
    # A message written in English: said in both languages, before what follows.
    "english_note": (
        "Our officers read and answer in Chinese, so our replies are in Chinese: a translation "
        "app can help you read them and add details (where, when) in Chinese. "
        "民警以中文办理和答复，如方便请用中文补充地点、时间等情况。"
    ),
    # low confidence
    "quick_menu": "抱歉，没有完全理解您的意思。请问您想办理哪一项？请回复数字：",
    # emergency
    "emergency_info": (
        "遇到正在发生的违法犯罪、人身危险等紧急情况，请立即拨打110；火灾、燃气泄漏拨打119，"
        "急病受伤拨打120，交通事故拨打122，正在被骗转账拨打96110，心理危机可拨打12356。\n"
        "本平台不能代替110报警；值班电话：{phone}。"
    ),
    "area_unknown": "未知",
    # A station called by an area's name (柳园派出所): which unit that area belongs to.
    "station_of_area": "您说的{area}属于{unit}辖区，将由{unit}处理。",
    # complaint / tip
    "complaint_opened": (
        "已受理您反映的问题，工单号{number}，承办单位：{unit}。"
        "民警将在{due}前首次答复您。"
    ),
    # The text named no place: the unit is known once the resident says where (asked next).
    "complaint_opened_unrouted": (
        "已受理您反映的问题，工单号{number}，将按事发地点转交所属派出所办理。"
        "民警将在{due}前首次答复您。"
    ),
    # Before the ticket's number: money sent to a swindler minutes ago can still be stopped.
    "complaint_just_happened": (
        "刚刚发生的案件，请立即拨打110报警，民警可以尽快赶到、及时追查；这里也已为您登记。"
    ),
    "complaint_fraud_paid": (
        "请保存好聊天记录、转账凭证和对方账号，民警核实时需要；如果钱是刚转出的，"
        "请立即拨打110或96110（反诈专线）申请紧急止付。"
    ),
    "complaint_stop_payment": (
        "钱款如果刚刚转出，请立即拨打110或96110（反诈专线）申请紧急止付，越早越有可能拦截。"
    ),
    "complaint_opened_anonymous": (
        "已匿名受理您的举报，工单号{number}。民警看不到您的联系方式，"
        "如需了解进度可在“我的工单”中查询。"
    ),
    "complaint_done": "好的，您反映的问题都已记入工单{number}，民警会尽快处理。",
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
    "name_invalid": "请告诉我们您的真实姓名，例如“张三”（用于民警核对身份）。",
    "ask_confirm": (
        "请确认预约信息：\n业务：{service}\n地点：{unit}\n时间：{time}\n姓名：{name}\n手机号：{phone}\n"
        "回复数字："
    ),
    "appointment_done": (
        "预约申请已提交，工单号{number}。民警确认时间后会通知您，请留意消息。"
    ),
    "appointment_start": "好的，为您预约办理。",
    "unit_to_be_arranged": "由民警根据您的业务安排",
    "service_preselected": "为您预约“{service}”。",
    "forum_preselected": (
        "为您报名警民恳谈会。恳谈会由各派出所定期在社区召开，具体时间和地点由社区民警与您联系确定。"
    ),
    "forum_time_by_officer": "由社区民警通知",
    "confirm_yes": "确认提交",
    "confirm_restart": "重新填写",
    # a resident cancelling their own booking
    "cancel_booking_one": "要取消预约{number}（{summary}）吗？回复数字：",
    "cancel_booking_which": "您有以下待办理的预约，回复序号取消其中一项：",
    "cancel_booking_pick": "{lines}",
    "cancel_booking_yes": "确认取消",
    "cancel_booking_keep": "保留预约",
    "cancel_booking_keep_all": "都保留",
    "cancel_booking_done": "已为您取消预约{number}。如需重新预约，回复“预约”即可。",
    "cancel_booking_kept": "好的，预约保留，民警确认时间后会通知您。",
    "cancel_booking_none": "您目前没有可以取消的预约。如需查看全部工单，请回复“我的工单”。",
    "cancel_booking_event": "群众取消预约",
    # feedback
    "feedback_opened": "感谢您的意见建议，已登记（工单号{number}），我们会认真研究并答复您。",
    "praise_opened": "感谢您对{unit}民警的肯定！已转达（工单号{number}）。",
    "praise_opened_area": "感谢您对民警的肯定！已登记（工单号{number}）。",
    "praise_opened_plain": "感谢您对民警工作的肯定！已转达（工单号{number}）。",
    "feedback_start": "请直接发送您的意见、建议或对民警服务的评价。",
    # a noise nuisance asked about (handlers.intents.nuisance)
    "nuisance_answer": (
        "噪声扰民属于公安机关可以处理的治安问题：按照《治安管理处罚法》，制造噪声干扰他人正常"
        "生活、经劝阻仍不停止的，公安机关可以给予警告，警告后不改正的可以处罚。"
        "社区民警也可以上门了解情况、组织调解。"
    ),
    "reportable_answer": (
        "可以向公安机关报案。正在发生、情况紧急的，请直接拨打110；"
        "不紧急的，可以在这里登记，由民警了解情况后处理。"
    ),
    "nuisance_ask_record": "需要把这件事登记为投诉，由民警处理吗？请回复数字：",
    "nuisance_yes": "需要，登记投诉",
    "nuisance_no": "暂时不用",
    "nuisance_not_recorded": "好的，暂不登记。之后如需民警处理，直接发送情况和地点即可。",
    # consult
    "consult_answer": "{answer}\n如仍有疑问，请继续发送文字说明，我们会转民警解答。",
    "consult_opened": "您的问题已转民警解答（工单号{number}），将在{due}前回复您。",
    # A question of several parts: each answered part under its entry's question, and the
    # parts nothing answers passed on with the whole message.
    "consult_part": "〔{question}〕\n{answer}",
    "consult_parts_left": (
        "您还问到“{parts}”，这部分已转民警解答（工单号{number}），将在{due}前回复您。"
    ),
    # A short follow-up read with the topic just answered: the lead of its answer, and the
    # start of its ticket's text, so resident and officer both see what it follows.
    "followup_topic": "（接上文：{topic}）",
    "followup_units": "各派出所地址、电话和办公时间：",
    # A message the system could not handle after several tries.
    "handling_failed": "抱歉，您的消息未能自动处理，已记录，民警会尽快查看。",
    "handling_failed_ticket": "抱歉，您的消息未能自动处理，已转民警人工处理（工单号{number}），"
                              "将在{due}前回复您。",
    # status
    "status_list_head": "您的工单：",
    "status_line": "{i}. {number} {kind}·{status}，{updated}更新，{next}",
    # A resident who reported by the hotline or at a station has no ticket under this account.
    "status_none": (
        "在本平台没有查到您的工单记录。如果您是通过电话或到派出所反映的，请把事情和大概时间"
        "发给我们，我们转民警核实跟进；如需反映新问题，可直接发送文字说明。"
    ),
    # Asked where to report a matter the message tells: it is taken here.
    "reported_here": "您说的事情在这里就可以反映，不用另找部门，我们已为您登记：",
    "status_not_found": "没有找到您名下的这个工单号，请核对后再试，或回复“我的工单”查看全部。",
    "status_detail": (
        "工单{number}（{kind}）\n状态：{status}\n承办单位：{unit}\n受理时间：{created}\n"
        "最后更新：{updated}\n下一步：{next}"
    ),
    "status_detail_due": "首次答复时限：{due}",
    "status_detail_overdue": "首次答复时限：{due}（已超时）",
    # other
    "other_reply": "您好！如需反映问题、预约办理或咨询，请直接发送文字说明。",
    # Consult knowledge base and the 办事指南 menu (residents).
    "faq_guide_header": "以下是办事指南，回复序号可查看该类常见问题：",
    "faq_guide_footer": "您也可以直接发送想咨询的问题，例如“身份证丢了怎么补办”。",
    "faq_topic_header": "【{topic}】常见问题：",
    "faq_topic_footer": "请直接发送您想了解的问题，我们为您解答。",
    "faq_topic_pick": "回复序号查看解答，也可以直接发送您想了解的问题。",
    "faq_answer_footer": (
        "以上为一般办理规定，具体以派出所户籍窗口答复为准。如仍有疑问，请继续留言说明，"
        "民警会尽快答复您。"
    ),
    # The resident's verdict.
    "verdict_resolution": "{matter}（工单{number}）已办结。\n办理结果：{note}",
    "verdict_ask_solved": "请您评价：问题解决了吗？请回复数字：",
    "verdict_ask_satisfaction": "您对这次办理的总体满意度是？请回复数字：",
    "verdict_ask_details": (
        "如愿意，请分别为服务态度、办理速度、处理结果打分（1到5分），例如“5 4 5”。"
    ),
    "verdict_details_invalid": "请按“服务态度 办理速度 处理结果”回复三个1到5的数字，例如“5 4 5”。",
    "verdict_satisfaction_unclear": (
        "请回复1到5的数字（5为非常满意），也可以直接说“满意”“一般”“不满意”。"
    ),
    "verdict_ask_comment": "还有什么意见或建议吗？请直接发送。",
    "verdict_thanks_solved": "感谢您的评价！工单{number}已关闭。您的评价是我们改进工作的依据。",
    "verdict_thanks_unsolved": (
        "感谢您的反馈！工单{number}已重新交民警办理，民警会尽快与您联系。"
    ),
    "verdict_cancelled": "好的，不评价也没关系。如有需要，随时发送消息。",
    "verdict_reminder": "您好，{matter}（工单{number}）已办结，还没有收到您的评价。",
    "verdict_reopened_alert": (
        "【重新办理】工单{number}：群众反馈问题未解决，已重新打开，请尽快处理。"
    ),
    "verdict_event_solved": "群众评价：问题已解决",
    "verdict_event_unsolved": "群众评价：问题未解决",
    "verdict_event_satisfaction": "满意度：{score}分",
    "verdict_event_details": "服务态度、办理速度、处理结果：{scores}",
    "verdict_event_comment": "群众意见：{comment}",
    "verdict_event_timeout": "7天内未评价，系统自动关闭",
    # Replies WeChat would not deliver.
    "held_callback_event": "微信48小时回复期已过，答复未能送达，已生成回访任务",
    "held_intro": "【此前的答复】",
    "delivery_dead_event": "消息多次发送失败，未能送达群众，请改用电话联系",
    "template_notice": "您的工单有新的答复，请在本公众号发送任意消息查看。",
    # Checked answers (issue 14.4): times, names, a number quoted in a report.
    "time_invalid": (
        "没有看懂您希望的时间。"
        "请写明哪一天、上午还是下午，例如“下周一上午”“12月8日下午3点”。"
    ),
    "time_past": "{when}已经过去了，请换一个以后的时间，例如“下周一上午”。",
    "time_too_far": "只能预约{days}天以内的时间，请换一个近一些的日子，例如“下周一上午”。",
    "time_outside_hours": (
        "{when}不在办公时间内，当天办公时间为{hours}。"
        "请换一个时间，例如“下周一上午”。"
    ),
    "time_closed": "{day}不办公。最近的办公时间：{next}。请换一个时间。",
    "phone_owner_ask": (
        "您消息里提到的号码{phone}，这是您本人的联系电话吗？\n"
        "1. 是，民警可以打这个号码联系我\n2. 不是（例如是对方或骗子的号码）\n"
        "也可以直接发送您本人的手机号。"
    ),
    "phone_owner_unclear": "请回复1（是本人的电话）或2（不是），也可以直接发送您本人的手机号。",
    "phone_quoted_event": "群众留言中的号码{phone}：{owner}",
    "phone_quoted_own": "群众确认为本人电话",
    "phone_quoted_other": "群众确认不是本人电话（如对方或骗子的号码）",
    # A question or courtesy in the middle of a dialog: answered, then the step again.
    "dialog_aside_courtesy": "您好，我们还在办理刚才的事情。",
    "dialog_aside_thanks": "不客气。",
    # Courtesy (issue 14.5): one short line; the menu only when asked or after a pause.
    "courtesy_greeting": "您好！请直接说明您要反映或办理的事情，回复“菜单”可查看能办理的事项。",
    "courtesy_greeting_back": "您好，欢迎回来！请问有什么可以帮您？",
    "courtesy_thanks": "不客气，有需要随时给我们留言。",
    "courtesy_emoji": "收到！如需办理事项，请直接发送文字说明。",
    "courtesy_other": (
        "您好！如需反映问题、预约办理或咨询，请直接发送文字说明；"
        "回复“菜单”查看能办理的事项。"
    ),
    "menu_digit_unknown": "这个数字没有对应的选项，请在下面的列表中选择：",
    "menu_head": "您好，这里是东昌府公安警民通。请回复数字，或直接发送文字说明：",
    "menu_complaint": "反映问题、投诉举报",
    "menu_appointment": "预约办理户籍、身份证、居住证、证明等业务",
    "menu_consult": "咨询办事材料、办公时间和地址",
    "menu_feedback": "意见建议、评价民警服务",
    "menu_status": "查询办理进度",
    "menu_footer": "每一件事都有民警负责到底，办结后请您评价。",
    "status_list_pick": "{lines}\n回复序号查看详情。",
    "menu_consult_chosen": "请直接发送您想咨询的问题，例如“身份证丢了怎么补办”。",
    # The verdict heard in words (issue 14.5).
    "verdict_solved_unclear": (
        "请问问题解决了吗？回复1（已解决）或2（未解决）；"
        "未解决也可以直接说明原因。"
    ),
    "verdict_event_unsolved_reason": "群众评价：问题未解决。原因：{reason}",
    "booking_cancelled_alert": "【预约取消】工单{number}：群众已取消该预约，无需再安排。",
    "verdict_reopened_reason_alert": (
        "【重新办理】工单{number}：群众反馈问题未解决，已重新打开，请尽快处理。\n群众原话：{reason}"
    ),
    # The branch's own facts (issue 14.6), from the configuration and the working calendar.
    "unit_address": "地址：{address}",
    "unit_map": "位置（地图）：{map_url}",
    "unit_phone": "电话：{phone}",
    "unit_hours": "办公时间：{hours}（法定节假日休息，调休上班日照常办公）",
    "day_open": "{day}{who}正常办公，办公时间{hours}。",
    "day_open_makeup": "{day}是调休上班日，{who}照常办公，办公时间{hours}。",
    "day_closed": "{day}{who}不办公。最近的办公时间：{next}。",
    "consult_none": "这个问题我们需要请民警来解答。",
}
